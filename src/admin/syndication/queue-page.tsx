/** What the syndication desk's admin routes share: the signed-in editor, the page frame, form fields and refusals. */
import type { Context, Hono, Input } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';
import type { SessionUser } from '../../accounts/sessions.ts';
import { PublicError } from '../../http/errors.tsx';
import { htmlPage } from '../../http/respond.ts';
import { isIsoDate } from '../../shared/time.ts';
import type { Child } from '../../site/jsx/jsx-runtime.ts';
import type { DeskActor } from '../../syndication/licence-issue.ts';
import { LICENCE_STYLES_PATH } from '../../syndication/licence-styles.ts';
import { AdminLayout } from '../admin-layout.tsx';
import { clientIp, staffMember } from '../session-middleware.ts';

/** A request context of any route. */
export type AnyContext = Context<AppEnv, string, Input>;

/** A posted form. */
export type Form = Record<string, string | File>;

/** Path pattern of a record number. */
export const ID_ROUTE = ':id{[1-9][0-9]{0,9}}';

/** The record number in the path (the pattern admits digits only). */
export function pathId(c: AnyContext): number {
  return Number(c.req.param('id'));
}

/** A text field of a form ('' when missing or a file); line endings normalised. */
export function field(form: Form, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '';
}

/** Several text fields at once. */
export function fields<K extends string>(form: Form, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, field(form, name)])) as Record<K, string>;
}

/** The desk member making a change, for history and audit. */
export function actorOf(c: AnyContext, user: SessionUser): DeskActor {
  return { userId: user.id, ip: clientIp(c) };
}

/** A query string of the non-empty values. */
export function withQuery(path: string, values: Record<string, string | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** A real calendar date from a query or form ('' allowed); anything else, 2026-02-31 included, is a 400 naming the field. */
export function dateParam(value: string | undefined, name: string): string {
  const text = (value ?? '').trim();
  if (text === '') return '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new PublicError(400, `The "${name}" value in this address must be a date like 2026-12-31.`);
  if (!isIsoDate(text)) throw new PublicError(400, `The "${name}" value in this address, ${text}, is not a day of the calendar; use a real date like 2026-12-31.`);
  return text;
}

/** `?after=` markers: a creation time and an id. */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([1-9][0-9]{0,14})$/;

/** Reads `?after=`; a value this admin did not make is a 400. */
export function cursorParam(c: AnyContext): { createdAt: string; id: number } | null {
  const raw = c.req.query('after');
  if (raw === undefined || raw === '') return null;
  const match = CURSOR.exec(raw);
  if (!match?.[1] || !match[2]) throw new PublicError(400, 'The "after" value in this address is not a valid page marker.');
  return { createdAt: match[1], id: Number(match[2]) };
}

/** Writes a page marker. */
export function cursorText(cursor: { createdAt: string; id: number }): string {
  return `${cursor.createdAt}_${cursor.id}`;
}

/** Registers one GET or POST route for editors (`syndication.manage`, CSRF checked on posts). */
export function deskRoute(app: Hono<AppEnv>, ctx: AppContext, method: 'get' | 'post', path: string, handler: (c: AnyContext, user: SessionUser, form: Form) => Promise<Response>): void {
  app.on(method.toUpperCase(), path, async (c) => {
    const form: Form | null = method === 'post' ? await c.req.parseBody() : null;
    const user = await staffMember(c, ctx, 'syndication.manage', { form, refusal: 'Only editors, admins and owners can handle republishing requests and licences.' });
    if (user instanceof Response) return user;
    return handler(c, user, form ?? {});
  });
}

/** Renders a desk page in the admin frame with the licensing stylesheet. */
export async function deskPage(c: AnyContext, ctx: AppContext, user: SessionUser, title: string, body: Child, status = 200): Promise<Response> {
  const catalog = await ctx.catalog();
  return htmlPage(
    c,
    ctx,
    <AdminLayout title={title} user={user} assetPath={ctx.assetPath} siteName={catalog.site.name} current="/admin/syndication" styles={[LICENCE_STYLES_PATH]}>
      {body}
    </AdminLayout>,
    { status, cacheable: false, language: 'en' },
  );
}

/**
 * Admin pages for newsletters, their promo rules and their subscribers. Lists and rules
 * are the desk's (`newsletters.manage`); readers' personal data (the subscriber pages,
 * adding, unsubscribing, marking complained and erasing one reader, import, export) is the
 * administrators' (`subscribers.manage`). Handlers stay thin: read
 * the form, check CSRF and the policy, run a command from src/newsletters, then redirect
 * with a notice (303), show the form again with its problems (422/400), or answer 403/404.
 */
import type { Context, Hono, Input } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext, AppEnv } from '../../app-context.ts';
import { recordAudit } from '../../accounts/audit.ts';
import { can } from '../../accounts/policy.ts';
import type { SessionUser } from '../../accounts/sessions.ts';
import type { ActingContext } from '../../accounts/user-management.ts';
import type { SubscriptionStatus } from '../../db/schema-newsletters.ts';
import { PublicError, errorPage } from '../../http/errors.tsx';
import { htmlPage } from '../../http/respond.ts';
import { ImportFileError, MAX_IMPORT_BYTES, importSubscribers } from '../../newsletters/import.ts';
import {
  NEWSLETTER_FIELDS,
  NewsletterNotFoundError,
  addPromoRule,
  createNewsletter,
  deleteNewsletter,
  deletePromoRule,
  deletionBlocker,
  getNewsletter,
  listNewsletters,
  rulesOf,
  updateNewsletter,
} from '../../newsletters/lists.ts';
import type { Newsletter } from '../../newsletters/lists.ts';
import { SubscriberConflictError, SubscriberNotFoundError, addReader, eraseReader, markReaderComplained, readerOnList, unsubscribeReader } from '../../newsletters/subscriber-actions.ts';
import { MAX_SUBSCRIBER_SEARCH, SUBSCRIPTION_STATUSES, exportSubscribersCsv, listSubscribers } from '../../newsletters/subscriber-admin.ts';
import type { SubscriberQuery } from '../../newsletters/subscriber-admin.ts';
import { ValidationError } from '../../shared/validation.ts';
import type { Child } from '../../site/jsx/jsx-runtime.ts';
import { formTexts } from '../../taxonomy/common.ts';
import { AdminLayout } from '../admin-layout.tsx';
import { clientIp, staffMember } from '../session-middleware.ts';
import { EMPTY_NEWSLETTER, NewsletterDeleteView, NewsletterFormView, NewsletterIndexView, PromoRulesView, newsletterFormValues } from './list-views.tsx';
import type { NewsletterFormValues } from './list-views.tsx';
import { EMPTY_READER, EraseReaderView, ImportFormView, ImportReportView, SubscribersView } from './list-subscriber-views.tsx';
import type { AddReaderValues } from './list-subscriber-views.tsx';

type AnyContext = Context<AppEnv, string, Input>;
type Form = Record<string, string | File>;

const ID = ':id{[1-9][0-9]{0,9}}';
const RULE_ID = ':ruleId{[1-9][0-9]{0,9}}';
const READER_ID = ':readerId{[1-9][0-9]{0,8}}';

/** What a finished action says on the page it lands on (fixed texts: nothing from the address is shown). */
const NOTICES: Record<string, string> = {
  created: 'Newsletter created. Add promo rules below to offer it under articles.',
  saved: 'Newsletter saved. Public pages show the change now.',
  deleted: 'Newsletter deleted.',
  'rule-added': 'Rule added. Article pages show the new promo now.',
  'rule-deleted': 'Rule removed.',
  'reader-added': 'Reader added and subscribed.',
  'reader-already': 'That reader already receives this newsletter; nothing changed.',
  'reader-unsubscribed': 'Reader unsubscribed from this newsletter.',
  'reader-complained': 'Complaint recorded: this newsletter no longer goes to that reader.',
  'reader-erased': 'Reader erased. Only the counts remain.',
};

const MANAGE_REFUSAL = 'Only editors, admins and owners can manage newsletters.';
const SUBSCRIBERS_REFUSAL = 'Only admins and owners can see or change subscribers’ personal data.';

/** Registers the routes. */
export function registerNewsletterAdminRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const acting = (c: AnyContext, user: SessionUser): ActingContext => ({ actor: user, ip: clientIp(c) });
  const noticeOf = (c: AnyContext): string | null => NOTICES[c.req.query('notice') ?? ''] ?? null;
  const pathId = (c: AnyContext, name = 'id') => Number(c.req.param(name));

  async function page(c: AnyContext, user: SessionUser, title: string, body: Child, status = 200): Promise<Response> {
    const catalog = await ctx.catalog();
    return htmlPage(
      c,
      ctx,
      <AdminLayout title={title} user={user} assetPath={ctx.assetPath} siteName={catalog.site.name} current="/admin/newsletters">
        {body}
      </AdminLayout>,
      { status, cacheable: false, language: 'en' },
    );
  }

  /** Registers GET or POST of a path for an action; the handler receives the user and (on POST) the form. */
  function route(method: 'get' | 'post', path: string, action: 'newsletters.manage' | 'subscribers.manage', handler: (c: AnyContext, user: SessionUser, form: Form) => Promise<Response>): void {
    app.on(method.toUpperCase(), path, async (c) => {
      const form = method === 'post' ? await c.req.parseBody() : null;
      const user = await staffMember(c, ctx, action, { form, refusal: action === 'subscribers.manage' ? SUBSCRIBERS_REFUSAL : MANAGE_REFUSAL });
      if (user instanceof Response) return user;
      try {
        return await handler(c, user, form ?? {});
      } catch (error) {
        if (error instanceof NewsletterNotFoundError || error instanceof SubscriberNotFoundError) throw new PublicError(404, error.message);
        if (error instanceof SubscriberConflictError) return errorPage(c, ctx, 409, error.message);
        throw error;
      }
    });
  }

  async function list(c: AnyContext): Promise<Newsletter> {
    const found = await getNewsletter(ctx.db, pathId(c));
    if (!found) throw new PublicError(404, 'No newsletter has that number.');
    return found;
  }

  // --- Lists ---------------------------------------------------------------------------

  route('get', '/admin/newsletters', 'newsletters.manage', async (c, user) => {
    const lists = await listNewsletters(ctx.db);
    return page(c, user, 'Newsletters', <NewsletterIndexView lists={lists} publicUrl={ctx.config.publicUrl} notice={noticeOf(c)} canSeeSubscribers={can(user, 'subscribers.manage')} />);
  });

  async function editPage(c: AnyContext, user: SessionUser, found: Newsletter | null, state: { values?: NewsletterFormValues; problems?: string[]; ruleProblems?: string[] } = {}, status = 200): Promise<Response> {
    const values = state.values ?? (found ? newsletterFormValues(found) : EMPTY_NEWSLETTER);
    const form = <NewsletterFormView list={found} values={values} csrf={user.csrfToken} problems={state.problems ?? []} notice={noticeOf(c)} />;
    if (!found) return page(c, user, 'New newsletter', form, status);
    const [rules, catalog, blocker] = await Promise.all([rulesOf(ctx.db, found.id), ctx.catalog(), deletionBlocker(ctx.db, found.id)]);
    const body = (
      <>
        {form}
        {can(user, 'subscribers.manage') ? (
          <p>
            <a href={`/admin/newsletters/${found.id}/subscribers`}>Subscribers of {found.name}</a>
          </p>
        ) : null}
        <PromoRulesView list={found} rules={rules} sections={catalog.sections} csrf={user.csrfToken} problems={state.ruleProblems ?? []} />
        <NewsletterDeleteView list={found} csrf={user.csrfToken} blocker={blocker} />
      </>
    );
    return page(c, user, `Newsletter: ${found.name}`, body, status);
  }

  route('get', '/admin/newsletters/new', 'newsletters.manage', (c, user) => editPage(c, user, null));
  route('get', `/admin/newsletters/${ID}`, 'newsletters.manage', async (c, user) => editPage(c, user, await list(c)));

  route('post', '/admin/newsletters', 'newsletters.manage', async (c, user, form) => {
    try {
      const id = await createNewsletter(ctx.db, acting(c, user), form);
      return c.redirect(`/admin/newsletters/${id}?notice=created`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return editPage(c, user, null, { values: formTexts(form, NEWSLETTER_FIELDS), problems: error.problems }, 422);
      throw error;
    }
  });

  route('post', `/admin/newsletters/${ID}`, 'newsletters.manage', async (c, user, form) => {
    const found = await list(c);
    try {
      await updateNewsletter(ctx.db, acting(c, user), found.id, form);
      return c.redirect(`/admin/newsletters/${found.id}?notice=saved`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return editPage(c, user, found, { values: formTexts(form, NEWSLETTER_FIELDS), problems: error.problems }, 422);
      throw error;
    }
  });

  route('post', `/admin/newsletters/${ID}/delete`, 'newsletters.manage', async (c, user) => {
    const found = await list(c);
    try {
      await deleteNewsletter(ctx.db, acting(c, user), found.id);
      return c.redirect('/admin/newsletters?notice=deleted', 303);
    } catch (error) {
      if (error instanceof ValidationError) return editPage(c, user, found, { problems: error.problems }, 422);
      throw error;
    }
  });

  route('post', `/admin/newsletters/${ID}/rules`, 'newsletters.manage', async (c, user, form) => {
    const found = await list(c);
    try {
      await addPromoRule(ctx.db, acting(c, user), found.id, form);
      return c.redirect(`/admin/newsletters/${found.id}?notice=rule-added#rules-heading`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return editPage(c, user, found, { ruleProblems: error.problems }, 422);
      throw error;
    }
  });

  route('post', `/admin/newsletters/${ID}/rules/${RULE_ID}/delete`, 'newsletters.manage', async (c, user) => {
    const found = await list(c);
    await deletePromoRule(ctx.db, acting(c, user), found.id, pathId(c, 'ruleId'));
    return c.redirect(`/admin/newsletters/${found.id}?notice=rule-deleted#rules-heading`, 303);
  });

  // --- Subscribers (personal data) ----------------------------------------------------------

  function subscriberQuery(c: AnyContext): SubscriberQuery {
    const search = (c.req.query('q') ?? '').trim();
    if (search.length > MAX_SUBSCRIBER_SEARCH) throw new PublicError(400, `A search may be at most ${MAX_SUBSCRIBER_SEARCH} characters long.`);
    const rawStatus = c.req.query('status') ?? '';
    if (rawStatus !== '' && !(SUBSCRIPTION_STATUSES as readonly string[]).includes(rawStatus)) throw new PublicError(400, `The "status" value must be one of: ${SUBSCRIPTION_STATUSES.join(', ')}.`);
    const rawAfter = c.req.query('after') ?? '';
    if (rawAfter !== '' && !/^[1-9][0-9]{0,14}$/.test(rawAfter)) throw new PublicError(400, 'The "after" value in this address is not a valid page marker.');
    return { search, status: rawStatus === '' ? null : (rawStatus as SubscriptionStatus), after: rawAfter === '' ? 0 : Number(rawAfter) };
  }

  async function subscribersPage(c: AnyContext, user: SessionUser, found: Newsletter, add: { values: AddReaderValues; problems: string[] } = { values: EMPTY_READER, problems: [] }, status = 200): Promise<Response> {
    const query = status === 200 ? subscriberQuery(c) : { search: '', status: null, after: 0 };
    const { rows, next } = await listSubscribers(ctx.db, found.id, query);
    return page(c, user, `Subscribers: ${found.name}`, <SubscribersView list={found} query={query} rows={rows} next={next} csrf={user.csrfToken} notice={status === 200 ? noticeOf(c) : null} add={add} />, status);
  }

  route('get', `/admin/newsletters/${ID}/subscribers`, 'subscribers.manage', async (c, user) => subscribersPage(c, user, await list(c)));

  // Add one reader: the CSV import's rules for one row (422 for a bad field, 409 for a reader who left or bounced).
  route('post', `/admin/newsletters/${ID}/subscribers`, 'subscribers.manage', async (c, user, form) => {
    const found = await list(c);
    const text = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
    const values: AddReaderValues = { email: text('email'), name: text('name'), consent: text('consent') };
    try {
      const outcome = await addReader(ctx.db, acting(c, user), found.id, { ...values, consentedAt: '' });
      return c.redirect(`/admin/newsletters/${found.id}/subscribers?notice=${outcome === 'added' ? 'reader-added' : 'reader-already'}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return subscribersPage(c, user, found, { values, problems: error.problems }, 422);
      if (error instanceof SubscriberConflictError) return subscribersPage(c, user, found, { values, problems: [error.message] }, 409);
      throw error;
    }
  });

  const readerPath = `/admin/newsletters/${ID}/subscribers/${READER_ID}`;
  const readerId = (c: AnyContext) => pathId(c, 'readerId');

  route('post', `${readerPath}/unsubscribe`, 'subscribers.manage', async (c, user) => {
    const found = await list(c);
    await unsubscribeReader(ctx.db, acting(c, user), found.id, readerId(c));
    return c.redirect(`/admin/newsletters/${found.id}/subscribers?notice=reader-unsubscribed`, 303);
  });

  route('post', `${readerPath}/complained`, 'subscribers.manage', async (c, user) => {
    const found = await list(c);
    await markReaderComplained(ctx.db, acting(c, user), found.id, readerId(c));
    return c.redirect(`/admin/newsletters/${found.id}/subscribers?notice=reader-complained`, 303);
  });

  route('get', `${readerPath}/erase`, 'subscribers.manage', async (c, user) => {
    const found = await list(c);
    const reader = await readerOnList(ctx.db, found.id, readerId(c));
    return page(c, user, `Erase a reader: ${found.name}`, <EraseReaderView list={found} reader={reader} csrf={user.csrfToken} />);
  });

  // Only the confirmation page's form carries confirm=erase: a bare POST erases nobody.
  route('post', `${readerPath}/erase`, 'subscribers.manage', async (c, user, form) => {
    const found = await list(c);
    if (form.confirm !== 'erase') throw new PublicError(400, 'Erasing a reader is confirmed on its own page: open “Erase…” next to the reader.');
    await eraseReader(ctx.db, acting(c, user), found.id, readerId(c));
    return c.redirect(`/admin/newsletters/${found.id}/subscribers?notice=reader-erased`, 303);
  });

  route('get', `/admin/newsletters/${ID}/subscribers/export`, 'subscribers.manage', async (c, user) => {
    const found = await list(c);
    const { search, status } = subscriberQuery(c);
    await recordAudit(ctx.db, { actorUserId: user.id, action: 'newsletter.subscribers_exported', subjectType: 'newsletter', subjectId: found.id, details: { search, status }, ip: clientIp(c) });
    const rows = exportSubscribersCsv(ctx.db, found.id, { search, status });
    const encoder = new TextEncoder();
    // Pulled one page at a time as the client reads, so a large list is never held whole.
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await rows.return(undefined);
      },
    });
    return c.body(stream, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${found.slug}-subscribers.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  });

  const maxMegabytes = MAX_IMPORT_BYTES / 1024 / 1024;
  const importPath = `/admin/newsletters/${ID}/subscribers/import`;

  route('get', importPath, 'subscribers.manage', async (c, user) => {
    const found = await list(c);
    return page(c, user, `Import subscribers: ${found.name}`, <ImportFormView list={found} csrf={user.csrfToken} problems={[]} maxMegabytes={maxMegabytes} />);
  });

  // The file may be up to 5 MB (plus the form around it); other admin forms stay small.
  app.use(importPath, bodyLimit({ maxSize: MAX_IMPORT_BYTES + 64 * 1024, onError: (c) => errorPage(c as AnyContext, ctx, 413, `The file is larger than ${maxMegabytes} MB. Split it and import the parts.`) }));

  route('post', importPath, 'subscribers.manage', async (c, user, form) => {
    const found = await list(c);
    const again = (problem: string) => page(c, user, `Import subscribers: ${found.name}`, <ImportFormView list={found} csrf={user.csrfToken} problems={[problem]} maxMegabytes={maxMegabytes} />, 400);
    const file = form.file;
    if (!(file instanceof File) || file.size === 0) return again('file: choose a CSV file to import');
    if (file.size > MAX_IMPORT_BYTES) return again(`file: larger than ${maxMegabytes} MB; split it and import the parts`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return again('file: is not UTF-8 text; save it from your spreadsheet as “CSV UTF-8”');
    }
    try {
      const report = await importSubscribers(ctx.db, acting(c, user), found.id, text);
      return page(c, user, `Import report: ${found.name}`, <ImportReportView list={found} report={report} />);
    } catch (error) {
      if (error instanceof ImportFileError) return again(error.message);
      throw error;
    }
  });
}

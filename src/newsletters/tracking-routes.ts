/**
 * Click redirects and (when switched on) open pixels of newsletter issues. Both count per
 * issue and hour only: nothing about the reader is stored. A click token names a stored link
 * row, so the redirect can only ever lead to a URL the issue itself contained (never an open
 * redirect); a forged or unknown token gets the 404 page.
 */
import type { Context, Hono, Input } from 'hono';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { AppContext, AppEnv } from '../app-context.ts';
import type { Database } from '../db/schema.ts';
import { errorPage } from '../http/errors.tsx';
import { CLICK_LINK_PURPOSE, OPEN_PIXEL_PURPOSE } from './render.ts';

type AnyContext = Context<AppEnv, string, Input>;

/** The smallest transparent GIF (1×1). */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Hour bucket of the engagement table: `YYYY-MM-DDTHH` (UTC). */
export function hourOf(at: Date): string {
  return at.toISOString().slice(0, 13);
}

/** Adds one to an issue's click or open count for the current hour. */
export async function countEngagement(db: Kysely<Database>, issueId: number, kind: 'click' | 'open', at = new Date()): Promise<void> {
  await db
    .insertInto('newsletter_engagement')
    .values({ issue_id: issueId, kind, hour: hourOf(at), count: 1 })
    .onConflict((oc) => oc.columns(['issue_id', 'kind', 'hour']).doUpdateSet({ count: sql<number>`newsletter_engagement.count + 1` }))
    .execute();
}

function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Registers the routes. */
export function registerNewsletterTrackingRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const notFound = (c: AnyContext) => errorPage(c, ctx, 404, 'This link is not valid. The story may still be on our home page.');

  app.get('/newsletters/c/:token', async (c) => {
    const check = await ctx.links.verify(CLICK_LINK_PURPOSE, c.req.param('token'));
    const linkId = check.ok ? check.payload.l : undefined;
    if (typeof linkId !== 'number' || !Number.isSafeInteger(linkId)) return notFound(c);
    const link = await ctx.db.selectFrom('newsletter_links').select(['id', 'issue_id', 'url']).where('id', '=', linkId).executeTakeFirst();
    if (!link || !isWebUrl(link.url)) return notFound(c);
    // HEAD is what link checkers send; only a GET is somebody following the link.
    if (c.req.method === 'GET') {
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('newsletter_links')
          .set({ clicks: sql<number>`clicks + 1` })
          .where('id', '=', link.id)
          .execute();
        await countEngagement(trx, link.issue_id, 'click');
      });
    }
    return c.body(null, 302, { location: link.url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' });
  });

  app.get('/newsletters/o/:file', async (c) => {
    const file = c.req.param('file');
    if (!file.endsWith('.gif')) return notFound(c);
    const check = await ctx.links.verify(OPEN_PIXEL_PURPOSE, file.slice(0, -'.gif'.length));
    const issueId = check.ok ? check.payload.i : undefined;
    if (typeof issueId !== 'number' || !Number.isSafeInteger(issueId)) return notFound(c);
    if (c.req.method === 'GET') {
      const list = await ctx.db
        .selectFrom('newsletter_issues')
        .innerJoin('newsletters', 'newsletters.id', 'newsletter_issues.newsletter_id')
        .select('newsletters.track_opens')
        .where('newsletter_issues.id', '=', issueId)
        .executeTakeFirst();
      // A list that stopped counting opens counts none, even from issues sent with a pixel.
      if (list?.track_opens === 1) await countEngagement(ctx.db, issueId, 'open');
    }
    return c.body(new Uint8Array(PIXEL), 200, { 'content-type': 'image/gif', 'content-length': String(PIXEL.length), 'cache-control': 'no-store, max-age=0', 'x-content-type-options': 'nosniff' });
  });
}

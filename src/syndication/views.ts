/**
 * Views of republished copies, as their tracking pixels report them: one counter per
 * article, licence (or Creative Commons), day and referring page, upserted by its unique
 * `counter_key` in both databases. Read back per article and per licensee for the admin.
 */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Longest referrer kept; longer ones are cut (they are page addresses, not data). */
export const MAX_REFERRER_LENGTH = 300;

/**
 * Distinct referring pages counted per article, licence and day before further pages are
 * folded into the '' counter: a script sending random Referer headers cannot grow the table
 * by more than this many rows a day per copy.
 */
export const MAX_REFERRERS_PER_DAY = 200;

/** The referring page as stored: scheme, host and path (no query, fragment or credentials), or '' when none or unusable. */
export function referrerOf(header: string | undefined | null): string {
  if (!header) return '';
  let url: URL;
  try {
    url = new URL(header);
  } catch {
    return '';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
  return `${url.protocol}//${url.host}${url.pathname}`.slice(0, MAX_REFERRER_LENGTH);
}

/** One pixel load to count. */
export interface ViewHit {
  articleId: number;
  /** Null for a Creative Commons copy. */
  licenceId: number | null;
  /** ISO time of the load; its UTC day is counted. */
  at: string;
  /** Already reduced with referrerOf. */
  referrer: string;
}

function counterKey(articleId: number, licenceId: number | null, day: string, referrer: string): string {
  return `${articleId}:${licenceId ?? 'cc'}:${day}:${referrer}`;
}

/** Counts one view. */
export async function recordView(db: Kysely<Database>, hit: ViewHit): Promise<void> {
  const day = hit.at.slice(0, 10);
  let referrer = hit.referrer.slice(0, MAX_REFERRER_LENGTH);
  const key = counterKey(hit.articleId, hit.licenceId, day, referrer);
  const updated = await db.updateTable('republication_views').set((eb) => ({ views: eb('views', '+', 1) })).where('counter_key', '=', key).executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  if (referrer !== '') {
    let counters = db.selectFrom('republication_views').select((eb) => eb.fn.countAll<number | string>().as('count')).where('article_id', '=', hit.articleId).where('day', '=', day);
    counters = hit.licenceId === null ? counters.where('licence_id', 'is', null) : counters.where('licence_id', '=', hit.licenceId);
    const row = await counters.executeTakeFirst();
    if (Number(row?.count ?? 0) >= MAX_REFERRERS_PER_DAY) referrer = '';
  }
  await db
    .insertInto('republication_views')
    .values({ article_id: hit.articleId, licence_id: hit.licenceId, day, referrer, views: 1, counter_key: counterKey(hit.articleId, hit.licenceId, day, referrer) })
    .onConflict((oc) => oc.column('counter_key').doUpdateSet((eb) => ({ views: eb('republication_views.views', '+', 1) })))
    .execute();
}

/** Views per day of one series, oldest first. */
export interface DailyViews {
  day: string;
  views: number;
}

/** Which copies a summary counts: all, one article's (every licence and Creative Commons), or one licensee's. */
export interface ViewsFilter {
  articleId?: number;
  licenseeId?: number;
}

/**
 * The counters of `since` and later that a filter keeps, for every summary of the views
 * page alike (chart, totals, tables), so a filtered page never mixes in other copies.
 * The query must have `licences` joined to `republication_views.licence_id`.
 */
function counted(eb: ExpressionBuilder<Database, 'republication_views' | 'licences'>, since: string, filter: ViewsFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [eb('republication_views.day', '>=', since)];
  if (filter.articleId !== undefined) conditions.push(eb('republication_views.article_id', '=', filter.articleId));
  if (filter.licenseeId !== undefined) conditions.push(eb('licences.licensee_id', '=', filter.licenseeId));
  return eb.and(conditions);
}

/** Views per day from `since` (an ISO day), oldest first; days without views are absent. */
export async function viewsPerDay(db: Kysely<Database>, since: string, filter: ViewsFilter = {}): Promise<DailyViews[]> {
  const rows = await db
    .selectFrom('republication_views')
    .leftJoin('licences', 'licences.id', 'republication_views.licence_id')
    .select((eb) => ['republication_views.day', eb.fn.sum<number | string>('republication_views.views').as('views')])
    .where((eb) => counted(eb, since, filter))
    .groupBy('republication_views.day')
    .orderBy('republication_views.day')
    .execute();
  return rows.map((row) => ({ day: row.day, views: Number(row.views) }));
}

/** A row of a views summary: an article or a licensee with its total since a day. */
export interface ViewsTotal {
  id: number;
  name: string;
  views: number;
}

/** Articles whose republished copies were viewed since `since` (of one article's or one licensee's copies), most viewed first. */
export async function topArticles(db: Kysely<Database>, since: string, filter: ViewsFilter = {}, limit = 20): Promise<ViewsTotal[]> {
  const rows = await db
    .selectFrom('republication_views')
    .innerJoin('articles', 'articles.id', 'republication_views.article_id')
    .leftJoin('licences', 'licences.id', 'republication_views.licence_id')
    .select((eb) => ['articles.id', 'articles.headline', eb.fn.sum<number | string>('republication_views.views').as('views')])
    .where((eb) => counted(eb, since, filter))
    .groupBy(['articles.id', 'articles.headline'])
    .orderBy('views', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.headline, views: Number(row.views) }));
}

/** Licensees whose copies were viewed since `since` (of one article's or one licensee's copies), most viewed first (Creative Commons copies have no licensee). */
export async function topLicensees(db: Kysely<Database>, since: string, filter: ViewsFilter = {}, limit = 20): Promise<ViewsTotal[]> {
  const rows = await db
    .selectFrom('republication_views')
    .innerJoin('licences', 'licences.id', 'republication_views.licence_id')
    .innerJoin('licensees', 'licensees.id', 'licences.licensee_id')
    .select((eb) => ['licensees.id', 'licensees.organisation', eb.fn.sum<number | string>('republication_views.views').as('views')])
    .where((eb) => counted(eb, since, filter))
    .groupBy(['licensees.id', 'licensees.organisation'])
    .orderBy('views', 'desc')
    .orderBy('licensees.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.organisation, views: Number(row.views) }));
}

/** A referring page and the views it sent. */
export interface ReferrerTotal {
  referrer: string;
  views: number;
}

/** The pages that showed republished copies most since `since`, optionally of one article or one licensee. */
export async function topReferrers(db: Kysely<Database>, since: string, filter: ViewsFilter = {}, limit = 20): Promise<ReferrerTotal[]> {
  const rows = await db
    .selectFrom('republication_views')
    .leftJoin('licences', 'licences.id', 'republication_views.licence_id')
    .select((eb) => ['republication_views.referrer', eb.fn.sum<number | string>('republication_views.views').as('views')])
    .where((eb) => counted(eb, since, filter))
    .groupBy('republication_views.referrer')
    .orderBy('views', 'desc')
    .orderBy('republication_views.referrer')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ referrer: row.referrer, views: Number(row.views) }));
}

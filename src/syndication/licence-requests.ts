/**
 * Reading republishing requests for the desk: the queue (filtered by status, article,
 * outlet and dates; keyset-paged newest first) and one request with its quote and history.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SyndicationRequestStatus } from '../db/schema-syndication.ts';
import { parseStoredJson } from '../shared/json.ts';
import type { QuoteLine } from './rate-card.ts';

/** Statuses, in the order the queue's filter offers them. */
export const REQUEST_STATUSES: readonly SyndicationRequestStatus[] = ['open', 'countered', 'approved', 'declined'];

/** Longest search text the queue accepts (article headline, outlet). */
export const MAX_QUEUE_SEARCH = 200;

/** Filters of the queue; all optional. */
export interface QueueFilters {
  status?: SyndicationRequestStatus | null;
  /** An article number (`123`) or words of its headline. */
  article?: string;
  /** Part of the organisation's name or of the outlet's address. */
  outlet?: string;
  /** First and last day of submission (YYYY-MM-DD, inclusive). */
  from?: string | null;
  to?: string | null;
  after?: QueueCursor | null;
  limit?: number;
}

/** A page marker: the last row's submission time and id. */
export interface QueueCursor {
  createdAt: string;
  id: number;
}

/** One row of the queue. */
export interface QueueRow {
  id: number;
  createdAt: string;
  status: SyndicationRequestStatus;
  articleId: number;
  headline: string;
  organisation: string;
  outletUrl: string;
  outletType: string;
  medium: string;
  territory: string;
  language: string;
  isExclusive: boolean;
  currency: string;
  quoteMinor: number;
  offeredMinor: number | null;
}

/** `%text%` for LIKE, with the wildcards of the text itself escaped. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** The queue, newest first, one page at a time. */
export async function listQueue(db: Kysely<Database>, filters: QueueFilters = {}): Promise<{ rows: QueueRow[]; next: QueueCursor | null }> {
  const limit = filters.limit ?? 50;
  let query = db
    .selectFrom('syndication_requests as r')
    .innerJoin('articles as a', 'a.id', 'r.article_id')
    .select([
      'r.id', 'r.created_at', 'r.status', 'r.article_id', 'a.headline', 'r.organisation', 'r.outlet_url', 'r.outlet_type', 'r.medium', 'r.territory', 'r.language',
      'r.exclusive', 'r.currency', 'r.quote_minor', 'r.offered_minor',
    ]);
  if (filters.status) query = query.where('r.status', '=', filters.status);
  const article = filters.article?.trim() ?? '';
  if (/^[1-9][0-9]{0,9}$/.test(article)) query = query.where('r.article_id', '=', Number(article));
  else if (article !== '') query = query.where(sql<boolean>`lower(a.headline) like ${containsPattern(article)} escape '\\'`);
  const outlet = filters.outlet?.trim() ?? '';
  if (outlet !== '') {
    const pattern = containsPattern(outlet);
    query = query.where(sql<boolean>`(lower(r.organisation) like ${pattern} escape '\\' or lower(r.outlet_url) like ${pattern} escape '\\')`);
  }
  if (filters.from) query = query.where('r.created_at', '>=', `${filters.from}T00:00:00.000Z`);
  if (filters.to) query = query.where('r.created_at', '<=', `${filters.to}T23:59:59.999Z`);
  const after = filters.after;
  if (after) query = query.where((eb) => eb.or([eb('r.created_at', '<', after.createdAt), eb.and([eb('r.created_at', '=', after.createdAt), eb('r.id', '<', after.id)])]));
  const found = await query.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(limit + 1).execute();
  const rows = found.slice(0, limit).map(
    (row): QueueRow => ({
      id: row.id,
      createdAt: row.created_at,
      status: row.status,
      articleId: row.article_id,
      headline: row.headline,
      organisation: row.organisation,
      outletUrl: row.outlet_url,
      outletType: row.outlet_type,
      medium: row.medium,
      territory: row.territory,
      language: row.language,
      isExclusive: row.exclusive === 1,
      currency: row.currency,
      quoteMinor: row.quote_minor,
      offeredMinor: row.offered_minor,
    }),
  );
  const last = rows.at(-1);
  return { rows, next: found.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** Counts of requests per status (the queue's filter shows them). */
export async function countByStatus(db: Kysely<Database>): Promise<Record<SyndicationRequestStatus, number>> {
  const rows = await db.selectFrom('syndication_requests').select(['status', db.fn.countAll<number>().as('count')]).groupBy('status').execute();
  const counts: Record<SyndicationRequestStatus, number> = { open: 0, countered: 0, approved: 0, declined: 0 };
  for (const row of rows) if (row.status in counts) counts[row.status] = Number(row.count);
  return counts;
}

/** One step of a request's history. */
export interface RequestEvent {
  id: number;
  kind: string;
  actorName: string | null;
  message: string | null;
  feeMinor: number | null;
  at: string;
}

/** A request in full, as the desk reviews it. */
export interface RequestDetail extends QueueRow {
  requesterName: string;
  requesterEmail: string;
  audienceBand: string;
  periodStart: string;
  periodEnd: string;
  intendedDate: string | null;
  message: string;
  articleLanguage: string;
  articleStatus: string;
  quoteLines: QuoteLine[];
  offeredTerms: string | null;
  updatedAt: string;
  events: RequestEvent[];
}

/** A request with its quote and history; null when there is none. */
export async function getRequestDetail(db: Kysely<Database>, id: number): Promise<RequestDetail | null> {
  const row = await db
    .selectFrom('syndication_requests as r')
    .innerJoin('articles as a', 'a.id', 'r.article_id')
    .selectAll('r')
    .select(['a.headline', 'a.language as article_language', 'a.status as article_status'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const events = await db
    .selectFrom('syndication_request_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.kind', 'u.name as actor_name', 'e.message', 'e.fee_minor', 'e.at'])
    .where('e.request_id', '=', id)
    .orderBy('e.id')
    .execute();
  const stored = parseStoredJson<unknown>(row.quote_breakdown, []);
  const lines = Array.isArray(stored) ? stored : Array.isArray((stored as { lines?: unknown }).lines) ? (stored as { lines: unknown[] }).lines : [];
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    status: row.status,
    articleId: row.article_id,
    headline: row.headline,
    articleLanguage: row.article_language,
    articleStatus: row.article_status,
    organisation: row.organisation,
    outletUrl: row.outlet_url,
    outletType: row.outlet_type,
    medium: row.medium,
    territory: row.territory,
    language: row.language,
    isExclusive: row.exclusive === 1,
    currency: row.currency,
    quoteMinor: row.quote_minor,
    offeredMinor: row.offered_minor,
    offeredTerms: row.offered_terms,
    requesterName: row.requester_name,
    requesterEmail: row.requester_email,
    audienceBand: row.audience_band,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    intendedDate: row.intended_date,
    message: row.message,
    quoteLines: lines.filter((line): line is QuoteLine => typeof line === 'object' && line !== null && typeof (line as { label?: unknown }).label === 'string'),
    events: events.map((event) => ({ id: event.id, kind: event.kind, actorName: event.actor_name, message: event.message, feeMinor: event.fee_minor, at: event.at })),
  };
}

/** Whether the latest mail attempt of a request failed (the desk is offered "resend"). */
export function lastMailFailed(events: readonly RequestEvent[]): boolean {
  const last = [...events].reverse().find((event) => event.kind === 'emailed' || event.kind === 'email_failed');
  return last?.kind === 'email_failed';
}

/** Where a request stands; null when there is none. */
export async function requestStatusOf(db: Kysely<Database>, id: number): Promise<SyndicationRequestStatus | null> {
  const row = await db.selectFrom('syndication_requests').select('status').where('id', '=', id).executeTakeFirst();
  return row?.status ?? null;
}

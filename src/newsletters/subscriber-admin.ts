/**
 * The subscribers of one list as the admin reads them: searched by address, filtered by
 * status, in keyset pages (subscriber id order, so deep pages cost what the first does),
 * and exported to CSV page by page (the whole list is never held in memory).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SubscriptionStatus } from '../db/schema-newsletters.ts';
import { csvRow } from './csv.ts';

/** Statuses a subscription may have, for the filter. */
export const SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] = ['pending', 'confirmed', 'unsubscribed', 'bounced', 'complained'];

/** Rows per admin page. */
export const SUBSCRIBER_PAGE_SIZE = 50;

/** Longest search the admin accepts. */
export const MAX_SUBSCRIBER_SEARCH = 100;

/** One subscription of the list, with its reader. */
export interface SubscriberRow {
  subscriberId: number;
  email: string;
  name: string | null;
  status: SubscriptionStatus;
  source: string;
  consent: string | null;
  createdAt: string;
  confirmedAt: string | null;
}

/** What to show. */
export interface SubscriberQuery {
  search: string;
  status: SubscriptionStatus | null;
  /** Subscriber id the page starts after (0: first page). */
  after: number;
}

/** Escapes LIKE wildcards so the admin's text is matched literally. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

function baseQuery(db: Kysely<Database>, newsletterId: number, query: Omit<SubscriberQuery, 'after'>) {
  let q = db
    .selectFrom('subscriptions')
    .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
    .select([
      'subscribers.id as subscriberId',
      'subscribers.email',
      'subscribers.name',
      'subscriptions.status',
      'subscriptions.source',
      'subscriptions.consent',
      'subscriptions.created_at as createdAt',
      'subscriptions.confirmed_at as confirmedAt',
    ])
    .where('subscriptions.newsletter_id', '=', newsletterId);
  if (query.status) q = q.where('subscriptions.status', '=', query.status);
  // An explicit ESCAPE: SQLite has no default escape character, PostgreSQL's is the backslash.
  if (query.search !== '') q = q.where(sql<boolean>`lower(subscribers.email) like ${likePattern(query.search)} escape '\\'`);
  return q;
}

/** One page of a list's subscribers, and where the next page starts (null on the last). */
export async function listSubscribers(db: Kysely<Database>, newsletterId: number, query: SubscriberQuery, pageSize = SUBSCRIBER_PAGE_SIZE): Promise<{ rows: SubscriberRow[]; next: number | null }> {
  const rows = await baseQuery(db, newsletterId, query).where('subscriptions.subscriber_id', '>', query.after).orderBy('subscriptions.subscriber_id').limit(pageSize + 1).execute();
  const page = rows.slice(0, pageSize).map((row) => ({ ...row, subscriberId: Number(row.subscriberId) }));
  return { rows: page, next: rows.length > pageSize ? (page.at(-1)?.subscriberId ?? null) : null };
}

/** The export's header line. */
export const EXPORT_COLUMNS = ['email', 'name', 'status', 'source', 'consent', 'created_at', 'confirmed_at'] as const;

/** The CSV export of a list (optionally filtered), produced one page of rows at a time. */
export async function* exportSubscribersCsv(db: Kysely<Database>, newsletterId: number, query: Omit<SubscriberQuery, 'after'>, pageSize = 1000): AsyncGenerator<string> {
  yield `\ufeff${csvRow(EXPORT_COLUMNS)}`;
  let after = 0;
  for (;;) {
    const { rows, next } = await listSubscribers(db, newsletterId, { ...query, after }, pageSize);
    if (rows.length > 0) yield rows.map((row) => csvRow([row.email, row.name, row.status, row.source, row.consent, row.createdAt, row.confirmedAt])).join('');
    if (next === null) return;
    after = next;
  }
}

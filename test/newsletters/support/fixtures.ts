/** Newsletter test data: a list, many confirmed subscribers inserted in bulk, an issue, and waiting for an issue to finish. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/db/schema.ts';
import { isoNow } from '../../../src/shared/time.ts';

let counter = 0;

/** Inserts a newsletter list and returns its id. */
export async function createList(db: Kysely<Database>, overrides: { name?: string; senderName?: string; senderAddress?: string; replyTo?: string | null; language?: string; visibility?: 'public' | 'private' } = {}): Promise<number> {
  counter += 1;
  const now = isoNow();
  const row = await db
    .insertInto('newsletters')
    .values({
      slug: `tamarisk-daily-${counter}-${Math.random().toString(36).slice(2, 8)}`,
      name: overrides.name ?? 'The Tamarisk Daily',
      description: 'The morning briefing from the Tamarisk desk.',
      cadence: 'Every weekday morning',
      sender_name: overrides.senderName ?? 'The Tamarisk',
      sender_address: overrides.senderAddress ?? 'briefing@tamarisk.example.test',
      reply_to: overrides.replyTo === undefined ? 'desk@tamarisk.example.test' : overrides.replyTo,
      language: overrides.language ?? 'en',
      visibility: overrides.visibility ?? 'public',
      position: counter,
      track_opens: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * Adds `count` confirmed subscribers to a list, in chunks (fast enough for 100,000), with
 * addresses `${prefix}${n}@${domain}`; returns their ids in order.
 */
export async function addConfirmedSubscribers(db: Kysely<Database>, newsletterId: number, count: number, options: { prefix?: string; domain?: string; status?: 'confirmed' | 'pending' | 'unsubscribed' } = {}): Promise<number[]> {
  const prefix = options.prefix ?? `reader-${newsletterId}-`;
  const domain = options.domain ?? 'readers.example.test';
  const now = isoNow();
  const ids: number[] = [];
  for (let start = 0; start < count; start += 2_000) {
    const size = Math.min(2_000, count - start);
    const rows = await db
      .insertInto('subscribers')
      .values(Array.from({ length: size }, (_, index) => ({ email: `${prefix}${start + index + 1}@${domain}`, name: null, language: 'en', created_at: now, updated_at: now, link_version: 1 })))
      .returning('id')
      .execute();
    const chunk = rows.map((row) => Number(row.id));
    await db
      .insertInto('subscriptions')
      .values(chunk.map((id) => ({ subscriber_id: id, newsletter_id: newsletterId, status: options.status ?? 'confirmed', source: 'import', consent: 'test import', created_at: now, confirmed_at: now, updated_at: now })))
      .execute();
    ids.push(...chunk);
  }
  return ids;
}

/** Inserts a draft issue of a list and returns its id. */
export async function createIssue(db: Kysely<Database>, newsletterId: number, overrides: { subject?: string; intro?: string; status?: 'draft' | 'scheduled'; scheduledAt?: string } = {}): Promise<number> {
  const now = isoNow();
  const row = await db
    .insertInto('newsletter_issues')
    .values({
      newsletter_id: newsletterId,
      subject: overrides.subject ?? 'Water talks resume in Amman',
      preheader: 'Three things to know this morning',
      intro: overrides.intro ?? 'Good morning. Negotiators return to the table today, and our correspondents are there.',
      items: '[]',
      kind: 'manual',
      digest_source: null,
      status: overrides.status ?? 'draft',
      scheduled_at: overrides.scheduledAt ?? null,
      frozen: null,
      recipients: 0,
      started_at: null,
      finished_at: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Waits until an issue has the given status (polling the database); throws after `timeoutMs`. */
export async function waitForIssueStatus(db: Kysely<Database>, issueId: number, status: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.selectFrom('newsletter_issues').select('status').where('id', '=', issueId).executeTakeFirst();
    if (row?.status === status) return;
    if (Date.now() > deadline) throw new Error(`issue ${issueId} is ${row?.status ?? 'missing'}, not ${status}, after ${timeoutMs} ms; deliveries ${JSON.stringify(await deliveryCounts(db, issueId))}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Counts an issue's deliveries by status. */
export async function deliveryCounts(db: Kysely<Database>, issueId: number): Promise<Record<string, number>> {
  const rows = await db.selectFrom('newsletter_deliveries').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('issue_id', '=', issueId).groupBy('status').execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

/**
 * Claiming delivery records: the one step that lets several senders share an issue. A
 * claim marks a batch `sending` under the worker's name and a lease, in one transaction;
 * on PostgreSQL the batch is chosen with `FOR UPDATE SKIP LOCKED`, so a second worker
 * claiming at the same moment passes over the rows the first holds instead of waiting for
 * them or taking them too.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DialectName } from '../db/dialect.ts';

/** One claimed copy with what is needed to build it. */
export interface ClaimedDelivery {
  id: number;
  issueId: number;
  subscriberId: number | null;
  email: string | null;
  attempts: number;
  messageId: string;
  linkVersion: number | null;
  subscriptionStatus: string | null;
}

/** Who claims what, for how long. */
export interface ClaimRequest {
  issueId: number;
  newsletterId: number;
  workerId: string;
  batchSize: number;
  now: string;
  leaseUntil: string;
}

/**
 * Claims up to `batchSize` copies of an issue inside `trx` (the caller's transaction: the
 * rows stay locked until it commits): claims of dead workers first, then retries that are
 * due, then new copies.
 */
export async function claimDeliveries(trx: Kysely<Database>, dialect: DialectName, request: ClaimRequest): Promise<ClaimedDelivery[]> {
  const { issueId, batchSize, now } = request;
  const ids: number[] = [];
  const base = trx.selectFrom('newsletter_deliveries').select('id').where('issue_id', '=', issueId);
  const kinds = [
    (q: typeof base) => q.where('status', '=', 'sending').where('lease_until', '<', now),
    (q: typeof base) => q.where('status', '=', 'retry').where('next_attempt_at', '<=', now),
    (q: typeof base) => q.where('status', '=', 'pending'),
  ];
  for (const narrow of kinds) {
    if (ids.length >= batchSize) break;
    let query = narrow(base).orderBy('id').limit(batchSize - ids.length);
    if (dialect === 'postgres') query = query.forUpdate().skipLocked();
    for (const row of await query.execute()) ids.push(Number(row.id));
  }
  if (ids.length === 0) return [];
  await trx.updateTable('newsletter_deliveries').set({ status: 'sending', claimed_by: request.workerId, lease_until: request.leaseUntil }).where('id', 'in', ids).execute();
  const rows = await trx
    .selectFrom('newsletter_deliveries as d')
    .leftJoin('subscribers as s', 's.id', 'd.subscriber_id')
    .leftJoin('subscriptions as sub', (join) => join.onRef('sub.subscriber_id', '=', 'd.subscriber_id').on('sub.newsletter_id', '=', request.newsletterId))
    .select(['d.id', 'd.issue_id', 'd.subscriber_id', 'd.email', 'd.attempts', 'd.message_id', 's.link_version', 'sub.status as subscription_status'])
    .where('d.id', 'in', ids)
    .orderBy('d.id')
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    issueId: Number(row.issue_id),
    subscriberId: row.subscriber_id === null ? null : Number(row.subscriber_id),
    email: row.email,
    attempts: Number(row.attempts),
    messageId: row.message_id,
    linkVersion: row.link_version === null ? null : Number(row.link_version),
    subscriptionStatus: row.subscription_status,
  }));
}

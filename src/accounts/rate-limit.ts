/**
 * Fixed-window rate limits kept in the database, so every server process and machine
 * counts together (an in-memory counter would multiply the limit by the process count).
 *
 * Keys name people (`newsletter-signup:address:reader@example.org`, `login-ip:203.0.113.5`),
 * so only a SHA-256 of each key is stored: the table answers "has this key been seen" and
 * holds no address anyone could read back. Rows of windows long past are pruned as new
 * keys arrive, so the table stays the size of the last day's traffic.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The outcome of counting one attempt. */
export interface RateLimitResult {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** The longest window a limit may use; rows older than twice this are pruned. */
export const MAX_WINDOW_SECONDS = 86_400;
// One new key in this many also prunes: cheap on average, and a busy site prunes often.
const PRUNE_EVERY = 100;

/** What is stored for a key. */
export function storedRateLimitKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('base64url');
}

/** Counts an attempt under `key`; refuses once `limit` attempts were made in the current window. */
export async function hitRateLimit(db: Kysely<Database>, key: string, limit: number, windowSeconds: number, now = Date.now()): Promise<RateLimitResult> {
  if (windowSeconds > MAX_WINDOW_SECONDS) throw new Error(`rate-limit windows are at most ${MAX_WINDOW_SECONDS} seconds`);
  const stored = storedRateLimitKey(key);
  const windowStart = new Date(Math.floor(now / (windowSeconds * 1000)) * windowSeconds * 1000).toISOString();
  const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(windowStart) + windowSeconds * 1000 - now) / 1000));
  const result = await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('rate_limits').select(['window_start', 'count']).where('key', '=', stored).executeTakeFirst();
    if (!row) {
      await trx.insertInto('rate_limits').values({ key: stored, window_start: windowStart, count: 1 }).onConflict((oc) => oc.column('key').doUpdateSet({ window_start: windowStart, count: 1 })).execute();
      return { allowed: true, retryAfterSeconds, isNewKey: true };
    }
    const count = row.window_start === windowStart ? row.count + 1 : 1;
    await trx.updateTable('rate_limits').set({ window_start: windowStart, count }).where('key', '=', stored).execute();
    return { allowed: count <= limit, retryAfterSeconds, isNewKey: false };
  });
  if (result.isNewKey && Math.random() < 1 / PRUNE_EVERY) await pruneRateLimits(db, now);
  return { allowed: result.allowed, retryAfterSeconds: result.retryAfterSeconds };
}

/** Deletes the rows of windows that ended long ago; returns how many went. */
export async function pruneRateLimits(db: Kysely<Database>, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - 2 * MAX_WINDOW_SECONDS * 1000).toISOString();
  const result = await db.deleteFrom('rate_limits').where('window_start', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Forgets the counts of these keys (a reader erased: nothing keyed by their address may stay). */
export async function forgetRateLimits(db: Kysely<Database>, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('rate_limits').where('key', 'in', keys.map(storedRateLimitKey)).execute();
}

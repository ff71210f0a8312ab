import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase } from '../../test/db-matrix.ts';
import { MAX_WINDOW_SECONDS, forgetRateLimits, hitRateLimit, pruneRateLimits, storedRateLimitKey } from './rate-limit.ts';

describeEachDatabase('rate limits', (use) => {
  const hour = 3600;
  const start = Date.parse('2026-12-07T10:00:00.000Z');

  test('counts per key and window, refuses past the limit, starts again in the next window', async () => {
    const { db } = use();
    for (let attempt = 1; attempt <= 3; attempt += 1) assert.equal((await hitRateLimit(db, 'login-ip:192.0.2.1', 3, hour, start + attempt)).allowed, true);
    const refused = await hitRateLimit(db, 'login-ip:192.0.2.1', 3, hour, start + 10 * 60_000);
    assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 50 * 60 });
    assert.equal((await hitRateLimit(db, 'login-ip:192.0.2.2', 3, hour, start + 5)).allowed, true, 'another key has its own count');
    assert.equal((await hitRateLimit(db, 'login-ip:192.0.2.1', 3, hour, start + hour * 1000)).allowed, true, 'the next window');
  });

  test('stores a hash of the key, never the key; forgets keys; prunes windows long past', async () => {
    const { db } = use();
    await hitRateLimit(db, 'newsletter-mail:reader@example.org', 3, hour, start);
    await hitRateLimit(db, 'newsletter-mail:other@example.org', 3, hour, start);
    const keys = (await db.selectFrom('rate_limits').select('key').execute()).map((row) => row.key);
    assert.ok(keys.includes(storedRateLimitKey('newsletter-mail:reader@example.org')));
    assert.ok(keys.every((key) => !key.includes('@')));

    await forgetRateLimits(db, ['newsletter-mail:reader@example.org']);
    const after = (await db.selectFrom('rate_limits').select('key').execute()).map((row) => row.key);
    assert.ok(!after.includes(storedRateLimitKey('newsletter-mail:reader@example.org')));
    assert.ok(after.includes(storedRateLimitKey('newsletter-mail:other@example.org')));

    const later = start + 3 * MAX_WINDOW_SECONDS * 1000;
    await hitRateLimit(db, 'fresh', 3, hour, later);
    assert.ok((await pruneRateLimits(db, later)) >= 1);
    const remaining = (await db.selectFrom('rate_limits').select('key').execute()).map((row) => row.key);
    assert.deepEqual(remaining, [storedRateLimitKey('fresh')], 'only the current window is left');
  });

  test('a window longer than a day is a programming error', async () => {
    await assert.rejects(hitRateLimit(use().db, 'k', 1, MAX_WINDOW_SECONDS + 1), /at most/);
  });
});

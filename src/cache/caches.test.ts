/** The page cache and the generation cache: bounded, and never serving an old generation. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GenerationCache } from './generation-cache.ts';
import { PageCache } from './page-cache.ts';
import type { CachedPage } from './page-cache.ts';

function page(bytes: number, generation: number): CachedPage {
  return { status: 200, contentType: 'text/html', body: Buffer.alloc(bytes), etag: '"x"', lastModified: '', cacheControl: 'public', generation, headers: {} };
}

test('the page cache ignores entries from an older generation', () => {
  const cache = new PageCache(1024 * 1024);
  cache.set('/a', page(100, 1));
  assert.ok(cache.get('/a', 1));
  assert.equal(cache.get('/a', 2), undefined);
  assert.equal(cache.get('/a', 1), undefined, 'a stale entry is dropped, not kept');
});

test('the page cache stays within its byte budget, evicting the least recently used', () => {
  const cache = new PageCache(64 * 1024);
  for (let index = 0; index < 20; index += 1) {
    cache.set(`/p${index}`, page(7000, 1));
    cache.get('/p0', 1); // keep /p0 hot
  }
  assert.ok(cache.size <= 64 * 1024);
  assert.ok(cache.get('/p0', 1), 'recently used survives');
  assert.equal(cache.get('/p1', 1), undefined, 'least recently used went first');
  assert.equal(new PageCache(0).isEnabled, false);
});

test('the generation cache loads once per generation and forgets failures', async () => {
  const cache = new GenerationCache<number>(2);
  let loads = 0;
  const load = () => Promise.resolve(++loads);
  assert.equal(await cache.get('a', 1, load), 1);
  assert.equal(await cache.get('a', 1, load), 1);
  assert.equal(await cache.get('a', 2, load), 2, 'a new generation reloads');
  await assert.rejects(cache.get('b', 2, () => Promise.reject(new Error('db down'))));
  assert.equal(await cache.get('b', 2, load), 3, 'a failed load is not remembered');
  await cache.get('c', 2, load);
  await cache.get('d', 2, load);
  assert.equal(cache.size, 2, 'bounded by capacity');
  assert.equal(await new GenerationCache<number>(0).get('a', 1, load), 6, 'capacity 0 always loads');
});

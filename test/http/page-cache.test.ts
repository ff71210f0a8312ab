/** The rendered-page cache in front of the app: hits, validators, and invalidation on every change. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { addCorrection } from '../../src/articles/commands.ts';
import { bumpContentVersion } from '../../src/content/content-version.ts';
import { createHttpServer } from '../../src/server.ts';
import { seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';

describeEachDatabase('page cache', (use) => {
  let server: http.Server;
  let base: string;
  let mediaDir: string;
  let seeded: Awaited<ReturnType<typeof seedSmallNewsroom>>;

  before(async () => {
    mediaDir = tempMediaDir();
    seeded = await seedSmallNewsroom(use().db, mediaDir, 3);
    const { ctx, assets } = createTestApp(use(), mediaDir);
    await ctx.generation.refresh();
    server = createHttpServer(ctx, assets);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('the second request is served from the cache with the same bytes and validators', async () => {
    const first = await fetch(`${base}/news/story-1`);
    const firstBody = await first.text();
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-masthead-cache'), null);
    const second = await fetch(`${base}/news/story-1`);
    assert.equal(second.headers.get('x-masthead-cache'), 'hit');
    assert.equal(await second.text(), firstBody);
    assert.equal(second.headers.get('etag'), first.headers.get('etag'));
    assert.equal(second.headers.get('last-modified'), first.headers.get('last-modified'));
    assert.match(second.headers.get('cache-control') ?? '', /public, max-age=\d+, s-maxage=\d+/);
  });

  test('a matching If-None-Match gets 304 with no body, from cache and from the app', async () => {
    const page = await fetch(`${base}/opinion/story-2`);
    const etag = page.headers.get('etag') ?? '';
    await page.text();
    const fromCache = await fetch(`${base}/opinion/story-2`, { headers: { 'if-none-match': etag } });
    assert.equal(fromCache.status, 304);
    assert.equal(await fromCache.text(), '');
    const fresh = await fetch(`${base}/news/story-3`);
    const freshTag = fresh.headers.get('etag') ?? '';
    await fresh.text();
    await addCorrection(use().db, seeded.articleIds[2] ?? 0, { kind: 'update', body: 'Adds the minister’s reply.' });
    const changed = await fetch(`${base}/news/story-3`, { headers: { 'if-none-match': freshTag } });
    assert.equal(changed.status, 200, 'a changed page is not 304');
    assert.match(await changed.text(), /Adds the minister’s reply\./);
  });

  test('If-Modified-Since gets 304 until the content changes; pages carry strict security headers', async () => {
    const first = await fetch(`${base}/opinion/story-2`);
    await first.text();
    const lastModified = first.headers.get('last-modified') ?? '';
    assert.ok(lastModified);
    assert.match(first.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(first.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
    assert.equal(first.headers.get('x-frame-options'), 'SAMEORIGIN');
    const cachedHit = await fetch(`${base}/opinion/story-2`);
    assert.match(cachedHit.headers.get('content-security-policy') ?? '', /default-src 'none'/, 'cached pages keep the security headers');
    await cachedHit.text();
    const notModified = await fetch(`${base}/opinion/story-2`, { headers: { 'if-modified-since': lastModified } });
    assert.equal(notModified.status, 304);
    const old = await fetch(`${base}/opinion/story-2`, { headers: { 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' } });
    assert.equal(old.status, 200);
    await old.text();
    await sleep(1100); // HTTP dates have one-second resolution
    await addCorrection(use().db, seeded.articleIds[1] ?? 0, { kind: 'clarification', body: 'Clarifies which ministry spoke.' });
    const changed = await fetch(`${base}/opinion/story-2`, { headers: { 'if-modified-since': lastModified } });
    assert.equal(changed.status, 200);
    assert.match(await changed.text(), /Clarifies which ministry spoke\./);
  });

  test('a change in this process is visible on the very next request', async () => {
    await (await fetch(`${base}/news/story-1`)).text();
    assert.equal((await fetch(`${base}/news/story-1`)).headers.get('x-masthead-cache'), 'hit');
    await addCorrection(use().db, seeded.articleIds[0] ?? 0, { kind: 'correction', body: 'Corrects the spelling of a name.' });
    const after = await fetch(`${base}/news/story-1`);
    assert.equal(after.headers.get('x-masthead-cache'), null);
    assert.match(await after.text(), /Corrects the spelling of a name\./);
    const home = await fetch(`${base}/`);
    assert.equal(home.headers.get('x-masthead-cache'), null, 'listing pages are invalidated too');
    await home.text();
  });

  test('a change made by another process is noticed within a fraction of a second', async () => {
    await (await fetch(`${base}/news/story-1`)).text();
    assert.equal((await fetch(`${base}/news/story-1`)).headers.get('x-masthead-cache'), 'hit');
    await bumpContentVersion(use().db); // as another process would: no in-process notification
    await sleep(400);
    await (await fetch(`${base}/healthz`)).text(); // any request starts the re-read
    await sleep(100);
    assert.equal((await fetch(`${base}/news/story-1`)).headers.get('x-masthead-cache'), null);
  });

  test('random query strings are rendered but never fill the cache', async () => {
    await (await fetch(`${base}/news/story-1?utm=1`)).text();
    assert.equal((await fetch(`${base}/news/story-1?utm=1`)).headers.get('x-masthead-cache'), null);
  });

  test('error pages are not cached', async () => {
    await (await fetch(`${base}/news/missing`)).text();
    const again = await fetch(`${base}/news/missing`);
    assert.equal(again.status, 404);
    assert.equal(again.headers.get('x-masthead-cache'), null);
    await again.text();
  });
});

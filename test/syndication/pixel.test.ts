/**
 * The tracking pixel of republished copies: always a 1×1 GIF, never cached; a signed token
 * counts a view by day and referring page (query and fragment stripped, long ones cut); a
 * forged token counts nothing; the number of referrer rows per copy and day is bounded.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, beforeEach, test } from 'node:test';
import { pixelUrl } from '../../src/syndication/links.ts';
import { MAX_REFERRERS_PER_DAY, recordView, referrerOf, topReferrers, viewsPerDay } from '../../src/syndication/views.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { seedRepublishing } from './republish-fixtures.ts';
import type { RepublishFixture } from './republish-fixtures.ts';

describeEachDatabase('republication pixel', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let f: RepublishFixture;

  before(async () => {
    mediaDir = tempMediaDir();
    f = await seedRepublishing(use().db, mediaDir);
    t = createTestApp(use(), mediaDir);
    await t.ctx.generation.refresh();
  });
  beforeEach(async () => {
    await use().db.deleteFrom('republication_views').execute();
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const load = async (url: string, referer?: string) => {
    const path = new URL(url).pathname;
    const response = await t.app.request(path, { headers: referer ? { referer } : {} });
    const body = Buffer.from(await response.arrayBuffer());
    return { response, body };
  };
  const rows = () => use().db.selectFrom('republication_views').select(['article_id', 'licence_id', 'day', 'referrer', 'views', 'counter_key']).orderBy('referrer').execute();
  const today = () => new Date().toISOString().slice(0, 10);

  test('a Creative Commons pixel answers a GIF and counts by day and referrer, query stripped', async () => {
    const url = await pixelUrl(t.ctx, f.ccArticleId, null);
    const first = await load(url, 'https://outlet.example/2026/rains?utm_source=x#top');
    assert.equal(first.response.status, 200);
    assert.equal(first.response.headers.get('content-type'), 'image/gif');
    assert.match(first.response.headers.get('cache-control') ?? '', /no-store/);
    assert.equal(first.body.subarray(0, 6).toString('latin1'), 'GIF89a');
    await load(url, 'https://outlet.example/2026/rains?utm_source=y');
    await load(url);
    const counted = await rows();
    assert.deepEqual(
      counted.map((row) => ({ ...row, views: Number(row.views) })),
      [
        { article_id: f.ccArticleId, licence_id: null, day: today(), referrer: '', views: 1, counter_key: `${f.ccArticleId}:cc:${today()}:` },
        { article_id: f.ccArticleId, licence_id: null, day: today(), referrer: 'https://outlet.example/2026/rains', views: 2, counter_key: `${f.ccArticleId}:cc:${today()}:https://outlet.example/2026/rains` },
      ],
    );
  });

  test('a licence pixel counts under its licence; the per-licensee summary sees it', async () => {
    const url = await pixelUrl(t.ctx, f.paidArticleId, f.licences.current);
    await load(url, 'https://current.example/story');
    const [row] = await rows();
    assert.equal(row?.licence_id, f.licences.current);
    assert.deepEqual(await viewsPerDay(use().db, today(), { licenseeId: f.licensees.current }), [{ day: today(), views: 1 }]);
    assert.deepEqual(await viewsPerDay(use().db, today(), { licenseeId: f.licensees.expired }), []);
    assert.deepEqual(await topReferrers(use().db, today(), { articleId: f.paidArticleId }), [{ referrer: 'https://current.example/story', views: 1 }]);
  });

  test('a forged or altered token still gets a GIF but counts nothing; a malformed name is a 404', async () => {
    const url = await pixelUrl(t.ctx, f.ccArticleId, null);
    const file = new URL(url).pathname.split('/')[3] ?? '';
    // The genuine seal on another payload: a different article.
    const forgedPayload = `${Buffer.from(JSON.stringify({ a: f.paidArticleId, _e: 0 })).toString('base64url')}.${file.split('.')[1] ?? ''}.gif`;
    for (const path of [`/republish/pixel/${forgedPayload}`, `/republish/pixel/${'A'.repeat(20)}.${'B'.repeat(43)}.gif`]) {
      const response = await t.app.request(path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-type'), 'image/gif');
    }
    assert.equal((await rows()).length, 0);
    assert.equal((await t.app.request('/republish/pixel/not-a-token.gif')).status, 404);
  });

  test('never a 500: a pixel of a deleted article still answers a GIF', async () => {
    const url = await pixelUrl(t.ctx, 987_654, null);
    const { response } = await load(url, 'https://outlet.example/x');
    assert.equal(response.status, 200);
    assert.equal((await rows()).length, 0);
  });

  test('referrers are reduced to scheme, host and path, at most 300 characters; other schemes are dropped', () => {
    assert.equal(referrerOf('https://user:pw@outlet.example:8443/a/b?q=1#f'), 'https://outlet.example:8443/a/b');
    assert.equal(referrerOf(`https://outlet.example/${'x'.repeat(400)}`).length, 300);
    assert.equal(referrerOf('javascript:alert(1)'), '');
    assert.equal(referrerOf('not a url'), '');
    assert.equal(referrerOf(undefined), '');
  });

  test('at most MAX_REFERRERS_PER_DAY referrer rows per copy and day; the rest fold into ""', async () => {
    const at = new Date().toISOString();
    for (let index = 0; index < MAX_REFERRERS_PER_DAY + 5; index += 1) {
      await recordView(use().db, { articleId: f.ccArticleId, licenceId: null, at, referrer: `https://spam.example/${index}` });
    }
    const counted = await rows();
    assert.equal(counted.length, MAX_REFERRERS_PER_DAY + 1);
    assert.equal(Number(counted.find((row) => row.referrer === '')?.views), 5);
  });
});

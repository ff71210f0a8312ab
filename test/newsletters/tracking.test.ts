/** Click redirects and open pixels through the real app: counts, forged tokens, no open redirect, opens only when switched on. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createIssue } from '../../src/newsletters/issues.ts';
import { CLICK_LINK_PURPOSE, OPEN_PIXEL_PURPOSE, freezeIssue, openPixelUrl } from '../../src/newsletters/render.ts';
import { hourOf } from '../../src/newsletters/tracking-routes.ts';
import { seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { createList } from './support/fixtures.ts';

describeEachDatabase('newsletter click and open tracking', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let articleIds: number[];

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    articleIds = (await seedSmallNewsroom(use().db, mediaDir, 2)).articleIds;
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  async function frozenIssue(trackOpens: boolean) {
    const listId = await createList(use().db);
    await use()
      .db.updateTable('newsletters')
      .set({ track_opens: trackOpens ? 1 : 0 })
      .where('id', '=', listId)
      .execute();
    const issueId = await createIssue(use().db, listId, { subject: 'Tracked', items: articleIds.map((articleId) => ({ articleId })) }, { userId: null });
    const frozen = await freezeIssue(t.ctx, issueId);
    return { listId, issueId, frozen };
  }

  const pathOf = (url: string) => new URL(url).pathname;
  const clicksOf = async (issueId: number) => (await use().db.selectFrom('newsletter_engagement').select(['kind', 'hour', 'count']).where('issue_id', '=', issueId).where('kind', '=', 'click').execute()).map((row) => ({ ...row, count: Number(row.count) }));

  test('a click redirects (302) to the stored article URL and counts on the link and in the hour bucket', async () => {
    const { issueId, frozen } = await frozenIssue(false);
    const first = /href="(https:\/\/news\.example\.test\/newsletters\/c\/[^"]+)"/.exec(frozen.html)?.[1] ?? '';
    const response = await t.app.request(pathOf(first));
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), 'https://news.example.test/news/story-1');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    await t.app.request(pathOf(first));
    const links = await use().db.selectFrom('newsletter_links').select(['url', 'clicks']).where('issue_id', '=', issueId).orderBy('id').execute();
    assert.deepEqual(
      links.map((link) => [link.url, Number(link.clicks)]),
      [
        ['https://news.example.test/news/story-1', 2],
        ['https://news.example.test/opinion/story-2', 0],
      ],
    );
    assert.deepEqual(await clicksOf(issueId), [{ kind: 'click', hour: hourOf(new Date()), count: 2 }]);

    // A HEAD (link checkers) redirects too but counts nothing.
    assert.equal((await t.app.request(pathOf(first), { method: 'HEAD' })).status, 302);
    assert.equal((await clicksOf(issueId))[0]?.count, 2);
  });

  test('forged, mangled or foreign tokens get the 404 page, and no token can name a URL of its own', async () => {
    const { issueId, frozen } = await frozenIssue(false);
    const href = /href="https:\/\/news\.example\.test(\/newsletters\/c\/[^"]+)"/.exec(frozen.html)?.[1] ?? '';
    const token = href.split('/').at(-1) ?? '';
    const [body = '', mac = ''] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ l: 424_242, _e: 0 })).toString('base64url');
    const attempts = [
      `/newsletters/c/${body}.${mac.slice(0, -2)}AA`,
      `/newsletters/c/${otherPayload}.${mac}`,
      `/newsletters/c/${encodeURIComponent('https://evil.example/')}`,
      `/newsletters/c/${await t.ctx.links.sign(OPEN_PIXEL_PURPOSE, { l: 1 }, null)}`,
      `/newsletters/c/${await t.ctx.links.sign(CLICK_LINK_PURPOSE, { l: 987_654 }, null)}`,
      `/newsletters/c/${await t.ctx.links.sign(CLICK_LINK_PURPOSE, { u: 'https://evil.example/' }, null)}`,
      `${href}?url=https://evil.example/`.replace(/\/c\/[^?]+/, `/c/${body}.x`),
    ];
    for (const path of attempts) {
      const response = await t.app.request(path);
      assert.equal(response.status, 404, path);
      assert.equal(response.headers.get('location'), null);
      assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    }
    // Query strings are ignored: the target is always the stored URL.
    const withQuery = await t.app.request(`${href}?url=https://evil.example/`);
    assert.equal(withQuery.headers.get('location'), 'https://news.example.test/news/story-1');
    assert.equal((await clicksOf(issueId))[0]?.count, 1);
  });

  test('the open pixel counts only when the list counts opens; forged pixels are 404', async () => {
    const off = await frozenIssue(false);
    const on = await frozenIssue(true);
    for (const issue of [off, on]) {
      const response = await t.app.request(pathOf(await openPixelUrl(t.ctx, issue.issueId)));
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'image/gif');
      assert.match(response.headers.get('cache-control') ?? '', /no-store/);
      const bytes = Buffer.from(await response.arrayBuffer());
      assert.equal(bytes.subarray(0, 6).toString('latin1'), 'GIF89a');
    }
    const opens = async (issueId: number) => (await use().db.selectFrom('newsletter_engagement').select('count').where('issue_id', '=', issueId).where('kind', '=', 'open').execute()).map((row) => Number(row.count));
    assert.deepEqual(await opens(off.issueId), []);
    assert.deepEqual(await opens(on.issueId), [1]);

    const clickToken = await t.ctx.links.sign(CLICK_LINK_PURPOSE, { i: on.issueId }, null);
    assert.equal((await t.app.request(`/newsletters/o/${clickToken}.gif`)).status, 404);
    assert.equal((await t.app.request(`/newsletters/o/not-a-token.gif`)).status, 404);
    const good = pathOf(await openPixelUrl(t.ctx, on.issueId));
    assert.equal((await t.app.request(good.replace(/\.gif$/, '.png'))).status, 404);
    assert.deepEqual(await opens(on.issueId), [1]);
    // Nothing about a reader is stored: the pixel URL is the same for every recipient.
    assert.equal(await openPixelUrl(t.ctx, on.issueId), await openPixelUrl(t.ctx, on.issueId));
  });
});

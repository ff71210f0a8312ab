/** Home, section, tag and author pages, and keyset pagination through them. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createArticle, publishArticle, unpublishArticle } from '../../src/articles/commands.ts';
import { isoHoursFrom, isoNow } from '../../src/shared/time.ts';
import { buildArticle, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';

function headlinesOf(html: string): string[] {
  return [...html.matchAll(/<h[23] class="card__headline"><a href="([^"]+)">/g)].map((match) => match[1] ?? '');
}

function nextLinkOf(html: string): string | null {
  return /<a href="([^"]+)" rel="next"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? null;
}

describeEachDatabase('listing pages', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let seeded: Awaited<ReturnType<typeof seedSmallNewsroom>>;

  before(async () => {
    mediaDir = tempMediaDir();
    seeded = await seedSmallNewsroom(use().db, mediaDir, 4);
    // 45 more in News, all published at the same second in pairs, so the cursor's id tiebreak matters.
    const base = isoHoursFrom(isoNow(), -100);
    for (let index = 0; index < 45; index += 1) {
      await createArticle(use().db, buildArticle({ sectionId: seeded.newsId, slug: `archive-${index}`, tagIds: [seeded.topicId], authorIds: [seeded.authorId], byline: null, publishedAt: isoHoursFrom(base, -Math.floor(index / 2)) }));
    }
    t = createTestApp(use(), mediaDir);
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  test('the home page shows the lead story, latest and section blocks', async () => {
    const response = await t.app.request('/');
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /class="home-lead"/);
    assert.match(html, /class="card card--lead[^"]*"[\s\S]*href="\/news\/story-1"/);
    assert.match(html, /id="section-news"/);
    assert.equal(html.match(/<h1[ >]/g)?.length, 1);
  });

  test('a section pages through every article exactly once, newest first', async () => {
    const seen: string[] = [];
    let path: string | null = '/news';
    let pages = 0;
    while (path) {
      const response = await t.app.request(path);
      assert.equal(response.status, 200, path);
      const html = await response.text();
      seen.push(...headlinesOf(html));
      path = nextLinkOf(html);
      pages += 1;
      assert.ok(pages < 10, 'pagination must end');
    }
    assert.equal(pages, 3);
    assert.equal(seen.length, 47); // story-1, story-3 and 45 archive articles
    assert.equal(new Set(seen).size, seen.length);
    assert.equal(seen[0], '/news/story-1');
  });

  test('tag and author pages list their articles and page by cursor', async () => {
    const topic = await t.app.request('/topics/water');
    assert.equal(topic.status, 200);
    const topicHtml = await topic.text();
    assert.equal(headlinesOf(topicHtml).length, 20);
    assert.ok(nextLinkOf(topicHtml)?.startsWith('/topics/water?after='));
    const country = await (await t.app.request('/countries/jordan')).text();
    assert.equal(headlinesOf(country).length, 4);
    const author = await t.app.request('/authors/rania-haddad');
    assert.equal(author.status, 200);
    const authorHtml = await author.text();
    assert.match(authorHtml, /Writes test stories\./);
    assert.equal(headlinesOf(authorHtml).length, 20);
  });

  test('unpublishing removes an article from every listing at once', async () => {
    await unpublishArticle(use().db, seeded.articleIds[0] ?? 0);
    for (const path of ['/', '/news', '/countries/jordan', '/authors/rania-haddad']) {
      const html = await (await t.app.request(path)).text();
      assert.ok(!html.includes('href="/news/story-1"'), path);
    }
    assert.equal((await t.app.request('/news/story-1')).status, 404);
  });

  test('publishing a draft puts it on its article, section and tag pages', async () => {
    const id = await createArticle(use().db, buildArticle({ sectionId: seeded.opinionId, slug: 'late-draft', status: 'draft', publishedAt: null, tagIds: [seeded.countryId] }));
    assert.equal((await t.app.request('/opinion/late-draft')).status, 404);
    await publishArticle(use().db, id);
    assert.equal((await t.app.request('/opinion/late-draft')).status, 200);
    assert.equal(headlinesOf(await (await t.app.request('/opinion')).text())[0], '/opinion/late-draft');
    assert.equal(headlinesOf(await (await t.app.request('/countries/jordan')).text())[0], '/opinion/late-draft');
  });

  test('static pages and the corrections page render', async () => {
    await use().db.insertInto('static_pages').values({ slug: 'about', language: 'en', title: 'About us', body: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We are a test newsroom.' }] }] }), created_at: isoNow(), updated_at: isoNow() }).execute();
    const about = await t.app.request('/pages/about');
    assert.equal(about.status, 200);
    assert.match(await about.text(), /We are a test newsroom\./);
    const corrections = await t.app.request('/corrections');
    assert.equal(corrections.status, 200);
  });
});

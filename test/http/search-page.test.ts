/** The search page over HTTP: results as cards with highlighted snippets, messages, filters kept, paging by links, no script. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createArticle } from '../../src/articles/commands.ts';
import { isoHoursFrom, isoNow } from '../../src/shared/time.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { buildArticle, paragraphDoc, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';

function headlinesOf(html: string): string[] {
  return [...html.matchAll(/<h2 class="card__headline"><a href="([^"]+)">/g)].map((match) => match[1] ?? '');
}

function decodeEntities(href: string): string {
  return href.replaceAll('&amp;', '&');
}

describeEachDatabase('search page', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let seeded: Awaited<ReturnType<typeof seedSmallNewsroom>>;

  before(async () => {
    mediaDir = tempMediaDir();
    seeded = await seedSmallNewsroom(use().db, mediaDir, 3);
    const db = use().db;
    await createArticle(db, buildArticle({ sectionId: seeded.newsId, slug: 'river-report', headline: 'River report', authorIds: [seeded.authorId], byline: null, body: paragraphDoc('Officials said the <em>river</em> & its flow were low.'), publishedAt: isoHoursFrom(isoNow(), -30) }));
    await createArticle(db, buildArticle({ sectionId: seeded.newsId, slug: 'arabic-water', language: 'ar', headline: 'أزمة المياه تتفاقم', body: paragraphDoc('قال المسؤولون إن أزمة المياه تتفاقم في الصيف.'), publishedAt: isoHoursFrom(isoNow(), -31) }));
    for (let index = 0; index < 25; index += 1) {
      await createArticle(db, buildArticle({ sectionId: seeded.opinionId, slug: `lighthouse-${index}`, headline: `Lighthouse story ${index}`, publishedAt: isoHoursFrom(isoNow(), -40 - index) }));
    }
    t = createTestApp(use(), mediaDir);
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  async function page(path: string, status = 200): Promise<{ html: string; response: Response }> {
    const response = await t.app.request(path);
    assert.equal(response.status, status, path);
    return { html: await response.text(), response };
  }

  test('results are the site cards with a highlighted, escaped snippet', async () => {
    const { html, response } = await page('/search?q=river');
    assert.match(html, /<title>Search results for “river” \| Test Ledger<\/title>/);
    assert.match(html, /<meta name="robots" content="noindex">/);
    assert.deepEqual(headlinesOf(html), ['/news/river-report']);
    assert.match(html, /<li class="search-result" lang="en" dir="ltr"><article class="card card--normal card--type-news"/);
    assert.ok(html.includes('<p class="search-result__snippet">Officials said the &lt;em&gt;<mark>river</mark>&lt;/em&gt; &amp; its flow were low.</p>'), 'snippet escaped, match marked');
    assert.match(html, /class="card__byline">Rania Haddad</);
    assert.equal(response.headers.get('content-language'), 'en');
  });

  test('the query is echoed escaped, never as markup', async () => {
    const { html } = await page(`/search?q=${encodeURIComponent('<script>alert(1)</script> river')}`);
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(html.includes('value="&lt;script&gt;alert(1)&lt;/script&gt; river"'));
    assert.ok(html.includes('Search results for “&lt;script&gt;alert(1)&lt;/script&gt; river”'));
  });

  test('no results, and no query, each get a message', async () => {
    const none = await page('/search?q=zebra');
    assert.match(none.html, /<p class="search__message">Nothing matched your search/);
    assert.equal(headlinesOf(none.html).length, 0);
    const empty = await page('/search');
    assert.match(empty.html, /<h1>Search<\/h1>/);
    assert.match(empty.html, /<p class="search__message">Type one or more words/);
    assert.equal(empty.response.headers.get('cache-control'), 'public, max-age=60, s-maxage=120, stale-while-revalidate=300');
  });

  test('the filters keep their values in the form', async () => {
    const { html } = await page('/search?q=council&section=opinion&type=news&tag=Jordan&author=Rania%20Haddad&lang=all&from=2020-01-01&to=2099-12-31&sort=date');
    assert.match(html, /<input id="search-q" type="search" name="q" value="council"/);
    assert.match(html, /<option value="opinion" selected>Opinion<\/option>/);
    assert.match(html, /<option value="news" selected>News<\/option>/);
    assert.match(html, /<input id="search-tag" type="text" name="tag" value="Jordan"/);
    assert.match(html, /<input id="search-author" type="text" name="author" value="Rania Haddad"/);
    assert.match(html, /<option value="all" selected>All languages<\/option>/);
    assert.match(html, /<input id="search-from" type="date" name="from" value="2020-01-01"/);
    assert.match(html, /<input id="search-to" type="date" name="to" value="2099-12-31"/);
    assert.match(html, /<option value="date" selected>Newest first<\/option>/);
    assert.match(html, /<details class="search-form__filters" open>/);
    // Every filter applies: of the council stories only the opinion one (the second) remains.
    assert.deepEqual(headlinesOf(html), ['/opinion/story-2']);
  });

  test('an unknown tag or author says so; a bad filter is a 400 that keeps the form', async () => {
    assert.match((await page('/search?q=council&tag=Atlantis')).html, /No topic, place or person is called “Atlantis”/);
    assert.match((await page('/search?q=council&author=Nobody')).html, /No author is called “Nobody”/);
    const { html, response } = await page('/search?q=council&section=sports&from=2026-01-01', 400);
    assert.match(html, /role="alert">One of the filters has a value this site does not know/);
    assert.match(html, /name="q" value="council"/);
    assert.match(html, /name="from" value="2026-01-01"/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.match((await page('/search?q=council&from=2026-02-31', 400)).html, /Dates must be real days/);
  });

  test('works without JavaScript: a GET form, links to page on, no script', async () => {
    const first = await page('/search?q=lighthouse&sort=date');
    assert.match(first.html, /<form class="search-form" role="search" method="get" action="\/search">/);
    assert.ok(!/<script(?![^>]*application\/ld\+json)/.test(first.html), 'no script element');
    assert.ok(!(first.response.headers.get('content-security-policy') ?? '').includes('script-src'));
    const firstHeadlines = headlinesOf(first.html);
    assert.equal(firstHeadlines.length, 20);
    const next = /<a class="pager__link pager__link--next" rel="next" href="([^"]+)">More results<\/a>/.exec(first.html)?.[1];
    assert.ok(next, 'a link to more results');
    assert.match(next, /^\/search\?q=lighthouse&amp;sort=date&amp;after=[A-Za-z0-9_-]+$/);
    const second = await page(decodeEntities(next));
    const secondHeadlines = headlinesOf(second.html);
    assert.equal(secondHeadlines.length, 5);
    assert.equal(new Set([...firstHeadlines, ...secondHeadlines]).size, 25);
    assert.match(second.html, /<a class="pager__link" href="\/search\?q=lighthouse&amp;sort=date">First results<\/a>/);
    assert.ok(!second.html.includes('rel="next"'));
  });

  test('the Arabic edition searches Arabic by default, right to left, and all languages on request', async () => {
    const { html } = await page(`/ar/search?q=${encodeURIComponent('ازمه')}`);
    assert.match(html, /^<!doctype html><html lang="ar" dir="rtl">/);
    assert.match(html, /action="\/ar\/search"/);
    assert.match(html, /<option value="ar" selected>العربية<\/option>/);
    assert.deepEqual(headlinesOf(html), ['/ar/news/arabic-water']);
    assert.match(html, /<mark>أزمة<\/mark>/);
    assert.deepEqual(headlinesOf((await page('/ar/search?q=river')).html), []);
    assert.deepEqual(headlinesOf((await page('/ar/search?q=river&lang=all')).html), ['/news/river-report']);
    assert.deepEqual(headlinesOf((await page(`/search?q=${encodeURIComponent('أزمة')}&lang=ar`)).html), ['/ar/news/arabic-water']);
  });
});

/** The article page carries every element of the page anatomy, and the metadata search engines read. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { addCorrection, createArticle } from '../../src/articles/commands.ts';
import { buildArticle, createTag, paragraphDoc, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';

function jsonLdOf(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => JSON.parse(match[1] ?? '{}') as Record<string, unknown>);
}

describeEachDatabase('article page', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let seeded: Awaited<ReturnType<typeof seedSmallNewsroom>>;

  before(async () => {
    mediaDir = tempMediaDir();
    seeded = await seedSmallNewsroom(use().db, mediaDir);
    t = createTestApp(use(), mediaDir);
    await addCorrection(use().db, seeded.articleIds[0] ?? 0, { kind: 'correction', body: 'An earlier version misstated the date of the meeting.' });
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  test('renders every element of the page anatomy in order', async () => {
    const response = await t.app.request('/news/story-1');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    const html = await response.text();
    assert.match(html, /^<!doctype html><html lang="en" dir="ltr">/);
    // The skip link is the first focusable element of the body.
    const bodyStart = html.indexOf('<body>');
    const firstLink = html.slice(bodyStart).match(/<a [^>]*>/)?.[0] ?? '';
    assert.match(firstLink, /class="skip-link" href="#main"/);
    for (const landmark of ['<header class="site-header">', '<nav class="sections-nav"', '<main id="main"', '<footer class="site-footer">']) assert.ok(html.includes(landmark), landmark);
    assert.equal(html.match(/<h1[ >]/g)?.length, 1);
    const order = [
      'class="article__headline"',
      'class="article__standfirst"',
      'class="type-label type-label--news"',
      'rel="author">Rania Haddad</a>',
      'class="dateline">AMMAN</span>',
      '<figure class="figure figure--hero">',
      'class="article__body"',
      'class="corrections"',
      'class="tags"',
      'data-slot="newsletter-promo"',
      'class="publisher__blurb">Test Ledger delivers independent test coverage.',
      'data-slot="republishing-notice"',
      'class="publisher__about"',
    ];
    let cursor = 0;
    for (const marker of order) {
      const at = html.indexOf(marker, cursor);
      assert.ok(at > cursor, `${marker} should follow the previous element`);
      cursor = at;
    }
    assert.match(html, /<time datetime="\d{4}-\d{2}-\d{2}T[^"]+Z">/);
    assert.match(html, /<figcaption><span class="figure__caption">Hero caption for the test.<\/span><span class="figure__credit">Photo: Test Photographer<\/span><\/figcaption>/);
    assert.match(html, /An earlier version misstated the date of the meeting\./);
    assert.match(html, /href="\/countries\/jordan"/);
    assert.match(html, /href="\/authors\/rania-haddad"/);
  });

  test('describes itself to search engines and social networks', async () => {
    const html = await (await t.app.request('/news/story-1')).text();
    assert.match(html, /<link rel="canonical" href="https:\/\/news\.example\.test\/news\/story-1"\/?>/);
    assert.match(html, /<meta property="og:type" content="article"\/?>/);
    assert.match(html, /<meta property="article:published_time" content="\d{4}-[^"]+"\/?>/);
    assert.match(html, /<meta property="article:modified_time" content="\d{4}-[^"]+"\/?>/);
    assert.match(html, /<meta property="article:section" content="News"\/?>/);
    assert.match(html, /<meta property="article:tag" content="Jordan"\/?>/);
    assert.match(html, /<meta name="twitter:card" content="summary_large_image"\/?>/);
    assert.match(html, /<meta property="og:image" content="https:\/\/news\.example\.test\/media\/[a-f0-9]+-\d+\.jpg"\/?>/);
    const [article] = jsonLdOf(html);
    assert.ok(article);
    assert.equal(article['@type'], 'ReportageNewsArticle');
    assert.equal(article.headline, 'Council approves test plan number ' + String((article.headline as string).split(' ').at(-1)));
    assert.equal(article.dateline, 'AMMAN');
    assert.deepEqual((article.author as { '@type': string; name: string; url: string }[])[0], { '@type': 'Person', name: 'Rania Haddad', url: 'https://news.example.test/authors/rania-haddad', jobTitle: 'Correspondent' });
    const image = (article.image as Record<string, unknown>[])[0];
    assert.equal(image?.creditText, 'Test Photographer');
    assert.equal(image?.copyrightNotice, 'Test Photographer');
    assert.equal((article.correction as { text: string }[])[0]?.text, 'An earlier version misstated the date of the meeting.');
    assert.ok(article.datePublished);
    assert.ok(article.dateModified);
  });

  test('opinion pieces are OpinionNewsArticle and the home page names the publisher', async () => {
    const opinion = await (await t.app.request('/opinion/story-2')).text();
    assert.equal(jsonLdOf(opinion)[0]?.['@type'], 'ReportageNewsArticle');
    const id = await createArticle(use().db, buildArticle({ sectionId: seeded.opinionId, type: 'opinion', slug: 'an-opinion' }));
    assert.ok(id > 0);
    const html = await (await t.app.request('/opinion/an-opinion')).text();
    assert.equal(jsonLdOf(html)[0]?.['@type'], 'OpinionNewsArticle');
    const home = await (await t.app.request('/')).text();
    const organisation = jsonLdOf(home).find((value) => value['@type'] === 'NewsMediaOrganization');
    assert.equal(organisation?.name, 'Test Ledger');
    assert.equal(organisation?.correctionsPolicy, 'https://news.example.test/pages/corrections-policy');
  });

  test('Arabic translations are right-to-left and linked with hreflang', async () => {
    const db = use().db;
    await createArticle(db, buildArticle({ sectionId: seeded.newsId, slug: 'envoy-meets-minister', translationGroup: 'g-envoy', headline: 'Envoy meets minister' }));
    await createArticle(db, buildArticle({ sectionId: seeded.newsId, slug: 'mabuth-yaltaqi-wazir', language: 'ar', translationGroup: 'g-envoy', headline: 'المبعوث يلتقي الوزير', body: paragraphDoc('نص تجريبي باللغة العربية.') }));
    const arabic = await t.app.request('/ar/news/mabuth-yaltaqi-wazir');
    assert.equal(arabic.status, 200);
    const html = await arabic.text();
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /المبعوث يلتقي الوزير/);
    assert.match(html, /نص تجريبي باللغة العربية\./);
    assert.match(html, /<link rel="alternate" hreflang="en" href="https:\/\/news\.example\.test\/news\/envoy-meets-minister"\/?>/);
    assert.match(html, /انتقل إلى المحتوى الرئيسي/);
    const english = await (await t.app.request('/news/envoy-meets-minister')).text();
    assert.match(english, /<link rel="alternate" hreflang="ar" href="https:\/\/news\.example\.test\/ar\/news\/mabuth-yaltaqi-wazir"\/?>/);
  });

  test('escapes hostile text everywhere it appears', async () => {
    const tagId = await createTag(use().db, { name: '<img src=x onerror=alert(1)>' });
    await createArticle(use().db, buildArticle({ sectionId: seeded.newsId, slug: 'hostile', headline: '<script>alert("h")</script>', standfirst: '"><svg onload=alert(2)>', tagIds: [tagId], body: paragraphDoc('</p><script>alert(3)</script>') }));
    const html = await (await t.app.request('/news/hostile')).text();
    assert.ok(!html.includes('<script>alert'), 'no script injected');
    assert.ok(!html.includes('<svg onload'), 'no svg injected');
    assert.ok(!html.includes('<img src=x'), 'no img injected');
    assert.match(html, /&lt;script&gt;alert\(&quot;h&quot;\)&lt;\/script&gt;|&lt;script&gt;alert\("h"\)&lt;\/script&gt;/);
    const ld = jsonLdOf(html)[0];
    assert.equal(ld?.headline, '<script>alert("h")</script>');
  });

  test('a wrong section in the address redirects to the canonical one', async () => {
    const response = await t.app.request('/opinion/story-1');
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), '/news/story-1');
  });

  test('unpublished and unknown articles are 404 in the site style', async () => {
    await createArticle(use().db, buildArticle({ sectionId: seeded.newsId, slug: 'draft-story', status: 'draft', publishedAt: null }));
    for (const path of ['/news/draft-story', '/news/no-such-story', '/ar/news/story-1']) {
      const response = await t.app.request(path);
      assert.equal(response.status, 404, path);
      const html = await response.text();
      assert.match(html, /class="error-page"/);
      assert.match(html, /<meta name="robots" content="noindex"\/?>/);
    }
  });
});

/**
 * RSS, Atom and JSON Feed for every listing: each parses as its format, carries full
 * text with absolute URLs, dates, credits and languages, escapes hostile text, answers
 * conditional requests with 304, and follows scheduled publishing through the page cache.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { addCorrection, createArticle } from '../../src/articles/commands.ts';
import { ingestImage } from '../../src/media/ingest.ts';
import { publishDueArticles } from '../../src/newsroom/workflow.ts';
import { createHttpServer } from '../../src/server.ts';
import { isoHoursFrom, isoNow } from '../../src/shared/time.ts';
import { FEED_FORMATS, feedUrl } from '../../src/site/urls.ts';
import type { FeedFormat } from '../../src/site/urls.ts';
import { buildArticle, createImage, createSection, createTag, makeJpeg, paragraphDoc, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { assertAbsoluteUrls, readFeed } from './read-feed.ts';
import type { ReadFeed, ReadItem } from './read-feed.ts';

const SITE = 'https://news.example.test';
const FORMATS = Object.keys(FEED_FORMATS) as FeedFormat[];
const HOSTILE_HEADLINE = '<script>alert("pwned")</script> Tom & Jerry’s ]]> "quoted" reply';
const HOSTILE_STANDFIRST = 'Officials said <b>nothing</b> & left; the CDATA-ending ]]> stays text.';
const ARABIC_HEADLINE = 'عمّان تفتتح محطة مياه جديدة في الشمال';

type TextNode = { type: 'text'; text: string; marks?: { type: 'link'; attrs: { href: string } }[] };

function text(value: string): TextNode {
  return { type: 'text', text: value };
}

function link(value: string, href: string): TextNode {
  return { type: 'text', text: value, marks: [{ type: 'link', attrs: { href } }] };
}

/** A body with every kind of URL the renderer writes: site-relative, fragment, external, mailto, images, embeds, related links. */
function richBody(relatedArticleId: number, imageId: number): unknown {
  return {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [text('Read '), link('the earlier story', '/news/story-1'), text(', the '), link('notes below', '#notes'), text(', '), link('the ministry report', 'https://ministry.example.org/report?a=1&b=2'), text(' or write to '), link('the desk', 'mailto:desk@news.example.test'), text('.')] },
      { type: 'imageBlock', attrs: { imageId, caption: null, credit: null, alt: 'Pipes laid along the road' } },
      { type: 'embed', attrs: { provider: 'youtube', url: 'https://www.youtube.com/watch?v=abc123', title: 'The minister’s statement' } },
      { type: 'blockquote', content: [{ type: 'embed', attrs: { provider: 'x', url: 'https://x.com/desk/status/1', title: null } }] },
      { type: 'relatedLink', attrs: { articleId: relatedArticleId, href: null, title: 'Earlier' } },
      { type: 'heading', attrs: { level: 2 }, content: [text('Notes')] },
      { type: 'paragraph', content: [text('A closing note with <angle> brackets & ampersands ]]> too.')] },
    ],
  };
}

function itemAt(feed: ReadFeed, url: string): ReadItem {
  const item = feed.items.find((candidate) => candidate.url === url);
  assert.ok(item, `${url} is in the feed`);
  return item;
}

function seconds(value: Date | string): number {
  return Math.floor(new Date(value).getTime() / 1000);
}

describeEachDatabase('feeds', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let seeded: Awaited<ReturnType<typeof seedSmallNewsroom>>;
  let updatedAt: string;
  let hostilePublishedAt: string;
  let server: http.Server;
  let base: string;

  before(async () => {
    const db = use().db;
    mediaDir = tempMediaDir();
    seeded = await seedSmallNewsroom(db, mediaDir, 3);
    const now = isoNow();
    const placeId = await createTag(db, { kind: 'place', slug: 'amman', name: 'Amman', parentId: seeded.countryId });
    const personId = await createTag(db, { kind: 'person', slug: 'salma-nour', name: 'Salma Nour' });
    const organisationId = await createTag(db, { kind: 'organisation', slug: 'water-authority', name: 'Water Authority' });
    const bodyImageId = await createImage(db, mediaDir, { credit: 'Body Photographer' });
    const wireImageId = await ingestImage(db, mediaDir, await makeJpeg({ width: 1600, height: 900 }), { alt: 'A pumping station at dawn', caption: 'The station on Monday.', credit: 'Ann Lee', creditOrganisation: 'Wire Agency', canDistribute: true });
    hostilePublishedAt = isoHoursFrom(now, -0.5);
    // Tagged with the country as well as the place, so the country's feed holds it whether or not hubs gather places.
    await createArticle(
      db,
      buildArticle({
        sectionId: seeded.newsId,
        slug: 'hostile-headline',
        headline: HOSTILE_HEADLINE,
        standfirst: HOSTILE_STANDFIRST,
        authorIds: [],
        byline: 'Staff & agencies',
        tagIds: [seeded.countryId, placeId, personId, organisationId],
        heroImageId: wireImageId,
        body: richBody(seeded.articleIds[0] ?? 0, bodyImageId),
        publishedAt: hostilePublishedAt,
      }),
    );
    updatedAt = isoHoursFrom(now, -0.25);
    await createArticle(db, buildArticle({ sectionId: seeded.opinionId, slug: 'updated-story', headline: 'Tariff review updated with new figures', authorIds: [seeded.authorId], byline: null, tagIds: [seeded.topicId], publishedAt: isoHoursFrom(now, -5), updatedAt }));
    await createArticle(db, buildArticle({ sectionId: seeded.opinionId, slug: 'bell-rings', headline: 'Bell\u0007 rings at noon', byline: 'Test Desk', publishedAt: isoHoursFrom(now, -6) }));
    await createArticle(
      db,
      buildArticle({ sectionId: seeded.newsId, language: 'ar', slug: 'amman-water-station', headline: ARABIC_HEADLINE, standfirst: 'قالت السلطات إن المحطة ستخدم مئة ألف نسمة.', authorIds: [seeded.authorId], byline: null, tagIds: [seeded.countryId, seeded.topicId], heroImageId: seeded.imageId, body: paragraphDoc('فقرة أولى من القصة.'), publishedAt: isoHoursFrom(now, -1.5) }),
    );
    const archiveId = await createSection(db, { slug: 'archive', name: 'Archive' });
    for (let index = 0; index < 32; index += 1) {
      await createArticle(db, buildArticle({ sectionId: archiveId, slug: `archive-${index}`, headline: `Archive story ${index}`, byline: 'Archive Desk', publishedAt: isoHoursFrom(now, -(100 + index)) }));
    }
    t = createTestApp(use(), mediaDir);
    await t.ctx.generation.refresh();
    server = createHttpServer(t.ctx, t.assets);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  async function fetchFeed(listingPath: string, format: FeedFormat): Promise<{ raw: string; feed: ReadFeed; response: Response }> {
    const response = await t.app.request(feedUrl(listingPath, format));
    assert.equal(response.status, 200, feedUrl(listingPath, format));
    assert.equal(response.headers.get('content-type'), `${FEED_FORMATS[format].type}; charset=utf-8`);
    const raw = await response.text();
    return { raw, feed: readFeed(format, raw), response };
  }

  const LISTINGS: { path: string; label: string; language: string | null }[] = [
    { path: '/', label: 'Latest', language: 'en' },
    { path: '/ar', label: 'آخر الأخبار', language: 'ar' },
    { path: '/news', label: 'News', language: 'en' },
    { path: '/ar/news', label: 'قسم', language: 'ar' },
    { path: '/countries/jordan', label: 'Jordan', language: 'en' },
    { path: '/places/amman', label: 'Amman', language: 'en' },
    { path: '/topics/water', label: 'Water', language: 'en' },
    { path: '/people/salma-nour', label: 'Salma Nour', language: 'en' },
    { path: '/organisations/water-authority', label: 'Water Authority', language: 'en' },
    { path: '/authors/rania-haddad', label: 'Rania Haddad', language: null },
  ];

  test('every listing kind parses in every format, with absolute links, dates and bylines', async () => {
    for (const listing of LISTINGS) {
      for (const format of FORMATS) {
        const where = feedUrl(listing.path, format);
        const { raw, feed } = await fetchFeed(listing.path, format);
        assert.equal(feed.title, `Test Ledger — ${listing.label}`, where);
        assert.equal(feed.language, listing.language, where);
        assert.equal(feed.self, `${SITE}${where}`, where);
        assert.equal(feed.home, `${SITE}${listing.path}`, where);
        assert.ok(feed.items.length > 0, `${where} has items`);
        assert.doesNotMatch(raw, /(href|src|srcset)=&quot;(?!https?:|mailto:)/, `${where}: no relative URL in the raw text`);
        let previous = Infinity;
        for (const item of feed.items) {
          assert.match(item.id, /^tag:news\.example\.test,\d{4}-\d{2}-\d{2}:article\/\d+$/, where);
          assert.ok(item.url.startsWith(`${SITE}/`), `${where}: ${item.url}`);
          assert.ok(item.authors.length > 0 && item.authors.every((name) => name !== ''), `${where}: ${item.url} has a byline`);
          assert.ok(item.updated.getTime() >= item.published.getTime(), `${where}: updated is not before published`);
          assert.ok(item.published.getTime() <= previous, `${where}: newest first`);
          previous = item.published.getTime();
          if (listing.language) assert.equal(item.language, listing.language, `${where}: ${item.url}`);
          assert.notEqual(item.content, '', `${where}: full text`);
          assertAbsoluteUrls(item.content, `${where} ${item.url}`);
          assert.doesNotMatch(item.content, /<script|<iframe|<button|data-embed/i, `${where}: no script, frame or placeholder`);
          if (item.image) assert.ok(item.image.url.startsWith(`${SITE}/media/`), `${where}: ${item.image.url}`);
        }
      }
    }
  });

  test('an article carries its full text with every URL absolute, embeds as links, and a stable id', async () => {
    const url = `${SITE}/news/hostile-headline`;
    const ids = new Set<string>();
    for (const format of FORMATS) {
      const item = itemAt((await fetchFeed('/news', format)).feed, url);
      ids.add(item.id);
      const html = item.content;
      assert.match(html, /href="https:\/\/news\.example\.test\/news\/story-1">the earlier story<\/a>/, format);
      assert.match(html, /href="https:\/\/news\.example\.test\/news\/hostile-headline#notes">notes below/, format);
      assert.match(html, /href="https:\/\/ministry\.example\.org\/report\?a=1&amp;b=2"/, format);
      assert.match(html, /href="mailto:desk@news\.example\.test"/, format);
      assert.match(html, /<a href="https:\/\/www\.youtube\.com\/watch\?v=abc123"[^>]*>The minister’s statement \(Open on YouTube\)<\/a>/, format);
      assert.match(html, /<a href="https:\/\/x\.com\/desk\/status\/1"[^>]*>Open on X<\/a>/, format);
      assert.match(html, /class="related-link__link" href="https:\/\/news\.example\.test\/news\/story-1"/, format);
      assert.match(html, /<source type="image\/webp" srcset="https:\/\/news\.example\.test\/media\/[^"]+ \d+w, https:\/\/news\.example\.test\/media\//, format);
      assert.match(html, /alt="Pipes laid along the road"/, format);
      assert.match(html, /Photo: Body Photographer/, format);
      assert.match(html, /<figcaption>The station on Monday\. Photo: Ann Lee\/Wire Agency<\/figcaption>/, format);
      assert.match(html, /A closing note with &lt;angle&gt; brackets &amp; ampersands \]\]&gt; too\./, format);
      assert.deepEqual(item.authors, ['Staff & agencies'], format);
      assert.deepEqual(item.categories, ['Jordan', 'Amman', 'Salma Nour', 'Water Authority'], format);
    }
    assert.equal(ids.size, 1, 'one id in every format');
    const [id] = [...ids];
    for (const path of ['/', '/countries/jordan', '/places/amman']) {
      assert.equal(itemAt((await fetchFeed(path, 'atom')).feed, url).id, id, `${path}: the same id in every feed`);
    }
  });

  test('the hero photo is an enclosure with its credit, pointing at a file of that size', async () => {
    for (const format of FORMATS) {
      const item = itemAt((await fetchFeed('/news', format)).feed, `${SITE}/news/hostile-headline`);
      assert.ok(item.image, format);
      assert.match(item.image.url, /^https:\/\/news\.example\.test\/media\/[a-f0-9]+-1280\.jpg$/, format);
      assert.equal(item.image.type, 'image/jpeg', format);
      assert.equal(item.image.credit, 'Ann Lee/Wire Agency', format);
      const file = await t.app.request(item.image.url.slice(SITE.length));
      assert.equal(file.status, 200);
      assert.equal(item.image.length, (await file.arrayBuffer()).byteLength, `${format}: enclosure length is the file's size`);
    }
    const plain = itemAt((await fetchFeed('/news', 'rss')).feed, `${SITE}/news/story-1`);
    assert.equal(plain.image?.credit, 'Test Photographer');
  });

  test('dates: published, and updated from the article’s update time', async () => {
    for (const format of FORMATS) {
      const { feed } = await fetchFeed('/opinion', format);
      const updated = itemAt(feed, `${SITE}/opinion/updated-story`);
      assert.equal(seconds(updated.updated), seconds(updatedAt), format);
      assert.ok(updated.published.getTime() < updated.updated.getTime(), format);
      const hostile = itemAt((await fetchFeed('/news', format)).feed, `${SITE}/news/hostile-headline`);
      assert.equal(seconds(hostile.published), seconds(hostilePublishedAt), format);
      assert.equal(seconds(hostile.updated), seconds(hostilePublishedAt), `${format}: never updated, so updated is published`);
    }
  });

  test('hostile headlines and standfirsts are escaped, never markup, and the XML stays well-formed', async () => {
    for (const format of FORMATS) {
      const { raw, feed } = await fetchFeed('/news', format);
      const item = itemAt(feed, `${SITE}/news/hostile-headline`);
      assert.equal(item.title, HOSTILE_HEADLINE, format);
      assert.equal(item.summary, HOSTILE_STANDFIRST, format);
      if (format !== 'json') {
        assert.doesNotMatch(raw, /<script/i, `${format}: no raw script tag`);
        assert.ok(!raw.includes(']]>'), `${format}: no CDATA terminator in the text`);
      }
      assert.doesNotMatch(item.content, /<script/i, format);
    }
    // A control character XML cannot carry is dropped rather than breaking the feed.
    for (const format of ['rss', 'atom'] as const) {
      const item = itemAt((await fetchFeed('/opinion', format)).feed, `${SITE}/opinion/bell-rings`);
      assert.equal(item.title, 'Bell rings at noon', format);
    }
  });

  test('the Arabic edition has its own feeds, in Arabic, laid out right to left', async () => {
    for (const format of FORMATS) {
      const { feed, response } = await fetchFeed('/ar', format);
      assert.equal(response.headers.get('content-language'), 'ar');
      assert.equal(feed.items.length, 1, `${format}: only the Arabic edition's articles`);
      const item = itemAt(feed, `${SITE}/ar/news/amman-water-station`);
      assert.equal(item.title, ARABIC_HEADLINE, format);
      assert.equal(item.summary, 'قالت السلطات إن المحطة ستخدم مئة ألف نسمة.', format);
      assert.match(item.content, /^<div dir="rtl" lang="ar">.*فقرة أولى من القصة\..*<\/div>$/s, format);
      assert.match(item.content, /صورة: Test Photographer/, `${format}: the credit label in Arabic`);
      assert.deepEqual(item.authors, ['Rania Haddad'], format);
    }
    const english = (await fetchFeed('/', 'rss')).feed;
    assert.ok(english.items.every((item) => !item.url.includes('/ar/')), 'the English feed has no Arabic articles');
  });

  test('an author’s feed holds their work in every language, each item with its own', async () => {
    for (const format of FORMATS) {
      const { feed, response } = await fetchFeed('/authors/rania-haddad', format);
      assert.equal(response.headers.get('content-language'), null);
      assert.equal(itemAt(feed, `${SITE}/ar/news/amman-water-station`).language, 'ar', format);
      assert.equal(itemAt(feed, `${SITE}/news/story-1`).language, 'en', format);
      assert.equal(itemAt(feed, `${SITE}/news/story-1`).authors[0], 'Rania Haddad');
    }
  });

  test('a feed holds the newest 30 articles of its listing', async () => {
    for (const format of FORMATS) {
      const { feed } = await fetchFeed('/archive', format);
      assert.equal(feed.items.length, 30, format);
      assert.deepEqual(
        feed.items.map((item) => item.url),
        Array.from({ length: 30 }, (_, index) => `${SITE}/archive/archive-${index}`),
        format,
      );
    }
  });

  test('conditional GET: a matching ETag or an unchanged Last-Modified gets 304', async () => {
    for (const format of FORMATS) {
      const path = feedUrl('/news', format);
      const first = await t.app.request(path);
      await first.text();
      const etag = first.headers.get('etag') ?? '';
      const lastModified = first.headers.get('last-modified') ?? '';
      assert.match(etag, /^"[^"]+"$/);
      assert.notEqual(lastModified, '');
      const byTag = await t.app.request(path, { headers: { 'if-none-match': etag } });
      assert.equal(byTag.status, 304, `${format}: If-None-Match`);
      assert.equal(await byTag.text(), '');
      const byDate = await t.app.request(path, { headers: { 'if-modified-since': lastModified } });
      assert.equal(byDate.status, 304, `${format}: If-Modified-Since`);
      const stale = await t.app.request(path, { headers: { 'if-none-match': '"something-else"' } });
      assert.equal(stale.status, 200, `${format}: another ETag gets the feed`);
      await stale.text();
      // Through the real server the second request comes from the page cache, and still answers 304.
      const served = await fetch(`${base}${path}`);
      await served.text();
      const cached = await fetch(`${base}${path}`, { headers: { 'if-none-match': served.headers.get('etag') ?? '' } });
      assert.equal(cached.status, 304, `${format}: 304 from the page cache`);
    }
  });

  test('an unknown section, tag or author, or a malformed slug, is a 404', async () => {
    for (const path of ['/nowhere/feed.xml', '/ar/nowhere/atom.xml', '/countries/atlantis/feed.json', '/topics/jordan/feed.xml', '/authors/nobody/atom.xml', '/topics/Bad_Slug/feed.xml', '/authors/x..y/feed.json', '/news/extra/feed.xml']) {
      const response = await t.app.request(path);
      assert.equal(response.status, 404, path);
      await response.text();
    }
  });

  test('wire photos the newsroom may not pass on are left out of feeds (hero and body)', async () => {
    const db = use().db;
    const wireId = await ingestImage(db, mediaDir, await makeJpeg({ width: 1500, height: 900 }), { alt: 'Crowds at a rally', caption: 'A rally in the square.', credit: 'Agency Photographer', creditOrganisation: 'Wire Agency', canDistribute: false });
    const variants = JSON.parse((await db.selectFrom('images').select('variants').where('id', '=', wireId).executeTakeFirstOrThrow()).variants) as { key: string }[];
    await createArticle(
      db,
      buildArticle({ sectionId: seeded.newsId, slug: 'wire-photo-story', headline: 'Rally fills the square', heroImageId: wireId, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Thousands gathered.' }] }, { type: 'imageBlock', attrs: { imageId: wireId, caption: null, credit: null, alt: null } }] }, publishedAt: isoNow() }),
    );
    for (const format of ['rss', 'atom', 'json'] as const) {
      const { raw } = await fetchFeed('/news', format);
      assert.match(raw, /Thousands gathered\./, format);
      for (const variant of variants) assert.ok(!raw.includes(variant.key), `${format} carries no wire photo (${variant.key})`);
    }
  });

  test('a change to an article reaches its feeds at once', async () => {
    const path = feedUrl('/news', 'json');
    const earlier = itemAt((await fetchFeed('/news', 'json')).feed, `${SITE}/news/story-1`);
    assert.equal(seconds(earlier.updated), seconds(earlier.published));
    const servedBefore = await fetch(`${base}${path}`);
    await servedBefore.text();
    const correctedAt = isoNow();
    await addCorrection(use().db, seeded.articleIds[0] ?? 0, { kind: 'update', body: 'Adds the ministry’s figures.', createdAt: correctedAt });
    const afterChange = itemAt((await fetchFeed('/news', 'json')).feed, `${SITE}/news/story-1`);
    assert.equal(seconds(afterChange.updated), seconds(correctedAt));
    const served = await fetch(`${base}${path}`);
    assert.equal(served.headers.get('x-masthead-cache'), null, 'the cached feed was dropped');
    assert.notEqual(served.headers.get('etag'), servedBefore.headers.get('etag'));
    assert.match(await served.text(), new RegExp(`"date_modified": "${correctedAt.slice(0, 19)}Z"`));
  });

  test('feed discovery links on listing pages point to working feeds of the same listing', async () => {
    for (const page of ['/', '/ar', '/news', '/countries/jordan', '/people/salma-nour', '/authors/rania-haddad']) {
      const html = await (await t.app.request(page)).text();
      const links = [...html.matchAll(/<link rel="alternate" type="(application\/(?:rss\+xml|atom\+xml|feed\+json))" title="[^"]*" href="([^"]+)"/g)];
      assert.equal(links.length, 3, `${page} advertises three feeds`);
      for (const [, type = '', href = ''] of links) {
        const format = FORMATS.find((candidate) => FEED_FORMATS[candidate].type === type);
        assert.ok(format, type);
        const response = await t.app.request(href.slice(SITE.length));
        assert.equal(response.status, 200, href);
        assert.equal(response.headers.get('content-type'), `${type}; charset=utf-8`, href);
        const feed = readFeed(format, await response.text());
        assert.equal(feed.self, href, `${page}: the feed names itself as advertised`);
        assert.equal(new URL(feed.home ?? '').pathname, page, `${page}: the feed leads back to the page`);
      }
    }
  });

  // Last: the scheduled article becomes the newest item of these listings.
  test('a scheduled article is absent from feeds until its time, then present, through the page cache', async () => {
    const db = use().db;
    const at = isoHoursFrom(isoNow(), 1);
    const id = await createArticle(db, buildArticle({ sectionId: seeded.newsId, slug: 'scheduled-story', headline: 'Night market reopens on the quay', byline: 'Test Desk', tagIds: [seeded.topicId], status: 'scheduled', publishedAt: null }));
    await db.updateTable('articles').set({ scheduled_at: at, published_at: at }).where('id', '=', id).execute();
    // Let this process's view of the content version settle, so the cache fills at the generation the next reads use.
    await t.ctx.generation.refresh();
    const paths = ['/', '/news', '/topics/water'].flatMap((listing) => FORMATS.map((format) => feedUrl(listing, format)));
    const read = async (path: string) => {
      const response = await fetch(`${base}${path}`);
      return { body: await response.text(), hit: response.headers.get('x-masthead-cache') === 'hit' };
    };
    for (const path of paths) {
      assert.ok(!(await read(path)).body.includes('scheduled-story'), `${path}: not before its time`);
      const again = await read(path);
      assert.ok(again.hit, `${path}: served from the page cache`);
      assert.ok(!again.body.includes('scheduled-story'), path);
    }
    assert.deepEqual(await publishDueArticles(db, isoNow()), [], 'not due yet');
    for (const path of paths) assert.ok(!(await read(path)).body.includes('scheduled-story'), `${path}: still absent`);
    assert.deepEqual(await publishDueArticles(db, isoHoursFrom(at, 0.01)), [id]);
    for (const path of paths) {
      const { body, hit } = await read(path);
      assert.ok(!hit, `${path}: the cached feed was dropped`);
      assert.ok(body.includes(`${SITE}/news/scheduled-story`), `${path}: present once published`);
    }
  });
});

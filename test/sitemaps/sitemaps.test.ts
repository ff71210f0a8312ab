/**
 * robots.txt, the sitemap index and every sitemap it names, read the way a crawler reads
 * them: each document parsed with fast-xml-parser and held to the schema rules.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createArticle } from '../../src/articles/commands.ts';
import type { ArticleInputDraft } from '../../src/articles/article-input.ts';
import type { Database } from '../../src/db/schema.ts';
import type { ImageVariant } from '../../src/media/types.ts';
import { setSitemapLimits, sitemapLimits } from '../../src/sitemaps/limits.ts';
import { isoHoursFrom, isoNow } from '../../src/shared/time.ts';
import { articleUrl, authorUrl, correctionsUrl, homeUrl, sectionUrl, staticPageUrl, tagUrl } from '../../src/site/urls.ts';
import type { Kysely } from 'kysely';
import { buildArticle, createImage, createTag, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { checkSitemapIndex, checkUrlset } from './sitemap-schema.ts';
import type { ParsedUrl } from './sitemap-schema.ts';

const PUBLIC_URL = 'https://news.example.test';

async function get(t: TestApp, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return t.app.request(path, { headers });
}

/** Fetches the index and every sitemap it lists, checking each; returns the URLs by sitemap path. */
async function crawl(t: TestApp, publicUrl = PUBLIC_URL): Promise<Map<string, ParsedUrl[]>> {
  const index = await get(t, '/sitemap.xml');
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('content-type'), 'application/xml; charset=utf-8');
  const files = new Map<string, ParsedUrl[]>();
  for (const entry of checkSitemapIndex(await index.text(), publicUrl)) {
    const path = entry.loc.slice(publicUrl.length);
    const response = await get(t, path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-type'), 'application/xml; charset=utf-8', path);
    files.set(path, checkUrlset(await response.text(), publicUrl, sitemapLimits()));
  }
  return files;
}

async function widestJpegKey(db: Kysely<Database>, imageId: number): Promise<string> {
  const row = await db.selectFrom('images').select('variants').where('id', '=', imageId).executeTakeFirstOrThrow();
  const jpegs = (JSON.parse(row.variants) as ImageVariant[]).filter((variant) => variant.format === 'jpeg').sort((a, b) => b.width - a.width);
  return jpegs[0]?.key ?? '';
}

const w3c = (iso: string) => `${iso.slice(0, 19)}Z`;

describeEachDatabase('sitemaps', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let seeded: Awaited<ReturnType<typeof seedSmallNewsroom>>;
  let photoStoryId: number;
  let bodyImageId: number;
  let beforeTranslation: string;

  before(async () => {
    mediaDir = tempMediaDir();
    const db = use().db;
    seeded = await seedSmallNewsroom(db, mediaDir, 3);
    bodyImageId = await createImage(db, mediaDir);
    const body = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Before the photo.' }] },
        { type: 'imageBlock', attrs: { imageId: bodyImageId, caption: null, credit: null, alt: null } },
        { type: 'blockquote', content: [{ type: 'imageBlock', attrs: { imageId: seeded.imageId, caption: null, credit: null, alt: null } }] },
      ],
    };
    photoStoryId = await createArticle(db, buildArticle({ sectionId: seeded.newsId, slug: 'photo-story', body, heroImageId: seeded.imageId, publishedAt: '2024-03-10T10:00:00.000Z', updatedAt: '2024-03-12T08:30:15.250Z' }));
    await createArticle(db, buildArticle({ sectionId: seeded.newsId, slug: 'water-deal', translationGroup: 'water-deal', publishedAt: '2024-03-11T10:00:00.000Z' }));
    beforeTranslation = `${isoNow().slice(0, 19)}Z`;
    await createArticle(db, buildArticle({ sectionId: seeded.newsId, slug: 'safqat-al-miyah', language: 'ar', translationGroup: 'water-deal', publishedAt: '2024-04-02T10:00:00.000Z' }));
    await createArticle(db, buildArticle({ sectionId: seeded.newsId, slug: 'lonely-draft', translationGroup: 'water-deal', status: 'draft', publishedAt: null }));
    const now = isoNow();
    await db.insertInto('static_pages').values({ slug: 'about', language: 'en', title: 'About', body: '{"type":"doc","content":[]}', created_at: now, updated_at: '2024-01-05T09:00:00.000Z' }).execute();
    t = createTestApp(use(), mediaDir);
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  test('robots.txt opens the site, closes the newsroom and search results, and names the sitemap index absolutely', async () => {
    const response = await get(t, '/robots.txt');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
    const lines = (await response.text()).split('\n');
    assert.equal(lines[0], 'User-agent: *');
    for (const line of ['Allow: /', 'Disallow: /admin/', 'Disallow: /search?', 'Disallow: /ar/search?', `Sitemap: ${PUBLIC_URL}/sitemap.xml`]) assert.ok(lines.includes(line), line);
    assert.ok(!lines.includes('Disallow: /'), 'the site itself is open');
  });

  test('the index names the news sitemap, the other pages and each month with its lastmod; every file is valid', async () => {
    const index = checkSitemapIndex(await (await get(t, '/sitemap.xml')).text(), PUBLIC_URL);
    const paths = index.map((entry) => entry.loc.slice(PUBLIC_URL.length));
    const month = isoNow().slice(0, 7);
    assert.deepEqual(paths, ['/sitemaps/news.xml', '/sitemaps/editions.xml', '/sitemaps/sections.xml', '/sitemaps/pages.xml', '/sitemaps/tags.xml', '/sitemaps/authors.xml', `/sitemaps/articles-${month}.xml`, '/sitemaps/articles-2024-04.xml', '/sitemaps/articles-2024-03.xml']);
    for (const entry of index.filter((item) => item.loc.includes('/articles-'))) assert.ok(entry.lastmod, `${entry.loc} has a lastmod`);
    assert.equal(index.find((entry) => entry.loc.endsWith('articles-2024-04.xml'))?.lastmod, '2024-04-02T10:00:00Z', 'the latest change among its articles');
    // Publishing the Arabic translation added an alternate to the English page's file.
    assert.ok((index.find((entry) => entry.loc.endsWith('articles-2024-03.xml'))?.lastmod ?? '') >= beforeTranslation, 'a new translation changes its siblings\' files');

    const files = await crawl(t);
    const articleUrls = [...files].filter(([path]) => path.includes('/articles-')).flatMap(([, urls]) => urls.map((url) => url.loc));
    const published = await use().db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id').select(['articles.language', 'articles.slug', 'sections.slug as section']).where('status', '=', 'published').execute();
    assert.deepEqual(articleUrls.sort(), published.map((row) => `${PUBLIC_URL}${articleUrl(row.language, row.section, row.slug)}`).sort(), 'every published article once, nothing else');
  });

  test('an article lists its modified time and its hero and body photos as large variants', async () => {
    const urls = checkUrlset(await (await get(t, '/sitemaps/articles-2024-03.xml')).text(), PUBLIC_URL);
    const entry = urls.find((url) => url.loc === `${PUBLIC_URL}/news/photo-story`);
    assert.ok(entry);
    const row = await use().db.selectFrom('articles').select('modified_at').where('id', '=', photoStoryId).executeTakeFirstOrThrow();
    assert.equal(entry.lastmod, w3c(row.modified_at));
    const heroKey = await widestJpegKey(use().db, seeded.imageId);
    const bodyKey = await widestJpegKey(use().db, bodyImageId);
    assert.deepEqual(entry.images, [`${PUBLIC_URL}/media/${heroKey}`, `${PUBLIC_URL}/media/${bodyKey}`], 'hero first, each photo once');
    const image = await get(t, `/media/${heroKey}`);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/jpeg');
  });

  test('translations carry hreflang alternates to every published language, themselves included', async () => {
    const march = checkUrlset(await (await get(t, '/sitemaps/articles-2024-03.xml')).text(), PUBLIC_URL);
    const april = checkUrlset(await (await get(t, '/sitemaps/articles-2024-04.xml')).text(), PUBLIC_URL);
    const expected = [
      { hreflang: 'ar', href: `${PUBLIC_URL}/ar/news/safqat-al-miyah` },
      { hreflang: 'en', href: `${PUBLIC_URL}/news/water-deal` },
    ];
    assert.deepEqual(march.find((url) => url.loc.endsWith('/news/water-deal'))?.alternates, expected);
    assert.deepEqual(april.find((url) => url.loc.endsWith('/ar/news/safqat-al-miyah'))?.alternates, expected);
    assert.deepEqual(march.find((url) => url.loc.endsWith('/news/photo-story'))?.alternates, [], 'no group, no alternates');
  });

  test('the other pages: homes and corrections per edition, sections, static pages, tag hubs and authors', async () => {
    const files = await crawl(t);
    const locs = (path: string) => (files.get(path) ?? []).map((url) => url.loc.slice(PUBLIC_URL.length)).sort();
    assert.deepEqual(locs('/sitemaps/editions.xml'), [homeUrl('en'), correctionsUrl('en'), homeUrl('ar'), correctionsUrl('ar')].sort());
    assert.deepEqual(locs('/sitemaps/sections.xml'), ['news', 'opinion'].flatMap((slug) => [sectionUrl('en', slug), sectionUrl('ar', slug)]).sort());
    assert.deepEqual(locs('/sitemaps/pages.xml'), [staticPageUrl('en', 'about')]);
    assert.equal(files.get('/sitemaps/pages.xml')?.[0]?.lastmod, '2024-01-05T09:00:00Z');
    assert.deepEqual(locs('/sitemaps/tags.xml'), [tagUrl('en', 'country', 'jordan'), tagUrl('ar', 'country', 'jordan'), tagUrl('en', 'topic', 'water'), tagUrl('ar', 'topic', 'water')].sort());
    assert.deepEqual(locs('/sitemaps/authors.xml'), [authorUrl('rania-haddad')]);
  });

  test('the other pages split by id range under a small limit, never above it, each page once', async () => {
    const db = use().db;
    for (let index = 0; index < 4; index += 1) await createTag(db, { slug: `split-tag-${index}` });
    const expected = (await db.selectFrom('tags').select(['kind', 'slug']).execute()).flatMap((tag) => ['en', 'ar'].map((language) => tagUrl(language, tag.kind, tag.slug)));
    const restore = setSitemapLimits({ maxUrls: 3 });
    try {
      const files = await crawl(t);
      const tagFiles = [...files.keys()].filter((path) => /^\/sitemaps\/tags(-\d+)?\.xml$/.test(path));
      assert.ok(tagFiles.length >= 3, `tag hubs split into ${tagFiles.length} files`);
      const seen = tagFiles.flatMap((path) => (files.get(path) ?? []).map((url) => url.loc.slice(PUBLIC_URL.length)));
      assert.deepEqual(seen.sort(), expected.sort());
      assert.ok([...files.keys()].includes('/sitemaps/editions-2.xml'), 'two editions × home and corrections make two files');
    } finally {
      restore();
    }
  });

  test('conditional GETs are answered 304', async () => {
    for (const path of ['/robots.txt', '/sitemap.xml', '/sitemaps/articles-2024-03.xml', '/sitemaps/tags.xml', '/sitemaps/news.xml']) {
      const first = await get(t, path);
      const etag = first.headers.get('etag');
      assert.ok(etag, `${path} has an ETag`);
      assert.ok(first.headers.get('last-modified'), `${path} has Last-Modified`);
      const again = await get(t, path, { 'if-none-match': etag });
      assert.equal(again.status, 304, path);
      assert.equal(await again.text(), '');
    }
  });

  test('unknown months, parts and malformed names are 404', async () => {
    for (const path of [
      '/sitemaps/articles-1999-01.xml',
      '/sitemaps/articles-2024-03-2.xml',
      '/sitemaps/articles-2024-13.xml',
      '/sitemaps/articles-2024-00.xml',
      '/sitemaps/articles-2024-3.xml',
      '/sitemaps/articles-2024-03-1.xml',
      '/sitemaps/articles-2024-03-0.xml',
      '/sitemaps/articles-2024-03-02.xml',
      '/sitemaps/articles-2024-03-999999.xml',
      '/sitemaps/articles-2024-03.xml.gz',
      '/sitemaps/articles-2024-03',
      '/sitemaps/ARTICLES-2024-03.xml',
      '/sitemaps/tags-0.xml',
      '/sitemaps/tags-1.xml',
      '/sitemaps/tags-99999.xml',
      '/sitemaps/users.xml',
      '/sitemaps/',
      '/sitemaps/%2e%2e%2fsitemap.xml',
    ]) {
      assert.equal((await get(t, path)).status, 404, path);
    }
  });

  test('everything is escaped: a public URL with & and a headline with markup characters', async () => {
    const db = use().db;
    const headline = 'Talks & "deals" <today> at the Minister\'s office';
    await createArticle(db, buildArticle({ sectionId: seeded.newsId, slug: 'escaped-headline', headline, publishedAt: isoHoursFrom(isoNow(), -0.5) }));
    const odd = createTestApp(use(), mediaDir, { PUBLIC_URL: 'https://news.example.test/a&b' });
    const files = await crawl(odd, 'https://news.example.test/a&b');
    const news = files.get('/sitemaps/news.xml') ?? [];
    const entry = news.find((url) => url.loc === 'https://news.example.test/a&b/news/escaped-headline');
    assert.equal(entry?.news?.title, headline);
    const raw = await (await get(odd, '/sitemaps/news.xml')).text();
    assert.match(raw, /<loc>https:\/\/news\.example\.test\/a&amp;b\/news\/escaped-headline<\/loc>/);
    assert.match(raw, /Talks &amp; &quot;deals&quot; &lt;today&gt;/);
  });
});

describeEachDatabase('Google News sitemap', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let seeded: Awaited<ReturnType<typeof seedSmallNewsroom>>;

  before(async () => {
    mediaDir = tempMediaDir();
    seeded = await seedSmallNewsroom(use().db, mediaDir, 0);
    t = createTestApp(use(), mediaDir);
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  async function newsUrls(): Promise<ParsedUrl[]> {
    const response = await get(t, '/sitemaps/news.xml');
    assert.equal(response.status, 200);
    // Articles age out without any content change, so the document is never kept.
    assert.equal(response.headers.get('cache-control'), 'no-store');
    return checkUrlset(await response.text(), PUBLIC_URL, { maxUrls: 1000, maxBytes: 52_428_800 });
  }

  test('holds exactly the published articles of the last 48 hours', async () => {
    const db = use().db;
    const now = isoNow();
    const make = (slug: string, hoursAgo: number | null, extra: Partial<ArticleInputDraft> = {}) =>
      createArticle(db, buildArticle({ sectionId: seeded.newsId, slug, publishedAt: hoursAgo === null ? null : isoHoursFrom(now, -hoursAgo), ...extra }));
    await make('one-hour', 1);
    await make('forty-seven-hours', 47);
    await make('arabic-forty-seven', 47, { language: 'ar', headline: 'اتفاق المياه' });
    await make('forty-nine-hours', 49);
    await make('draft', null, { status: 'draft' });
    await make('in-review', 2, { status: 'in_review' });
    await make('scheduled', -3, { status: 'scheduled' });
    await make('unpublished', 5, { status: 'unpublished' });
    await make('dated-tomorrow', -24);

    const urls = await newsUrls();
    // Newest first; the two at 47 hours share a time, so the later id comes first.
    assert.deepEqual(
      urls.map((url) => url.loc),
      [`${PUBLIC_URL}/news/one-hour`, `${PUBLIC_URL}/ar/news/arabic-forty-seven`, `${PUBLIC_URL}/news/forty-seven-hours`],
    );
    const rows = await db.selectFrom('articles').select(['slug', 'headline', 'published_at', 'language']).where('slug', 'in', ['one-hour', 'arabic-forty-seven']).execute();
    for (const row of rows) {
      const entry = urls.find((url) => url.loc.endsWith(`/${row.slug}`));
      assert.deepEqual(entry?.news, { name: 'Test Ledger', language: row.language, publicationDate: `${(row.published_at ?? '').slice(0, 19)}Z`, title: row.headline });
    }
  });

  test('holds at most the 1,000 newest', async () => {
    const db = use().db;
    const now = Date.now();
    const rows = Array.from({ length: 1005 }, (_, index) => {
      const at = new Date(now - 60_000 - index * 60_000).toISOString();
      return {
        slug: `bulk-${index}`, language: 'en', translation_group: null, headline: `Bulk story ${index}`, standfirst: '', type: 'news', section_id: seeded.newsId, byline: 'Desk', dateline: null,
        body: '{"type":"doc","content":[]}', hero_image_id: null, hero_caption: null, hero_credit: null, hero_alt: null, sources: '[]', status: 'published' as const,
        published_at: at, updated_at: null, created_at: at, modified_at: at, licensing_policy: null, seo_title: null, seo_description: null, word_count: 0,
      };
    });
    for (let start = 0; start < rows.length; start += 500) await db.insertInto('articles').values(rows.slice(start, start + 500)).execute();
    const urls = await newsUrls();
    assert.equal(urls.length, 1000);
    const newest = await db.selectFrom('articles').select('slug').where('status', '=', 'published').where('published_at', '<=', isoNow()).orderBy('published_at', 'desc').limit(1000).execute();
    assert.deepEqual(new Set(urls.map((url) => url.loc.slice(url.loc.lastIndexOf('/') + 1))), new Set(newest.map((row) => row.slug)));
  });
});

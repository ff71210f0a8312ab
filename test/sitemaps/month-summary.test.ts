/**
 * The month summary behind the sitemap index stays equal to what the articles say
 * through every kind of change, splits files under small limits without ever passing
 * them, and is rebuilt identically in bulk.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, afterEach, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { createArticle, publishArticle, unpublishArticle } from '../../src/articles/commands.ts';
import { afterArticleWrite } from '../../src/content/article-hooks.ts';
import { changeContent } from '../../src/content/content-version.ts';
import type { Database } from '../../src/db/schema.ts';
import { DOCUMENT_OVERHEAD_BOUND, entryByteBound, setSitemapLimits, sitemapLimits } from '../../src/sitemaps/limits.ts';
import { rebuildSitemapMonths } from '../../src/sitemaps/sync.ts';
import { isoNow } from '../../src/shared/time.ts';
import { buildArticle, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { checkSitemapIndex, checkUrlset } from './sitemap-schema.ts';

const PUBLIC_URL = 'https://news.example.test';

type Db = Kysely<Database>;

/** Published articles per month, straight from the articles. */
async function truth(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('articles').select('published_at').where('status', '=', 'published').execute();
  const counts: Record<string, number> = {};
  for (const row of rows) if (row.published_at) counts[row.published_at.slice(0, 7)] = (counts[row.published_at.slice(0, 7)] ?? 0) + 1;
  return counts;
}

/** URLs per month as the summary counts them, after checking each part against its entries and the limits. */
async function summary(db: Db): Promise<Record<string, number>> {
  const parts = await db.selectFrom('sitemap_parts').selectAll().execute();
  const entries = await db.selectFrom('sitemap_entries').select(['month', 'part', 'byte_estimate']).execute();
  const counts: Record<string, number> = {};
  for (const part of parts) {
    const mine = entries.filter((entry) => entry.month === part.month && entry.part === part.part);
    assert.equal(part.url_count, mine.length, `${part.month} part ${part.part} counts its entries`);
    assert.equal(part.byte_estimate, mine.reduce((sum, entry) => sum + entry.byte_estimate, 0), `${part.month} part ${part.part} sums its bytes`);
    assert.ok(part.url_count <= sitemapLimits().maxUrls, 'never above the URL limit');
    if (part.url_count > 0) counts[part.month] = (counts[part.month] ?? 0) + part.url_count;
  }
  for (const entry of entries) assert.ok(parts.some((part) => part.month === entry.month && part.part === entry.part), 'every entry has its part');
  return counts;
}

async function assertInStep(db: Db): Promise<void> {
  assert.deepEqual(await summary(db), await truth(db));
}

/** Moves an article's publication time the way every write path does: in a transaction, then the hook. */
async function movePublication(db: Db, articleId: number, publishedAt: string): Promise<void> {
  await changeContent(db, async (trx) => {
    await trx.updateTable('articles').set({ published_at: publishedAt, modified_at: isoNow() }).where('id', '=', articleId).execute();
    await afterArticleWrite(trx, articleId);
  });
}

async function monthFiles(t: TestApp): Promise<Map<string, string[]>> {
  const index = checkSitemapIndex(await (await t.app.request('/sitemap.xml')).text(), PUBLIC_URL);
  const files = new Map<string, string[]>();
  for (const entry of index.filter((item) => item.loc.includes('/articles-'))) {
    const path = entry.loc.slice(PUBLIC_URL.length);
    const response = await t.app.request(path);
    assert.equal(response.status, 200, path);
    files.set(path, checkUrlset(await response.text(), PUBLIC_URL, sitemapLimits()).map((url) => url.loc.slice(PUBLIC_URL.length)));
  }
  return files;
}

describeEachDatabase('sitemap month summary', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let seeded: Awaited<ReturnType<typeof seedSmallNewsroom>>;
  let restoreLimits: (() => void) | null = null;

  before(async () => {
    mediaDir = tempMediaDir();
    seeded = await seedSmallNewsroom(use().db, mediaDir, 2);
    t = createTestApp(use(), mediaDir);
  });
  afterEach(() => {
    restoreLimits?.();
    restoreLimits = null;
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  const article = (slug: string, publishedAt: string | null, status: 'draft' | 'published' = 'published') =>
    createArticle(use().db, buildArticle({ sectionId: seeded.newsId, slug, status, publishedAt }));

  test('publishing, moving to another month, unpublishing and deleting keep every month right', async () => {
    const db = use().db;
    await assertInStep(db);
    const id = await article('moving-story', null, 'draft');
    assert.equal((await db.selectFrom('sitemap_entries').select('article_id').where('article_id', '=', id).execute()).length, 0, 'a draft is not listed');

    await publishArticle(db, id, '2025-05-10T12:00:00.000Z');
    await assertInStep(db);
    assert.deepEqual(await monthFiles(t).then((files) => files.get('/sitemaps/articles-2025-05.xml')), ['/news/moving-story']);

    await movePublication(db, id, '2025-07-01T08:00:00.000Z');
    await assertInStep(db);
    assert.equal((await t.app.request('/sitemaps/articles-2025-05.xml')).status, 404, 'the emptied month is gone');
    assert.deepEqual(await monthFiles(t).then((files) => files.get('/sitemaps/articles-2025-07.xml')), ['/news/moving-story']);

    const beforeUnpublish = isoNow().slice(0, 19);
    await unpublishArticle(db, id);
    await assertInStep(db);
    assert.equal((await t.app.request('/sitemaps/articles-2025-07.xml')).status, 404);
    const july = await db.selectFrom('sitemap_parts').select('lastmod').where('month', '=', '2025-07').executeTakeFirstOrThrow();
    assert.ok(july.lastmod.slice(0, 19) >= beforeUnpublish, 'a removal is a change to the file');

    // Deleting a published article directly: its entry goes by cascade, and the trigger takes it off the count.
    const doomed = await article('doomed-story', '2025-07-02T08:00:00.000Z');
    await article('surviving-story', '2025-07-03T08:00:00.000Z');
    await assertInStep(db);
    await db.deleteFrom('articles').where('id', '=', doomed).execute();
    await assertInStep(db);
    await db.deleteFrom('articles').where('id', '=', id).execute();
    await assertInStep(db);
    assert.deepEqual(await monthFiles(t).then((files) => files.get('/sitemaps/articles-2025-07.xml')), ['/news/surviving-story']);
  });

  test('a lastmod follows the latest change of any article in the file', async () => {
    const db = use().db;
    const id = await article('lastmod-story', '2025-09-10T12:00:00.000Z');
    const first = await db.selectFrom('sitemap_parts').select('lastmod').where('month', '=', '2025-09').executeTakeFirstOrThrow();
    assert.equal(first.lastmod, '2025-09-10T12:00:00.000Z');
    await changeContent(db, async (trx) => {
      await trx.updateTable('articles').set({ headline: 'A new headline', modified_at: '2025-10-01T00:00:00.000Z' }).where('id', '=', id).execute();
      await afterArticleWrite(trx, id);
    });
    const index = checkSitemapIndex(await (await t.app.request('/sitemap.xml')).text(), PUBLIC_URL);
    assert.equal(index.find((entry) => entry.loc.endsWith('/articles-2025-09.xml'))?.lastmod, '2025-10-01T00:00:00Z');
  });

  test('a month splits into parts of at most the URL limit, refilled first-with-room, each article once', async () => {
    const db = use().db;
    restoreLimits = setSitemapLimits({ maxUrls: 3 });
    const ids: number[] = [];
    for (let day = 1; day <= 8; day += 1) ids.push(await article(`split-${day}`, `2023-02-${String(day).padStart(2, '0')}T10:00:00.000Z`));
    await assertInStep(db);
    let files = await monthFiles(t);
    assert.deepEqual([...files.keys()].filter((path) => path.includes('2023-02')), ['/sitemaps/articles-2023-02.xml', '/sitemaps/articles-2023-02-2.xml', '/sitemaps/articles-2023-02-3.xml']);
    assert.deepEqual([...files.values()].flat().filter((path) => path.includes('split-')).sort(), ids.map((_, index) => `/news/split-${index + 1}`).sort());
    assert.deepEqual(files.get('/sitemaps/articles-2023-02-3.xml'), ['/news/split-7', '/news/split-8']);

    await unpublishArticle(db, ids[1] ?? 0);
    await article('split-late', '2023-02-20T10:00:00.000Z');
    await assertInStep(db);
    files = await monthFiles(t);
    assert.deepEqual(files.get('/sitemaps/articles-2023-02.xml'), ['/news/split-1', '/news/split-3', '/news/split-late'], 'the freed place in part 1 is taken again');
    for (const urls of files.values()) assert.ok(urls.length <= 3);
  });

  test('a month splits by bytes too: no file passes the byte limit', async () => {
    const db = use().db;
    const slug = (day: number) => `bytes-${day}`;
    const bound = entryByteBound({ slug: slug(1), imageKeys: [], hasTranslations: false });
    const maxBytes = DOCUMENT_OVERHEAD_BOUND + 2 * bound + bound / 2;
    restoreLimits = setSitemapLimits({ maxUrls: 50, maxBytes });
    for (let day = 1; day <= 5; day += 1) await article(slug(day), `2023-04-0${day}T10:00:00.000Z`);
    await assertInStep(db);
    const parts = await db.selectFrom('sitemap_parts').select(['part', 'url_count']).where('month', '=', '2023-04').orderBy('part').execute();
    assert.deepEqual(parts.map((part) => part.url_count), [2, 2, 1]);
    for (const part of parts) {
      const body = await (await t.app.request(`/sitemaps/articles-2023-04${part.part > 1 ? `-${part.part}` : ''}.xml`)).text();
      checkUrlset(body, PUBLIC_URL, { maxUrls: 50, maxBytes });
    }
  });

  test('parts racing for the last place never pass the limit', async () => {
    const db = use().db;
    restoreLimits = setSitemapLimits({ maxUrls: 3 });
    await Promise.all(Array.from({ length: 7 }, (_, index) => article(`race-${index}`, `2023-06-0${index + 1}T10:00:00.000Z`)));
    await assertInStep(db);
    const counts = await db.selectFrom('sitemap_parts').select('url_count').where('month', '=', '2023-06').execute();
    assert.deepEqual(counts.map((row) => row.url_count).sort(), [1, 3, 3]);
  });

  test('a rebuild writes the same summary and files as the per-article sync', async () => {
    const db = use().db;
    restoreLimits = setSitemapLimits({ maxUrls: 3 });
    const before = await summary(db);
    const filesBefore = [...(await monthFiles(t)).values()].flat().sort();
    const report = await rebuildSitemapMonths(db);
    assert.equal(report.entries, Object.values(await truth(db)).reduce((sum, count) => sum + count, 0));
    assert.deepEqual(await summary(db), before);
    await assertInStep(db);
    assert.deepEqual([...(await monthFiles(t)).values()].flat().sort(), filesBefore);
    const parts = await db.selectFrom('sitemap_parts').select(['month', 'url_count']).where('month', '=', '2023-02').orderBy('part').execute();
    assert.deepEqual(parts.map((part) => part.url_count), [3, 3, 2], 'parts fill in the order articles arrived');
  });
});

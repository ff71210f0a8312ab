/** The demo newsroom a fresh install creates: complete, consistent, and every page of it renders. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { ARTICLE_TYPES } from '../../src/articles/article-types.ts';
import { buildDemoContent } from '../../src/seed/demo/index.ts';
import { seedDemoIfEmpty } from '../../src/seed/seed-demo.ts';
import { currentRateCard } from '../../src/syndication/rate-card.ts';
import { loadSiteSettings } from '../../src/site/settings.ts';
import { tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';

// The real drawings take a few seconds each to rasterise; the seeding logic is the same
// with small stand-ins (the drawings themselves are checked in src/seed/demo).
function demoWithSmallPhotos() {
  const content = buildDemoContent();
  content.photos = content.photos.map((photo, index) => ({
    ...photo,
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="225" viewBox="0 0 400 225"><rect width="400" height="225" fill="#${(index * 2654435761 % 0xffffff).toString(16).padStart(6, '0')}"/></svg>`,
  }));
  return content;
}

describeEachDatabase('demo newsroom', (use) => {
  let mediaDir: string;
  let t: TestApp;
  const content = demoWithSmallPhotos();

  before(async () => {
    mediaDir = tempMediaDir();
    const report = await seedDemoIfEmpty(use().db, mediaDir, content);
    assert.ok(report);
    t = createTestApp(use(), mediaDir);
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  test('holds what the foundation issue asks for', async () => {
    const db = use().db;
    const count = async (table: 'articles' | 'sections' | 'authors' | 'images' | 'static_pages' | 'article_corrections') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    assert.ok((await count('articles')) >= 60);
    assert.ok((await count('sections')) >= 6);
    assert.ok((await count('authors')) >= 10);
    assert.ok((await count('article_corrections')) >= 3);
    const types = new Set((await db.selectFrom('articles').select('type').distinct().execute()).map((row) => row.type));
    for (const type of ARTICLE_TYPES) assert.ok(types.has(type), `type ${type}`);
    const kinds = new Set((await db.selectFrom('tags').select('kind').distinct().execute()).map((row) => row.kind));
    for (const kind of ['country', 'topic', 'person', 'organisation']) assert.ok(kinds.has(kind as never), `tag kind ${kind}`);
    const wire = await db.selectFrom('images').select(['credit', 'credit_organisation']).where('can_distribute', '=', 0).execute();
    assert.ok(wire.length > 0, 'some photos are wire photos that may not be passed on');
    const pages = (await db.selectFrom('static_pages').select('slug').where('language', '=', 'en').execute()).map((row) => row.slug).sort();
    for (const slug of ['about', 'contact', 'corrections-policy', 'ethics']) assert.ok(pages.includes(slug), slug);
    const arabic = await db.selectFrom('articles').select('id').where('language', '=', 'ar').execute();
    assert.ok(arabic.length >= 4);
    // Newsletters need the sender's postal address in their footer; the demo's is invented.
    assert.match((await loadSiteSettings(db)).postalAddress, /^The Tamarisk Newsroom\n.+\nJordan$/s);
  });

  test('the syndication desk: a rate card with a section and an article override that quotes use, and no unusable feed token', async () => {
    const db = use().db;
    const { card } = await currentRateCard(db);
    const analysis = await db.selectFrom('sections').select('id').where('slug', '=', 'analysis').executeTakeFirstOrThrow();
    assert.ok(card.overrides.some((override) => override.scope === 'section' && override.id === analysis.id && Object.keys(override.baseMinor).length > 0), 'Analysis has its own base fees');
    const fixed = card.overrides.find((override) => override.scope === 'article' && override.fixedMinor !== null);
    assert.ok(fixed, 'one article has a fixed fee');
    const quoted = await db.selectFrom('syndication_requests').select(['quote_minor', 'quote_breakdown']).where('article_id', '=', fixed.id).execute();
    assert.ok(quoted.length > 0 && quoted.every((row) => row.quote_minor >= (fixed.fixedMinor ?? 0) && row.quote_breakdown.includes('Fixed fee for this article')), 'its requests were quoted with it');
    const tokens = await db.selectFrom('partner_feed_tokens').select('id').execute();
    assert.deepEqual(tokens, [], 'no token nobody can use: `masthead partner:token` makes one');
    const partner = await db.selectFrom('licensees').select('organisation').where('kind', '=', 'partner').executeTakeFirstOrThrow();
    assert.equal(partner.organisation, 'Levant Press Exchange', 'the partner the README names');
  });

  test('a second start does not seed again', async () => {
    assert.equal(await seedDemoIfEmpty(use().db, mediaDir, content), null);
  });

  test('every demo article, section, author, tag and static page renders', async () => {
    const db = use().db;
    const articles = await db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id').select(['articles.slug', 'articles.language', 'sections.slug as section']).execute();
    const prefix = (language: string) => (language === 'en' ? '' : `/${language}`);
    const paths = [
      '/', '/ar', '/corrections',
      ...articles.map((a) => `${prefix(a.language)}/${a.section}/${a.slug}`),
      ...(await db.selectFrom('sections').select('slug').execute()).map((s) => `/${s.slug}`),
      ...(await db.selectFrom('authors').select('slug').execute()).map((a) => `/authors/${a.slug}`),
      ...(await db.selectFrom('static_pages').select(['slug', 'language']).execute()).map((p) => `${prefix(p.language)}/pages/${p.slug}`),
    ];
    const segment: Record<string, string> = { topic: 'topics', country: 'countries', place: 'places', person: 'people', organisation: 'organisations' };
    paths.push(...(await db.selectFrom('tags').select(['kind', 'slug']).execute()).map((tag) => `/${segment[tag.kind]}/${tag.slug}`));
    for (const path of paths) {
      const response = await t.app.request(path);
      assert.equal(response.status, 200, path);
      const html = await response.text();
      assert.equal(html.match(/<h1[ >]/g)?.length, 1, `one h1 on ${path}`);
    }
  });
});

/** Full-text search: relevance, stemming, phrases, filters, paging, snippets, Arabic, and the index following every write. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createArticle, publishArticle, unpublishArticle } from '../../src/articles/commands.ts';
import type { SessionUser } from '../../src/accounts/sessions.ts';
import { loadEditable, saveArticle } from '../../src/newsroom/editing.ts';
import { loadSiteCatalog } from '../../src/site/chrome.ts';
import { SearchInputError, searchArticles } from '../../src/search/search.ts';
import type { SearchFilters, SearchRequest } from '../../src/search/search.ts';
import { isoNow } from '../../src/shared/time.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { buildArticle, createAuthor, createImage, createSection, createTag, paragraphDoc, tempMediaDir } from '../factories.ts';

describeEachDatabase('search', (use, dialect) => {
  const db = () => use().db;
  let mediaDir: string;
  let news: number;
  let opinion: number;
  let rania: number;
  let omar: number;
  let water: number;
  let jordan: number;
  const ids: Record<string, number> = {};

  async function find(text: string, options: Omit<SearchRequest, 'text'> = {}): Promise<number[]> {
    const page = await searchArticles(db(), { text, limit: 50, ...options });
    return page.hits.map((hit) => hit.articleId);
  }

  async function article(key: string, overrides: Partial<Parameters<typeof buildArticle>[0]> & { at: string }): Promise<number> {
    const { at, ...rest } = overrides;
    const id = await createArticle(db(), buildArticle({ sectionId: news, slug: `search-${key}`, publishedAt: at, standfirst: '', body: paragraphDoc('Filler text for the test.'), ...rest }));
    ids[key] = id;
    return id;
  }

  before(async () => {
    mediaDir = tempMediaDir();
    news = await createSection(db(), { slug: 'news', name: 'News' });
    opinion = await createSection(db(), { slug: 'opinion', name: 'Opinion' });
    rania = await createAuthor(db(), { slug: 'rania-haddad', name: 'Rania Haddad' });
    omar = await createAuthor(db(), { slug: 'omar-said', name: 'Omar Said' });
    water = await createTag(db(), { kind: 'topic', slug: 'water', name: 'Water' });
    jordan = await createTag(db(), { kind: 'country', slug: 'jordan', name: 'Jordan' });
    await db().updateTable('tags').set({ aliases: JSON.stringify(['مياه', 'eau']) }).where('id', '=', water).execute();
    const photo = await createImage(db(), mediaDir);

    // Relevance tiers for "harbour": headline < standfirst < body, newest last.
    await article('tier-headline', { headline: 'Harbour cranes stand idle', at: '2026-03-01T08:00:00.000Z' });
    await article('tier-about', { headline: 'Port workers strike', standfirst: 'The harbour has been quiet for a week.', at: '2026-03-05T08:00:00.000Z' });
    await article('tier-body', { headline: 'City budget debate', body: paragraphDoc('One paragraph mentions the harbour in passing.'), at: '2026-03-09T08:00:00.000Z' });
    await article('tier-headline-older', { headline: 'Harbour fees rise', at: '2026-02-01T08:00:00.000Z' });

    await article('stemming', { headline: 'Runners gather for the marathon', body: paragraphDoc('Thousands were running through the old town.'), at: '2026-03-02T08:00:00.000Z' });
    await article('phrase', { headline: 'Shortage warning as water levels drop in valley farms', body: paragraphDoc('A water shortage is expected by August.'), at: '2026-03-03T08:00:00.000Z' });
    await article('phrase-apart', { headline: 'Shortage of pumps leaves water undelivered', at: '2026-03-04T08:00:00.000Z' });

    await article('aquifer-opinion', { headline: 'Why the aquifer matters', sectionId: opinion, type: 'opinion', authorIds: [omar], byline: null, tagIds: [jordan], at: '2026-02-10T12:00:00.000Z' });
    await article('aquifer-news', { headline: 'Aquifer levels fall again', type: 'analysis', authorIds: [rania], byline: null, tagIds: [water], at: '2026-04-20T12:00:00.000Z' });
    await article('arabic', {
      language: 'ar',
      headline: 'أَزْمَةُ المِيَاهِ في عَمّان',
      standfirst: 'المدرسة تغلق أبوابها بسبب الانقطاع.',
      body: paragraphDoc('تحدّث المسؤولون في المستشفى عن انخفاض منسوب المياه الجوفية.'),
      tagIds: [water],
      at: '2026-04-01T09:00:00.000Z',
    });
    await article('french', { language: 'fr', headline: 'La sécheresse menace les récoltes', body: paragraphDoc('Le débat sur l’élection reprend.'), at: '2026-04-02T09:00:00.000Z' });

    await article('snippet', { headline: 'River report', body: paragraphDoc('Officials said the <em>river</em> level & flow were low; the river is the main source.'), at: '2026-03-06T08:00:00.000Z' });
    await article('hero-caption', { headline: 'Morning on the coast', heroImageId: photo, heroCaption: 'A fisherman mends nets at dawn.', at: '2026-03-07T08:00:00.000Z' });
    await article('body-caption', {
      headline: 'Birds of the lake',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The lake is home to many birds.' }] }, { type: 'imageBlock', attrs: { imageId: photo, caption: 'Cormorants dry their wings.', credit: null, alt: 'Birds on a rock' } }] },
      at: '2026-03-08T08:00:00.000Z',
    });

    // Twelve articles for paging, spread over the three tiers and over time.
    for (let index = 0; index < 12; index += 1) {
      const tier = index % 3;
      const day = String(1 + ((index * 7) % 28)).padStart(2, '0');
      await article(`paging-${index}`, {
        headline: tier === 0 ? `Lighthouse keeper number ${index}` : `Coastal story number ${index}`,
        standfirst: tier === 1 ? 'A lighthouse stands on the point.' : '',
        body: paragraphDoc(tier === 2 ? 'The old lighthouse was painted.' : 'Nothing else to report.'),
        at: `2026-01-${day}T${String(index).padStart(2, '0')}:00:00.000Z`,
      });
    }
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  test('relevance puts headline matches first, then standfirst/authors/tags, then body; newest first within each', async () => {
    assert.deepEqual(await find('harbour'), [ids['tier-headline'], ids['tier-headline-older'], ids['tier-about'], ids['tier-body']]);
  });

  test('sorting by date ignores the tiers', async () => {
    assert.deepEqual(await find('harbour', { sort: 'date' }), [ids['tier-body'], ids['tier-about'], ids['tier-headline'], ids['tier-headline-older']]);
  });

  test('English words are stemmed in documents and queries alike', async () => {
    for (const query of ['run', 'runs', 'running', 'marathons', 'Runner']) assert.deepEqual(await find(query), [ids.stemming], query);
  });

  test('a quoted phrase needs its words together and in order; unquoted words need not', async () => {
    assert.deepEqual(await find('"water shortage"'), [ids.phrase]);
    assert.deepEqual(await find('"shortage water"'), []);
    assert.deepEqual(new Set(await find('water shortage')), new Set([ids.phrase, ids['phrase-apart']]));
  });

  test('authors, tags, tag aliases and captions are searchable', async () => {
    assert.deepEqual(await find('Haddad'), [ids['aquifer-news']]);
    assert.deepEqual(await find('Jordan'), [ids['aquifer-opinion']]);
    assert.deepEqual(new Set(await find('مياه', { filters: { language: null } })), new Set([ids['aquifer-news'], ids.arabic]));
    assert.deepEqual(await find('fisherman'), [ids['hero-caption']]);
    assert.deepEqual(await find('cormorants'), [ids['body-caption']]);
  });

  test('each filter narrows the results', async () => {
    const aquifer = (filters: SearchFilters) => find('aquifer', { sort: 'date', filters });
    assert.deepEqual(await aquifer({}), [ids['aquifer-news'], ids['aquifer-opinion']]);
    assert.deepEqual(await aquifer({ sectionId: opinion }), [ids['aquifer-opinion']]);
    assert.deepEqual(await aquifer({ sectionId: news }), [ids['aquifer-news']]);
    assert.deepEqual(await aquifer({ type: 'analysis' }), [ids['aquifer-news']]);
    assert.deepEqual(await aquifer({ type: 'review' }), []);
    assert.deepEqual(await aquifer({ tagIds: [jordan] }), [ids['aquifer-opinion']]);
    assert.deepEqual(await aquifer({ tagIds: [jordan, water] }), [ids['aquifer-news'], ids['aquifer-opinion']]);
    assert.deepEqual(await aquifer({ tagIds: [] }), []);
    assert.deepEqual(await aquifer({ authorIds: [omar] }), [ids['aquifer-opinion']]);
    assert.deepEqual(await aquifer({ authorIds: [rania], sectionId: opinion }), []);
    assert.deepEqual(await find('sécheresse', { filters: { language: 'fr' } }), [ids.french]);
    assert.deepEqual(await find('sécheresse', { filters: { language: 'en' } }), []);
    assert.deepEqual(await find('secheresse'), [ids.french]);
  });

  test('a date range keeps whole days at both ends', async () => {
    const aquifer = (from: string | null, to: string | null) => find('aquifer', { sort: 'date', filters: { from, to } });
    assert.deepEqual(await aquifer('2026-04-01', '2026-04-30'), [ids['aquifer-news']]);
    assert.deepEqual(await aquifer(null, '2026-02-10'), [ids['aquifer-opinion']]);
    assert.deepEqual(await aquifer('2026-02-10', '2026-02-10'), [ids['aquifer-opinion']]);
    assert.deepEqual(await aquifer('2026-04-20', null), [ids['aquifer-news']]);
    assert.deepEqual(await aquifer('2026-02-11', '2026-04-19'), []);
    await assert.rejects(() => aquifer('2026-02-30', null), (error: unknown) => error instanceof SearchInputError && error.problem === 'bad-date');
    await assert.rejects(() => aquifer('2026-05-01', '2026-04-01'), (error: unknown) => error instanceof SearchInputError && error.problem === 'bad-date-range');
  });

  test('keyset paging walks every result once, in the order of a single page', async () => {
    for (const sort of ['relevance', 'date'] as const) {
      const all = await find('lighthouse', { sort });
      assert.equal(all.length, 12);
      const walked: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await searchArticles(db(), { text: 'lighthouse', sort, limit: 5, after: cursor });
        walked.push(...page.hits.map((hit) => hit.articleId));
        cursor = page.nextCursor;
        pages += 1;
        assert.ok(pages <= 3, 'paging must end');
      } while (cursor);
      assert.equal(pages, 3, sort);
      assert.deepEqual(walked, all, sort);
    }
    const firstFour = await find('lighthouse');
    const headlineTier = Array.from({ length: 12 }, (_, index) => index).filter((index) => index % 3 === 0).map((index) => ids[`paging-${index}`]);
    assert.deepEqual(new Set(firstFour.slice(0, 4)), new Set(headlineTier));
  });

  test('a cursor from another order, or one we never made, is refused', async () => {
    const page = await searchArticles(db(), { text: 'lighthouse', sort: 'date', limit: 2 });
    assert.ok(page.nextCursor);
    await assert.rejects(() => searchArticles(db(), { text: 'lighthouse', sort: 'relevance', after: page.nextCursor }), (error: unknown) => error instanceof SearchInputError && error.problem === 'bad-cursor');
    for (const bad of ['', 'x', 'ci45LjE', Buffer.from('r.4.12').toString('base64url'), Buffer.from('d.1e5').toString('base64url'), 'a'.repeat(100)]) {
      if (bad === '') continue;
      await assert.rejects(() => searchArticles(db(), { text: 'lighthouse', after: bad }), SearchInputError, bad);
    }
  });

  test('snippets mark the matched words in the original text, which stays plain text', async () => {
    const page = await searchArticles(db(), { text: 'river' });
    const snippet = page.hits.find((hit) => hit.articleId === ids.snippet)?.snippet;
    assert.ok(snippet);
    assert.equal(snippet.map((part) => part.text).join(''), 'Officials said the <em>river</em> level & flow were low; the river is the main source.');
    assert.deepEqual(snippet.filter((part) => part.isMatch).map((part) => part.text), ['river', 'river']);

    const accented = (await searchArticles(db(), { text: 'election' })).hits.find((hit) => hit.articleId === ids.french)?.snippet;
    assert.deepEqual(accented?.filter((part) => part.isMatch).map((part) => part.text), ['élection']);

    const caption = (await searchArticles(db(), { text: 'fisherman' })).hits[0]?.snippet;
    assert.deepEqual(caption?.filter((part) => part.isMatch).map((part) => part.text), ['fisherman']);
    // A match in the headline alone has no body snippet.
    assert.equal((await searchArticles(db(), { text: 'Runners gather' })).hits[0]?.snippet, null);
  });

  test('Arabic is found with or without diacritics, hamza on alef, tatweel, ta marbuta and alef maqsura', async () => {
    const arabic = { filters: { language: 'ar' } };
    for (const query of ['أزمة', 'ازمة', 'ازمه', 'أَزْمَةُ', 'أزمـــة', 'إزمة', 'آزمة', 'المياه', 'عمان', 'عمّان', 'المدرسه', 'المستشفي', 'المستشفى']) {
      assert.deepEqual(await find(query, arabic), [ids.arabic], query);
    }
    const snippet = (await searchArticles(db(), { text: 'المستشفي', ...arabic })).hits[0]?.snippet;
    assert.deepEqual(snippet?.filter((part) => part.isMatch).map((part) => part.text), ['المستشفى']);
  });

  test('drafts, scheduled and unpublished articles are never found; publishing adds, unpublishing removes', async () => {
    const draft = await article('draft', { headline: 'Zeppelin sighted over the bay', status: 'draft', at: '2026-03-10T08:00:00.000Z' });
    await article('scheduled', { headline: 'Zeppelin festival announced', status: 'scheduled', at: '2026-03-10T09:00:00.000Z' });
    assert.deepEqual(await find('zeppelin'), []);
    await publishArticle(db(), draft);
    assert.deepEqual(await find('zeppelin'), [draft]);
    await unpublishArticle(db(), draft);
    assert.deepEqual(await find('zeppelin'), []);
  });

  test('an edited article is found by its new text only; a deleted one leaves the index', async () => {
    const id = await article('edited', { headline: 'Quokka census begins', at: '2026-03-11T08:00:00.000Z' });
    assert.deepEqual(await find('quokka'), [id]);
    const user = await db()
      .insertInto('users')
      .values({ email: `owner-${dialect}@search.test`, name: 'Owner', role: 'owner', status: 'active', password_hash: null, author_id: null, created_at: isoNow(), updated_at: isoNow(), last_login_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const owner: SessionUser = { id: Number(user.id), email: `owner-${dialect}@search.test`, name: 'Owner', role: 'owner', status: 'active', csrfToken: 'x', tokenHash: 'x' };
    const editable = await loadEditable(db(), await loadSiteCatalog(db()), owner, id);
    await saveArticle(db(), owner, id, { baseRevision: editable.revision, autosave: false, minorEdit: false, fields: { ...editable.fields, headline: 'Wombat census begins' } });
    assert.deepEqual(await find('quokka'), []);
    assert.deepEqual(await find('wombat'), [id]);

    await db().deleteFrom('article_revisions').where('article_id', '=', id).execute();
    await db().deleteFrom('article_activity').where('article_id', '=', id).execute();
    await db().deleteFrom('articles').where('id', '=', id).execute();
    assert.deepEqual(await find('wombat'), []);
    const left = await db().selectFrom('search_documents').select('article_id').where('article_id', '=', id).execute();
    assert.equal(left.length, 0);
    if (dialect === 'sqlite') {
      // The FTS5 index agrees with its content table (a stale entry would fail this).
      await sql`INSERT INTO search_fts(search_fts) VALUES ('integrity-check')`.execute(db());
    }
  });

  test('empty and wordless queries search nothing; over-long ones are refused', async () => {
    assert.equal((await searchArticles(db(), { text: '   ' })).unsearchable, 'empty');
    assert.equal((await searchArticles(db(), { text: '*** () ""' })).unsearchable, 'no-words');
    assert.equal((await searchArticles(db(), { text: 'the and of' })).unsearchable, 'no-words');
    await assert.rejects(() => searchArticles(db(), { text: 'harbour '.repeat(30) }), (error: unknown) => error instanceof SearchInputError && error.problem === 'too-long');
  });
});

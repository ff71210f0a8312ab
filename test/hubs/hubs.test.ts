/**
 * Country, place, topic, person and organisation hubs: what a country page gathers (its
 * own articles and its places'), how the denormalised hub listing follows every change
 * to articles and tags, the locator map, and the pages in both editions.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../../src/accounts/sessions.ts';
import { createArticle, publishArticle, unpublishArticle } from '../../src/articles/commands.ts';
import { decodeCursor } from '../../src/articles/cursor.ts';
import type { Database } from '../../src/db/schema.ts';
import { listHubArticles } from '../../src/hubs/listing.ts';
import { countryOutline } from '../../src/hubs/map/country-outline.ts';
import { knownAlpha2Codes, numericCountryCode } from '../../src/hubs/map/iso-numeric.ts';
import { rebuildHubListings } from '../../src/hubs/sync.ts';
import { loadEditable, saveArticle } from '../../src/newsroom/editing.ts';
import { isoHoursFrom, isoNow } from '../../src/shared/time.ts';
import { saveSiteSettings } from '../../src/site/settings.ts';
import { createTag, deleteTag, mergeTag, updateTag } from '../../src/taxonomy/tags.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { buildArticle, createAuthor, createSection, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';

type Db = Kysely<Database>;

function headlinesOf(html: string): string[] {
  return [...html.matchAll(/<h[23] class="card__headline"><a href="([^"]+)">/g)].map((match) => match[1] ?? '');
}

function nextLinkOf(html: string): string | null {
  return /<a href="([^"]+)" rel="next"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? null;
}

function svgOf(html: string): string {
  return /<svg[^>]*class="hub-map__svg"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
}

/**
 * The oracle: what a country hub must hold, worked out naively from article_tags and
 * tags (no hub table): published articles in the language tagged with the country or
 * with a place whose parent is the country, each once, newest first.
 */
async function expectedHub(db: Db, hubId: number, language: string): Promise<number[]> {
  const hub = await db.selectFrom('tags').select('kind').where('id', '=', hubId).executeTakeFirst();
  if (hub?.kind !== 'country') return [];
  const places = await db.selectFrom('tags').select('id').where('kind', '=', 'place').where('parent_id', '=', hubId).execute();
  const sources = [hubId, ...places.map((place) => Number(place.id))];
  const rows = await db.selectFrom('article_tags').select(['article_id', 'listed_at', 'language']).where('tag_id', 'in', sources).execute();
  const articles = await db.selectFrom('articles').select(['id', 'status', 'published_at', 'language']).execute();
  const live = new Map(articles.filter((a) => a.status === 'published' && a.language === language).map((a) => [Number(a.id), a.published_at ?? '']));
  const ids = [...new Set(rows.map((row) => Number(row.article_id)))].filter((id) => live.has(id));
  return ids.sort((a, b) => (live.get(b) ?? '').localeCompare(live.get(a) ?? '') || b - a);
}

/** Every hub row, as text, against what the oracle says every country hub must hold. */
async function assertHubTableMatchesOracle(db: Db): Promise<void> {
  const stored = await db.selectFrom('article_hubs').select(['hub_tag_id', 'article_id', 'language', 'listed_at']).execute();
  const actual = stored.map((row) => `${row.hub_tag_id}|${row.article_id}|${row.language}|${row.listed_at}`).sort();
  const countries = await db.selectFrom('tags').select('id').where('kind', '=', 'country').execute();
  const articles = new Map((await db.selectFrom('articles').select(['id', 'language', 'published_at']).execute()).map((a) => [Number(a.id), a]));
  const expected: string[] = [];
  for (const { id } of countries) {
    for (const language of ['en', 'ar', 'fr']) {
      for (const articleId of await expectedHub(db, Number(id), language)) expected.push(`${id}|${articleId}|${language}|${articles.get(articleId)?.published_at}`);
    }
  }
  assert.deepEqual(actual, expected.sort());
}

async function walkHub(db: Db, hubId: number, language: string, limit: number): Promise<number[]> {
  const seen: number[] = [];
  let after = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const page = await listHubArticles(db, { tagId: hubId, language }, { limit, after });
    seen.push(...page.ids);
    if (!page.nextCursor) return seen;
    after = decodeCursor(page.nextCursor);
  }
  throw new Error('the hub never ended');
}

describeEachDatabase('country, place, topic, person and organisation hubs', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let db: Db;
  let sectionId: number;
  let authorId: number;
  let owner: SessionUser;
  const acting = () => ({ actor: owner, ip: '127.0.0.1' });
  const tags: Record<string, number> = {};
  const slugById = new Map<number, string>();
  let serial = 0;
  const base = isoHoursFrom(isoNow(), -2);

  async function article(tagNames: string[], options: { hoursAgo?: number; language?: 'en' | 'ar'; status?: 'published' | 'draft' } = {}): Promise<number> {
    serial += 1;
    const slug = `hub-story-${serial}`;
    const id = await createArticle(
      db,
      buildArticle({
        sectionId,
        slug,
        language: options.language ?? 'en',
        authorIds: [authorId],
        byline: null,
        tagIds: tagNames.map((name) => tags[name] ?? 0),
        status: options.status ?? 'published',
        publishedAt: options.status === 'draft' ? null : isoHoursFrom(base, -(options.hoursAgo ?? serial)),
      }),
    );
    slugById.set(id, slug);
    return id;
  }

  async function tag(name: string, input: Record<string, string>): Promise<number> {
    const id = await createTag(db, acting(), { slug: name, name: input.name ?? name, description: '', aliases: '', countryCode: '', parentId: '', ...input });
    tags[name] = id;
    return id;
  }

  const urlOf = (id: number, language = 'en') => `${language === 'en' ? '' : `/${language}`}/news/${slugById.get(id)}`;

  before(async () => {
    db = use().db;
    mediaDir = tempMediaDir();
    await saveSiteSettings(db, { name: 'Hub Ledger', tagline: 'Test tagline', description: 'A test newsroom.', publisherBlurb: 'Hub Ledger covers test places.', languages: ['en', 'ar'], defaultLanguage: 'en' });
    sectionId = await createSection(db, { slug: 'news', name: 'News', position: 0 });
    authorId = await createAuthor(db, { slug: 'hub-writer', name: 'Hub Writer' });
    const user = await db
      .insertInto('users')
      .values({ email: 'owner@hubs.test', name: 'Owner', role: 'owner', status: 'active', password_hash: null, author_id: null, created_at: isoNow(), updated_at: isoNow(), last_login_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    owner = { id: Number(user.id), email: 'owner@hubs.test', name: 'Owner', role: 'owner', status: 'active', csrfToken: 'x', tokenHash: 'x' };

    await tag('jordan', { kind: 'country', name: 'Jordan', countryCode: 'JO', aliases: 'الأردن\nJordanie' });
    await tag('syria', { kind: 'country', name: 'Syria', countryCode: 'SY', aliases: 'سوريا' });
    await tag('amman', { kind: 'place', name: 'Amman', parentId: String(tags.jordan), aliases: 'عمّان' });
    await tag('aqaba', { kind: 'place', name: 'Aqaba', parentId: String(tags.jordan) });
    await tag('aleppo', { kind: 'place', name: 'Aleppo', parentId: String(tags.syria) });
    await tag('water', { kind: 'topic', name: 'Water', description: 'Rivers, <dams> & "aquifers".' });
    await tag('envoy', { kind: 'person', name: 'Test Envoy' });
    await tag('forum', { kind: 'organisation', name: 'Test Forum', description: 'A forum of test engineers.' });

    // 44 English articles in a fixed mix; every third pair shares a publication time (the id breaks the tie).
    const mixes = [['jordan'], ['amman'], ['jordan', 'amman'], ['aqaba', 'water'], ['aleppo'], ['amman', 'aqaba'], ['syria', 'aqaba'], ['water']];
    for (let index = 0; index < 44; index += 1) {
      await article(mixes[index % mixes.length] ?? [], { hoursAgo: index % 3 === 0 ? index : index - 1 });
    }
    await article(['envoy', 'forum', 'amman']);
    await article(['jordan'], { status: 'draft' });
    for (let index = 0; index < 3; index += 1) await article(index === 0 ? ['jordan'] : ['amman'], { language: 'ar', hoursAgo: 100 + index });
    t = createTestApp(use(), mediaDir);
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  test('a country hub gathers the country and its places, newest first, each article once', async () => {
    const expected = await expectedHub(db, tags.jordan ?? 0, 'en');
    // Jordan, Amman and Aqaba articles (6 of every 8 in the mix) and the envoy story.
    assert.equal(expected.length, 35);
    for (const limit of [1, 7, 20, 100]) assert.deepEqual(await walkHub(db, tags.jordan ?? 0, 'en', limit), expected, `pages of ${limit}`);
    const aleppoOnly = await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tags.aleppo ?? 0).execute();
    assert.ok(aleppoOnly.every((row) => !expected.includes(Number(row.article_id))));
    assert.deepEqual(await walkHub(db, tags.syria ?? 0, 'en', 5), await expectedHub(db, tags.syria ?? 0, 'en'));
    await assertHubTableMatchesOracle(db);
  });

  test('other kinds list their own articles through the same function', async () => {
    const water = await walkHub(db, tags.water ?? 0, 'en', 6);
    const direct = await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tags.water ?? 0).where('listed_at', 'is not', null).execute();
    assert.equal(water.length, direct.length);
    assert.deepEqual(new Set(water), new Set(direct.map((row) => Number(row.article_id))));
    const amman = await walkHub(db, tags.amman ?? 0, 'en', 50);
    assert.ok(amman.length > 0 && amman.length < (await expectedHub(db, tags.jordan ?? 0, 'en')).length);
  });

  test('the country page pages by cursor over HTTP, in order, without repeats', async () => {
    const seen: string[] = [];
    let path: string | null = '/countries/jordan';
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
    assert.equal(pages, 2);
    assert.deepEqual(seen, (await expectedHub(db, tags.jordan ?? 0, 'en')).map((id) => urlOf(id)));
  });

  test('editing tags, publishing, unpublishing and deleting articles keep the hub right', async () => {
    const jordan = tags.jordan ?? 0;
    // A topic-only article gains a place in Jordan through the newsroom's save.
    const id = await article(['water'], { hoursAgo: -1 });
    assert.ok(!(await walkHub(db, jordan, 'en', 50)).includes(id));
    const catalog = await t.ctx.catalog();
    const editable = await loadEditable(db, catalog, owner, id);
    await saveArticle(db, owner, id, { baseRevision: editable.revision, autosave: false, minorEdit: false, fields: { ...editable.fields, tagIds: [tags.water ?? 0, tags.aqaba ?? 0] } });
    assert.equal((await walkHub(db, jordan, 'en', 50))[0], id);
    assert.equal(headlinesOf(await (await t.app.request('/countries/jordan')).text())[0], urlOf(id));

    const draft = await article(['amman'], { status: 'draft' });
    assert.ok(!(await walkHub(db, jordan, 'en', 50)).includes(draft));
    await publishArticle(db, draft);
    assert.ok((await walkHub(db, jordan, 'en', 50)).includes(draft));

    await unpublishArticle(db, id);
    assert.ok(!(await walkHub(db, jordan, 'en', 50)).includes(id));
    assert.ok(!(await (await t.app.request('/countries/jordan')).text()).includes(`href="${urlOf(id)}"`));
    await db.deleteFrom('articles').where('id', '=', draft).execute();
    assert.ok(!(await walkHub(db, jordan, 'en', 50)).includes(draft));
    await assertHubTableMatchesOracle(db);
  });

  test('moving a place to another country, or making it a topic, moves its articles', async () => {
    const aqabaOnly = await article(['aqaba']);
    const aqabaAndAmman = await article(['aqaba', 'amman']);
    await updateTag(db, acting(), tags.aqaba ?? 0, { kind: 'place', name: 'Aqaba', slug: 'aqaba', parentId: String(tags.syria) });
    const jordanHub = await walkHub(db, tags.jordan ?? 0, 'en', 13);
    const syriaHub = await walkHub(db, tags.syria ?? 0, 'en', 13);
    assert.ok(!jordanHub.includes(aqabaOnly) && syriaHub.includes(aqabaOnly));
    assert.ok(jordanHub.includes(aqabaAndAmman) && syriaHub.includes(aqabaAndAmman), 'still in Jordan through Amman');
    await assertHubTableMatchesOracle(db);

    await updateTag(db, acting(), tags.aqaba ?? 0, { kind: 'topic', name: 'Aqaba', slug: 'aqaba' });
    assert.ok(!(await walkHub(db, tags.syria ?? 0, 'en', 50)).includes(aqabaOnly));
    await assertHubTableMatchesOracle(db);

    await updateTag(db, acting(), tags.aqaba ?? 0, { kind: 'place', name: 'Aqaba', slug: 'aqaba', parentId: String(tags.jordan) });
    assert.ok((await walkHub(db, tags.jordan ?? 0, 'en', 50)).includes(aqabaOnly));
    // Renaming moves nothing, and must leave the rows as they are.
    await updateTag(db, acting(), tags.aqaba ?? 0, { kind: 'place', name: 'Al-Aqaba', slug: 'aqaba', parentId: String(tags.jordan), description: 'Port city.' });
    await assertHubTableMatchesOracle(db);

    // A country (without places) that becomes a topic has no hub rows left; and back.
    const enclave = await tag('enclave', { kind: 'country', name: 'Enclave' });
    const enclaveStory = await article(['enclave']);
    assert.deepEqual(await walkHub(db, enclave, 'en', 5), [enclaveStory]);
    await updateTag(db, acting(), enclave, { kind: 'topic', name: 'Enclave', slug: 'enclave' });
    assert.equal((await db.selectFrom('article_hubs').select('article_id').where('hub_tag_id', '=', enclave).execute()).length, 0);
    assert.deepEqual(await walkHub(db, enclave, 'en', 5), [enclaveStory], 'listed as a topic now');
    assert.equal((await t.app.request('/countries/enclave')).status, 404);
    await updateTag(db, acting(), enclave, { kind: 'country', name: 'Enclave', slug: 'enclave' });
    await assertHubTableMatchesOracle(db);
  });

  test('merging tags keeps hubs right', async () => {
    // A duplicate country with its own place and articles is merged into Jordan.
    const duplicate = await tag('hashemite-kingdom', { kind: 'country', name: 'Hashemite Kingdom' });
    await tag('zarqa', { kind: 'place', name: 'Zarqa', parentId: String(duplicate) });
    const viaDuplicate = await article(['hashemite-kingdom']);
    const viaZarqa = await article(['zarqa']);
    const both = await article(['hashemite-kingdom', 'jordan']);
    assert.deepEqual(new Set(await walkHub(db, duplicate, 'en', 50)), new Set([viaDuplicate, viaZarqa, both]));
    await mergeTag(db, acting(), duplicate, tags.jordan ?? 0);
    const jordanHub = await walkHub(db, tags.jordan ?? 0, 'en', 50);
    for (const id of [viaDuplicate, viaZarqa, both]) assert.equal(jordanHub.filter((item) => item === id).length, 1);
    assert.equal((await db.selectFrom('article_hubs').select('article_id').where('hub_tag_id', '=', duplicate).execute()).length, 0);
    await assertHubTableMatchesOracle(db);

    // A place merged into a topic takes its articles off the country's hub.
    await tag('old-city', { kind: 'place', name: 'Old City', parentId: String(tags.jordan) });
    const oldCity = await article(['old-city']);
    assert.ok((await walkHub(db, tags.jordan ?? 0, 'en', 50)).includes(oldCity));
    await mergeTag(db, acting(), tags['old-city'] ?? 0, tags.water ?? 0);
    assert.ok(!(await walkHub(db, tags.jordan ?? 0, 'en', 50)).includes(oldCity));
    // A place of one country merged into a place of another moves its articles across.
    await tag('aleppo-old', { kind: 'place', name: 'Aleppo old town', parentId: String(tags.syria) });
    const aleppoOld = await article(['aleppo-old']);
    await mergeTag(db, acting(), tags['aleppo-old'] ?? 0, tags.amman ?? 0);
    assert.ok((await walkHub(db, tags.jordan ?? 0, 'en', 50)).includes(aleppoOld));
    assert.ok(!(await walkHub(db, tags.syria ?? 0, 'en', 50)).includes(aleppoOld));
    await assertHubTableMatchesOracle(db);
  });

  test('deleting tags keeps hubs right', async () => {
    await tag('irbid', { kind: 'place', name: 'Irbid', parentId: String(tags.jordan) });
    const irbidOnly = await article(['irbid']);
    const irbidAndJordan = await article(['irbid', 'jordan']);
    await deleteTag(db, acting(), tags.irbid ?? 0);
    const jordanHub = await walkHub(db, tags.jordan ?? 0, 'en', 50);
    assert.ok(!jordanHub.includes(irbidOnly));
    assert.ok(jordanHub.includes(irbidAndJordan));

    const lattakia = await tag('lattakia-country', { kind: 'country', name: 'Lattakia Test Country' });
    await tag('lattakia-port', { kind: 'place', name: 'Lattakia Port', parentId: String(lattakia) });
    await article(['lattakia-port']);
    await deleteTag(db, acting(), lattakia);
    assert.equal((await db.selectFrom('article_hubs').select('article_id').where('hub_tag_id', '=', lattakia).execute()).length, 0);
    assert.equal((await t.app.request('/countries/lattakia-country')).status, 404);
    await assertHubTableMatchesOracle(db);
  });

  test('rebuildHubListings writes exactly the rows the incremental upkeep keeps', async () => {
    const before = (await db.selectFrom('article_hubs').selectAll().execute()).map((row) => JSON.stringify(row)).sort();
    const { rows } = await rebuildHubListings(db);
    const after = (await db.selectFrom('article_hubs').selectAll().execute()).map((row) => JSON.stringify(row)).sort();
    assert.equal(rows, before.length);
    assert.deepEqual(after, before);
  });

  test('the country map is inline SVG: labelled, sized, escaped and offline', async () => {
    const html = await (await t.app.request('/countries/jordan')).text();
    const svg = svgOf(html);
    assert.ok(svg, 'the page carries the map');
    assert.match(svg, /role="img"/);
    assert.match(svg, /aria-label="Map of Jordan"/);
    assert.match(svg, /viewBox="0 0 320 240" width="320" height="240"/);
    assert.match(svg, /<path class="hub-map__country" d="M[\d.]+ [\d.]+l/);
    assert.ok((svg.match(/class="hub-map__marker"/g) ?? []).length >= 1, 'Amman is a dot on the map');
    assert.doesNotMatch(svg, /https?:|<image|href=|<script|url\(/i);
    assert.ok(svg.length < 40_000, `the map stays small (${svg.length} bytes)`);

    await tag('escaped-land', { kind: 'country', name: 'Côte "Test" <Land> & Co', countryCode: 'CI', description: 'A <b>bold</b> claim & more.' });
    const escaped = await (await t.app.request('/countries/escaped-land')).text();
    assert.match(svgOf(escaped), /aria-label="Map of Côte &quot;Test&quot; &lt;Land&gt; &amp; Co"/);
    assert.ok(!escaped.includes('<Land>') && !escaped.includes('<b>bold</b>'));
    assert.match(escaped, /A &lt;b&gt;bold&lt;\/b&gt; claim &amp; more\./);
  });

  test('maps are cached per country, and fall back for tiny states and undrawn territories', async () => {
    const jordan = countryOutline('JO');
    assert.ok(jordan);
    assert.equal(countryOutline('jo'), jordan, 'the same drawing is served again');
    assert.equal(jordan.scale, '50m');
    assert.equal(jordan.ring, null);
    const tuvalu = countryOutline('TV');
    assert.equal(tuvalu?.scale, '10m', 'a state missing at 1:50m is drawn from 1:10m');
    assert.ok(tuvalu?.country, 'and drawn');
    const vatican = countryOutline('VA');
    assert.ok(vatican?.ring?.hasDot, 'a city-state is ringed and dotted among its neighbours');
    assert.ok((vatican?.neighbours.length ?? 0) > 100);
    assert.equal(countryOutline('RU')?.scale, '110m', 'a vast country is drawn from the lighter data');
    assert.ok(countryOutline('XK'), 'Kosovo, without a numeric code, is found by name');
    assert.equal(countryOutline('RE'), null, 'Réunion is drawn as part of France');
    assert.equal(countryOutline('ZZ'), null);

    // Every country the 1:50m atlas draws can be reached from an ISO alpha-2 code.
    const atlas = JSON.parse(fs.readFileSync(createRequire(import.meta.url).resolve('world-atlas/countries-50m.json'), 'utf8')) as { objects: { countries: { geometries: { id?: string }[] } } };
    const reachable = new Set(knownAlpha2Codes().map(numericCountryCode));
    const unreachable = atlas.objects.countries.geometries.filter((item) => item.id !== undefined && !reachable.has(item.id));
    assert.deepEqual(unreachable, []);

    await tag('reunion-test', { kind: 'country', name: 'Réunion', countryCode: 'RE' });
    await tag('codeless', { kind: 'country', name: 'Codeless Land' });
    for (const path of ['/countries/reunion-test', '/countries/codeless']) {
      const response = await t.app.request(path);
      assert.equal(response.status, 200, path);
      const html = await response.text();
      assert.ok(!html.includes('hub-map'), path);
      assert.match(html, /class="listing__intro">Reporting from [^<]+ and the places within it, newest first\./);
    }
  });

  test('place, topic, person and organisation pages render', async () => {
    const place = await t.app.request('/places/amman');
    assert.equal(place.status, 200);
    const placeHtml = await place.text();
    assert.match(placeHtml, /<p class="listing__kicker">Place<\/p>/);
    assert.match(placeHtml, /Country: <a href="\/countries\/jordan">Jordan<\/a>/);
    assert.match(svgOf(placeHtml), /aria-label="Map of Jordan marking Amman"/);
    assert.match(svgOf(placeHtml), /hub-map__marker--current/);
    assert.ok(headlinesOf(placeHtml).length > 0);

    const topic = await (await t.app.request('/topics/water')).text();
    assert.match(topic, /<p class="listing__kicker">Topic<\/p>/);
    assert.match(topic, /Rivers, &lt;dams&gt; &amp; &quot;aquifers&quot;\./);
    assert.ok(!topic.includes('hub-map'));
    const waterCount = await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tags.water ?? 0).where('language', '=', 'en').where('listed_at', 'is not', null).execute();
    assert.equal(headlinesOf(topic).length, Math.min(20, waterCount.length));
    assert.match(topic, /"@type":"CollectionPage"/);

    const person = await (await t.app.request('/people/envoy')).text();
    assert.match(person, /<p class="listing__kicker">Person<\/p>/);
    assert.match(person, /Our reporting on Test Envoy, newest first\./);
    assert.equal(headlinesOf(person).length, 1);

    const organisation = await (await t.app.request('/organisations/forum')).text();
    assert.match(organisation, /<p class="listing__kicker">Organisation<\/p>/);
    assert.match(organisation, /A forum of test engineers\./);
    assert.match(organisation, /"about":\{"@type":"Organization","name":"Test Forum"\}/);
  });

  test('the Arabic edition has its own country hub, right to left', async () => {
    const response = await t.app.request('/ar/countries/jordan');
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /<h1>الأردن<\/h1>/);
    assert.match(svgOf(html), /aria-label="خريطة الأردن"/);
    assert.match(html, /href="\/ar\/places\/amman">عمّان<\/a>/);
    const expected = await expectedHub(db, tags.jordan ?? 0, 'ar');
    assert.equal(expected.length, 3);
    assert.deepEqual(headlinesOf(html), expected.map((id) => urlOf(id, 'ar')));
    const place = await (await t.app.request('/ar/places/amman')).text();
    assert.match(svgOf(place), /aria-label="خريطة الأردن يظهر عليها موقع عمّان"/);
    assert.match(place, /href="\/ar\/countries\/jordan">الأردن<\/a>/);
  });

  test('unknown hubs are 404', async () => {
    for (const path of ['/countries/atlantis', '/topics/jordan', '/places/jordan', '/ar/countries/nowhere', '/people/UPPER', '/organisations/a..b']) {
      assert.equal((await t.app.request(path)).status, 404, path);
    }
    assert.equal((await t.app.request('/countries/jordan?after=not-a-cursor')).status, 400);
  });
});

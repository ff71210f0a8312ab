/**
 * The sections, tags and authors admin through the real app: who may use it, forged
 * posts, changes readers see at once (the page cache is invalidated), merging tags,
 * refusals that keep content whole, duplicate slugs and hostile names.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createArticle } from '../../src/articles/commands.ts';
import { createHttpServer } from '../../src/server.ts';
import { buildArticle, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { AdminClient, signInAs } from './admin-client.ts';

describeEachDatabase('taxonomy admin', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let server: http.Server;
  let base: string;
  let seeded: Awaited<ReturnType<typeof seedSmallNewsroom>>;
  let editor: AdminClient;

  before(async () => {
    mediaDir = tempMediaDir();
    seeded = await seedSmallNewsroom(use().db, mediaDir, 4);
    t = createTestApp(use(), mediaDir);
    await t.ctx.generation.refresh();
    // Public pages go through the real server, so the rendered-page cache is in play.
    server = createHttpServer(t.ctx, t.assets);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    editor = (await signInAs(t, 'editor')).client;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const db = () => use().db;
  const post = (client: AdminClient, path: string, form: Record<string, string> = {}) => client.request(path, { form: { csrf: client.csrfToken, ...form } });
  const publicPage = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, isHit: response.headers.get('x-masthead-cache') === 'hit', html: await response.text() };
  };
  const auditOf = async (action: string, subjectId: number) => {
    const row = await db().selectFrom('audit_log').select(['actor_user_id', 'details']).where('action', '=', action).where('subject_id', '=', String(subjectId)).orderBy('id', 'desc').executeTakeFirst();
    return row ? { actor: row.actor_user_id, details: JSON.parse(row.details) as Record<string, unknown> } : null;
  };
  const sectionForm = (overrides: Record<string, string>) => ({ name: '', slug: '', description: '', nameAr: '', nameFr: '', defaultLicensingPolicy: '', ...overrides });
  const tagForm = (overrides: Record<string, string>) => ({ kind: 'topic', name: '', slug: '', description: '', aliases: '', countryCode: '', parentId: '', ...overrides });
  const authorForm = (overrides: Record<string, string>) => ({ name: '', slug: '', title: '', bio: '', expertise: '', languages: '', location: '', imageId: '', userId: '', ...overrides });
  const idFrom = (response: Response, pattern: RegExp) => Number(pattern.exec(response.headers.get('location') ?? '')?.[1]);
  const tagIdsOf = async (articleId: number) => (await db().selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId).execute()).map((row) => Number(row.tag_id));

  test('authors get 403, strangers are sent to sign in, forged posts change nothing', async () => {
    const { client: author } = await signInAs(t, 'author');
    for (const path of ['/admin/sections', '/admin/tags', '/admin/authors', '/admin/sections/new', `/admin/tags/${seeded.topicId}`, `/admin/authors/${seeded.authorId}`]) {
      assert.equal((await author.request(path)).status, 403, path);
    }
    assert.equal((await post(author, '/admin/sections', sectionForm({ name: 'By an author' }))).status, 403);
    assert.equal((await post(author, `/admin/tags/${seeded.topicId}/delete`)).status, 403);
    assert.equal((await new AdminClient(t).request('/admin/tags')).headers.get('location'), '/admin/login');
    assert.doesNotMatch(await (await author.request('/admin')).text(), /href="\/admin\/sections"/, 'authors are not offered the pages');

    const noToken = await editor.request('/admin/sections', { form: sectionForm({ name: 'Forged' }) });
    assert.equal(noToken.status, 403);
    const { client: other } = await signInAs(t, 'editor');
    assert.equal((await editor.request(`/admin/tags/${seeded.topicId}/delete`, { form: { csrf: other.csrfToken } })).status, 403, "another session's token does not work");
    assert.equal((await editor.request(`/admin/authors/${seeded.authorId}`, { form: authorForm({ name: 'Forged', csrf: 'guess' }) })).status, 403);
    assert.equal(await db().selectFrom('sections').select('id').where('name', 'in', ['Forged', 'By an author']).executeTakeFirst(), undefined);
    assert.ok(await db().selectFrom('tags').select('id').where('id', '=', seeded.topicId).executeTakeFirst(), 'the tag is still there');
    assert.equal((await db().selectFrom('authors').select('name').where('id', '=', seeded.authorId).executeTakeFirstOrThrow()).name, 'Rania Haddad');

    const page = await editor.request('/admin/sections');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
  });

  test('a renamed section shows on the public home and navigation at once', async () => {
    const before = await publicPage('/');
    assert.match(before.html, /<a href="\/news"[^>]*>News<\/a>/);
    assert.ok((await publicPage('/')).isHit, 'the home page is served from the page cache');
    const arabicBefore = await publicPage('/ar');
    assert.match(arabicBefore.html, /قسم/);

    const saved = await post(editor, `/admin/sections/${seeded.newsId}`, sectionForm({ name: 'Headlines', slug: 'news', nameAr: 'عناوين', description: 'The day’s main stories.' }));
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), '/admin/sections?notice=section-saved');

    const after = await publicPage('/');
    assert.equal(after.isHit, false, 'the cached home page was dropped');
    assert.match(after.html, /<a href="\/news"[^>]*>Headlines<\/a>/);
    assert.doesNotMatch(after.html, />News<\/a>/);
    assert.match((await publicPage('/ar')).html, /عناوين/, 'the Arabic edition shows the Arabic name');
    assert.match((await publicPage('/news')).html, /The day’s main stories\./);
    const audit = await auditOf('section.updated', seeded.newsId);
    assert.ok(audit);
    assert.deepEqual(audit.details.fields, ['name', 'name_translations', 'description']);
    assert.match(await (await editor.request('/admin/sections?notice=section-saved')).text(), /Section saved\./);
  });

  test('sections: created last, reordered, slugs checked, and never deleted while articles use them', async () => {
    const created = await post(editor, '/admin/sections', sectionForm({ name: 'Climate & Energy', defaultLicensingPolicy: 'cc' }));
    assert.equal(created.status, 303);
    const climate = await db().selectFrom('sections').selectAll().where('slug', '=', 'climate-energy').executeTakeFirstOrThrow();
    assert.equal(climate.default_licensing_policy, 'cc', 'an empty slug is made from the name');
    const order = async () => (await db().selectFrom('sections').select('slug').orderBy('position').orderBy('id').execute()).map((row) => row.slug);
    assert.deepEqual(await order(), ['news', 'opinion', 'climate-energy']);
    assert.ok((await auditOf('section.created', climate.id))?.details);

    assert.equal((await post(editor, `/admin/sections/${climate.id}/move`, { direction: 'up' })).status, 303);
    assert.deepEqual(await order(), ['news', 'climate-energy', 'opinion']);
    assert.equal((await post(editor, `/admin/sections/${climate.id}/move`, { direction: 'up' })).status, 303);
    assert.equal((await post(editor, `/admin/sections/${climate.id}/move`, { direction: 'up' })).status, 303, 'moving past the top is harmless');
    assert.deepEqual(await order(), ['climate-energy', 'news', 'opinion']);
    const nav = (await publicPage('/')).html;
    assert.ok(nav.indexOf('href="/climate-energy"') < nav.indexOf('href="/news"'), 'the public navigation follows the new order');
    assert.equal((await post(editor, `/admin/sections/${climate.id}/move`, { direction: 'sideways' })).status, 422);

    const duplicate = await post(editor, `/admin/sections/${climate.id}`, sectionForm({ name: 'Climate', slug: 'opinion' }));
    assert.equal(duplicate.status, 422);
    const duplicateHtml = await duplicate.text();
    assert.match(duplicateHtml, /slug: &quot;opinion&quot; is already used by the section &quot;Opinion&quot;/);
    assert.match(duplicateHtml, /value="Climate"/, 'the form comes back as typed');
    assert.match((await (await post(editor, '/admin/sections', sectionForm({ name: 'Admin', slug: 'admin' }))).text()), /a path the site itself uses/);
    assert.equal((await post(editor, '/admin/sections', sectionForm({ name: 'Bad', slug: 'Bad--Slug' }))).status, 422);
    assert.equal((await post(editor, '/admin/sections', sectionForm({ name: '' }))).status, 422);
    assert.equal((await post(editor, '/admin/sections', sectionForm({ name: 'X', defaultLicensingPolicy: 'free' }))).status, 422);
    assert.equal((await db().selectFrom('sections').select('slug').where('id', '=', climate.id).executeTakeFirstOrThrow()).slug, 'climate-energy');

    const edit = await (await editor.request(`/admin/sections/${climate.id}`)).text();
    assert.match(edit, /Changing the slug changes the public address <code>\/climate-energy<\/code>/);

    const refused = await post(editor, `/admin/sections/${seeded.newsId}/delete`);
    assert.equal(refused.status, 422);
    assert.match(await refused.text(), /cannot be deleted: 2 articles use it\. Move them to another section first\./);
    assert.ok(await db().selectFrom('sections').select('id').where('id', '=', seeded.newsId).executeTakeFirst());
    assert.doesNotMatch(await (await editor.request(`/admin/sections/${seeded.newsId}`)).text(), /action="\/admin\/sections\/\d+\/delete"/, 'no delete button on a used section');

    const deleted = await post(editor, `/admin/sections/${climate.id}/delete`);
    assert.equal(deleted.status, 303);
    assert.equal(await db().selectFrom('sections').select('id').where('id', '=', climate.id).executeTakeFirst(), undefined);
    assert.equal((await auditOf('section.deleted', climate.id))?.details.slug, 'climate-energy');
    assert.equal((await publicPage('/climate-energy')).status, 404);
    assert.equal((await editor.request('/admin/sections/999999')).status, 404);
    assert.equal((await post(editor, '/admin/sections/999999/delete')).status, 404);
  });

  test('tags: a kind filter, search by name and Arabic alias, and keyset pages through many', async () => {
    const now = new Date().toISOString();
    await db()
      .insertInto('tags')
      .values(Array.from({ length: 120 }, (_, index) => ({ kind: 'person' as const, slug: `person-${index}`, name: `Person ${String(index).padStart(3, '0')}`, aliases: '[]', description: null, country_code: null, parent_id: null, created_at: now })))
      .execute();
    const idsOn = (html: string) => [...html.matchAll(/<a href="\/admin\/tags\/(\d+)" class="taxonomy-table__name">/g)].map((match) => Number(match[1]));
    const seen: number[] = [];
    let path: string | null = '/admin/tags?kind=person';
    let pages = 0;
    while (path) {
      const response = await editor.request(path);
      assert.equal(response.status, 200);
      const html = await response.text();
      seen.push(...idsOn(html));
      pages += 1;
      path = /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? null;
    }
    assert.equal(pages, 3);
    assert.equal(seen.length, 120);
    assert.equal(new Set(seen).size, 120, 'no tag is shown twice');

    const created = await post(editor, '/admin/tags', tagForm({ name: 'Water scarcity', aliases: 'مياه\nDrought\ndrought\nWater scarcity' }));
    assert.equal(created.status, 303);
    const scarcityId = idFrom(created, /\/admin\/tags\/(\d+)\?notice=tag-created/);
    const stored = await db().selectFrom('tags').select(['slug', 'aliases']).where('id', '=', scarcityId).executeTakeFirstOrThrow();
    assert.equal(stored.slug, 'water-scarcity');
    assert.deepEqual(JSON.parse(stored.aliases), ['مياه', 'Drought'], 'repeats and the name itself are not kept as aliases');
    assert.deepEqual(idsOn(await (await editor.request(`/admin/tags?q=${encodeURIComponent('مياه')}`)).text()), [scarcityId]);
    assert.deepEqual(idsOn(await (await editor.request('/admin/tags?q=WATER&kind=topic')).text()).sort(), [seeded.topicId, scarcityId].sort());
    assert.deepEqual(idsOn(await (await editor.request('/admin/tags?q=water&kind=person')).text()), []);
    assert.equal((await editor.request('/admin/tags?kind=planet')).status, 400);
    assert.equal((await editor.request('/admin/tags?after=not-a-marker!')).status, 400);
  });

  test('merging a tag moves its articles without duplicates and keeps its name as an alias', async () => {
    const created = await post(editor, '/admin/tags', tagForm({ name: 'H2O', aliases: 'Aqua' }));
    const h2oId = idFrom(created, /\/admin\/tags\/(\d+)\?/);
    const both = seeded.articleIds[0] ?? 0;
    await db().insertInto('article_tags').values({ article_id: both, tag_id: h2oId, position: 2, language: 'en', listed_at: null }).execute();
    const onlyH2o = await createArticle(db(), buildArticle({ sectionId: seeded.opinionId, slug: 'h2o-only', headline: 'Desalination plant opens on the coast', tagIds: [h2oId] }));

    const mergePage = await (await editor.request(`/admin/tags/${h2oId}/merge?q=wat`)).text();
    assert.match(mergePage, new RegExp(`name="into" value="${seeded.topicId}"`), 'the search offers the tag to keep');
    assert.equal((await post(editor, `/admin/tags/${h2oId}/merge`, { into: String(h2oId) })).status, 422, 'not into itself');
    assert.equal((await post(editor, `/admin/tags/${h2oId}/merge`, { into: '' })).status, 422);

    const merged = await post(editor, `/admin/tags/${h2oId}/merge`, { into: String(seeded.topicId) });
    assert.equal(merged.status, 303);
    assert.equal(merged.headers.get('location'), `/admin/tags/${seeded.topicId}?notice=tag-merged`);
    assert.equal(await db().selectFrom('tags').select('id').where('id', '=', h2oId).executeTakeFirst(), undefined, 'the duplicate is gone');
    assert.deepEqual((await tagIdsOf(both)).filter((id) => id === seeded.topicId).length, 1, 'an article that had both keeps the tag once');
    assert.deepEqual(await tagIdsOf(onlyH2o), [seeded.topicId]);
    const water = await db().selectFrom('tags').select('aliases').where('id', '=', seeded.topicId).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(water.aliases), ['H2O', 'Aqua']);
    const audit = await auditOf('tag.merged', h2oId);
    assert.equal(audit?.details.into, seeded.topicId);
    assert.equal(audit?.details.moved, 1);
    assert.equal(audit?.details.alreadyTagged, 1);

    const hub = await publicPage('/topics/water');
    assert.match(hub.html, /Desalination plant opens on the coast/, 'the moved article is listed under the kept tag');
    assert.equal((await publicPage('/topics/h2o')).status, 404);
    assert.match(await (await editor.request(`/admin/tags/${seeded.topicId}?notice=tag-merged`)).text(), /Merged: the other tag’s articles now carry this one/);
  });

  test('tags: slugs unique per kind, ISO country codes, places under countries, deleting takes a tag off its articles', async () => {
    assert.equal((await post(editor, '/admin/tags', tagForm({ kind: 'topic', name: 'Jordan valley', slug: 'jordan' }))).status, 303, 'a topic may share a country slug');
    const clash = await post(editor, '/admin/tags', tagForm({ kind: 'country', name: 'Hashemite Kingdom', slug: 'jordan' }));
    assert.equal(clash.status, 422);
    assert.match(await clash.text(), /slug: &quot;jordan&quot; is already used by the country &quot;Jordan&quot;/);
    assert.match(await (await post(editor, '/admin/tags', tagForm({ kind: 'country', name: 'Nowhere', countryCode: 'XX' }))).text(), /two-letter ISO 3166-1 code/);

    const lebanon = idFrom(await post(editor, '/admin/tags', tagForm({ kind: 'country', name: 'Lebanon', countryCode: 'lb', aliases: 'لبنان' })), /\/admin\/tags\/(\d+)\?/);
    assert.equal((await db().selectFrom('tags').select('country_code').where('id', '=', lebanon).executeTakeFirstOrThrow()).country_code, 'LB');
    assert.match(await (await post(editor, '/admin/tags', tagForm({ kind: 'country', name: 'Liban', countryCode: 'LB' }))).text(), /LB is already the code of &quot;Lebanon&quot;/);
    assert.equal((await post(editor, '/admin/tags', tagForm({ kind: 'place', name: 'Tyre', parentId: String(seeded.topicId) }))).status, 422, 'a place belongs to a country');
    const beirut = idFrom(await post(editor, '/admin/tags', tagForm({ kind: 'place', name: 'Beirut', parentId: String(lebanon), countryCode: 'LB' })), /\/admin\/tags\/(\d+)\?/);
    const place = await db().selectFrom('tags').select(['parent_id', 'country_code']).where('id', '=', beirut).executeTakeFirstOrThrow();
    assert.equal(Number(place.parent_id), lebanon);
    assert.equal(place.country_code, null, 'only countries keep a code');
    assert.match(await (await editor.request('/admin/tags?kind=place')).text(), /in Lebanon/);
    const recast = await post(editor, `/admin/tags/${lebanon}`, tagForm({ kind: 'topic', name: 'Lebanon', slug: 'lebanon' }));
    assert.equal(recast.status, 422);
    assert.match(await recast.text(), /places such as &quot;Beirut&quot; belong to this country/);

    const edit = await (await editor.request(`/admin/tags/${seeded.countryId}`)).text();
    assert.match(edit, /Changing the slug changes the public address <code>\/countries\/jordan<\/code>/);
    const renamed = await post(editor, `/admin/tags/${seeded.countryId}`, tagForm({ kind: 'country', name: 'Jordan', slug: 'hashemite-kingdom-of-jordan', countryCode: 'JO' }));
    assert.equal(renamed.status, 303);
    assert.equal((await publicPage('/countries/hashemite-kingdom-of-jordan')).status, 200);
    assert.deepEqual((await auditOf('tag.updated', seeded.countryId))?.details, { fields: ['slug', 'country_code'], previous: 'country/jordan', now: 'country/hashemite-kingdom-of-jordan' });

    const deleted = await post(editor, `/admin/tags/${seeded.countryId}/delete`);
    assert.equal(deleted.status, 303);
    assert.equal(deleted.headers.get('location'), '/admin/tags?notice=tag-deleted');
    assert.equal((await db().selectFrom('article_tags').select('article_id').where('tag_id', '=', seeded.countryId).execute()).length, 0);
    assert.equal((await auditOf('tag.deleted', seeded.countryId))?.details.articles, 4);
    assert.equal((await publicPage('/countries/hashemite-kingdom-of-jordan')).status, 404);
    assert.doesNotMatch((await publicPage('/news/story-1')).html, /href="\/countries\//, 'the article no longer shows it');
  });

  test('authors: linked to one staff account, photo from the library, refused while credited', async () => {
    const { userId: reporterId, client: reporter } = await signInAs(t, 'author', 'Nadia Saleh');
    const created = await post(editor, '/admin/authors', authorForm({ name: 'Nadia Saleh', title: 'Water correspondent', expertise: 'Water, Energy\nclimate, water', languages: 'en, Arabic; العربية, Français, fa, turkish', location: 'Aqaba', imageId: String(seeded.imageId), userId: String(reporterId) }));
    assert.equal(created.status, 303);
    const nadia = idFrom(created, /\/admin\/authors\/(\d+)\?notice=author-created/);
    const row = await db().selectFrom('authors').selectAll().where('id', '=', nadia).executeTakeFirstOrThrow();
    assert.equal(row.slug, 'nadia-saleh');
    assert.deepEqual(JSON.parse(row.expertise), ['Water', 'Energy', 'climate']);
    assert.deepEqual(JSON.parse(row.languages), ['en', 'ar', 'fr', 'Persian', 'Turkish'], 'edition languages as codes, others by name');
    assert.equal(Number(row.image_id), seeded.imageId);
    assert.equal(Number((await db().selectFrom('users').select('author_id').where('id', '=', reporterId).executeTakeFirstOrThrow()).author_id), nadia);
    assert.equal((await auditOf('author.created', nadia))?.details.userId, reporterId);

    assert.equal((await reporter.api('POST', '/admin/api/articles', { language: 'en', sectionId: seeded.newsId })).status, 201);
    const draft = await db().selectFrom('articles').select('id').where('created_by', '=', reporterId).executeTakeFirstOrThrow();
    const credits = await db().selectFrom('article_authors').select('author_id').where('article_id', '=', draft.id).execute();
    assert.deepEqual(
      credits.map((credit) => Number(credit.author_id)),
      [nadia],
      "the account's new article is credited to its profile",
    );

    const taken = await post(editor, '/admin/authors', authorForm({ name: 'Second Nadia', userId: String(reporterId) }));
    assert.equal(taken.status, 422);
    assert.match(await taken.text(), /that account already belongs to the author &quot;Nadia Saleh&quot;/);
    assert.match(await (await post(editor, '/admin/authors', authorForm({ name: 'Rania Haddad' }))).text(), /slug: &quot;rania-haddad&quot; is already used by the author &quot;Rania Haddad&quot;/);
    assert.match(await (await post(editor, '/admin/authors', authorForm({ name: 'No Photo', imageId: '999999' }))).text(), /no image in the media library has the number 999999/);
    const polyglot = await post(editor, '/admin/authors', authorForm({ name: 'Polyglot', languages: 'en, Elvish' }));
    assert.equal(polyglot.status, 422);
    assert.match(await polyglot.text(), /&quot;Elvish&quot; is not a language Masthead knows/);

    const form = await (await editor.request(`/admin/authors/${nadia}`)).text();
    assert.match(form, /Changing the slug changes the public address <code>\/authors\/nadia-saleh<\/code>/);
    assert.match(form, new RegExp(`<option value="${reporterId}" selected>`));
    assert.match(form, /<img src="\/media\/[^"]+"/, 'the chosen photo is previewed');
    assert.match(form, /href="\/admin\/media"/);

    assert.match((await publicPage('/authors/nadia-saleh')).html, /Water correspondent/);
    const saved = await post(editor, `/admin/authors/${nadia}`, authorForm({ name: 'Nadia Saleh', title: 'Climate editor', location: 'Aqaba' }));
    assert.equal(saved.status, 303);
    assert.match((await publicPage('/authors/nadia-saleh')).html, /Climate editor/, 'the public page shows the new title at once');
    assert.equal((await db().selectFrom('users').select('author_id').where('id', '=', reporterId).executeTakeFirstOrThrow()).author_id, null, 'the account was unlinked');
    const audit = await auditOf('author.updated', nadia);
    assert.ok((audit?.details.fields as string[]).includes('account'));
    assert.ok((audit?.details.fields as string[]).includes('title'));

    const list = await (await editor.request('/admin/authors?q=nadia')).text();
    assert.match(list, new RegExp(`href="/admin/authors/${nadia}"`));
    assert.doesNotMatch(list, /Rania Haddad/);

    const refused = await post(editor, `/admin/authors/${seeded.authorId}/delete`);
    assert.equal(refused.status, 422);
    assert.match(await refused.text(), /cannot be deleted: 4 articles credit them\. Change those bylines first\./);
    const draftOnly = await post(editor, `/admin/authors/${nadia}/delete`);
    assert.equal(draftOnly.status, 422);
    assert.match(await draftOnly.text(), /1 article, not yet published, credits them/, 'a draft credit counts too');
    await db().deleteFrom('articles').where('id', '=', draft.id).execute();
    assert.equal((await post(editor, `/admin/authors/${nadia}/delete`)).status, 303);
    assert.equal(await db().selectFrom('authors').select('id').where('id', '=', nadia).executeTakeFirst(), undefined);
    assert.equal((await publicPage('/authors/nadia-saleh')).status, 404);
  });

  test('hostile names are escaped in the admin and on public pages', async () => {
    const hostile = '<script>alert(1)</script>';
    const section = await post(editor, '/admin/sections', sectionForm({ name: hostile, slug: 'hostile' }));
    assert.equal(section.status, 303);
    const list = await (await editor.request('/admin/sections')).text();
    assert.match(list, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(list, /<script>alert/);
    const home = (await publicPage('/')).html;
    assert.match(home, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(home, /<script>alert/);

    const tag = await post(editor, '/admin/tags', tagForm({ name: '"><img src=x onerror=alert(1)>', aliases: '</textarea><script>alert(2)</script>' }));
    const tagId = idFrom(tag, /\/admin\/tags\/(\d+)\?/);
    const tagPage = await (await editor.request(`/admin/tags/${tagId}`)).text();
    assert.doesNotMatch(tagPage, /<img src=x/);
    assert.doesNotMatch(tagPage, /<script>alert\(2\)/);
    assert.match(tagPage, /&lt;\/textarea&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
    assert.doesNotMatch(await (await editor.request('/admin/tags?q=onerror')).text(), /<img src=x/);

    const refused = await post(editor, '/admin/authors', authorForm({ name: hostile, slug: 'rania-haddad' }));
    assert.equal(refused.status, 422);
    assert.doesNotMatch(await refused.text(), /<script>alert/, 'a refused form shows what was typed, escaped');
  });
});

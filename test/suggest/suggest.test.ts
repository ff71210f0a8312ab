/**
 * Suggested tags through the real app, on SQLite and PostgreSQL: suggestions refreshed on
 * explicit saves, existing tags matched by name and alias (Arabic included), places
 * resolved to their countries, decisions kept (a rejected suggestion is not offered
 * again), accepting adds the tag, permissions and CSRF, and auto-tagging for places.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { EditableArticle } from '../../src/newsroom/editable.ts';
import { saveSiteSettings, loadSiteSettings } from '../../src/site/settings.ts';
import type { DecisionAnswer, SuggestionList, SuggestionView } from '../../src/suggest/types.ts';
import { signInAs } from '../admin/admin-client.ts';
import type { AdminClient } from '../admin/admin-client.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { paragraphDoc, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describeEachDatabase('suggested tags', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let editor: { client: AdminClient; userId: number };
  let contributor: { client: AdminClient; userId: number };
  let sectionId: number;
  const tagIds: Record<string, number> = {};

  async function addTag(key: string, kind: 'country' | 'place' | 'person' | 'organisation' | 'topic', name: string, aliases: string[], extra: { countryCode?: string; parent?: string } = {}): Promise<void> {
    const row = await t.ctx.db
      .insertInto('tags')
      .values({ kind, slug: `s-${key}`, name, aliases: JSON.stringify(aliases), description: null, country_code: extra.countryCode ?? null, parent_id: extra.parent ? (tagIds[extra.parent] ?? null) : null, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    tagIds[key] = Number(row.id);
  }

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    await seedSmallNewsroom(t.ctx.db, mediaDir, 1);
    sectionId = (await t.ctx.catalog()).sections[0]!.id;
    // seedSmallNewsroom made a "Jordan" country tag without a code; give it one, with an Arabic alias.
    const jordan = await t.ctx.db.selectFrom('tags').select('id').where('slug', '=', 'jordan').executeTakeFirstOrThrow();
    tagIds.jordan = Number(jordan.id);
    await t.ctx.db.updateTable('tags').set({ country_code: 'JO', aliases: JSON.stringify(['الأردن', 'المملكة الأردنية الهاشمية']) }).where('id', '=', tagIds.jordan).execute();
    await addTag('amman', 'place', 'Amman', ['عمّان'], { parent: 'jordan' });
    await addTag('lebanon', 'country', 'Lebanon', ['لبنان'], { countryCode: 'LB' });
    await addTag('haddad', 'person', 'Rania Haddad', ['رانيا حداد']);
    await addTag('who', 'organisation', 'World Health Organization', ['WHO', 'منظمة الصحة العالمية']);
    editor = await signInAs(t, 'editor', 'Edith Editor');
    contributor = await signInAs(t, 'contributor', 'Casey Contributor');
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  async function draft(client: AdminClient): Promise<EditableArticle> {
    const response = await client.api('POST', '/admin/api/articles', { sectionId, language: 'en', type: 'news' });
    assert.equal(response.status, 201);
    return json<EditableArticle>(response);
  }

  async function save(client: AdminClient, article: EditableArticle, fields: Partial<Record<keyof EditableArticle['fields'], unknown>>, autosave = false): Promise<EditableArticle> {
    const response = await client.api('PUT', `/admin/api/articles/${article.id}`, { baseRevision: article.revision, autosave, fields: { ...article.fields, ...fields } });
    assert.equal(response.status, 200, await response.clone().text());
    return (await json<{ article: EditableArticle }>(response)).article;
  }

  async function suggestions(client: AdminClient, articleId: number): Promise<SuggestionList> {
    const response = await client.api('GET', `/admin/api/articles/${articleId}/suggestions`);
    assert.equal(response.status, 200, await response.clone().text());
    return json<SuggestionList>(response);
  }

  function find(list: SuggestionList, name: string): SuggestionView {
    const found = list.suggestions.find((suggestion) => suggestion.name === name);
    assert.ok(found, `no suggestion "${name}" among ${list.suggestions.map((s) => `${s.kind}:${s.name}`).join(', ')}`);
    return found;
  }

  const englishStory = {
    headline: 'Irbid farmers wait for water as talks resume',
    standfirst: 'Engineers will compare flow data with colleagues from Lebanon.',
    dateline: 'AMMAN',
    body: paragraphDoc(
      'Rania Haddad, the minister of water, said the first meeting would take place in Amman next month.',
      'Farmers around Irbid say their wells have fallen. “We cannot wait another summer,” said Khalil Odeh, who grows olives near the city.',
      'The World Health Organization warned that shortages raise the risk of disease. Haddad told reporters that Odeh and others would be consulted.',
    ),
  };

  test('an explicit save suggests people, organisations and places; autosaves do not analyse', async () => {
    let article = await draft(editor.client);
    article = await save(editor.client, article, englishStory, true);
    const state = await t.ctx.db.selectFrom('article_suggestion_state').select('revision').where('article_id', '=', article.id).executeTakeFirst();
    assert.equal(state, undefined, 'an autosave must not run the analysis');
    article = await save(editor.client, article, englishStory);
    const list = await suggestions(editor.client, article.id);
    assert.equal(list.analysedRevision, article.revision);
    const haddad = find(list, 'Rania Haddad');
    assert.equal(haddad.tagId, tagIds.haddad);
    assert.equal(haddad.kind, 'person');
    assert.match(haddad.reason, /mentioned (twice|3 times)/);
    const odeh = find(list, 'Khalil Odeh');
    assert.equal(odeh.kind, 'person');
    assert.equal(odeh.isNew, true);
    assert.equal(find(list, 'World Health Organization').tagId, tagIds.who);
    assert.equal(find(list, 'Amman').tagId, tagIds.amman);
    assert.equal(find(list, 'Lebanon').tagId, tagIds.lebanon);
    assert.ok(list.suggestions.every((s) => s.confidence > 0 && s.confidence <= 1));
  });

  test('a town resolves to its country through the gazetteer: Irbid is in Jordan', async () => {
    let article = await draft(editor.client);
    article = await save(editor.client, article, { headline: 'Irbid opens a new market', standfirst: '', dateline: null, body: paragraphDoc('Traders in Irbid welcomed the covered market, which opened on Sunday near the university.') });
    const list = await suggestions(editor.client, article.id);
    const irbid = find(list, 'Irbid');
    assert.equal(irbid.kind, 'place');
    assert.equal(irbid.isNew, true);
    assert.equal(irbid.countryCode, 'JO');
    const jordan = find(list, 'Jordan');
    assert.equal(jordan.kind, 'country');
    assert.equal(jordan.tagId, tagIds.jordan, 'the country comes from the existing tag with code JO');
    assert.match(jordan.reason, /Irbid is in Jordan/);
  });

  test('Arabic text matches Arabic aliases whatever the diacritics, alef forms and attached words', async () => {
    let article = await draft(editor.client);
    article = await save(editor.client, article, {
      language: 'ar',
      headline: 'وزيرة المياه تزور عمان',
      standfirst: '',
      dateline: null,
      // "عمان" without the shadda, "الاردن" with a bare alef, "بالأردن"/"ولبنان" with attached words, and تطويل in "الصحـة".
      body: paragraphDoc('قالت رانيا حداد إن الاجتماع سيعقد في عمان، وإن الوضع المائي بالأردن صعب.', 'وأضافت أن منظمة الصحـة العالمية ستشارك، وأن الاردن ولبنان سيتبادلان البيانات.'),
    });
    const list = await suggestions(editor.client, article.id);
    const names = new Map(list.suggestions.map((s) => [s.tagId, s]));
    for (const key of ['amman', 'jordan', 'lebanon', 'haddad', 'who']) assert.ok(names.has(tagIds[key]!), `${key} not suggested: ${list.suggestions.map((s) => s.name).join(', ')}`);
    assert.match(names.get(tagIds.amman!)!.reason, /alias/);
  });

  test('a rejected suggestion is not offered again for that article, even after more saves', async () => {
    let article = await draft(editor.client);
    article = await save(editor.client, article, englishStory);
    const odeh = find(await suggestions(editor.client, article.id), 'Khalil Odeh');
    const rejected = await editor.client.api('POST', `/admin/api/articles/${article.id}/suggestions/${odeh.id}`, { decision: 'reject' });
    assert.equal(rejected.status, 200);
    assert.equal((await json<DecisionAnswer>(rejected)).suggestion.status, 'rejected');
    article = await save(editor.client, article, { standfirst: 'A second version; Khalil Odeh is quoted again.' });
    const list = await suggestions(editor.client, article.id);
    assert.ok(!list.suggestions.some((s) => s.name === 'Khalil Odeh'));
    const row = await t.ctx.db.selectFrom('tag_suggestions').select(['status', 'decided_by']).where('id', '=', odeh.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'rejected');
    assert.equal(Number(row.decided_by), editor.userId);
    // Another article mentioning him still gets the suggestion: decisions are per article.
    let other = await draft(editor.client);
    other = await save(editor.client, other, englishStory);
    assert.ok((await suggestions(editor.client, other.id)).suggestions.some((s) => s.name === 'Khalil Odeh'));
  });

  test('accepting returns the tag for the editor to add, creates new tags, and can save it onto the article', async () => {
    let article = await draft(editor.client);
    article = await save(editor.client, article, englishStory);
    const list = await suggestions(editor.client, article.id);
    // An existing tag: returned for the editor's list; the next save carries it.
    const amman = find(list, 'Amman');
    const accepted = await json<DecisionAnswer>(await editor.client.api('POST', `/admin/api/articles/${article.id}/suggestions/${amman.id}`, { decision: 'accept' }));
    assert.deepEqual(accepted.tag, { id: tagIds.amman, kind: 'place', name: 'Amman' });
    assert.equal(accepted.revision, null);
    article = await save(editor.client, article, { tagIds: [...article.fields.tagIds, tagIds.amman!] });
    assert.ok(article.fields.tagIds.includes(tagIds.amman!));
    assert.ok(!(await suggestions(editor.client, article.id)).suggestions.some((s) => s.tagId === tagIds.amman), 'a tag the article has is not suggested');
    // A new person, saved onto the article at once by naming the base revision.
    const odeh = find(await suggestions(editor.client, article.id), 'Khalil Odeh');
    const created = await editor.client.api('POST', `/admin/api/articles/${article.id}/suggestions/${odeh.id}`, { decision: 'accept', baseRevision: article.revision });
    assert.equal(created.status, 200, await created.clone().text());
    const answer = await json<DecisionAnswer>(created);
    assert.equal(answer.tag?.kind, 'person');
    assert.equal(answer.tag?.name, 'Khalil Odeh');
    assert.ok(answer.revision !== null && answer.revision > article.revision);
    const stored = await t.ctx.db.selectFrom('article_tags').select('tag_id').where('article_id', '=', article.id).execute();
    assert.ok(stored.some((row) => Number(row.tag_id) === answer.tag?.id));
    // A stale base revision is a conflict, like any save; the decision itself stands.
    let second = await draft(editor.client);
    second = await save(editor.client, second, { headline: 'Irbid opens a new market', body: paragraphDoc('Traders in Irbid welcomed the market.') });
    const irbid = find(await suggestions(editor.client, second.id), 'Irbid');
    const stale = await editor.client.api('POST', `/admin/api/articles/${second.id}/suggestions/${irbid.id}`, { decision: 'accept', baseRevision: second.revision - 1 });
    assert.equal(stale.status, 409);
    const irbidTag = await t.ctx.db.selectFrom('tags').select(['id', 'parent_id']).where('kind', '=', 'place').where('name', '=', 'Irbid').executeTakeFirstOrThrow();
    assert.equal(Number(irbidTag.parent_id), tagIds.jordan, 'a new place is filed under its country');
  });

  test('permissions and CSRF: reading needs the article, deciding needs the right to edit it and to create tags', async () => {
    let article = await draft(editor.client);
    article = await save(editor.client, article, englishStory);
    const list = await suggestions(editor.client, article.id);
    const odeh = find(list, 'Khalil Odeh');
    const path = `/admin/api/articles/${article.id}/suggestions/${odeh.id}`;
    const forged = await editor.client.api('POST', path, { decision: 'reject' }, { csrf: false });
    assert.equal(forged.status, 403);
    assert.equal((await json<{ error: string }>(forged)).error, 'csrf');
    const stranger = await editor.client.api('POST', path, { decision: 'reject' }, { csrf: 'not-the-token' });
    assert.equal(stranger.status, 403);
    const anonymous = await t.app.request(`/admin/api/articles/${article.id}/suggestions`);
    assert.equal(anonymous.status, 401);
    // A contributor cannot open someone else's article, nor decide on its suggestions.
    assert.equal((await contributor.client.api('GET', `/admin/api/articles/${article.id}/suggestions`)).status, 403);
    assert.equal((await contributor.client.api('POST', path, { decision: 'reject' })).status, 403);
    const after = await t.ctx.db.selectFrom('tag_suggestions').select('status').where('id', '=', odeh.id).executeTakeFirstOrThrow();
    assert.equal(after.status, 'pending', 'refused requests change nothing');
    // On their own draft a contributor may accept existing tags but not create new ones.
    let own = await draft(contributor.client);
    own = await save(contributor.client, own, { ...englishStory, body: paragraphDoc('Nadia Qudah, a farmer near Amman, said the wells had fallen. “We cannot wait,” Qudah said.') });
    const mine = await suggestions(contributor.client, own.id);
    const newPerson = find(mine, 'Nadia Qudah');
    assert.equal(newPerson.isNew, true);
    const refused = await contributor.client.api('POST', `/admin/api/articles/${own.id}/suggestions/${newPerson.id}`, { decision: 'accept' });
    assert.equal(refused.status, 403);
    assert.match((await json<{ message: string }>(refused)).message, /cannot create tags/);
    const existing = find(mine, 'Amman');
    assert.equal((await contributor.client.api('POST', `/admin/api/articles/${own.id}/suggestions/${existing.id}`, { decision: 'accept' })).status, 200);
    // Suggestions belong to their article; bad input is a clear 4xx.
    assert.equal((await editor.client.api('POST', `/admin/api/articles/${own.id}/suggestions/${odeh.id}`, { decision: 'reject' })).status, 404);
    assert.equal((await editor.client.api('POST', path, { decision: 'maybe' })).status, 422);
    assert.equal((await editor.client.api('GET', '/admin/api/articles/999999/suggestions')).status, 404);
  });

  test('a save succeeds even when the analysis fails; the failure is logged', async () => {
    let article = await draft(editor.client);
    await sql`alter table tag_suggestions rename to tag_suggestions_away`.execute(t.ctx.db);
    try {
      article = await save(editor.client, article, englishStory);
      assert.equal(article.fields.headline, englishStory.headline);
    } finally {
      await sql`alter table tag_suggestions_away rename to tag_suggestions`.execute(t.ctx.db);
    }
    assert.ok(t.logs.some((line) => line.includes('tag suggestions: analysis failed')), 'the failure is logged');
  });

  test('with auto-tagging for places on, saving adds existing place and country tags (and records it); people still wait', async () => {
    const settings = await loadSiteSettings(t.ctx.db);
    await saveSiteSettings(t.ctx.db, { ...settings, autoTagPlaces: true });
    try {
      let article = await draft(editor.client);
      const before = article.revision;
      article = await save(editor.client, article, englishStory);
      // The save made revision before+1; the rule made before+2, and the saved article shows it.
      assert.equal(article.revision, before + 2);
      for (const key of ['amman', 'jordan', 'lebanon']) assert.ok(article.fields.tagIds.includes(tagIds[key]!), `${key} not auto-tagged`);
      assert.ok(!article.fields.tagIds.includes(tagIds.haddad!), 'people are never tagged without a decision');
      const list = await suggestions(editor.client, article.id);
      assert.equal(list.autoTaggedRevision, article.revision);
      const byRule = new Set(list.autoTagged.map((tag) => tag.id));
      for (const key of ['amman', 'jordan', 'lebanon']) assert.ok(byRule.has(tagIds[key]!));
      assert.ok(list.autoTagged.every((tag) => tag.kind === 'place' || tag.kind === 'country'));
      assert.ok(list.suggestions.some((s) => s.tagId === tagIds.haddad));
      const activity = await t.ctx.db.selectFrom('article_activity').select(['action', 'user_id', 'note']).where('article_id', '=', article.id).where('action', '=', 'auto_tagged').execute();
      assert.equal(activity.length, 1);
      assert.equal(activity[0]!.user_id, null);
      assert.match(activity[0]!.note ?? '', /Amman/);
      // The editor's next save, based on the rule's revision, keeps the tags.
      article = await save(editor.client, article, { standfirst: 'Updated.' });
      assert.ok(article.fields.tagIds.includes(tagIds.amman!));
    } finally {
      await saveSiteSettings(t.ctx.db, { ...settings, autoTagPlaces: false });
    }
    // Off again: nothing is added.
    let plain = await draft(editor.client);
    plain = await save(editor.client, plain, englishStory);
    assert.deepEqual(plain.fields.tagIds, []);
  });

  test('the settings page shows the auto-tagging choice and stores it', async () => {
    const admin = await signInAs(t, 'admin', 'Ada Admin');
    const page = await (await admin.client.request('/admin/settings')).text();
    assert.match(page, /name="autoTagPlaces"/);
    const form: Record<string, string> = { csrf: admin.client.csrfToken, name: 'Test Ledger', tagline: '', description: '', publisherBlurb: '', languages: 'en', policy_about: 'about', policy_corrections: 'corrections-policy', policy_ethics: 'ethics', policy_contact: 'contact', autoTagPlaces: 'on' };
    const saved = await admin.client.request('/admin/settings', { form });
    assert.equal(saved.status, 303, await saved.clone().text());
    assert.equal((await loadSiteSettings(t.ctx.db)).autoTagPlaces, true);
    const without = { ...form };
    delete without.autoTagPlaces;
    await admin.client.request('/admin/settings', { form: without });
    assert.equal((await loadSiteSettings(t.ctx.db)).autoTagPlaces, false);
  });

  test('the editor page has the suggested-tags box where the tags are, only for those who may edit', async () => {
    const article = await draft(editor.client);
    const page = await (await editor.client.request(`/admin/articles/${article.id}`)).text();
    assert.match(page, /<fieldset id="editor-suggestions"[^>]*><legend id="editor-suggestions-title"[^>]*>Suggested tags<\/legend>/);
    assert.match(page, /id="editor-suggestions-status"[^>]*aria-live="polite"/);
    assert.ok(page.indexOf('id="editor-tags-title"') < page.indexOf('id="editor-suggestions"'));
  });
});

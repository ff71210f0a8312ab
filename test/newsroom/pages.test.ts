/** The newsroom's pages: preview is byte-for-byte the public page, history diffs, the list, starting an article. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { EditableArticle } from '../../src/newsroom/editable.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { signInAs } from '../admin/admin-client.ts';
import { AdminClient } from '../admin/admin-client.ts';
import { completeFields } from './fixtures.ts';

describeEachDatabase('newsroom pages', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let editor: AdminClient;
  let contributor: AdminClient;

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    await seedSmallNewsroom(t.ctx.db, mediaDir, 2);
    editor = (await signInAs(t, 'editor', 'Edith <Editor>')).client;
    contributor = (await signInAs(t, 'contributor')).client;
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  async function publishedArticle(headline: string): Promise<EditableArticle> {
    const created = (await (await editor.api('POST', '/admin/api/articles', { language: 'en' })).json()) as EditableArticle;
    const saved = ((await (await editor.api('PUT', `/admin/api/articles/${created.id}`, { baseRevision: created.revision, fields: completeFields(created, { headline }) })).json()) as { article: EditableArticle }).article;
    return ((await (await editor.api('POST', `/admin/api/articles/${saved.id}/workflow`, { action: 'publish', baseRevision: saved.revision })).json()) as { article: EditableArticle }).article;
  }

  test('the preview of a published article is byte-for-byte the public page', async () => {
    const article = await publishedArticle('Ferry timetable changes for the winter');
    const publicHtml = await (await t.app.request(article.url)).text();
    const preview = await editor.request(article.previewUrl);
    assert.equal(preview.status, 200);
    assert.equal(preview.headers.get('cache-control'), 'no-store');
    assert.equal(preview.headers.get('x-robots-tag'), 'noindex');
    assert.equal(await preview.text(), publicHtml);
    assert.equal((await new AdminClient(t).request(article.previewUrl)).status, 303, 'signed out → sign in');
  });

  test('a draft can be previewed by its writer but not by another contributor', async () => {
    const draft = (await (await editor.api('POST', '/admin/api/articles', { language: 'en', headline: 'Unseen draft' })).json()) as EditableArticle;
    const mine = await editor.request(draft.previewUrl);
    assert.equal(mine.status, 200);
    assert.match(await mine.text(), /Unseen draft/);
    assert.equal((await contributor.request(draft.previewUrl)).status, 403);
  });

  test('history compares two revisions word by word, escaped', async () => {
    const article = await publishedArticle('Harbour cranes return');
    const edited = await editor.api('PUT', `/admin/api/articles/${article.id}`, { baseRevision: article.revision, fields: completeFields(article, { headline: 'Harbour cranes return <script>x</script>' }) });
    assert.equal(edited.status, 200);
    const html = await (await editor.request(`/admin/articles/${article.id}/history`)).text();
    assert.match(html, /<ins>[^<]*&lt;script&gt;x&lt;\/script&gt;<\/ins>/);
    assert.match(html, /published it/);
    assert.doesNotMatch(html, /<script>x/);
    assert.equal((await editor.request(`/admin/articles/${article.id}/history?from=abc`)).status, 400);
  });

  test('restore from the history makes an old version current as a new revision', async () => {
    const article = await publishedArticle('Olive harvest starts early');
    const saved = ((await (await editor.api('PUT', `/admin/api/articles/${article.id}`, { baseRevision: article.revision, fields: completeFields(article, { headline: 'Olive harvest starts late' }) })).json()) as { article: EditableArticle }).article;
    const revisions = ((await (await editor.api('GET', `/admin/api/articles/${article.id}/revisions`)).json()) as { revisions: { id: number; kind: string }[] }).revisions;
    const original = revisions.find((revision) => revision.kind === 'save' && revision.id !== revisions[0]!.id)!;
    const noCsrf = await editor.request(`/admin/articles/${article.id}/revisions/${original.id}/restore`, { form: { baseRevision: String(saved.revision) } });
    assert.equal(noCsrf.status, 403);
    const restored = await editor.request(`/admin/articles/${article.id}/revisions/${original.id}/restore`, { form: { csrf: editor.csrfToken, baseRevision: String(saved.revision) } });
    assert.equal(restored.status, 303);
    const now = (await (await editor.api('GET', `/admin/api/articles/${article.id}`)).json()) as EditableArticle;
    assert.equal(now.fields.headline, 'Olive harvest starts early');
    assert.equal(now.revision, saved.revision + 1);
    assert.match(await (await t.app.request(now.url)).text(), /Olive harvest starts early/);
  });

  test('the article list filters and searches; a new article starts from a small form', async () => {
    const list = await editor.request('/admin/articles?status=published&q=harbour');
    assert.equal(list.status, 200);
    assert.match(await list.text(), /Harbour cranes return/);
    assert.equal((await editor.request('/admin/articles?status=lost')).status, 400);
    assert.equal((await editor.request('/admin/articles?after=%%%')).status, 400);
    const form = await editor.request('/admin/articles/new');
    assert.equal(form.status, 200);
    const sectionId = (await t.ctx.catalog()).sections[0]!.id;
    const created = await editor.request('/admin/articles/new', { form: { csrf: editor.csrfToken, headline: 'Night buses return', language: 'en', sectionId: String(sectionId), type: 'news' } });
    assert.equal(created.status, 303);
    assert.match(created.headers.get('location') ?? '', /^\/admin\/articles\/\d+$/);
    const bad = await editor.request('/admin/articles/new', { form: { csrf: editor.csrfToken, headline: 'x', language: 'xx', sectionId: '999999', type: 'news' } });
    assert.equal(bad.status, 422);
  });

  test('restoring a version whose tag has since been deleted restores the rest', async () => {
    const article = await publishedArticle('Spring rains fill the reservoirs');
    const tag = (await (await editor.api('POST', '/admin/api/tags', { kind: 'topic', name: 'Reservoirs' })).json()) as { tag: { id: number } };
    const tagged = ((await (await editor.api('PUT', `/admin/api/articles/${article.id}`, { baseRevision: article.revision, fields: completeFields(article, { headline: 'Spring rains fill the reservoirs', tagIds: [tag.tag.id] }) })).json()) as { article: EditableArticle; revisionId: number });
    const later = ((await (await editor.api('PUT', `/admin/api/articles/${article.id}`, { baseRevision: tagged.article.revision, fields: completeFields(article, { headline: 'Rains fill the reservoirs', tagIds: [] }) })).json()) as { article: EditableArticle });
    await t.ctx.db.deleteFrom('tags').where('id', '=', tag.tag.id).execute();
    const restored = await editor.api('POST', `/admin/api/articles/${article.id}/revisions/${tagged.revisionId}/restore`, { baseRevision: later.article.revision });
    assert.equal(restored.status, 200);
    const now = ((await restored.json()) as { article: EditableArticle }).article;
    assert.equal(now.fields.headline, 'Spring rains fill the reservoirs');
    assert.deepEqual(now.fields.tagIds, []);
  });
});

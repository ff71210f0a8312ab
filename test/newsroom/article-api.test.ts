/** The articles Admin API through the real app: saves, stale saves, the workflow, scheduling, corrections. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { EditableArticle } from '../../src/newsroom/editable.ts';
import { publishDueArticles } from '../../src/newsroom/workflow.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createImage, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { signInAs } from '../admin/admin-client.ts';
import type { AdminClient } from '../admin/admin-client.ts';
import { completeFields } from './fixtures.ts';

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describeEachDatabase('articles Admin API', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let contributor: { client: AdminClient; userId: number };
  let editor: { client: AdminClient; userId: number };
  let sectionId: number;

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    await seedSmallNewsroom(t.ctx.db, mediaDir, 1);
    sectionId = (await t.ctx.catalog()).sections[0]!.id;
    contributor = await signInAs(t, 'contributor', 'Casey Contributor');
    editor = await signInAs(t, 'editor', 'Edith Editor');
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  async function newDraft(client: AdminClient): Promise<EditableArticle> {
    const response = await client.api('POST', '/admin/api/articles', { sectionId, language: 'en', type: 'news' });
    assert.equal(response.status, 201);
    return json<EditableArticle>(response);
  }

  test('a contributor creates a draft, autosaves, saves; every save is a revision', async () => {
    const draft = await newDraft(contributor.client);
    assert.equal(draft.status, 'draft');
    assert.equal(draft.permissions.edit, true);
    assert.equal(draft.permissions.publish, false);
    const first = await contributor.client.api('PUT', `/admin/api/articles/${draft.id}`, { baseRevision: draft.revision, autosave: true, fields: completeFields(draft) });
    assert.equal(first.status, 200);
    const saved = await json<{ revision: number; article: EditableArticle }>(first);
    assert.equal(saved.revision, draft.revision + 1);
    assert.equal(saved.article.fields.headline, 'Water talks resume after a dry summer');
    assert.equal(saved.article.wordCount, 9);
    const second = await contributor.client.api('PUT', `/admin/api/articles/${draft.id}`, { baseRevision: saved.revision, autosave: false, fields: { ...completeFields(draft), standfirst: 'A second version.' } });
    assert.equal(second.status, 200);
    const revisions = await json<{ revisions: { kind: string }[] }>(await contributor.client.api('GET', `/admin/api/articles/${draft.id}/revisions`));
    assert.deepEqual(revisions.revisions.map((r) => r.kind), ['save', 'autosave', 'create']);
  });

  test('a stale save is refused with 409, and both versions are kept', async () => {
    const draft = await newDraft(editor.client);
    const base = draft.revision;
    const mine = await editor.client.api('PUT', `/admin/api/articles/${draft.id}`, { baseRevision: base, fields: completeFields(draft, { standfirst: 'First writer.' }) });
    assert.equal(mine.status, 200);
    const stale = await editor.client.api('PUT', `/admin/api/articles/${draft.id}`, { baseRevision: base, fields: completeFields(draft, { standfirst: 'Second writer, stale.' }) });
    assert.equal(stale.status, 409);
    const conflict = await json<{ error: string; message: string; current: EditableArticle; keptRevisionId: number }>(stale);
    assert.equal(conflict.error, 'conflict');
    assert.match(conflict.message, /newer version/);
    assert.equal(conflict.current.fields.standfirst, 'First writer.');
    const kept = await json<{ kind: string; fields: { standfirst: string } }>(await editor.client.api('GET', `/admin/api/articles/${draft.id}/revisions/${conflict.keptRevisionId}`));
    assert.equal(kept.kind, 'conflict');
    assert.equal(kept.fields.standfirst, 'Second writer, stale.');
  });

  test('submit → send back with a note → resubmit → approve with a time → published by the scheduler, not before', async () => {
    let article = await newDraft(contributor.client);
    const save = await contributor.client.api('PUT', `/admin/api/articles/${article.id}`, { baseRevision: article.revision, fields: completeFields(article) });
    article = (await json<{ article: EditableArticle }>(save)).article;
    const submit = await contributor.client.api('POST', `/admin/api/articles/${article.id}/workflow`, { action: 'submit', baseRevision: article.revision, assigneeId: editor.userId });
    assert.equal(submit.status, 200);
    article = (await json<{ article: EditableArticle }>(submit)).article;
    assert.equal(article.status, 'in_review');
    assert.equal(article.assigneeId, editor.userId);
    assert.equal(article.permissions.edit, false, 'once submitted, the draft belongs to the desk');
    const blocked = await contributor.client.api('PUT', `/admin/api/articles/${article.id}`, { baseRevision: article.revision, fields: completeFields(article) });
    assert.equal(blocked.status, 403);

    const noNote = await editor.client.api('POST', `/admin/api/articles/${article.id}/workflow`, { action: 'send_back', baseRevision: article.revision });
    assert.equal(noNote.status, 422);
    const back = await editor.client.api('POST', `/admin/api/articles/${article.id}/workflow`, { action: 'send_back', baseRevision: article.revision, note: 'Name the ministry <b>spokesperson</b>.' });
    article = (await json<{ article: EditableArticle }>(back)).article;
    assert.equal(article.status, 'draft');
    const inbox = await (await contributor.client.request('/admin')).text();
    assert.match(inbox, /Sent back to you/);

    const resubmit = await contributor.client.api('POST', `/admin/api/articles/${article.id}/workflow`, { action: 'submit', baseRevision: article.revision });
    article = (await json<{ article: EditableArticle }>(resubmit)).article;
    const at = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    const approve = await editor.client.api('POST', `/admin/api/articles/${article.id}/workflow`, { action: 'approve', baseRevision: article.revision, at });
    assert.equal(approve.status, 200);
    article = (await json<{ article: EditableArticle }>(approve)).article;
    assert.equal(article.status, 'scheduled');
    assert.equal(article.scheduledAt, at);

    assert.equal((await t.app.request(article.url)).status, 404, 'not visible before its time');
    assert.deepEqual(await publishDueArticles(t.ctx.db, new Date().toISOString()), []);
    assert.deepEqual(await publishDueArticles(t.ctx.db, new Date(Date.now() + 2 * 60 * 60 * 1000).toISOString()), [article.id]);
    assert.deepEqual(await publishDueArticles(t.ctx.db, new Date(Date.now() + 3 * 60 * 60 * 1000).toISOString()), [], 'published exactly once');
    const page = await t.app.request(article.url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Water talks resume after a dry summer/);

    const activity = await json<{ activity: { action: string; note: string | null }[] }>(await editor.client.api('GET', `/admin/api/articles/${article.id}/activity`));
    assert.deepEqual(activity.activity.map((entry) => entry.action), ['published', 'approved', 'submitted', 'sent_back', 'submitted', 'saved', 'created']);
    assert.equal(activity.activity.find((entry) => entry.action === 'sent_back')?.note, 'Name the ministry <b>spokesperson</b>.');
  });

  test('publishing needs alt text on every photo', async () => {
    const article = await newDraft(editor.client);
    const imageId = await createImage(t.ctx.db, mediaDir);
    await t.ctx.db.updateTable('images').set({ alt: '' }).where('id', '=', imageId).execute();
    const body: EditableArticle['fields']['body'] = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Text.' }] }, { type: 'imageBlock', attrs: { imageId, caption: 'A caption', credit: 'A credit', alt: null } }] };
    const saved = await json<{ article: EditableArticle }>(await editor.client.api('PUT', `/admin/api/articles/${article.id}`, { baseRevision: article.revision, fields: completeFields(article, { body }) }));
    const refused = await editor.client.api('POST', `/admin/api/articles/${article.id}/workflow`, { action: 'publish', baseRevision: saved.article.revision });
    assert.equal(refused.status, 422);
    const problem = await json<{ problems: string[] }>(refused);
    assert.deepEqual(problem.problems, ['body: photo 1 needs alt text before publishing']);
  });

  test('on a published article: autosave stays off the live page, minor edits keep the Updated time, corrections change it', async () => {
    let article = await newDraft(editor.client);
    article = (await json<{ article: EditableArticle }>(await editor.client.api('PUT', `/admin/api/articles/${article.id}`, { baseRevision: article.revision, fields: completeFields(article) }))).article;
    article = (await json<{ article: EditableArticle }>(await editor.client.api('POST', `/admin/api/articles/${article.id}/workflow`, { action: 'publish', baseRevision: article.revision }))).article;
    assert.equal(article.status, 'published');
    assert.equal(article.updatedAt, null);

    const auto = await json<{ applied: boolean; revisionId: number; article: EditableArticle }>(await editor.client.api('PUT', `/admin/api/articles/${article.id}`, { baseRevision: article.revision, autosave: true, fields: completeFields(article, { headline: 'Half-typed headl' }) }));
    assert.equal(auto.applied, false);
    assert.equal(auto.article.pendingAutosave?.revisionId, auto.revisionId, 'the editor can offer the autosaved changes back');
    assert.doesNotMatch(await (await t.app.request(article.url)).text(), /Half-typed/);

    const minor = await json<{ article: EditableArticle }>(await editor.client.api('PUT', `/admin/api/articles/${article.id}`, { baseRevision: article.revision, minorEdit: true, fields: completeFields(article, { standfirst: 'Negotiators return to the table with new river data!' }) }));
    assert.equal(minor.article.updatedAt, null, 'a typo fix does not change dateModified');
    const correction = await editor.client.api('POST', `/admin/api/articles/${article.id}/corrections`, { kind: 'correction', body: 'An earlier version gave the wrong day for the talks.' });
    assert.equal(correction.status, 201);
    const corrected = (await json<{ article: EditableArticle }>(correction)).article;
    assert.ok(corrected.updatedAt);
    const html = await (await t.app.request(article.url)).text();
    assert.match(html, /An earlier version gave the wrong day for the talks\./);
    assert.match(html, /"dateModified":"[^"]+"/);
    assert.match(await (await t.app.request('/corrections')).text(), /An earlier version gave the wrong day/);
    const contributorTry = await contributor.client.api('POST', `/admin/api/articles/${article.id}/corrections`, { kind: 'correction', body: 'No.' });
    assert.equal(contributorTry.status, 403);
  });

  test('tags: search and create-on-the-fly; bad input is a clear 4xx', async () => {
    const created = await editor.client.api('POST', '/admin/api/tags', { kind: 'place', name: 'Wadi Rum' });
    assert.equal(created.status, 201);
    const again = await editor.client.api('POST', '/admin/api/tags', { kind: 'place', name: 'wadi rum' });
    assert.equal(again.status, 200);
    const found = await json<{ tags: { name: string }[] }>(await editor.client.api('GET', '/admin/api/tags?q=wadi'));
    assert.deepEqual(found.tags.map((tag) => tag.name), ['Wadi Rum']);
    assert.equal((await editor.client.api('GET', '/admin/api/tags?kind=planet')).status, 400);
    assert.equal((await editor.client.api('POST', '/admin/api/tags', { kind: 'topic', name: '' })).status, 422);
    assert.equal((await contributor.client.api('POST', '/admin/api/tags', { kind: 'topic', name: 'Rivers' })).status, 403);
    const badJson = await editor.client.request('/admin/api/tags', { method: 'POST', body: '{', headers: { 'content-type': 'application/json', 'x-csrf-token': editor.client.csrfToken } });
    assert.equal(badJson.status, 400);
    assert.equal((await editor.client.api('GET', '/admin/api/articles/abc')).status, 404);
    assert.equal((await editor.client.api('GET', '/admin/api/nothing-here')).status, 404);
  });

  test('deleting: own unpublished drafts, never live work; the audit log keeps the last version', async () => {
    const draft = await newDraft(contributor.client);
    assert.equal(draft.permissions.delete, true);
    const published = await newDraft(editor.client);
    const saved = (await json<{ article: EditableArticle }>(await editor.client.api('PUT', `/admin/api/articles/${published.id}`, { baseRevision: published.revision, fields: completeFields(published) }))).article;
    const live = (await json<{ article: EditableArticle }>(await editor.client.api('POST', `/admin/api/articles/${published.id}/workflow`, { action: 'publish', baseRevision: saved.revision }))).article;
    assert.equal(live.permissions.delete, false);
    assert.equal((await editor.client.api('DELETE', `/admin/api/articles/${live.id}`)).status, 403);
    assert.equal((await editor.client.api('DELETE', `/admin/api/articles/${draft.id}`, undefined, { csrf: false })).status, 403);
    assert.equal((await contributor.client.api('DELETE', `/admin/api/articles/${draft.id}`)).status, 204);
    assert.equal((await contributor.client.api('GET', `/admin/api/articles/${draft.id}`)).status, 404);
    const audit = await t.ctx.db.selectFrom('audit_log').select('details').where('action', '=', 'article.deleted').where('subject_id', '=', String(draft.id)).executeTakeFirstOrThrow();
    assert.match(audit.details, /lastVersion/);
  });

  test('autosaves of one editing session share a revision; another session never replaces them', async () => {
    let article = await newDraft(editor.client);
    const save = async (standfirst: string, foldInto?: number) => {
      const answer = await json<{ revisionId: number; article: EditableArticle }>(
        await editor.client.api('PUT', `/admin/api/articles/${article.id}`, { baseRevision: article.revision, autosave: true, ...(foldInto ? { foldInto } : {}), fields: completeFields(article, { standfirst }) }),
      );
      article = answer.article;
      return answer.revisionId;
    };
    const first = await save('One.');
    const second = await save('One, two.', first);
    assert.equal(second, first, 'folded into the session\'s own autosave');
    const otherSession = await save('A fresh tab.');
    assert.notEqual(otherSession, first, 'a new session starts its own revision');
    const kinds = await json<{ revisions: { kind: string }[] }>(await editor.client.api('GET', `/admin/api/articles/${article.id}/revisions`));
    assert.deepEqual(kinds.revisions.map((r) => r.kind), ['autosave', 'autosave', 'create']);
  });
});

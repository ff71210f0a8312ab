/**
 * Every role × every article action, through the Admin API as a client would call it,
 * plus forged requests: no CSRF header, another session's token, no session at all.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { ROLES } from '../../src/accounts/policy.ts';
import type { Role } from '../../src/db/schema.ts';
import type { EditableArticle } from '../../src/newsroom/editable.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { AdminClient, signInAs } from '../admin/admin-client.ts';
import { completeFields } from './fixtures.ts';

type Who = 'own' | 'other';
interface Case {
  name: string;
  allowed: readonly Role[];
  run(client: AdminClient, fixtures: Fixtures, role: Role): Promise<Response>;
}
interface Fixtures {
  draft(who: Who, role: Role): Promise<EditableArticle>;
  inReview(): Promise<EditableArticle>;
  published(): Promise<EditableArticle>;
  editorId: number;
}

const EVERYONE = ROLES;
const AUTHORS_UP: readonly Role[] = ['author', 'editor', 'admin', 'owner'];
const EDITORS_UP: readonly Role[] = ['editor', 'admin', 'owner'];

const CASES: Case[] = [
  { name: 'create a draft', allowed: EVERYONE, run: (c) => c.api('POST', '/admin/api/articles', { language: 'en' }) },
  { name: 'read own draft', allowed: EVERYONE, run: async (c, f, r) => c.api('GET', `/admin/api/articles/${(await f.draft('own', r)).id}`) },
  { name: "read someone else's draft", allowed: EDITORS_UP, run: async (c, f, r) => c.api('GET', `/admin/api/articles/${(await f.draft('other', r)).id}`) },
  { name: 'save own draft', allowed: EVERYONE, run: async (c, f, r) => { const a = await f.draft('own', r); return c.api('PUT', `/admin/api/articles/${a.id}`, { baseRevision: a.revision, fields: completeFields(a) }); } },
  { name: "save someone else's draft", allowed: EDITORS_UP, run: async (c, f, r) => { const a = await f.draft('other', r); return c.api('PUT', `/admin/api/articles/${a.id}`, { baseRevision: a.revision, fields: completeFields(a) }); } },
  { name: 'submit own draft', allowed: EVERYONE, run: async (c, f, r) => { const a = await f.draft('own', r); return c.api('POST', `/admin/api/articles/${a.id}/workflow`, { action: 'submit', baseRevision: a.revision }); } },
  { name: 'publish own draft', allowed: AUTHORS_UP, run: async (c, f, r) => { const a = await f.draft('own', r); return c.api('POST', `/admin/api/articles/${a.id}/workflow`, { action: 'publish', baseRevision: a.revision }); } },
  { name: "publish someone else's draft", allowed: EDITORS_UP, run: async (c, f, r) => { const a = await f.draft('other', r); return c.api('POST', `/admin/api/articles/${a.id}/workflow`, { action: 'publish', baseRevision: a.revision }); } },
  { name: 'schedule own draft', allowed: AUTHORS_UP, run: async (c, f, r) => { const a = await f.draft('own', r); return c.api('POST', `/admin/api/articles/${a.id}/workflow`, { action: 'schedule', baseRevision: a.revision, at: new Date(Date.now() + 3_600_000).toISOString() }); } },
  { name: 'send back a submitted article', allowed: EDITORS_UP, run: async (c, f) => { const a = await f.inReview(); return c.api('POST', `/admin/api/articles/${a.id}/workflow`, { action: 'send_back', baseRevision: a.revision, note: 'Needs a second source.' }); } },
  { name: 'approve a submitted article', allowed: EDITORS_UP, run: async (c, f) => { const a = await f.inReview(); return c.api('POST', `/admin/api/articles/${a.id}/workflow`, { action: 'approve', baseRevision: a.revision }); } },
  { name: 'assign an article to an editor', allowed: EDITORS_UP, run: async (c, f) => { const a = await f.inReview(); return c.api('POST', `/admin/api/articles/${a.id}/workflow`, { action: 'assign', baseRevision: a.revision, assigneeId: f.editorId }); } },
  { name: "unpublish someone else's article", allowed: EDITORS_UP, run: async (c, f) => { const a = await f.published(); return c.api('POST', `/admin/api/articles/${a.id}/workflow`, { action: 'unpublish', baseRevision: a.revision }); } },
  { name: 'add a correction', allowed: EDITORS_UP, run: async (c, f) => c.api('POST', `/admin/api/articles/${(await f.published()).id}/corrections`, { kind: 'correction', body: 'A figure was wrong.' }) },
  { name: "read someone else's history", allowed: EDITORS_UP, run: async (c, f, r) => c.api('GET', `/admin/api/articles/${(await f.draft('other', r)).id}/revisions`) },
  { name: 'create a tag', allowed: AUTHORS_UP, run: (c, _f, r) => c.api('POST', '/admin/api/tags', { kind: 'topic', name: `Irrigation ${r}` }) },
];

describeEachDatabase('Admin API role × action matrix', (use) => {
  let t: TestApp;
  let mediaDir: string;
  const clients = new Map<Role, AdminClient>();
  let writer: AdminClient;
  let chief: AdminClient;
  let fixtures: Fixtures;

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    await seedSmallNewsroom(t.ctx.db, mediaDir, 1);
    for (const role of ROLES) clients.set(role, (await signInAs(t, role)).client);
    writer = (await signInAs(t, 'contributor', 'Other Writer')).client;
    const chiefAccount = await signInAs(t, 'editor', 'Chief Editor');
    chief = chiefAccount.client;
    const make = async (client: AdminClient) => {
      const created = (await (await client.api('POST', '/admin/api/articles', { language: 'en' })).json()) as EditableArticle;
      const saved = (await (await client.api('PUT', `/admin/api/articles/${created.id}`, { baseRevision: created.revision, fields: completeFields(created) })).json()) as { article: EditableArticle };
      return saved.article;
    };
    const step = async (article: EditableArticle, action: string) =>
      ((await (await chief.api('POST', `/admin/api/articles/${article.id}/workflow`, { action, baseRevision: article.revision })).json()) as { article: EditableArticle }).article;
    fixtures = {
      draft: async (who, role) => make(who === 'own' ? clients.get(role)! : writer),
      inReview: async () => {
        const article = await make(writer);
        return ((await (await writer.api('POST', `/admin/api/articles/${article.id}/workflow`, { action: 'submit', baseRevision: article.revision })).json()) as { article: EditableArticle }).article;
      },
      published: async () => step(await make(chief), 'publish'),
      editorId: chiefAccount.userId,
    };
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  test('each role may do exactly what the policy says, and gets 403 otherwise', async () => {
    const mismatches: string[] = [];
    for (const testCase of CASES) {
      for (const role of ROLES) {
        const response = await testCase.run(clients.get(role)!, fixtures, role);
        const allowed = testCase.allowed.includes(role);
        const ok = allowed ? response.status >= 200 && response.status < 300 : response.status === 403;
        if (!ok) mismatches.push(`${role} / ${testCase.name}: ${response.status} ${await response.text()}`);
      }
    }
    assert.deepEqual(mismatches, []);
  });

  test('forged requests change nothing: no CSRF header, another session\'s token, no session', async () => {
    const editor = clients.get('owner')!;
    const article = await fixtures.draft('own', 'owner');
    const body = { baseRevision: article.revision, fields: completeFields(article, { headline: 'Forged headline' }) };
    const attempts: [string, string, unknown][] = [
      ['PUT', `/admin/api/articles/${article.id}`, body],
      ['POST', `/admin/api/articles/${article.id}/workflow`, { action: 'publish', baseRevision: article.revision }],
      ['POST', `/admin/api/articles/${article.id}/corrections`, { kind: 'correction', body: 'Forged.' }],
      ['POST', '/admin/api/articles', { language: 'en' }],
      ['POST', '/admin/api/tags', { kind: 'topic', name: 'Forged tag' }],
    ];
    const before = await t.ctx.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const [method, path, json] of attempts) {
      const none = await editor.api(method, path, json, { csrf: false });
      assert.equal(none.status, 403, `${method} ${path} without a token`);
      assert.equal(((await none.json()) as { error: string }).error, 'csrf');
      const other = await editor.api(method, path, json, { csrf: writer.csrfToken });
      assert.equal(other.status, 403, `${method} ${path} with another session's token`);
      const anonymous = new AdminClient(t);
      assert.equal((await anonymous.api(method, path, json, { csrf: editor.csrfToken })).status, 401, `${method} ${path} signed out`);
    }
    const afterCount = await t.ctx.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
    const current = (await (await editor.api('GET', `/admin/api/articles/${article.id}`)).json()) as EditableArticle;
    assert.equal(current.status, 'draft');
    assert.notEqual(current.fields.headline, 'Forged headline');
    assert.equal(current.corrections.length, 0);
    assert.equal((await t.ctx.db.selectFrom('tags').select('id').where('name', '=', 'Forged tag').execute()).length, 0);
  });
});

/** The admin outbox: admins read what the platform sent or kept; nobody else can. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createSession } from '../../src/accounts/sessions.ts';
import { createUser } from '../../src/accounts/users.ts';
import { tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';

describeEachDatabase('admin outbox', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let adminCookie: string;
  let contributorCookie: string;

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    const db = use().db;
    const adminId = await createUser(db, { email: 'admin@example.org', name: 'Admin', role: 'admin', password: 'a long enough passphrase' }, { actorUserId: null });
    const contributorId = await createUser(db, { email: 'writer@example.org', name: 'Writer', role: 'contributor', password: 'a long enough passphrase' }, { actorUserId: null });
    adminCookie = `masthead_session=${(await createSession(db, adminId, { ip: null, userAgent: null })).token}`;
    contributorCookie = `masthead_session=${(await createSession(db, contributorId, { ip: null, userAgent: null })).token}`;
    await t.ctx.mailer.send({ to: 'reader@example.org', subject: 'Your invitation <b>now</b>', text: 'Follow <script>this</script> link.', purpose: 'invitation' });
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('with no SMTP server the mail waits in the outbox, escaped when shown', async () => {
    const list = await t.app.request('/admin/outbox', { headers: { cookie: adminCookie } });
    assert.equal(list.status, 200);
    const html = await list.text();
    assert.match(html, /No SMTP server is configured/);
    assert.match(html, /Your invitation &lt;b&gt;now&lt;\/b&gt;/);
    const id = /href="\/admin\/outbox\/(\d+)"/.exec(html)?.[1];
    assert.ok(id);
    const message = await t.app.request(`/admin/outbox/${id}`, { headers: { cookie: adminCookie } });
    assert.equal(message.status, 200);
    const body = await message.text();
    assert.match(body, /Follow &lt;script&gt;this&lt;\/script&gt; link\./);
    assert.ok(!body.includes('<script>this'));
  });

  test('contributors and strangers cannot read it; bad ids and cursors are 4xx', async () => {
    assert.equal((await t.app.request('/admin/outbox', { headers: { cookie: contributorCookie } })).status, 403);
    assert.equal((await t.app.request('/admin/outbox/1', { headers: { cookie: contributorCookie } })).status, 403);
    assert.equal((await t.app.request('/admin/outbox')).headers.get('location'), '/admin/login');
    assert.equal((await t.app.request('/admin/outbox/99999', { headers: { cookie: adminCookie } })).status, 404);
    assert.equal((await t.app.request('/admin/outbox/abc', { headers: { cookie: adminCookie } })).status, 404);
    assert.equal((await t.app.request('/admin/outbox?before=junk', { headers: { cookie: adminCookie } })).status, 400);
  });
});

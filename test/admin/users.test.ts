/** The users admin through the real app: who may open it, forged posts, roles up to one's own, disabling, and never losing the last owner. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createSession, findSession } from '../../src/accounts/sessions.ts';
import { createUser } from '../../src/accounts/users.ts';
import type { Role } from '../../src/db/schema.ts';
import { tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { AdminClient, signInAs } from './admin-client.ts';

const PASSWORD = 'correct horse battery staple';

describeEachDatabase('users admin', (use) => {
  let t: TestApp;
  let mediaDir: string;

  before(() => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const roleOf = async (id: number) => (await use().db.selectFrom('users').select('role').where('id', '=', id).executeTakeFirstOrThrow()).role;
  const statusOf = async (id: number) => (await use().db.selectFrom('users').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const post = (client: AdminClient, path: string, form: Record<string, string> = {}) => client.request(path, { form: { csrf: client.csrfToken, ...form } });

  test('editors get 403, strangers are sent to sign in, admins see everyone escaped', async () => {
    const { client: editor } = await signInAs(t, 'editor');
    assert.equal((await editor.request('/admin/users')).status, 403);
    assert.equal((await post(editor, '/admin/users/invite', { email: 'x@example.test', name: 'X', role: 'contributor' })).status, 403);
    assert.equal((await new AdminClient(t).request('/admin/users')).headers.get('location'), '/admin/login');

    await createUser(use().db, { email: 'odd@example.test', name: '<script>alert(1)</script>', role: 'author', password: PASSWORD }, { actorUserId: null });
    const { client: admin } = await signInAs(t, 'admin');
    const page = await admin.request('/admin/users');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const html = await page.text();
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.ok(!html.includes('<script>alert'));
    assert.match(html, /odd@example\.test/);
    assert.match(html, /<th scope="col">Last sign-in<\/th>/);
    assert.match(html, /<time datetime="\d{4}-\d{2}-\d{2}T/, 'signed-in accounts show when');
    assert.match(html, /Never/, 'the account that never signed in says so');
  });

  test('a forged post without the session CSRF token changes nothing', async () => {
    const { client: owner } = await signInAs(t, 'owner');
    const { userId: editorId } = await signInAs(t, 'editor');
    const noToken = await owner.request(`/admin/users/${editorId}/role`, { form: { role: 'admin' } });
    assert.equal(noToken.status, 403);
    const { client: other } = await signInAs(t, 'admin');
    const wrongToken = await owner.request(`/admin/users/${editorId}/role`, { form: { role: 'admin', csrf: other.csrfToken } });
    assert.equal(wrongToken.status, 403, "another session's token does not work");
    assert.equal((await owner.request(`/admin/users/${editorId}/disable`, { form: { csrf: 'guess' } })).status, 403);
    assert.equal((await owner.request('/admin/users/invite', { form: { email: 'forged@example.test', name: 'Forged', role: 'owner' } })).status, 403);
    assert.equal(await roleOf(editorId), 'editor');
    assert.equal(await statusOf(editorId), 'active');
    assert.equal(await use().db.selectFrom('users').select('id').where('email', '=', 'forged@example.test').executeTakeFirst(), undefined);
  });

  test('admins change roles up to admin, and cannot touch owners', async () => {
    const { client: admin, userId: adminId } = await signInAs(t, 'admin');
    const { userId: writerId } = await signInAs(t, 'contributor');
    const { userId: ownerId } = await signInAs(t, 'owner');

    const promoted = await post(admin, `/admin/users/${writerId}/role`, { role: 'editor' });
    assert.equal(promoted.status, 303);
    assert.equal(promoted.headers.get('location'), '/admin/users?notice=role-changed');
    assert.equal(await roleOf(writerId), 'editor');
    const audit = await use().db.selectFrom('audit_log').select(['actor_user_id', 'details']).where('action', '=', 'user.role_changed').where('subject_id', '=', String(writerId)).executeTakeFirstOrThrow();
    assert.equal(audit.actor_user_id, adminId);
    assert.deepEqual(JSON.parse(audit.details), { from: 'contributor', to: 'editor' });

    assert.equal((await post(admin, `/admin/users/${writerId}/role`, { role: 'owner' })).status, 403, 'no making owners');
    assert.equal((await post(admin, `/admin/users/${ownerId}/role`, { role: 'editor' })).status, 403, 'no demoting owners');
    assert.equal((await post(admin, `/admin/users/${ownerId}/disable`)).status, 403, 'no disabling owners');
    assert.equal(await roleOf(writerId), 'editor');
    assert.equal(await roleOf(ownerId), 'owner');
    assert.equal(await statusOf(ownerId), 'active');

    const html = await (await admin.request('/admin/users')).text();
    assert.ok(!html.includes('<option value="owner"'), 'no form offers an admin the owner role');
    assert.ok(!html.includes(`action="/admin/users/${ownerId}/disable"`), 'no button to disable an owner');
    assert.ok(!html.includes(`action="/admin/users/${adminId}/disable"`), 'no button to disable oneself');
    assert.ok(!html.includes(`action="/admin/users/${adminId}/role"`), 'an admin has no role to give themselves');
  });

  test('disabling ends every session at once; enabling lets them sign in again', async () => {
    const { client: admin } = await signInAs(t, 'admin');
    const { client: editor, userId: editorId, email } = await signInAs(t, 'editor');
    const second = await createSession(use().db, editorId, { ip: null, userAgent: 'tablet' });
    assert.equal((await editor.request('/admin')).status, 200);

    const disabled = await post(admin, `/admin/users/${editorId}/disable`);
    assert.equal(disabled.status, 303);
    assert.equal(await statusOf(editorId), 'disabled');
    assert.equal((await editor.request('/admin')).headers.get('location'), '/admin/login', 'their open session no longer works');
    assert.equal(await findSession(use().db, second.token), null);
    const sessions = await use().db.selectFrom('sessions').select('token_hash').where('user_id', '=', editorId).execute();
    assert.equal(sessions.length, 0);
    const browser = new AdminClient(t);
    const csrf = await browser.formCsrf('/admin/login');
    assert.equal((await browser.request('/admin/login', { form: { csrf, email, password: PASSWORD } })).status, 401);

    const enabled = await post(admin, `/admin/users/${editorId}/enable`);
    assert.equal(enabled.status, 303);
    assert.equal(await statusOf(editorId), 'active');
    assert.equal((await browser.request('/admin/login', { form: { csrf, email, password: PASSWORD } })).status, 303);
    const actions = await use().db.selectFrom('audit_log').select('action').where('subject_id', '=', String(editorId)).where('action', 'in', ['user.disabled', 'user.enabled']).orderBy('id').execute();
    assert.deepEqual(
      actions.map((row) => row.action),
      ['user.disabled', 'user.enabled'],
    );
  });

  test('without SMTP an invitation waits in the outbox, and the page says so', async () => {
    const { client: admin } = await signInAs(t, 'admin');
    const response = await post(admin, '/admin/users/invite', { email: 'pending@example.test', name: 'Pending Person', role: 'author' });
    assert.equal(response.status, 303);
    const html = await (await admin.request(response.headers.get('location') ?? '')).text();
    assert.match(html, /No SMTP server is configured, so the email is waiting in the outbox/);
    const mail = await use().db.selectFrom('mail_outbox').select(['status', 'to_address']).where('purpose', '=', 'invitation').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(mail, { status: 'stored', to_address: 'pending@example.test' });
    assert.match(html, /Pending Person/);
    assert.match(html, /Invited/);
    assert.match(html, /Resend invitation/);
  });

  test('bad input is a 422 listing the problems, with what was typed kept', async () => {
    const { client: admin, userId: adminId } = await signInAs(t, 'admin');
    const { userId: writerId } = await signInAs(t, 'contributor');
    const bad = await post(admin, '/admin/users/invite', { email: 'not-an-address', name: '<b>Bold</b>', role: 'editor' });
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.match(html, /email: is not an email address/);
    assert.match(html, /value="&lt;b&gt;Bold&lt;\/b&gt;"/);
    assert.equal((await post(admin, '/admin/users/invite', { email: 'odd@example.test', name: 'Again', role: 'editor' })).status, 422, 'taken address');
    assert.equal((await post(admin, '/admin/users/invite', { email: 'new@example.test', name: 'New', role: 'superuser' })).status, 422);
    assert.equal((await post(admin, `/admin/users/${writerId}/role`, { role: 'king' })).status, 422);
    assert.equal((await post(admin, `/admin/users/${adminId}/disable`)).status, 422, 'not yourself');
    const selfDemotion = await post(admin, `/admin/users/${adminId}/role`, { role: 'editor' });
    assert.equal(selfDemotion.status, 422, 'not out of your own users page');
    assert.match(await selfDemotion.text(), /you would lose access to this page/);
    assert.equal((await post(admin, '/admin/users/999999/disable')).status, 404);
    assert.equal((await post(admin, '/admin/users/abc/disable')).status, 404);
  });
});

describeEachDatabase('users admin: the last owner', (use) => {
  let t: TestApp;
  let mediaDir: string;

  before(() => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const activeOwners = async () => (await use().db.selectFrom('users').select('id').where('role', '=', 'owner').where('status', '=', 'active').execute()).map((row) => row.id);
  const post = (client: AdminClient, path: string, form: Record<string, string> = {}) => client.request(path, { form: { csrf: client.csrfToken, ...form } });

  let founder: { client: AdminClient; userId: number };

  test('the only owner can neither step down nor disable themselves', async () => {
    founder = await signInAs(t, 'owner');
    const { client: owner, userId } = founder;
    const demote = await post(owner, `/admin/users/${userId}/role`, { role: 'admin' });
    assert.equal(demote.status, 422);
    assert.match(await demote.text(), /This is the last active owner/);
    const disable = await post(owner, `/admin/users/${userId}/disable`);
    assert.equal(disable.status, 422);
    assert.match(await disable.text(), /You cannot disable your own account/);
    assert.deepEqual(await activeOwners(), [userId]);
  });

  test('with a second owner the first may step down; then the second is the protected one', async () => {
    const { client: successor, userId: successorId } = await signInAs(t, 'owner');
    const handOver = await post(founder.client, `/admin/users/${founder.userId}/role`, { role: 'admin' });
    assert.equal(handOver.status, 303, 'an owner may step down while another remains');
    assert.deepEqual(await activeOwners(), [successorId]);
    const stuck = await post(successor, `/admin/users/${successorId}/role`, { role: 'admin' });
    assert.equal(stuck.status, 422);
    assert.match(await stuck.text(), /last active owner/);
    assert.equal((await post(founder.client, `/admin/users/${successorId}/disable`)).status, 403, 'the former owner, now an admin, cannot touch the owner');
    assert.deepEqual(await activeOwners(), [successorId]);
  });

  test('two owners demoting each other at the same moment still leave one owner', async () => {
    const { client: a, userId: aId } = await signInAs(t, 'owner');
    const { client: b, userId: bId } = await signInAs(t, 'owner');
    // Leave exactly these two as owners.
    for (const id of await activeOwners()) {
      if (id !== aId && id !== bId) await use().db.updateTable('users').set({ role: 'admin' as Role }).where('id', '=', id).execute();
    }
    const answers = await Promise.all([post(a, `/admin/users/${bId}/role`, { role: 'editor' }), post(b, `/admin/users/${aId}/role`, { role: 'editor' })]);
    assert.deepEqual(answers.map((response) => response.status).sort(), [303, 403]);
    assert.equal((await activeOwners()).length, 1);
  });
});

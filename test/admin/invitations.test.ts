/** Invitations through the real app and a real SMTP server on loopback: invite, email, accept once, and every way a link can be refused. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { tokenHash } from '../../src/accounts/tokens.ts';
import { tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { headerOf, startTestSmtpServer, textParts } from '../support/test-smtp-server.ts';
import type { TestSmtpServer } from '../support/test-smtp-server.ts';
import { AdminClient, signInAs } from './admin-client.ts';

const PASSWORD = 'a sturdy newsroom passphrase';
const INVITE_LINK = /https:\/\/news\.example\.test\/admin\/invite\/([A-Za-z0-9_-]{43})/;

describeEachDatabase('invitations', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let smtp: TestSmtpServer;
  let admin: AdminClient;

  before(async () => {
    mediaDir = tempMediaDir();
    smtp = await startTestSmtpServer();
    t = createTestApp(use(), mediaDir, { SMTP_URL: smtp.url(), MAIL_FROM: 'Desk <desk@news.example.test>' });
    admin = (await signInAs(t, 'admin', 'Rania Admin')).client;
  });
  after(async () => {
    await t.ctx.mailer.close();
    await smtp.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  /** Invites someone as the admin and returns the token from the email that went over the wire. */
  async function invite(email: string, name: string, role = 'editor'): Promise<string> {
    const before = smtp.messages.length;
    const response = await admin.request('/admin/users/invite', { form: { csrf: admin.csrfToken, email, name, role } });
    assert.equal(response.status, 303, `invite ${email}`);
    assert.equal(response.headers.get('location'), '/admin/users?notice=invited-sent');
    assert.equal(smtp.messages.length, before + 1, 'one email went out');
    const text = textParts(smtp.messages.at(-1)?.raw ?? '').find((part) => part.contentType.startsWith('text/plain'))?.text ?? '';
    const token = INVITE_LINK.exec(text)?.[1];
    assert.ok(token, `the email holds the link:\n${text}`);
    return token;
  }

  async function accept(client: AdminClient, token: string, form: Record<string, string>): Promise<Response> {
    const csrf = await client.formCsrf(`/admin/invite/${token}`);
    return client.request(`/admin/invite/${token}`, { form: { csrf, ...form } });
  }

  test('an invitation goes out by SMTP, and its link signs the new editor in exactly once', async () => {
    const token = await invite('Nadia.Okafor@Example.test', 'Nadia Okafor');
    const message = smtp.messages.at(-1);
    assert.deepEqual(message?.rcptTo, ['nadia.okafor@example.test']);
    assert.equal(headerOf(message?.raw ?? '', 'Subject'), 'You are invited to join Masthead');
    const text = textParts(message?.raw ?? '')[0]?.text ?? '';
    assert.match(text, /Rania Admin has invited you to join the newsroom of Masthead as an editor\./);
    assert.match(text, /expires in 7 days/);

    const db = use().db;
    const account = await db.selectFrom('users').select(['id', 'status', 'password_hash', 'role']).where('email', '=', 'nadia.okafor@example.test').executeTakeFirstOrThrow();
    assert.deepEqual({ status: account.status, hash: account.password_hash, role: account.role }, { status: 'invited', hash: null, role: 'editor' });
    const stored = await db.selectFrom('account_tokens').selectAll().where('user_id', '=', account.id).execute();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.token_hash, tokenHash(token), 'only the hash is stored');
    assert.ok(!JSON.stringify(stored).includes(token), 'the token itself is nowhere in the table');
    const outbox = await db.selectFrom('mail_outbox').select(['status', 'purpose']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(outbox, { status: 'sent', purpose: 'invitation' });

    const visitor = new AdminClient(t);
    const page = await visitor.request(`/admin/invite/${token}`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer', 'the secret address is not leaked by Referer');
    const html = await page.text();
    assert.match(html, /nadia\.okafor@example\.test/);
    assert.match(html, /value="Nadia Okafor"/);

    const weak = await accept(visitor, token, { name: 'Nadia Okafor', password: 'short' });
    assert.equal(weak.status, 422);
    assert.match(await weak.text(), /password: must be at least 12 characters/);

    const accepted = await accept(visitor, token, { name: 'Nadia <em>Okafor</em>', password: PASSWORD });
    assert.equal(accepted.status, 303);
    assert.equal(accepted.headers.get('location'), '/admin');
    const dashboard = await visitor.request('/admin');
    assert.equal(dashboard.status, 200, 'signed in');
    assert.match(await dashboard.text(), /Nadia &lt;em&gt;Okafor&lt;\/em&gt;/, 'the corrected name, escaped');
    const after = await db.selectFrom('users').select(['status', 'name']).where('id', '=', account.id).executeTakeFirstOrThrow();
    assert.deepEqual(after, { status: 'active', name: 'Nadia <em>Okafor</em>' });
    const audit = await db.selectFrom('audit_log').select('action').where('subject_id', '=', String(account.id)).orderBy('id').execute();
    assert.deepEqual(
      audit.map((row) => row.action),
      ['user.invited', 'user.invitation_accepted'],
    );

    const stranger = new AdminClient(t);
    const reopened = await stranger.request(`/admin/invite/${token}`);
    assert.equal(reopened.status, 410);
    assert.match(await reopened.text(), /This invitation has been accepted/);
    const csrf = await stranger.formCsrf('/admin/forgot');
    const reused = await stranger.request(`/admin/invite/${token}`, { form: { csrf, name: 'Intruder', password: 'an intruder passphrase' } });
    assert.equal(reused.status, 410, 'a used link cannot set the password again');
    assert.equal(stranger.cookies.has('masthead_session'), false);
    assert.equal((await db.selectFrom('users').select('name').where('id', '=', account.id).executeTakeFirstOrThrow()).name, 'Nadia <em>Okafor</em>');
  });

  test('two people racing with the same link: exactly one gets in', async () => {
    const token = await invite('omar.haddad@example.test', 'Omar Haddad', 'author');
    const first = new AdminClient(t);
    const second = new AdminClient(t);
    const csrfs = [await first.formCsrf(`/admin/invite/${token}`), await second.formCsrf(`/admin/invite/${token}`)];
    const answers = await Promise.all([
      first.request(`/admin/invite/${token}`, { form: { csrf: csrfs[0] ?? '', name: 'Omar Haddad', password: PASSWORD } }),
      second.request(`/admin/invite/${token}`, { form: { csrf: csrfs[1] ?? '', name: 'Omar Haddad', password: 'another long passphrase' } }),
    ]);
    assert.deepEqual(answers.map((response) => response.status).sort(), [303, 410]);
    const used = await use().db.selectFrom('account_tokens').select('used_at').where('token_hash', '=', tokenHash(token)).executeTakeFirstOrThrow();
    assert.ok(used.used_at);
  });

  test('an expired invitation is refused with a page that says so', async () => {
    const token = await invite('li.wei@example.test', 'Li Wei', 'contributor');
    await use().db.updateTable('account_tokens').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('token_hash', '=', tokenHash(token)).execute();
    const visitor = new AdminClient(t);
    const page = await visitor.request(`/admin/invite/${token}`);
    assert.equal(page.status, 410);
    assert.match(await page.text(), /This invitation has expired/);
    const csrf = await visitor.formCsrf('/admin/forgot');
    const post = await visitor.request(`/admin/invite/${token}`, { form: { csrf, name: 'Li Wei', password: PASSWORD } });
    assert.equal(post.status, 410);
    const account = await use().db.selectFrom('users').select(['status', 'password_hash']).where('email', '=', 'li.wei@example.test').executeTakeFirstOrThrow();
    assert.deepEqual(account, { status: 'invited', password_hash: null });
  });

  test('resending an invitation makes the earlier link stop working', async () => {
    const oldToken = await invite('ana.souza@example.test', 'Ana Souza', 'author');
    const id = (await use().db.selectFrom('users').select('id').where('email', '=', 'ana.souza@example.test').executeTakeFirstOrThrow()).id;
    const resent = await admin.request(`/admin/users/${id}/resend`, { form: { csrf: admin.csrfToken } });
    assert.equal(resent.status, 303);
    assert.equal(resent.headers.get('location'), '/admin/users?notice=resent-sent');
    const text = textParts(smtp.messages.at(-1)?.raw ?? '')[0]?.text ?? '';
    const newToken = INVITE_LINK.exec(text)?.[1] ?? '';
    assert.notEqual(newToken, oldToken);
    const visitor = new AdminClient(t);
    const old = await visitor.request(`/admin/invite/${oldToken}`);
    assert.equal(old.status, 404);
    assert.match(await old.text(), /replaced by a newer invitation/);
    assert.equal((await accept(visitor, newToken, { name: 'Ana Souza', password: PASSWORD })).status, 303);
    const audit = await use().db.selectFrom('audit_log').select('action').where('action', '=', 'user.invitation_resent').where('subject_id', '=', String(id)).execute();
    assert.equal(audit.length, 1);
  });

  test('withdrawing an invitation (disabling the account) kills its link', async () => {
    const token = await invite('kofi.mensah@example.test', 'Kofi Mensah', 'contributor');
    const id = (await use().db.selectFrom('users').select('id').where('email', '=', 'kofi.mensah@example.test').executeTakeFirstOrThrow()).id;
    assert.equal((await admin.request(`/admin/users/${id}/disable`, { form: { csrf: admin.csrfToken } })).status, 303);
    const visitor = new AdminClient(t);
    assert.equal((await visitor.request(`/admin/invite/${token}`)).status, 404);
    const csrf = await visitor.formCsrf('/admin/forgot');
    assert.equal((await visitor.request(`/admin/invite/${token}`, { form: { csrf, name: 'Kofi', password: PASSWORD } })).status, 404);
  });

  test('made-up and malformed links are 404 pages, never errors', async () => {
    const visitor = new AdminClient(t);
    for (const token of ['abc', 'A'.repeat(43), '%3Cscript%3E', 'x'.repeat(500)]) {
      const response = await visitor.request(`/admin/invite/${token}`);
      assert.equal(response.status, 404, token);
      assert.ok(!(await response.text()).includes('<script>'));
    }
    const csrf = await visitor.formCsrf('/admin/forgot');
    assert.equal((await visitor.request(`/admin/invite/${'B'.repeat(43)}`, { form: { csrf, name: 'X', password: PASSWORD } })).status, 404);
    assert.equal((await visitor.request(`/admin/invite/${'B'.repeat(43)}`, { form: { csrf: 'forged', name: 'X', password: PASSWORD } })).status, 403, 'CSRF first');
  });

  test('an admin cannot invite an owner, and the form does not offer it', async () => {
    const page = await (await admin.request('/admin/users')).text();
    const inviteForm = page.slice(page.indexOf('action="/admin/users/invite"'));
    for (const role of ['contributor', 'author', 'editor', 'admin']) assert.match(inviteForm, new RegExp(`<option value="${role}"`));
    assert.ok(!inviteForm.includes('<option value="owner"'), 'owner is not offered to an admin');
    const before = smtp.messages.length;
    const forged = await admin.request('/admin/users/invite', { form: { csrf: admin.csrfToken, email: 'crown@example.test', name: 'Crown', role: 'owner' } });
    assert.equal(forged.status, 403);
    assert.equal(smtp.messages.length, before, 'no email');
    assert.equal(await use().db.selectFrom('users').select('id').where('email', '=', 'crown@example.test').executeTakeFirst(), undefined);

    const { client: owner } = await signInAs(t, 'owner');
    const ownerForm = await (await owner.request('/admin/users')).text();
    assert.match(ownerForm.slice(ownerForm.indexOf('action="/admin/users/invite"')), /<option value="owner"/);
    const { client: editor } = await signInAs(t, 'editor');
    assert.equal((await editor.request('/admin/users/invite', { form: { csrf: editor.csrfToken, email: 'side@example.test', name: 'Side', role: 'contributor' } })).status, 403);
  });
});

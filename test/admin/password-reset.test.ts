/** Forgotten passwords through the real app: the same answer for every address, single-use hour-long links, and every old session ended. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { settlePasswordResetMail } from '../../src/accounts/password-reset.ts';
import { createSession, findSession } from '../../src/accounts/sessions.ts';
import { tokenHash } from '../../src/accounts/tokens.ts';
import { checkCredentials, createUser } from '../../src/accounts/users.ts';
import { tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { AdminClient } from './admin-client.ts';

const OLD_PASSWORD = 'the old newsroom passphrase';
const NEW_PASSWORD = 'a brand new passphrase';
const RESET_LINK = /https:\/\/news\.example\.test\/admin\/reset\/([A-Za-z0-9_-]{43})/;

describeEachDatabase('password reset', (use) => {
  let t: TestApp;
  let mediaDir: string;

  before(() => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
  });
  after(async () => {
    await settlePasswordResetMail();
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  async function account(email: string, status: 'active' | 'disabled' = 'active'): Promise<number> {
    const id = await createUser(use().db, { email, name: 'Farah Nasser', role: 'author', password: OLD_PASSWORD }, { actorUserId: null });
    if (status !== 'active') await use().db.updateTable('users').set({ status }).where('id', '=', id).execute();
    return id;
  }

  async function askForReset(client: AdminClient, email: string): Promise<Response> {
    const csrf = await client.formCsrf('/admin/forgot');
    const response = await client.request('/admin/forgot', { form: { csrf, email } });
    await settlePasswordResetMail();
    return response;
  }

  async function resetMails(to: string) {
    return use().db.selectFrom('mail_outbox').select(['subject', 'text_body', 'status']).where('purpose', '=', 'password_reset').where('to_address', '=', to).orderBy('id').execute();
  }

  async function latestToken(to: string): Promise<string> {
    const token = RESET_LINK.exec((await resetMails(to)).at(-1)?.text_body ?? '')?.[1];
    assert.ok(token, 'the email holds a reset link');
    return token;
  }

  test('the sign-in page links to the reset form', async () => {
    await account('first@example.test');
    const html = await (await t.app.request('/admin/login')).text();
    assert.match(html, /<a href="\/admin\/forgot">Forgot your password\?<\/a>/);
  });

  test('the answer is the same for a known, an unknown and a disabled address; only the known one gets mail', async () => {
    await account('farah@example.test');
    await account('gone@example.test', 'disabled');
    const answers: string[] = [];
    for (const email of ['farah@example.test', 'nobody@example.test', 'gone@example.test', 'FARAH@example.test ']) {
      const response = await askForReset(new AdminClient(t), email);
      assert.equal(response.status, 200, email);
      answers.push(await response.text());
    }
    assert.match(answers[0] ?? '', /If an account exists for that address, we have sent it a link/);
    for (const answer of answers) assert.equal(answer, answers[0], 'byte for byte the same page');

    const mails = await resetMails('farah@example.test');
    assert.equal(mails.length, 2, 'the known address got a link each time');
    assert.equal(mails[0]?.subject, 'Reset your password for Masthead');
    assert.match(mails[0]?.text_body ?? '', /expires in one hour/);
    assert.match(mails[0]?.text_body ?? '', /If you did not ask for this, ignore this email/);
    assert.equal((await resetMails('nobody@example.test')).length, 0);
    assert.equal((await resetMails('gone@example.test')).length, 0);
    const requests = await use().db.selectFrom('audit_log').select('action').where('action', '=', 'user.password_reset_requested').execute();
    assert.equal(requests.length, 4, 'every request is audited, known or not');
  });

  test('a reset link sets the password once, ends every old session and signs in', async () => {
    const userId = await account('sami@example.test');
    const phone = await createSession(use().db, userId, { ip: null, userAgent: 'phone' });
    const laptop = new AdminClient(t);
    laptop.cookies.set('masthead_session', (await createSession(use().db, userId, { ip: null, userAgent: 'laptop' })).token);
    assert.equal((await laptop.request('/admin')).status, 200);

    const browser = new AdminClient(t);
    await askForReset(browser, 'sami@example.test');
    const token = await latestToken('sami@example.test');
    const form = await browser.request(`/admin/reset/${token}`);
    assert.equal(form.status, 200);
    assert.equal(form.headers.get('referrer-policy'), 'no-referrer');
    assert.match(await form.text(), /Choose a new password for <strong>sami@example\.test<\/strong>/);
    const csrf = await browser.formCsrf(`/admin/reset/${token}`);

    const weak = await browser.request(`/admin/reset/${token}`, { form: { csrf, password: 'too short' } });
    assert.equal(weak.status, 422);
    assert.ok(await findSession(use().db, phone.token), 'a refused password changes nothing');

    const done = await browser.request(`/admin/reset/${token}`, { form: { csrf, password: NEW_PASSWORD } });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/admin');
    assert.equal((await browser.request('/admin')).status, 200, 'signed in with a new session');
    assert.equal(await findSession(use().db, phone.token), null, 'the phone is signed out');
    assert.equal((await laptop.request('/admin')).headers.get('location'), '/admin/login', 'the laptop is signed out');
    assert.equal(await checkCredentials(use().db, 'sami@example.test', OLD_PASSWORD), null);
    assert.equal((await checkCredentials(use().db, 'sami@example.test', NEW_PASSWORD))?.id, userId);
    const audit = await use().db.selectFrom('audit_log').select('action').where('action', '=', 'user.password_reset').where('subject_id', '=', String(userId)).execute();
    assert.equal(audit.length, 1);

    const again = await new AdminClient(t).request(`/admin/reset/${token}`);
    assert.equal(again.status, 410);
    assert.match(await again.text(), /This link has already been used/);
    const replay = await browser.request(`/admin/reset/${token}`, { form: { csrf, password: 'somebody else entirely' } });
    assert.equal(replay.status, 410);
    assert.equal((await checkCredentials(use().db, 'sami@example.test', NEW_PASSWORD))?.id, userId, 'the password stays');
  });

  test('an expired link is refused and points to a new one', async () => {
    await account('yusuf@example.test');
    const browser = new AdminClient(t);
    await askForReset(browser, 'yusuf@example.test');
    const token = await latestToken('yusuf@example.test');
    const row = await use().db.selectFrom('account_tokens').select(['created_at', 'expires_at']).where('token_hash', '=', tokenHash(token)).executeTakeFirstOrThrow();
    assert.equal(Date.parse(row.expires_at) - Date.parse(row.created_at), 3_600_000, 'an hour');
    await use().db.updateTable('account_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('token_hash', '=', tokenHash(token)).execute();
    const page = await browser.request(`/admin/reset/${token}`);
    assert.equal(page.status, 410);
    const html = await page.text();
    assert.match(html, /This link has expired/);
    assert.match(html, /href="\/admin\/forgot"/);
    const csrf = await browser.formCsrf('/admin/forgot');
    assert.equal((await browser.request(`/admin/reset/${token}`, { form: { csrf, password: NEW_PASSWORD } })).status, 410);
    assert.ok(await checkCredentials(use().db, 'yusuf@example.test', OLD_PASSWORD), 'the password is unchanged');
  });

  test('a newer request replaces the older link; unknown links are 404', async () => {
    await account('ines@example.test');
    const browser = new AdminClient(t);
    await askForReset(browser, 'ines@example.test');
    const first = await latestToken('ines@example.test');
    await askForReset(browser, 'ines@example.test');
    const second = await latestToken('ines@example.test');
    assert.notEqual(first, second);
    assert.equal((await browser.request(`/admin/reset/${first}`)).status, 404);
    assert.equal((await browser.request(`/admin/reset/${second}`)).status, 200);
    assert.equal((await browser.request('/admin/reset/not-a-token')).status, 404);
  });

  test('requests for one address are limited; malformed addresses are a 422', async () => {
    const browser = new AdminClient(t);
    const csrf = await browser.formCsrf('/admin/forgot');
    const bad = await browser.request('/admin/forgot', { form: { csrf, email: 'not an address' } });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /email: is not an email address/);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await browser.request('/admin/forgot', { form: { csrf, email: 'flood@example.test' } })).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    assert.equal((await browser.request('/admin/forgot', { form: { email: 'flood2@example.test' } })).status, 403, 'no CSRF token, no request');
  });
});

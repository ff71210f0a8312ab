/** First-run setup, sign-in, sessions, CSRF and rate limits, through the real app. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';

/** A tiny cookie jar for app.request. */
class Browser {
  readonly cookies = new Map<string, string>();
  setCookies: string[] = [];
  constructor(private readonly t: () => TestApp) {}
  async request(path: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await this.t().app.request(path, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, ...(body === undefined ? {} : { body }) });
    this.setCookies = response.headers.getSetCookie();
    for (const line of this.setCookies) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
  async csrfFrom(path: string): Promise<string> {
    const html = await (await this.request(path)).text();
    return /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  }
}

describeEachDatabase('admin sign-in', (use) => {
  let t: TestApp;
  let mediaDir: string;
  const owner = { name: 'Salma <b>Haddad</b>', email: 'Owner@Example.org', password: 'a long enough passphrase' };

  before(() => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  test('a fresh install sends /admin to the one-time setup, which needs a real CSRF token', async () => {
    const browser = new Browser(() => t);
    const first = await browser.request('/admin');
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), '/admin/setup');
    const csrf = await browser.csrfFrom('/admin/setup');
    assert.ok(csrf.length > 20);
    const forged = await browser.request('/admin/setup', { form: { ...owner, csrf: 'forged' } });
    assert.equal(forged.status, 403);
    const wide = await browser.request('/admin/setup', { form: { ...owner, csrf: 'é'.repeat(csrf.length) } });
    assert.equal(wide.status, 403, 'a token as long as the real one in characters but not in bytes is refused, not a 500');
    const stranger = new Browser(() => t);
    const noCookie = await stranger.request('/admin/setup', { form: { ...owner, csrf } });
    assert.equal(noCookie.status, 403, 'a token without its cookie is refused');
    const weak = await browser.request('/admin/setup', { form: { ...owner, password: 'short', csrf } });
    assert.equal(weak.status, 422);
    assert.match(await weak.text(), /password: must be at least 12 characters/);
  });

  test('setup creates the owner, signs them in with a safe cookie, and then closes', async () => {
    const browser = new Browser(() => t);
    const csrf = await browser.csrfFrom('/admin/setup');
    const created = await browser.request('/admin/setup', { form: { ...owner, csrf } });
    assert.equal(created.status, 303);
    const cookie = browser.setCookies.find((line) => line.startsWith('masthead_session='));
    assert.ok(cookie);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Secure/, 'the harness site is https');
    const dashboard = await browser.request('/admin');
    assert.equal(dashboard.status, 200);
    const html = await dashboard.text();
    assert.match(html, /Salma &lt;b&gt;Haddad&lt;\/b&gt;/, 'names are escaped');
    assert.match(html, /owner@example\.org/);
    assert.equal(dashboard.headers.get('cache-control'), 'no-store');
    const again = await browser.request('/admin/setup', { form: { ...owner, email: 'second@example.org', csrf: await browser.csrfFrom('/admin/login') } });
    assert.ok(again.status === 403, `setup is closed (got ${again.status})`);
    assert.equal((await browser.request('/admin/setup')).headers.get('location'), '/admin/login');
  });

  test('sign-in does not reveal which emails have accounts', async () => {
    const browser = new Browser(() => t);
    const csrf = await browser.csrfFrom('/admin/login');
    const wrongPassword = await browser.request('/admin/login', { form: { email: 'owner@example.org', password: 'not the password at all', csrf } });
    const noAccount = await browser.request('/admin/login', { form: { email: 'nobody@example.org', password: 'not the password at all', csrf } });
    assert.equal(wrongPassword.status, 401);
    assert.equal(noAccount.status, 401);
    const a = (await wrongPassword.text()).replace(/value="[^"]*"/g, '');
    const b = (await noAccount.text()).replace(/value="[^"]*"/g, '');
    assert.equal(a, b, 'the same page either way');
    const ok = await browser.request('/admin/login', { form: { email: 'OWNER@example.org ', password: owner.password, csrf } });
    assert.equal(ok.status, 303);
    assert.equal((await browser.request('/admin')).status, 200);
  });

  test('sign-out needs the session CSRF token and ends the session', async () => {
    const browser = new Browser(() => t);
    const csrf = await browser.csrfFrom('/admin/login');
    await browser.request('/admin/login', { form: { email: owner.email, password: owner.password, csrf } });
    const sessionCsrf = /name="csrf" value="([^"]+)"/.exec(await (await browser.request('/admin')).text())?.[1] ?? '';
    const session = browser.cookies.get('masthead_session') ?? '';
    const forged = await browser.request('/admin/logout', { form: { csrf: 'nope' } });
    assert.equal(forged.status, 403);
    const out = await browser.request('/admin/logout', { form: { csrf: sessionCsrf } });
    assert.equal(out.status, 303);
    const replay = new Browser(() => t);
    replay.cookies.set('masthead_session', session);
    assert.equal((await replay.request('/admin')).headers.get('location'), '/admin/login', 'the old cookie no longer works');
  });

  test('repeated failures for one account are slowed with 429', async () => {
    const browser = new Browser(() => t);
    const csrf = await browser.csrfFrom('/admin/login');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1) {
      statuses.push((await browser.request('/admin/login', { form: { email: 'target@example.org', password: `guess number ${attempt}!!`, csrf } })).status);
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
    assert.equal(statuses[10], 429);
    const count = await use().db.selectFrom('audit_log').select('action').where('action', '=', 'user.signin_failed').execute();
    assert.ok(count.length >= 10, 'failures are audited');
  });

  test('admin pages are never cached and carry the page security headers', async () => {
    const response = await t.app.request('/admin/login');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.match(response.headers.get('content-security-policy') ?? '', /form-action 'self'/);
  });
});

/**
 * The site settings page through the real app: only admins and owners, forged posts,
 * a new name on every cached public page at once, edition texts, refusals and escaping.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createHttpServer } from '../../src/server.ts';
import { loadSiteSettings } from '../../src/site/settings.ts';
import { seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { AdminClient, signInAs } from './admin-client.ts';

describeEachDatabase('site settings admin', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let server: http.Server;
  let base: string;
  let admin: AdminClient;
  let adminId: number;

  before(async () => {
    mediaDir = tempMediaDir();
    await seedSmallNewsroom(use().db, mediaDir, 2);
    t = createTestApp(use(), mediaDir);
    await t.ctx.generation.refresh();
    // Public pages go through the real server, so the rendered-page cache is in play.
    server = createHttpServer(t.ctx, t.assets);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ client: admin, userId: adminId } = await signInAs(t, 'admin'));
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const publicPage = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    return { isHit: response.headers.get('x-masthead-cache') === 'hit', html: await response.text() };
  };
  /** The whole form as the page would submit it, with some fields changed. */
  const settingsForm = (overrides: Record<string, string> = {}, languages: string[] = ['en', 'ar']) => {
    const fields: [string, string][] = Object.entries({
      name: 'Test Ledger',
      tagline: 'Test tagline',
      description: 'A test newsroom.',
      publisherBlurb: 'Test Ledger delivers independent test coverage.',
      ar_name: '',
      ar_tagline: '',
      ar_description: '',
      ar_publisherBlurb: '',
      fr_name: '',
      fr_tagline: '',
      fr_description: '',
      fr_publisherBlurb: '',
      policy_about: 'about',
      policy_corrections: 'corrections-policy',
      policy_ethics: 'ethics',
      policy_contact: 'contact',
      ...overrides,
    });
    return new URLSearchParams([...fields, ...languages.map((code): [string, string] => ['languages', code])]);
  };
  const save = (client: AdminClient, body: URLSearchParams, csrf: string | null = client.csrfToken) => {
    if (csrf !== null) body.set('csrf', csrf);
    return client.request('/admin/settings', { body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  };

  test('editors and authors get 403, strangers are sent to sign in, forged posts change nothing', async () => {
    for (const role of ['editor', 'author'] as const) {
      const { client } = await signInAs(t, role);
      assert.equal((await client.request('/admin/settings')).status, 403, role);
      assert.equal((await save(client, settingsForm({ name: `Renamed by ${role}` }))).status, 403, role);
    }
    const { client: editor } = await signInAs(t, 'editor');
    assert.doesNotMatch(await (await editor.request('/admin/sections')).text(), /href="\/admin\/settings"/, 'editors are not offered the page');
    assert.equal((await new AdminClient(t).request('/admin/settings')).headers.get('location'), '/admin/login');
    assert.equal((await save(admin, settingsForm({ name: 'Forged' }), null)).status, 403, 'no token');
    assert.equal((await save(admin, settingsForm({ name: 'Forged' }), editor.csrfToken)).status, 403, "another session's token");
    assert.equal((await loadSiteSettings(use().db)).name, 'Test Ledger');

    const page = await admin.request('/admin/settings');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const html = await page.text();
    assert.match(html, /name="name"[^>]*value="Test Ledger"/);
    assert.match(html, /value="ar" checked/);
    assert.doesNotMatch(html, /value="fr" checked/);
  });

  test('a new name shows on every cached public page at once, editions get their own texts', async () => {
    assert.match((await publicPage('/')).html, /<span class="site-header__name">Test Ledger<\/span>/);
    assert.ok((await publicPage('/')).isHit, 'the home page is served from the page cache');
    await publicPage('/news/story-1');

    const saved = await save(admin, settingsForm({ name: 'The Evening Ledger', tagline: 'News after dark', ar_name: 'دفتر المساء', ar_tagline: '' }, ['en', 'ar', 'fr']));
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), '/admin/settings?notice=saved');

    const home = await publicPage('/');
    assert.equal(home.isHit, false, 'the cached home page was dropped');
    assert.match(home.html, /<span class="site-header__name">The Evening Ledger<\/span>/);
    assert.match(home.html, /News after dark/);
    assert.doesNotMatch(home.html, />Test Ledger</);
    assert.match(home.html, /hreflang="fr"/, 'French is now offered');
    assert.match((await publicPage('/news/story-1')).html, /The Evening Ledger/, 'article pages too');
    const arabic = (await publicPage('/ar')).html;
    assert.match(arabic, /<span class="site-header__name">دفتر المساء<\/span>/);
    assert.match(arabic, /News after dark/, 'an empty edition text falls back to the main one');

    const stored = await loadSiteSettings(use().db);
    assert.deepEqual(stored.localized, { ar: { name: 'دفتر المساء' }, fr: {} });
    assert.equal(stored.defaultLanguage, 'en', 'settings the form does not show are kept');
    const audit = await use().db.selectFrom('audit_log').select(['actor_user_id', 'details']).where('action', '=', 'settings.updated').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(audit.actor_user_id, adminId);
    assert.deepEqual(JSON.parse(audit.details), { fields: ['name', 'tagline', 'localized', 'languages'] });
    assert.match(await (await admin.request('/admin/settings?notice=saved')).text(), /Settings saved\./);
    assert.match(await (await admin.request('/admin/settings')).text(), /The Evening Ledger admin<\/title>/, 'the admin shows the new name too');
  });

  test('bad input is refused with the form as typed, and nothing changes', async () => {
    const before = await loadSiteSettings(use().db);
    const empty = await save(admin, settingsForm({ name: '   ', tagline: 'Kept as typed', policy_ethics: 'Our Ethics!' }, []));
    assert.equal(empty.status, 422);
    const html = await empty.text();
    assert.match(html, /Site name: /);
    assert.match(html, /Ethics and standards: use the slug of a page/);
    assert.match(html, /Languages offered: English is the main edition/);
    assert.match(html, /value="Kept as typed"/);
    assert.equal((await save(admin, settingsForm({}, ['ar']))).status, 422, 'the main edition stays offered');
    assert.equal((await save(admin, settingsForm({}, ['en', 'de']))).status, 422, 'only languages Masthead publishes in');
    assert.equal((await save(admin, settingsForm({ tagline: 'x'.repeat(201) }))).status, 422);
    assert.deepEqual(await loadSiteSettings(use().db), before);
  });

  test('the newsroom’s postal address for newsletter footers: saved tidied, kept when a form leaves it out, refused when too long', async () => {
    const page = await (await admin.request('/admin/settings')).text();
    assert.match(page, /<legend>Newsletters<\/legend>\s*<label>\s*Postal address/);
    assert.match(page, /<textarea name="postalAddress" rows="4" maxlength="300"/);
    const saved = await save(admin, settingsForm({ postalAddress: '  The Test Ledger \r\n 12 Example Street\r\n\r\nTestville 0000  ' }));
    assert.equal(saved.status, 303);
    assert.equal((await loadSiteSettings(use().db)).postalAddress, 'The Test Ledger\n12 Example Street\nTestville 0000');
    assert.match(await (await admin.request('/admin/settings')).text(), /<textarea name="postalAddress"[^>]*>The Test Ledger\n12 Example Street\nTestville 0000<\/textarea>/);
    // A form without the field (an older page still open) keeps what is stored.
    assert.equal((await save(admin, settingsForm({}))).status, 303);
    assert.equal((await loadSiteSettings(use().db)).postalAddress, 'The Test Ledger\n12 Example Street\nTestville 0000');
    const tooLong = await save(admin, settingsForm({ postalAddress: 'x'.repeat(301) }));
    assert.equal(tooLong.status, 422);
    assert.match(await tooLong.text(), /Postal address: is longer than 300 characters/);
    assert.equal((await save(admin, settingsForm({ postalAddress: 'a\nb\nc\nd\ne\nf\ng' }))).status, 422, 'at most six lines');
    assert.equal((await loadSiteSettings(use().db)).postalAddress, 'The Test Ledger\n12 Example Street\nTestville 0000');
  });

  test('a hostile name is escaped in the admin and on public pages', async () => {
    const hostile = '</title><script>alert(1)</script>';
    assert.equal((await save(admin, settingsForm({ name: hostile, ar_tagline: '"><img src=x onerror=alert(2)>' }))).status, 303);
    for (const html of [(await publicPage('/')).html, (await publicPage('/ar')).html, await (await admin.request('/admin/settings')).text()]) {
      assert.doesNotMatch(html, /<script>alert/);
      assert.doesNotMatch(html, /<img src=x/);
      assert.match(html, /&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    }
  });
});

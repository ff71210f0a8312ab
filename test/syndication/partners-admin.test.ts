/**
 * The partners admin: only editors and above; forged posts refused; a partner is created
 * (validated, audited); a feed token is shown once and stored only as its SHA-256; revoking
 * it closes the feed; the views page charts counted views and lists referring pages.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { tokenHash } from '../../src/accounts/tokens.ts';
import { pixelUrl } from '../../src/syndication/links.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { AdminClient, signInAs } from '../admin/admin-client.ts';
import { seedRepublishing } from './republish-fixtures.ts';
import type { RepublishFixture } from './republish-fixtures.ts';

describeEachDatabase('partners admin', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let f: RepublishFixture;
  let editor: AdminClient;

  before(async () => {
    mediaDir = tempMediaDir();
    f = await seedRepublishing(use().db, mediaDir);
    t = createTestApp(use(), mediaDir);
    await t.ctx.generation.refresh();
    ({ client: editor } = await signInAs(t, 'editor'));
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const partnerForm = (client: AdminClient, overrides: Record<string, string> = {}) => ({
    csrf: client.csrfToken, name: 'Samir Partner', organisation: 'Partner <b>Daily</b>', email: 'Feeds@Partner.example', outletUrl: 'https://partner.example', ...overrides,
  });

  test('authors and contributors get 403, strangers are sent to sign in, forged posts change nothing', async () => {
    for (const role of ['author', 'contributor'] as const) {
      const { client } = await signInAs(t, role);
      assert.equal((await client.request('/admin/syndication/partners')).status, 403, role);
      assert.equal((await client.request('/admin/syndication/views')).status, 403, role);
      assert.equal((await client.request('/admin/syndication/partners', { form: partnerForm(client) })).status, 403, role);
    }
    const stranger = new AdminClient(t);
    const signIn = await stranger.request('/admin/syndication/partners');
    assert.equal(signIn.status, 303);
    assert.equal(signIn.headers.get('location'), '/admin/login');
    assert.equal((await editor.request('/admin/syndication/partners', { form: partnerForm(editor, { csrf: 'forged' }) })).status, 403);
    assert.equal((await use().db.selectFrom('licensees').select('id').where('kind', '=', 'partner').execute()).length, 0);
  });

  test('a partner is validated, created and audited; the list shows licensees and partners, escaped', async () => {
    const bad = await editor.request('/admin/syndication/partners', { form: partnerForm(editor, { email: 'not-an-email', outletUrl: 'javascript:alert(1)' }) });
    assert.equal(bad.status, 422);
    const badHtml = await bad.text();
    assert.ok(badHtml.includes('email address') && badHtml.includes('https://'));
    assert.ok(badHtml.includes('<li>Email: must be an email address') && badHtml.includes('<li>Outlet web address: must be a web address'), 'the form’s labels');
    assert.ok(!badHtml.includes('outletUrl:') && !badHtml.includes('<li>email:'), 'never the internal field names');

    const created = await editor.request('/admin/syndication/partners', { form: partnerForm(editor) });
    assert.equal(created.status, 303);
    const partner = await use().db.selectFrom('licensees').selectAll().where('kind', '=', 'partner').executeTakeFirstOrThrow();
    assert.equal(partner.email, 'feeds@partner.example');
    assert.equal(created.headers.get('location'), `/admin/syndication/partners/${partner.id}?notice=partner-created`);
    assert.ok(await use().db.selectFrom('audit_log').select('id').where('action', '=', 'syndication.partner_created').executeTakeFirst());
    const list = await (await editor.request('/admin/syndication/partners')).text();
    assert.ok(list.includes('Partner &lt;b&gt;Daily&lt;/b&gt;') && list.includes('Current Outlet Media'));
  });

  test('a feed token is shown once, stored hashed, audited, and revoking it closes the feed', async () => {
    const id = f.licensees.current;
    const made = await editor.request(`/admin/syndication/partners/${id}/tokens`, { form: { csrf: editor.csrfToken, label: 'CMS importer' } });
    assert.equal(made.status, 201);
    assert.match(made.headers.get('cache-control') ?? '', /no-store/);
    const token = /<code class="admin-message">([A-Za-z0-9_-]{43})<\/code>/.exec(await made.text())?.[1];
    assert.ok(token, 'the token is on the page');
    const stored = await use().db.selectFrom('partner_feed_tokens').selectAll().where('licensee_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(stored.token_hash, tokenHash(token));
    assert.notEqual(stored.token_hash, token);
    assert.ok(!JSON.stringify(await use().db.selectFrom('audit_log').selectAll().execute()).includes(token), 'never in the audit log');
    const again = await (await editor.request(`/admin/syndication/partners/${id}`)).text();
    assert.ok(!again.includes(token), 'not shown a second time');
    assert.ok(again.includes('CMS importer') && again.includes('https://news.example.test/syndication/feed.atom'));
    assert.ok(again.includes('In force'), 'the licences, read-only');

    assert.equal((await t.app.request('/syndication/feed.json', { headers: { authorization: `Bearer ${token}` } })).status, 200);
    const forged = await editor.request(`/admin/syndication/partners/${id}/tokens/${stored.id}/revoke`, { form: { csrf: 'forged' } });
    assert.equal(forged.status, 403);
    const revoked = await editor.request(`/admin/syndication/partners/${id}/tokens/${stored.id}/revoke`, { form: { csrf: editor.csrfToken } });
    assert.equal(revoked.status, 303);
    assert.equal((await t.app.request('/syndication/feed.json', { headers: { authorization: `Bearer ${token}` } })).status, 401);
    const actions = (await use().db.selectFrom('audit_log').select('action').where('action', 'like', 'syndication.feed_token_%').execute()).map((row) => row.action).sort();
    assert.deepEqual(actions, ['syndication.feed_token_created', 'syndication.feed_token_revoked']);
    assert.equal((await editor.request(`/admin/syndication/partners/${f.licensees.expired}/tokens/${stored.id}/revoke`, { form: { csrf: editor.csrfToken } })).status, 404, 'a token of another licensee');
    assert.equal((await editor.request('/admin/syndication/partners/99999')).status, 404);
  });

  test('the views page charts counted views and lists articles, licensees and referring pages', async () => {
    const licensed = await pixelUrl(t.ctx, f.paidArticleId, f.licences.current);
    const cc = await pixelUrl(t.ctx, f.ccArticleId, null);
    await t.app.request(new URL(licensed).pathname, { headers: { referer: 'https://current.example/our-copy?ref=home' } });
    await t.app.request(new URL(cc).pathname, { headers: { referer: 'https://blog.example/<b>copy</b>' } });
    const response = await editor.request('/admin/syndication/views?days=7');
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.ok(html.includes('<svg'), 'a chart');
    assert.ok(html.includes('2 views since'));
    assert.ok(html.includes('https://current.example/our-copy') && !html.includes('ref=home'));
    assert.ok(html.includes('https://blog.example/%3Cb%3Ecopy%3C/b%3E'), 'referrers as text, URL-encoded');
    assert.ok(html.includes('Current Outlet Media'));
    const one = await (await editor.request(`/admin/syndication/views?licensee=${f.licensees.current}`)).text();
    assert.ok(one.includes('Copies published by Current Outlet Media: 1 view since'));
    assert.equal((await editor.request('/admin/syndication/views?article=abc')).status, 404);
  });

  test('each partners page has one <h1>: the admin frame\'s', async () => {
    for (const path of ['/admin/syndication/partners', `/admin/syndication/partners/${f.licensees.current}`, '/admin/syndication/views']) {
      const html = await (await editor.request(path)).text();
      assert.equal((html.match(/<h1[\s>]/g) ?? []).length, 1, path);
    }
  });

  test('a filtered views page filters its tables too, not only the chart, total and referrers', async () => {
    const revoked = await pixelUrl(t.ctx, f.paidArticleId, f.licences.revoked);
    await t.app.request(new URL(revoked).pathname, { headers: { referer: 'https://revoked.example/their-copy' } });
    const cc = await pixelUrl(t.ctx, f.ccArticleId, null);
    await t.app.request(new URL(cc).pathname, { headers: { referer: 'https://blog.example/second-visit' } });
    /** The text of the page between one heading and the next. */
    const part = (html: string, heading: string) => html.slice(html.indexOf(`<h2>${heading}</h2>`), html.indexOf('<h2>', html.indexOf(`<h2>${heading}</h2>`) + 4));
    const headline = (await use().db.selectFrom('articles').select('headline').where('id', '=', f.paidArticleId).executeTakeFirstOrThrow()).headline;

    const all = await (await editor.request('/admin/syndication/views?days=7')).text();
    assert.ok(part(all, 'By licensee').includes('Revoked Outlet Media') && part(all, 'By licensee').includes('Current Outlet Media'));
    assert.ok(part(all, 'By article').includes(`article=${f.ccArticleId}`), 'unfiltered: every article');

    const byLicensee = await (await editor.request(`/admin/syndication/views?days=7&licensee=${f.licensees.current}`)).text();
    assert.ok(part(byLicensee, 'By licensee').includes('Current Outlet Media'));
    assert.ok(!part(byLicensee, 'By licensee').includes('Revoked Outlet Media'), 'another licensee’s copies are not counted');
    assert.ok(part(byLicensee, 'By article').includes(headline));
    assert.ok(!part(byLicensee, 'By article').includes(`article=${f.ccArticleId}`), 'Creative Commons copies belong to no licensee');
    assert.match(part(byLicensee, 'By article'), /<td>1<\/td>/, 'the licensee’s own views of the article, not everyone’s');

    const byArticle = await (await editor.request(`/admin/syndication/views?days=7&article=${f.ccArticleId}`)).text();
    assert.ok(part(byArticle, 'By article').includes(`article=${f.ccArticleId}`));
    assert.ok(!part(byArticle, 'By article').includes(`article=${f.paidArticleId}`), 'only the chosen article');
    assert.ok(part(byArticle, 'By licensee').includes('No views yet.'), 'its copies are Creative Commons ones');
  });
});

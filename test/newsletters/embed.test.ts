/**
 * The embeddable sign-up form through the real app: every answer to an embedded post — the
 * form, "check your inbox", a refused form, and the 403, 413, 429 and 404 failures — may be
 * framed by any site and is drawn inside the embed layout (a page that forbids framing shows
 * as "refused to connect" in a partner's iframe); every other page still refuses framing.
 * Also the snippet and its loader script.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { CLIENT_ATTEMPTS_PER_QUARTER, settleSignupMail } from '../../src/newsletters/signup.ts';
import { EMBED_DEFAULT_HEIGHT, embedSnippet } from '../../src/newsletters/embed-loader.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { createList } from './support/fixtures.ts';

const ORIGIN = 'https://news.example.test';
let ipCounter = 0;

describeEachDatabase('the embeddable newsletter form', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let listId: number;
  let slug: string;
  let arabicSlug: string;

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    listId = await createList(use().db, { name: 'The Daily Briefing' });
    slug = (await use().db.selectFrom('newsletters').select('slug').where('id', '=', listId).executeTakeFirstOrThrow()).slug;
    const arabic = await createList(use().db, { name: 'الطرفاء الأسبوعية', language: 'ar' });
    arabicSlug = (await use().db.selectFrom('newsletters').select('slug').where('id', '=', arabic).executeTakeFirstOrThrow()).slug;
    await createList(use().db, { name: 'Partners only', visibility: 'private' });
  });
  after(async () => {
    await settleSignupMail();
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  /** Posts a form as a browser inside the frame does (same origin, from a frame), from a client address of its own unless given. */
  async function post(path: string, fields: Record<string, string>, options: { ip?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
    const env = { incoming: { socket: { remoteAddress: options.ip ?? `10.1.0.${++ipCounter}` } } };
    const headers = { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'iframe', ...options.headers };
    const response = await t.app.request(path, { method: 'POST', headers, body: options.body ?? new URLSearchParams(fields).toString() }, env);
    await settleSignupMail();
    return response;
  }

  /** Asserts a response may be framed by another site and is the embed layout (no site chrome); returns its HTML. */
  async function framedEmbed(response: Response, status: number, what: string): Promise<string> {
    assert.equal(response.status, status, what);
    const policy = response.headers.get('content-security-policy') ?? '';
    assert.match(policy, /frame-ancestors \*/, `${what}: any site may frame it`);
    assert.match(policy, /script-src 'self'/, `${what}: it may run its own height script`);
    assert.equal(response.headers.get('x-frame-options'), null, `${what}: no X-Frame-Options`);
    const html = await response.text();
    assert.match(html, /<body class="newsletter-embed">/, `${what}: the embed layout`);
    assert.doesNotMatch(html, /site-header|sections-nav/, `${what}: no site chrome`);
    return html;
  }

  const embedPath = () => `/newsletters/${slug}/embed`;
  const subscriberCount = async () => Number((await use().db.selectFrom('subscribers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  test('the form is framable, posts to its own address and reports its height with a same-origin script', async () => {
    const html = await framedEmbed(await t.app.request(embedPath()), 200, 'the form');
    assert.match(html, new RegExp(`<form class="newsletter-form" method="post" action="${embedPath()}"`));
    assert.match(html, /<script src="\/assets\/[0-9a-f]+\/newsletter-embed\.js" defer><\/script>/);
    const script = await t.app.request(/src="(\/assets\/[0-9a-f]+\/newsletter-embed\.js)"/.exec(html)?.[1] ?? '');
    assert.equal(script.status, 200);
    assert.match(await script.text(), /postMessage\(\{ type: 'masthead:newsletter-embed-height', height: height \}/);
    const normal = await t.app.request('/newsletters');
    assert.match(normal.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'/, 'other pages still refuse framing');
    assert.doesNotMatch(normal.headers.get('content-security-policy') ?? '', /script-src/);
    assert.equal(normal.headers.get('x-frame-options'), 'SAMEORIGIN');
  });

  test('a sign-up and a refused form are answered inside the frame', async () => {
    const done = await framedEmbed(await post(embedPath(), { email: 'framed.reader@example.org', newsletter: String(listId), language: 'en', source: 'embed' }), 200, 'accepted');
    assert.match(done, /We have sent a message to framed\.reader@example\.org/);
    const row = await use().db.selectFrom('subscriptions').innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id').select(['subscriptions.source', 'subscriptions.status', 'subscriptions.newsletter_id']).where('subscribers.email', '=', 'framed.reader@example.org').executeTakeFirstOrThrow();
    assert.deepEqual({ ...row, newsletter_id: Number(row.newsletter_id) }, { source: 'embed', status: 'pending', newsletter_id: listId });
    const refused = await framedEmbed(await post(embedPath(), { email: 'reader@localhost', newsletter: String(listId) }), 400, 'refused');
    assert.match(refused, /Enter an email address like name@example\.org/);
    assert.match(refused, /value="reader@localhost"/, 'the address typed is shown again');
  });

  test('a cross-site post (403) is refused inside the frame, with the form again, and nothing is stored', async () => {
    const before = await subscriberCount();
    const html = await framedEmbed(await post(embedPath(), { email: 'csrf.embed@example.org' }, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } }), 403, 'cross-site');
    assert.match(html, /<div class="newsletter-problems" role="alert"><p>Not allowed<\/p><p class="newsletter-embed__reason">This form can only be sent from this site/);
    assert.match(html, new RegExp(`action="${embedPath()}"`), 'the form is offered again');
    assert.equal(await subscriberCount(), before);
  });

  test('too many attempts from one client (429) are answered inside the frame', async () => {
    const ip = '10.9.9.9';
    for (let attempt = 1; attempt <= CLIENT_ATTEMPTS_PER_QUARTER; attempt++) assert.equal((await post(embedPath(), { email: `many.${attempt}@example.org` }, { ip })).status, 200);
    const html = await framedEmbed(await post(embedPath(), { email: 'one.more@example.org' }, { ip }), 429, 'rate-limited');
    assert.match(html, /Too many attempts<\/p><p class="newsletter-embed__reason">Too many attempts\. Please try again in \d+ minutes?\./);
    assert.match(html, /value="one\.more@example\.org"/);
    // The same limit on a post to /newsletters/subscribe marked as coming from the embedded form.
    const marked = await post('/newsletters/subscribe', { email: 'one.more@example.org', newsletter: String(listId), source: 'embed' }, { ip, headers: { 'sec-fetch-dest': 'document' } });
    assert.match(await framedEmbed(marked, 429, 'rate-limited, /newsletters/subscribe with source=embed'), /The Daily Briefing/);
    // The site's own forms keep the site's error page, which refuses framing.
    const onSite = await post('/newsletters/subscribe', { email: 'one.more@example.org', newsletter: String(listId), source: 'form' }, { ip, headers: { 'sec-fetch-dest': 'document' } });
    assert.equal(onSite.status, 429);
    assert.equal(onSite.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.match(await onSite.text(), /class="error-page"/);
  });

  test('a post too large to read (413) is answered inside the frame too', async () => {
    const huge = `email=big%40example.org&padding=${'x'.repeat(70 * 1024)}`;
    const html = await framedEmbed(await post(embedPath(), {}, { body: huge }), 413, 'too large');
    assert.match(html, /That was too large<\/p><p class="newsletter-embed__reason">The form sent more data than this page accepts\./);
    // To /newsletters/subscribe, the body cannot be read: the browser's word that it posts from a frame decides.
    const framed = await post('/newsletters/subscribe', {}, { body: huge });
    assert.match(await framedEmbed(framed, 413, 'too large, /newsletters/subscribe from a frame'), /That was too large/);
    const page = await post('/newsletters/subscribe', {}, { body: huge, headers: { 'sec-fetch-dest': 'document' } });
    assert.equal(page.status, 413);
    assert.equal(page.headers.get('x-frame-options'), 'SAMEORIGIN');
  });

  test('a form whose list is gone or private is a framable 404 in the frame’s layout', async () => {
    for (const path of ['/newsletters/no-such-list/embed', `/newsletters/${(await use().db.selectFrom('newsletters').select('slug').where('visibility', '=', 'private').executeTakeFirstOrThrow()).slug}/embed`]) {
      const html = await framedEmbed(await t.app.request(path), 404, `GET ${path}`);
      assert.match(html, /This sign-up form is not available any more\./);
      assert.match(html, /<a href="https:\/\/news\.example\.test\/newsletters" target="_blank" rel="noopener">/, 'a way to the site, out of the frame');
      await framedEmbed(await post(path, { email: 'gone@example.org' }), 404, `POST ${path}`);
    }
  });

  test('an Arabic list’s frame answers in Arabic, right to left', async () => {
    const html = await framedEmbed(await post(`/newsletters/${arabicSlug}/embed`, { email: 'x' }, { headers: { origin: 'https://evil.example' } }), 403, 'Arabic, refused');
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /الطرفاء الأسبوعية/);
  });

  test('the snippet: a default height the form fits, and the loader from this site, which checks who speaks', async () => {
    const snippet = embedSnippet('https://news.example.test', { slug: 'daily-briefing', name: 'Daily "Briefing" <1>' }, '/newsletters/daily-briefing/embed');
    assert.equal(
      snippet,
      `<iframe src="https://news.example.test/newsletters/daily-briefing/embed" title="Daily &quot;Briefing&quot; &lt;1&gt;" width="100%" height="${EMBED_DEFAULT_HEIGHT}" style="display:block;width:100%;max-width:36rem;height:${EMBED_DEFAULT_HEIGHT}px;border:0" loading="lazy"></iframe>\n<script src="https://news.example.test/newsletters/embed.js" async></script>`,
    );
    const loader = await t.app.request('/newsletters/embed.js');
    assert.equal(loader.status, 200);
    assert.equal(loader.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(loader.headers.get('cache-control'), 'public, max-age=3600');
    const script = await loader.text();
    assert.match(script, /var ORIGIN = "https:\/\/news\.example\.test";/);
    assert.match(script, /if \(event\.origin !== ORIGIN\) return;/);
    assert.match(script, /frame\.contentWindow !== event\.source/);
  });
});

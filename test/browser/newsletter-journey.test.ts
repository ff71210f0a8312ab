/**
 * A newsletter from sign-up to one-click unsubscribe, in Chromium against the real app and a
 * real SMTP server on loopback: a reader signs up from the promo under an article (JavaScript
 * off), the confirmation mail arrives over SMTP and its link, opened in the browser, confirms
 * with a button press; an editor signs in, composes an issue with one article and sends it
 * now through the admin pages; the one message the server receives carries RFC 8058
 * unsubscribe headers, List-Id, a Message-ID and the headline in text and HTML; a GET of the
 * unsubscribe link changes nothing, a cookie-less, Origin-less POST of
 * `List-Unsubscribe=One-Click` unsubscribes, and the issue's stats count it. SQLite only:
 * the database matrix is covered by test/newsletters/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../src/accounts/users.ts';
import { createArticle } from '../../src/articles/commands.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { startNewsletterSender } from '../../src/newsletters/delivery.ts';
import type { NewsletterSender } from '../../src/newsletters/delivery.ts';
import { settleSignupMail } from '../../src/newsletters/signup.ts';
import { createHttpServer } from '../../src/server.ts';
import { isoNow } from '../../src/shared/time.ts';
import { openTestDatabase } from '../db-matrix.ts';
import { buildArticle, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { headerOf, startTestSmtpServer, textParts } from '../support/test-smtp-server.ts';
import type { ReceivedMessage, TestSmtpServer } from '../support/test-smtp-server.ts';
import { CHROMIUM, CHROMIUM_ARGS, SHOTS, hasChromium } from './chromium.ts';

const READER = 'layla.reader@readers.example.test';
const EDITOR = 'desk.editor@tamarisk.example.test';
const PASSWORD = 'a long newsroom passphrase';
// Long, with a dash outside ASCII: the mail's text part is quoted-printable, with soft line breaks.
// The server's PUBLIC_URL (createTestApp's default), as a pattern: links in mail must start with it.
const PUBLIC_ORIGIN = 'https://news\\.example\\.test';
const HEADLINE = 'Date growers in the Jordan Valley switch to drip lines — and save a third of their water';

describe('the newsletter journey in Chromium, over real SMTP', { skip: hasChromium ? false : `${CHROMIUM} not installed` }, () => {
  let handle: DatabaseHandle;
  let smtp: TestSmtpServer;
  let t: TestApp;
  let server: http.Server;
  let sender: NewsletterSender;
  let browser: Browser;
  let base: string;
  let mediaDir: string;
  let listId: number;
  let articleUrl: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    handle = await openTestDatabase('sqlite');
    mediaDir = tempMediaDir();
    const db = handle.db;
    const seeded = await seedSmallNewsroom(db, mediaDir, 2);
    await createArticle(db, buildArticle({ sectionId: seeded.newsId, authorIds: [seeded.authorId], byline: null, slug: 'drip-lines', headline: HEADLINE }));
    articleUrl = '/news/drip-lines';
    const now = isoNow();
    const list = await db
      .insertInto('newsletters')
      .values({ slug: 'daily-briefing', name: 'The Daily Briefing', description: 'The stories that matter across the region, in five minutes.', cadence: 'Every weekday morning', sender_name: 'The Tamarisk', sender_address: 'briefing@tamarisk.example.test', reply_to: null, language: 'en', visibility: 'public', position: 0, track_opens: 0, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    listId = Number(list.id);
    await db.insertInto('newsletter_promo_rules').values({ newsletter_id: listId, kind: 'default', value: null, priority: 0 }).execute();
    await createUser(db, { email: EDITOR, name: 'Dalia Desk', role: 'editor', password: PASSWORD }, { actorUserId: null });

    smtp = await startTestSmtpServer();
    t = createTestApp(handle, mediaDir, { SMTP_URL: smtp.url() });
    assert.equal(t.ctx.config.publicUrl, 'https://news.example.test', 'the links this test expects in mail');
    server = createHttpServer(t.ctx, t.assets);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sender = startNewsletterSender(t.ctx, { pollMs: 50 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await sender?.stop();
    await settleSignupMail();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await t?.ctx.mailer.close();
    await smtp?.close();
    await handle?.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, baseURL: base, ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`script error on ${page.url()}: ${error.message}`));
    return page;
  }

  /** Waits until the SMTP server has received `count` messages for an address; returns them. */
  async function messagesTo(address: string, count: number): Promise<ReceivedMessage[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = smtp.messages.filter((message) => message.rcptTo.includes(address));
      if (found.length >= count) return found;
      if (Date.now() > deadline) assert.fail(`${found.length} message(s) to ${address} after 15 s; expected ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  function partsOf(raw: string): { text: string; html: string } {
    const parts = textParts(raw);
    return {
      text: parts.find((part) => part.contentType.startsWith('text/plain'))?.text ?? '',
      html: parts.find((part) => part.contentType.startsWith('text/html'))?.text ?? '',
    };
  }

  async function subscriptionStatus(): Promise<string | undefined> {
    const row = await handle.db
      .selectFrom('subscriptions')
      .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
      .select('subscriptions.status')
      .where('subscribers.email', '=', READER)
      .where('subscriptions.newsletter_id', '=', listId)
      .executeTakeFirst();
    return row?.status;
  }

  test('sign up from an article → confirm from the mail → an issue arrives → one-click unsubscribe', async () => {
    // a. The reader signs up from the promo under the article, with JavaScript off.
    const reader = await newPage({ javaScriptEnabled: false });
    assert.equal((await reader.goto(articleUrl))?.status(), 200);
    const promo = reader.locator('.newsletter-promo');
    assert.match(await promo.innerText(), /The Daily Briefing/);
    await promo.getByLabel('Email address').fill(READER);
    await Promise.all([reader.waitForURL(`${base}/newsletters/subscribe`), promo.locator('.newsletter-form__submit').click()]);
    assert.equal(await reader.locator('h1').textContent(), 'Check your inbox');
    assert.match(await reader.locator('main').innerText(), new RegExp(READER.replaceAll('.', '\\.')));
    await reader.screenshot({ path: path.join(SHOTS, 'newsletter-journey-check-inbox.png'), fullPage: true });
    assert.equal(await subscriptionStatus(), 'pending');

    // b. The confirmation mail goes over SMTP; its link (read from the decoded text part) confirms with a button press.
    const [confirmation] = await messagesTo(READER, 1);
    assert.ok(confirmation);
    assert.ok(!/\r?\n[^\r\n]*\r?\n/.test(headerOf(confirmation.raw, 'Subject') ?? ''), 'one-line subject');
    const confirmText = partsOf(confirmation.raw).text;
    // Mail links are built from PUBLIC_URL (https://news.example.test here); the browser follows their path on the test server.
    const confirmLink = new RegExp(`${PUBLIC_ORIGIN}(/newsletters/confirm/[A-Za-z0-9_.~-]+)`).exec(confirmText);
    assert.ok(confirmLink?.[1], `a confirmation link in: ${confirmText}`);
    assert.equal((await reader.goto(confirmLink[1]))?.status(), 200);
    assert.equal(await subscriptionStatus(), 'pending', 'opening the link alone confirms nothing');
    await reader.screenshot({ path: path.join(SHOTS, 'newsletter-journey-confirm.png'), fullPage: true });
    await Promise.all([reader.waitForEvent('load'), reader.locator('main .newsletter-form__submit').click()]);
    assert.equal(await subscriptionStatus(), 'confirmed');
    assert.match(await reader.locator('main').innerText(), /The Daily Briefing/);
    await reader.screenshot({ path: path.join(SHOTS, 'newsletter-journey-confirmed.png'), fullPage: true });

    // c. An editor signs in, composes an issue with the article and sends it now.
    const desk = await newPage();
    await desk.goto('/admin/login');
    await desk.fill('input[name="email"]', EDITOR);
    await desk.fill('input[name="password"]', PASSWORD);
    await Promise.all([desk.waitForURL(/\/admin$/), desk.click('form.admin-form button[type="submit"]')]);
    await desk.goto('/admin/newsletters');
    await Promise.all([desk.waitForURL(`${base}/admin/newsletters/${listId}/issues`), desk.getByRole('link', { name: 'Issues', exact: true }).click()]);
    const create = desk.locator('form', { has: desk.locator('input[name="subject"]') });
    await create.locator('input[name="subject"]').fill('Water on the valley floor');
    await Promise.all([desk.waitForURL(/\/admin\/newsletters\/issues\/\d+\?notice=created$/), create.getByRole('button', { name: 'Create issue' }).click()]);
    const issueId = Number(/\/issues\/(\d+)/.exec(desk.url())?.[1]);
    assert.ok(issueId > 0);
    const search = desk.locator('form[role="search"]');
    await search.locator('input[name="q"]').fill('drip lines');
    await Promise.all([desk.waitForURL(/q=drip/), search.getByRole('button', { name: 'Search' }).click()]);
    // Adding an article posts the whole compose form, so the intro typed here is saved with it.
    await desk.fill('textarea[name="intro"]', 'Good morning. One story from the valley today.');
    await Promise.all([desk.waitForURL(/notice=saved/), desk.getByRole('button', { name: `Add: ${HEADLINE}` }).click()]);
    await desk.getByRole('button', { name: `Remove: ${HEADLINE}` }).waitFor();
    const stored = await handle.db.selectFrom('newsletter_issues').select(['items', 'intro', 'status']).where('id', '=', issueId).executeTakeFirstOrThrow();
    assert.equal(stored.status, 'draft');
    assert.equal(stored.intro, 'Good morning. One story from the valley today.');
    assert.equal((JSON.parse(stored.items) as unknown[]).length, 1);
    await desk.screenshot({ path: path.join(SHOTS, 'newsletter-journey-admin-issue.png'), fullPage: true });

    await Promise.all([desk.waitForURL(`${base}/admin/newsletters/issues/${issueId}/send`), desk.getByRole('link', { name: 'Send now…' }).click()]);
    await Promise.all([desk.waitForURL(/\/stats\?notice=sending$/), desk.getByRole('button', { name: 'Send to 1 now' }).click()]);

    const issueMail = (await messagesTo(READER, 2))[1];
    assert.ok(issueMail);
    let status = '';
    for (let attempt = 0; attempt < 200 && status !== 'sent'; attempt += 1) {
      status = (await handle.db.selectFrom('newsletter_issues').select('status').where('id', '=', issueId).executeTakeFirstOrThrow()).status;
      if (status !== 'sent') await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.equal(status, 'sent');
    assert.equal(smtp.messages.filter((message) => message.rcptTo.includes(READER)).length, 2, 'exactly one issue message (after the confirmation)');
    assert.deepEqual(issueMail.rcptTo, [READER]);

    const raw = issueMail.raw;
    const delivery = await handle.db.selectFrom('newsletter_deliveries').select(['message_id', 'status']).where('issue_id', '=', issueId).executeTakeFirstOrThrow();
    assert.equal(delivery.status, 'sent');
    assert.equal(headerOf(raw, 'Message-ID'), delivery.message_id);
    assert.match(delivery.message_id, /^<[^<>\s@]+@[^<>\s@]+>$/);
    assert.equal(headerOf(raw, 'Subject'), 'Water on the valley floor');
    assert.equal(headerOf(raw, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.match(headerOf(raw, 'List-Id') ?? '', /^"?The Daily Briefing"? <[^<>\s]+>$/);
    const unsubscribe = (headerOf(raw, 'List-Unsubscribe') ?? '').replace(/\s+/g, '');
    const targets = [...unsubscribe.matchAll(/<([^>]+)>/g)].map((match) => match[1] ?? '');
    // RFC 8058 one-click needs an https link: exactly what the header must carry, not "http or https".
    const https = targets.find((target) => target.startsWith('https://'));
    assert.ok(https && new RegExp(`^${PUBLIC_ORIGIN}/newsletters/unsubscribe/[A-Za-z0-9_.~-]+$`).test(https), `an https unsubscribe link on PUBLIC_URL in: ${unsubscribe}`);
    assert.ok(!targets.some((target) => target.startsWith('http://')), `no plain-http unsubscribe link in: ${unsubscribe}`);
    assert.ok(targets.some((target) => target.startsWith('mailto:')), `a mailto: unsubscribe in: ${unsubscribe}`);
    assert.match(headerOf(raw, 'Content-Type') ?? '', /^multipart\/alternative/);
    const { text, html } = partsOf(raw);
    assert.ok(text.replace(/\s+/g, ' ').includes(HEADLINE), 'the headline in the text part');
    assert.ok(html.replace(/\s+/g, ' ').includes(HEADLINE), 'the headline in the html part');

    // d. A GET of the unsubscribe link only shows a button; a one-click POST without cookies or Origin unsubscribes.
    const unsubscribePath = new URL(https).pathname;
    const shown = await fetch(`${base}${unsubscribePath}`);
    assert.equal(shown.status, 200);
    await shown.text();
    assert.equal(await subscriptionStatus(), 'confirmed', 'a GET unsubscribes no one');
    const oneClick = await fetch(`${base}${unsubscribePath}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click', redirect: 'manual' });
    assert.equal(oneClick.status, 200);
    await oneClick.text();
    assert.equal(await subscriptionStatus(), 'unsubscribed');
    const event = await handle.db.selectFrom('subscription_events').select(['kind', 'issue_id']).where('newsletter_id', '=', listId).where('kind', '=', 'unsubscribed').executeTakeFirst();
    assert.deepEqual(event && { kind: event.kind, issueId: Number(event.issue_id) }, { kind: 'unsubscribed', issueId });

    // e. The issue's stats page counts the send and the unsubscribe.
    await desk.reload();
    const stats = await desk.locator('main').innerText();
    assert.match(stats, /Recipients\s+1\b/);
    assert.match(stats, /Sent\s+1\b/);
    assert.match(stats, /Unsubscribed\s+1\b/);
    await desk.screenshot({ path: path.join(SHOTS, 'newsletter-journey-admin-stats.png'), fullPage: true });
  });
});

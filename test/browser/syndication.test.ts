/// <reference lib="dom" />
/**
 * Paid republishing from request to delivery, in Chromium against the real app on a
 * loopback port: an outlet fills in the request form for an article carrying one photo
 * the newsroom may pass on and one wire photo it may not, and sees its quote; an editor
 * signs in and approves the request in the admin; the approval email arrives at a real
 * SMTP server on loopback with the delivery link; the delivery page's package holds the
 * distributable photo but not the wire photo, with the canonical link, credit line and
 * tracking pixel, and previewing it fires no pixel.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../src/accounts/users.ts';
import { createArticle } from '../../src/articles/commands.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { createHttpServer } from '../../src/server.ts';
import { openTestDatabase } from '../db-matrix.ts';
import { buildArticle, createImage, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { startTestSmtpServer, textParts } from '../support/test-smtp-server.ts';
import type { TestSmtpServer } from '../support/test-smtp-server.ts';
import { CHROMIUM, CHROMIUM_ARGS, SHOTS, axeViolations, hasChromium } from './chromium.ts';

const PASSWORD = 'a long syndication passphrase';
const REQUESTER = 'layla@coastal.example.org';

/** A free loopback port (the app's PUBLIC_URL must name it before the server starts). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('paid republishing in Chromium', { skip: hasChromium ? false : `${CHROMIUM} not installed` }, () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let smtp: TestSmtpServer;
  let server: http.Server;
  let browser: Browser;
  let base: string;
  let mediaDir: string;
  let articleId: number;
  let openKey: string;
  let wireKey: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    handle = await openTestDatabase('sqlite');
    mediaDir = tempMediaDir();
    const db = handle.db;
    const { newsId, authorId } = await seedSmallNewsroom(db, mediaDir, 1);
    // Wide enough for a 1280-pixel variant: the preview must shrink it to its frame.
    const openPhoto = await createImage(db, mediaDir, { credit: 'Open Lens Photographer', canDistribute: true, width: 1400 });
    const wirePhoto = await createImage(db, mediaDir, { credit: 'Wire Agency Staff', canDistribute: false });
    const keyOf = async (id: number) => {
      const row = await db.selectFrom('images').select('variants').where('id', '=', id).executeTakeFirstOrThrow();
      return (JSON.parse(row.variants) as { key: string }[])[0]?.key.split('-')[0] ?? 'missing';
    };
    [openKey, wireKey] = [await keyOf(openPhoto), await keyOf(wirePhoto)];
    const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
    articleId = await createArticle(
      db,
      buildArticle({
        sectionId: newsId,
        authorIds: [authorId],
        byline: null,
        headline: 'Desalination plant opens on the southern coast',
        slug: 'desalination-plant-opens',
        licensingPolicy: 'paid',
        body: {
          type: 'doc',
          content: [
            paragraph('The plant will supply drinking water to three towns.'),
            { type: 'imageBlock', attrs: { imageId: openPhoto, caption: 'The intake pipes at low tide.', credit: null, alt: 'Large pipes running into the sea' } },
            paragraph('Ministers attended the opening on Thursday.'),
            { type: 'imageBlock', attrs: { imageId: wirePhoto, caption: 'The ribbon cutting.', credit: null, alt: 'Officials cutting a ribbon' } },
          ],
        },
      }),
    );
    await createArticle(
      db,
      buildArticle({
        sectionId: newsId,
        authorIds: [authorId],
        byline: null,
        headline: 'Fishing cooperative shares its catch records',
        slug: 'fishingcooperativecatchrecordsopened',
        licensingPolicy: 'cc',
        body: {
          type: 'doc',
          content: [
            paragraph('The cooperative published ten years of catch records on Monday.'),
            { type: 'imageBlock', attrs: { imageId: openPhoto, caption: 'Boats at the harbour wall.', credit: null, alt: 'Small fishing boats moored by a stone wall' } },
            { type: 'imageBlock', attrs: { imageId: wirePhoto, caption: 'The minister at the quay.', credit: null, alt: 'A minister speaking at a quay' } },
          ],
        },
      }),
    );
    await createUser(db, { email: 'desk.editor@example.org', name: 'Desk Editor', role: 'editor', password: PASSWORD }, { actorUserId: null });

    smtp = await startTestSmtpServer();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = createTestApp(handle, mediaDir, { PUBLIC_URL: base, SMTP_URL: smtp.url() });
    server = createHttpServer(t.ctx, t.assets);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await t?.ctx.mailer.close();
    await smtp?.close();
    await handle?.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  /** A page in its own context; `bypassCSP` lets axe-core be injected (pages allow no script of others). */
  async function newPage(options: { bypassCSP?: boolean; javaScriptEnabled?: boolean; width?: number } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, baseURL: base, bypassCSP: options.bypassCSP ?? false, javaScriptEnabled: options.javaScriptEnabled ?? true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`script error on ${page.url()}: ${error.message}`));
    return page;
  }

  async function waitForMail(to: string, subject: RegExp): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const message = smtp.messages.find((candidate) => candidate.rcptTo.includes(to) && subject.test(textParts(candidate.raw).map((part) => part.text).join('\n') + candidate.raw));
      if (message) return textParts(message.raw).map((part) => part.text).join('\n');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail(`no mail to ${to}`);
  }

  /** Whether the page scrolls sideways (its content is wider than the viewport). */
  async function scrollsSideways(page: Page): Promise<boolean> {
    return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  }

  /** The smallest gap in pixels between a table and a heading that follows it on the page. */
  async function smallestGapAboveHeadings(page: Page): Promise<number> {
    return page.evaluate(() => {
      const gaps = Array.from(document.querySelectorAll('main h2, main h3')).flatMap((heading) => {
        const before = heading.previousElementSibling;
        return before?.tagName === 'TABLE' ? [heading.getBoundingClientRect().top - before.getBoundingClientRect().bottom] : [];
      });
      return gaps.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...gaps);
    });
  }

  test('request → quote → approval in the admin → email → delivery page without the wire photo', async () => {
    // The outlet asks for a licence and sees its quote.
    const requester = await newPage();
    await requester.goto(`/republish/${articleId}/request`);
    await requester.getByLabel('Your name').fill('Layla Mansour');
    await requester.getByLabel('Email address').fill(REQUESTER);
    await requester.getByLabel('Organisation').fill('Coastal Weekly');
    await requester.getByLabel('Your outlet’s website').fill('https://coastal.example.org');
    await requester.getByLabel('Type of outlet').selectOption('broadcaster');
    await requester.getByLabel('Where it will appear').selectOption('broadcast');
    await requester.getByLabel('Territory').selectOption('national');
    await requester.getByLabel('Country').selectOption('JO');
    await requester.getByLabel('Language you will publish in').selectOption('en');
    await requester.getByLabel('Audience size').selectOption('over-1m');
    await requester.getByRole('button', { name: 'Send request and see the quote' }).click();
    await requester.waitForURL(/\/republish\/requests\//);
    assert.match(await requester.locator('.republish-quote tfoot').innerText(), /\$\s?\d/);
    await requester.setViewportSize({ width: 375, height: 800 });
    assert.equal(await scrollsSideways(requester), false, 'the quote fits a 375-pixel phone');
    await requester.screenshot({ path: path.join(SHOTS, 'republish-quote-375.png'), fullPage: true });

    // An editor signs in and approves it.
    const editor = await newPage({ bypassCSP: true });
    await editor.goto('/admin/login');
    await editor.getByLabel('Email').fill('desk.editor@example.org');
    await editor.getByLabel('Password').fill(PASSWORD);
    await editor.getByRole('button', { name: 'Sign in' }).click();
    await editor.waitForURL(`${base}/admin`);
    await editor.getByRole('link', { name: 'Republishing' }).click();
    await editor.waitForURL(`${base}/admin/syndication`);
    assert.deepEqual(await axeViolations(editor, 'main'), []);
    await editor.getByRole('link', { name: 'Desalination plant opens on the southern coast' }).click();
    await editor.waitForURL(/\/admin\/syndication\/requests\/\d+$/);
    assert.ok((await editor.locator('main').innerText()).includes('Coastal Weekly'));
    assert.deepEqual(await axeViolations(editor, 'main'), []);
    assert.ok((await smallestGapAboveHeadings(editor)) >= 16, 'headings keep their distance from the table above');
    await editor.getByRole('button', { name: 'Approve and issue licence' }).click();
    await editor.waitForURL(/notice=approved/);
    const notice = await editor.getByRole('status').innerText();
    assert.match(notice, /licence is issued/);
    await editor.screenshot({ path: path.join(SHOTS, 'republish-admin-request-approved.png'), fullPage: true });
    for (const address of ['/admin/syndication/partners', '/admin/syndication/views']) {
      await editor.goto(address);
      assert.equal(await editor.locator('h1').count(), 1, `${address}: one h1`);
      assert.ok((await smallestGapAboveHeadings(editor)) >= 16, `${address}: headings keep their distance from the table above`);
    }
    await editor.goto('/admin/syndication/partners');
    await editor.getByRole('link', { name: 'Coastal Weekly' }).click();
    assert.equal(await editor.locator('h1').count(), 1, 'a licensee page: one h1');
    assert.ok((await smallestGapAboveHeadings(editor)) >= 16, 'a licensee page: headings keep their distance');

    // The email arrives over SMTP with the delivery link.
    const mail = await waitForMail(REQUESTER, /Licence reference: [A-Z]+-\d{4}-\d{4}/);
    const link = new RegExp(`${base.replace(/[.]/g, '\\.')}/republish/licences/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+`).exec(mail)?.[0];
    assert.ok(link, 'the email holds the delivery link');
    assert.ok(mail.includes(`${link}/certificate`), 'and the certificate link');

    // The licensee opens it: the package has the distributable photo only, with credit, canonical link and pixel.
    const pixels: string[] = [];
    const licensee = await newPage();
    licensee.on('request', (request) => {
      if (request.url().includes('/republish/pixel/')) pixels.push(request.url());
    });
    const consoleProblems: string[] = [];
    licensee.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) consoleProblems.push(message.text());
    });
    await licensee.goto(link);
    assert.match(await licensee.locator('h1').innerText(), /Desalination plant opens/);
    const packageHtml = await licensee.locator('#package-html').inputValue();
    assert.ok(packageHtml.includes(openKey), 'the distributable photo travels');
    assert.ok(!packageHtml.includes(wireKey), 'the wire photo does not');
    assert.ok(packageHtml.includes(`${base}/news/desalination-plant-opens`), 'canonical link');
    assert.match(packageHtml, new RegExp(`<img src="${base.replace(/[.]/g, '\\.')}/republish/pixel/[^"]+\\.gif"`), 'tracking pixel');
    const credit = await licensee.locator('#credit-line').inputValue();
    assert.ok(credit.includes('Test Ledger'));
    assert.ok(packageHtml.includes('Test Ledger'), 'the credit line is in the package');
    assert.match(await licensee.locator('main').innerText(), /wire photo/i, 'the note says what was left out');
    const preview = licensee.frameLocator('iframe.licence-preview');
    assert.match(await preview.locator('h1').innerText(), /Desalination plant opens/);
    // The preview is styled under the strict policy (its stylesheet comes from our origin) and its photo fits the frame.
    await licensee.locator('iframe.licence-preview').scrollIntoViewIfNeeded();
    // Photos load lazily: bring each into the frame's view and wait until it has loaded (or failed, which the check below reports).
    for (const img of await preview.locator('img').all()) {
      await img.scrollIntoViewIfNeeded();
      await img.evaluate((element: HTMLImageElement) =>
        element.complete
          ? null
          : new Promise((resolve) => {
              element.addEventListener('load', resolve, { once: true });
              element.addEventListener('error', resolve, { once: true });
            }),
      );
    }
    await preview.locator('body').evaluate(() => window.scrollTo(0, 0));
    const frame = await preview.locator('body').evaluate((body) => ({
      font: getComputedStyle(body).fontFamily,
      frameWidth: document.documentElement.clientWidth,
      scrollWidth: document.documentElement.scrollWidth,
      images: Array.from(document.querySelectorAll('img')).map((img) => ({ width: img.getBoundingClientRect().width, natural: img.naturalWidth, declared: Number(img.getAttribute('width')) })),
    }));
    assert.match(frame.font, /^Georgia/, `the preview's stylesheet applies (${frame.font})`);
    assert.ok(frame.images.length > 0 && frame.images.every((image) => image.natural > 0 && image.width <= frame.frameWidth), JSON.stringify(frame));
    assert.ok(frame.images.some((image) => image.declared > frame.frameWidth), `a photo declared wider than the frame (width="1280") was shrunk to fit: ${JSON.stringify(frame)}`);
    assert.ok(frame.scrollWidth <= frame.frameWidth, 'nothing in the preview scrolls sideways');
    assert.deepEqual(consoleProblems, [], 'no CSP violation or other error on the delivery page');
    await licensee.locator('iframe.licence-preview').screenshot({ path: path.join(SHOTS, 'republish-delivery-preview.png') });
    await licensee.screenshot({ path: path.join(SHOTS, 'republish-delivery.png'), fullPage: true });
    assert.deepEqual(pixels, [], 'previewing the package counts no republished view');
    const checked = await newPage({ bypassCSP: true });
    await checked.goto(link);
    assert.deepEqual(await axeViolations(checked, 'main'), []);

    const certificate = await newPage();
    await certificate.goto(`${link}/certificate`);
    assert.match(await certificate.locator('.licence-certificate').innerText(), /Certificate of licence/i);
    await certificate.emulateMedia({ media: 'print' });
    assert.equal(await certificate.locator('.licence-print-hint').isVisible(), false, 'the print hint is not printed');
    await certificate.screenshot({ path: path.join(SHOTS, 'republish-certificate-print.png'), fullPage: true });
  });

  test('the Creative Commons dialog on the article page: opens from the keyboard, copies with JavaScript, works without', async () => {
    const consoleProblems: string[] = [];
    const reader = await newPage();
    await reader.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    reader.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) consoleProblems.push(message.text());
    });
    await reader.goto('/news/fishingcooperativecatchrecordsopened');
    const summary = reader.locator('.republish-notice__dialog > summary');
    await summary.focus();
    await reader.keyboard.press('Enter');
    assert.equal(await reader.locator('.republish-notice__dialog').getAttribute('open'), '', 'Enter opens the disclosure');
    const html = reader.getByRole('textbox', { name: 'HTML to copy' });
    const text = reader.getByRole('textbox', { name: 'Plain text to copy' });
    const packageHtml = await html.inputValue();
    assert.ok(packageHtml.includes(openKey) && !packageHtml.includes(wireKey), 'the distributable photo only');
    assert.ok(packageHtml.includes(`${base}/news/fishingcooperativecatchrecordsopened`) && packageHtml.includes('/republish/pixel/'), 'canonical link and pixel');
    assert.equal(await html.getAttribute('readonly'), '');
    const copyButtons = reader.getByRole('button', { name: 'Copy' });
    assert.equal(await copyButtons.count(), 2, 'the script shows the copy buttons');
    await copyButtons.first().click();
    await reader.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    assert.equal(await reader.evaluate(() => navigator.clipboard.readText()), packageHtml, 'the HTML is on the clipboard');
    await copyButtons.last().click();
    assert.equal(await reader.evaluate(() => navigator.clipboard.readText()), await text.inputValue());
    assert.deepEqual(consoleProblems, [], 'no CSP violation or error');
    await reader.locator('.slot--republish').screenshot({ path: path.join(SHOTS, 'republish-cc-dialog.png') });

    const checked = await newPage({ bypassCSP: true });
    await checked.goto('/news/fishingcooperativecatchrecordsopened');
    await checked.locator('.republish-notice__dialog > summary').click();
    assert.deepEqual(await axeViolations(checked, '.slot--republish'), []);

    const phone = await newPage({ width: 375 });
    await phone.goto('/news/fishingcooperativecatchrecordsopened');
    await phone.locator('.republish-notice__dialog > summary').click();
    assert.equal(await scrollsSideways(phone), false, 'the open dialog fits a 375-pixel phone');
    const republishHref = (await phone.locator('.republish-notice__panel a.republish-notice__action').getAttribute('href')) ?? '';
    await phone.goto(republishHref);
    assert.equal(await scrollsSideways(phone), false, 'the Creative Commons page fits a 375-pixel phone');
    await phone.screenshot({ path: path.join(SHOTS, 'republish-cc-page-375.png'), fullPage: true });

    const noScript = await newPage({ javaScriptEnabled: false });
    await noScript.goto('/news/fishingcooperativecatchrecordsopened');
    await noScript.locator('.republish-notice__dialog > summary').click();
    assert.ok((await noScript.getByRole('textbox', { name: 'HTML to copy' }).inputValue()).includes('/republish/pixel/'), 'the copy is there without JavaScript');
    assert.equal(await noScript.getByRole('button', { name: 'Copy' }).count(), 0, 'no button that could not work');
    await noScript.locator('.slot--republish').screenshot({ path: path.join(SHOTS, 'republish-cc-dialog-no-js.png') });
  });
});

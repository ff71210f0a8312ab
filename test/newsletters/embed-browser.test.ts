/// <reference lib="dom" />
/**
 * The embed snippet on a partner's page, in Chromium: the partner page lives on another
 * origin (another port) and pastes the snippet as the admin shows it. With the loader, the
 * frame takes the height of its form in every state (no inner scroll bar, the button in
 * view), and messages from anyone but our origin move nothing. Without the loader, or with
 * no script at all, the snippet's default height holds every state at phone widths. A
 * failure (too many attempts) shows inside the frame instead of a "refused to connect" page.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { EMBED_DEFAULT_HEIGHT, embedSnippet } from '../../src/newsletters/embed-loader.ts';
import { embedPath } from '../../src/newsletters/embed-views.tsx';
import { CLIENT_ATTEMPTS_PER_QUARTER, settleSignupMail } from '../../src/newsletters/signup.ts';
import { createHttpServer } from '../../src/server.ts';
import { openTestDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { CHROMIUM, CHROMIUM_ARGS, SHOTS, hasChromium } from '../browser/chromium.ts';

const LONG_DESCRIPTION = 'The stories that matter across the Middle East, explained in five minutes before breakfast, with the numbers behind them, what our correspondents saw on the ground and what to watch for in the week ahead, from Rabat to Muscat.';

describe('the embed snippet on a partner’s page in Chromium', { skip: hasChromium ? false : `${CHROMIUM} not installed` }, () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let site: http.Server;
  let partner: http.Server;
  let browser: Browser;
  let base: string;
  let partnerBase: string;
  let mediaDir: string;
  let slug: string;

  before(async () => {
    handle = await openTestDatabase('sqlite');
    mediaDir = tempMediaDir();
    const now = new Date().toISOString();
    slug = 'daily-briefing';
    await handle.db.insertInto('newsletters').values({ slug, name: 'The Daily Briefing', description: LONG_DESCRIPTION, cadence: 'Every weekday at 7 a.m. Amman time', sender_name: 'The Tamarisk', sender_address: 'news@example.org', reply_to: null, language: 'en', visibility: 'public', position: 0, track_opens: 0, created_at: now, updated_at: now }).execute();
    // The site's PUBLIC_URL must be the address the browser uses: the loader trusts that origin only.
    site = http.createServer();
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    t = createTestApp(handle, mediaDir, { PUBLIC_URL: base });
    const app = createHttpServer(t.ctx, t.assets);
    site.on('request', (req, res) => app.emit('request', req, res));
    // The partner: another origin, serving a page around the snippet (with or without its script line).
    partner = http.createServer((req, res) => {
      const snippet = embedSnippet(base, { slug, name: 'The Daily Briefing' }, embedPath(slug));
      const code = req.url === '/no-loader' ? (snippet.split('\n')[0] ?? '') : snippet;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>A partner</title></head><body style="margin:0;padding:8px;font-family:sans-serif"><p>A partner’s article.</p>${code}<p>After the form.</p></body></html>`);
    });
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    partnerBase = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await settleSignupMail();
    await browser?.close();
    for (const server of [site, partner]) {
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    }
    await t?.ctx.mailer.close();
    await handle?.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  /** The frame's element height, its document's height, whether it scrolls, and whether its button is inside the frame. */
  async function measure(page: Page, frame: FrameLocator) {
    const element = page.locator('iframe');
    const box = await element.boundingBox();
    assert.ok(box);
    const inner = await frame.locator('body').evaluate((body) => ({
      content: Math.ceil(body.getBoundingClientRect().height),
      scrolls: document.documentElement.scrollHeight > document.documentElement.clientHeight,
      buttonBottom: document.querySelector('button[type="submit"]')?.getBoundingClientRect().bottom ?? 0,
    }));
    return { frame: box.height, ...inner };
  }

  async function openPartner(width: number, options: { path?: string; javaScriptEnabled?: boolean } = {}) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
    const page = await context.newPage();
    await page.goto(`${partnerBase}${options.path ?? '/'}`);
    const frame = page.frameLocator('iframe');
    await frame.locator('h1').waitFor();
    return { context, page, frame };
  }

  /** Waits until the frame's height has settled on its content's. */
  async function fitted(page: Page, frame: FrameLocator) {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const now = await measure(page, frame);
      if (Math.abs(now.frame - now.content) <= 1) return now;
      await page.waitForTimeout(25);
    }
    return measure(page, frame);
  }

  test('with the loader, the frame fits its form in every state, and only our origin can resize it', async () => {
    for (const width of [320, 390, 768]) {
      const { context, page, frame } = await openPartner(width);
      try {
        const form = await fitted(page, frame);
        assert.ok(Math.abs(form.frame - form.content) <= 1, `${width}px form: frame ${form.frame}px for ${form.content}px of form`);
        assert.equal(form.scrolls, false);
        assert.ok(form.buttonBottom <= form.frame, `${width}px: the Sign up button is inside the frame`);
        await frame.getByLabel('Email address').fill('reader@localhost');
        await frame.getByRole('button', { name: 'Sign up' }).click();
        await frame.locator('.newsletter-problems').waitFor();
        const refused = await fitted(page, frame);
        assert.ok(Math.abs(refused.frame - refused.content) <= 1 && !refused.scrolls, `${width}px refused: frame ${refused.frame}px for ${refused.content}px`);
        assert.ok(refused.buttonBottom <= refused.frame, `${width}px: the button is not clipped when the form shows its problem`);
        if (width === 390) await page.screenshot({ path: path.join(SHOTS, 'newsletter-embed-partner-refused.png'), fullPage: true });
        await frame.getByLabel('Email address').fill(`partner.${width}@example.org`);
        await frame.getByRole('button', { name: 'Sign up' }).click();
        await frame.locator('.newsletter-embed__done').waitFor();
        const done = await fitted(page, frame);
        assert.ok(Math.abs(done.frame - done.content) <= 1 && done.frame < form.frame, `${width}px done: the frame shrinks to ${done.content}px`);

        // Anyone else's message moves nothing: the partner page itself, claiming to be the form.
        const before = done.frame;
        await page.evaluate(() => window.postMessage({ type: 'masthead:newsletter-embed-height', height: 900 }, '*'));
        await page.waitForTimeout(100);
        assert.equal((await measure(page, frame)).frame, before, 'a message from the partner’s origin is ignored');
      } finally {
        await context.close();
      }
    }
  });

  test('without the loader or without any script, the default height holds the form and its answers at phone widths', async () => {
    for (const options of [{ path: '/no-loader' }, { javaScriptEnabled: false }]) {
      for (const width of [320, 360]) {
        const { context, page, frame } = await openPartner(width, options);
        try {
          const form = await measure(page, frame);
          const what = `${width}px ${options.path ?? 'no script'}`;
          assert.equal(form.frame, EMBED_DEFAULT_HEIGHT, `${what}: the snippet's height`);
          assert.ok(!form.scrolls && form.buttonBottom <= form.frame, `${what}: the form (${form.content}px) fits`);
          await frame.getByLabel('Email address').fill('reader@localhost');
          await frame.getByRole('button', { name: 'Sign up' }).click();
          await frame.locator('.newsletter-problems').waitFor();
          const refused = await measure(page, frame);
          assert.ok(!refused.scrolls && refused.buttonBottom <= refused.frame, `${what}: the refused form (${refused.content}px) fits`);
          if (width === 320 && options.path) await page.screenshot({ path: path.join(SHOTS, 'newsletter-embed-partner-no-loader-320.png'), fullPage: true });
        } finally {
          await context.close();
        }
      }
    }
  });

  test('too many attempts show inside the frame, at a height that fits', async () => {
    // Use up this client's sign-ups from the same address the browser posts from.
    for (let attempt = 0; attempt < CLIENT_ATTEMPTS_PER_QUARTER; attempt += 1) {
      const response = await fetch(`${base}${embedPath(slug)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base }, body: `email=used.${attempt}%40example.org` });
      await response.text();
    }
    const { context, page, frame } = await openPartner(360);
    try {
      await frame.getByLabel('Email address').fill('late.reader@example.org');
      await frame.getByRole('button', { name: 'Sign up' }).click();
      await frame.getByText('Too many attempts', { exact: true }).waitFor();
      assert.match(await frame.locator('.newsletter-problems').innerText(), /Please try again in \d+ minutes?/);
      const shown = await fitted(page, frame);
      assert.ok(!shown.scrolls && shown.buttonBottom <= shown.frame, `the failure (${shown.content}px) fits its frame (${shown.frame}px)`);
      assert.ok(shown.content <= EMBED_DEFAULT_HEIGHT, `and would fit the default height too (${shown.content}px)`);
      await page.screenshot({ path: path.join(SHOTS, 'newsletter-embed-partner-429.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});

/**
 * The request form in Chromium, with no script of ours: filling it in, a refused field
 * announced next to itself, the redirect to the quote page, and no serious axe findings.
 * Requests are answered in-process (page.route → app.request), so no port is opened.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { CHROMIUM, CHROMIUM_ARGS, SHOTS, axeViolations, hasChromium } from '../browser/chromium.ts';
import { openTestDatabase } from '../db-matrix.ts';
import { seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { ORIGIN } from './request-form-helpers.ts';

describe('republishing request form in Chromium', { skip: hasChromium ? false : `${CHROMIUM} not installed` }, () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let browser: Browser;
  let mediaDir: string;
  let articleId: number;

  before(async () => {
    handle = await openTestDatabase('sqlite');
    mediaDir = tempMediaDir();
    t = createTestApp(handle, mediaDir);
    articleId = (await seedSmallNewsroom(handle.db, mediaDir, 1)).articleIds[0] ?? 0;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await t?.ctx.mailer.close();
    await handle?.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  async function openPage(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, bypassCSP: true, javaScriptEnabled: true });
    await page.route(`${ORIGIN}/**`, async (route) => {
      const request = route.request();
      const body = request.postDataBuffer();
      const response = await t.app.request(request.url(), { method: request.method(), headers: request.headers(), ...(body ? { body: new Uint8Array(body) } : {}) }, { incoming: { socket: { remoteAddress: '127.0.0.1' } } });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        headers[key] = key === 'location' ? new URL(value, ORIGIN).toString() : value;
      });
      await route.fulfill({ status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) });
    });
    return page;
  }

  test('fill in, correct a refused field, land on the quote', async () => {
    const page = await openPage();
    await page.goto(`${ORIGIN}/republish/${articleId}/request`);
    assert.deepEqual(await axeViolations(page), []);
    await page.getByLabel('Your name').fill('Layla Mansour');
    await page.getByLabel('Email address').fill('not an email');
    await page.getByLabel('Organisation').fill('Coastal Weekly');
    await page.getByLabel('Your outlet’s website').fill('https://coastal.example.org');
    await page.getByLabel('Type of outlet').selectOption('commercial');
    await page.getByLabel('Where it will appear').selectOption('print');
    await page.getByLabel('Territory').selectOption('national');
    await page.getByLabel('Country').selectOption('JO');
    await page.getByLabel('Language you will publish in').selectOption('ar');
    await page.getByLabel('Audience size').selectOption('100k-1m');
    await page.getByRole('button', { name: 'Send request and see the quote' }).click();

    await page.getByRole('alert').waitFor();
    const email = page.getByLabel('Email address');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.match((await email.getAttribute('aria-describedby')) ?? '', /republish-email-error/);
    assert.equal(await email.inputValue(), 'not an email', 'what was typed comes back');
    assert.deepEqual(await axeViolations(page), []);

    await email.fill('layla@coastal.example.org');
    await page.getByRole('button', { name: 'Send request and see the quote' }).click();
    await page.waitForURL(/\/republish\/requests\//);
    assert.match(await page.locator('h1').innerText(), /Your republishing request/);
    // commercial 250 ×1.25 print ×1 national ×1.5 audience ×1 non-exclusive ×1.25 translation = 585.94
    assert.match(await page.locator('.republish-quote tfoot').innerText(), /585\.94/);
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: path.join(SHOTS, 'republish-quote.png'), fullPage: true });
    await page.close();
  });
});

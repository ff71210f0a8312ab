/// <reference lib="dom" />
/**
 * The newsletter admin in Chromium, for what only a browser can measure: on a list's page
 * the visibility radios sit on the line of their labels (as every other check box of the
 * admin does), and the promo-rule forms are spaced apart, each heading clear of the form
 * above it. Screenshots land in test-results/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext } from 'playwright-core';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { createHttpServer } from '../../src/server.ts';
import { openTestDatabase } from '../db-matrix.ts';
import { createSection, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { signInAs } from '../admin/admin-client.ts';
import { CHROMIUM, CHROMIUM_ARGS, SHOTS, hasChromium } from '../browser/chromium.ts';
import { createList } from './support/fixtures.ts';

describe('newsletter admin pages in Chromium', { skip: hasChromium ? false : `${CHROMIUM} not installed` }, () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let server: http.Server;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let mediaDir: string;
  let listId: number;

  before(async () => {
    handle = await openTestDatabase('sqlite');
    mediaDir = tempMediaDir();
    await createSection(handle.db, { slug: 'news', name: 'News' });
    listId = await createList(handle.db);
    t = createTestApp(handle, mediaDir);
    server = createHttpServer(t.ctx, t.assets);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const { client } = await signInAs(t, 'editor');
    context = await browser.newContext({ viewport: { width: 1100, height: 900 }, baseURL: base });
    await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: base })));
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await t?.ctx.mailer.close();
    await handle?.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('the visibility radios sit beside their labels, and the promo-rule forms are spaced apart', async () => {
    const page = await context.newPage();
    try {
      assert.equal((await page.goto(`/admin/newsletters/${listId}`))?.status(), 200);
      await page.screenshot({ path: path.join(SHOTS, 'newsletter-admin-list.png'), fullPage: true });
      for (const value of ['public', 'private']) {
        const radio = page.locator(`input[name="visibility"][value="${value}"]`);
        const label = page.locator('label', { has: radio });
        const [box, labelBox] = [await radio.boundingBox(), await label.boundingBox()];
        assert.ok(box && labelBox);
        // On the first line of its label, at its start — not centred on a line of its own above the text.
        assert.ok(Math.abs(box.x - labelBox.x) < 2, `${value}: radio at the label's start (${box.x} vs ${labelBox.x})`);
        assert.ok(labelBox.height < box.height * 2.5, `${value}: label and radio share one line (label ${labelBox.height}px, radio ${box.height}px)`);
        const textStart = await label.evaluate((element) => {
          const range = document.createRange();
          const text = Array.from(element.childNodes as ArrayLike<Node>).find((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
          if (!text) return null;
          range.selectNodeContents(text);
          const rect = range.getBoundingClientRect();
          return { x: rect.x, y: rect.y + rect.height / 2 };
        });
        assert.ok(textStart && textStart.x > box.x + box.width, `${value}: the text follows the radio`);
        assert.ok(Math.abs(textStart.y - (box.y + box.height / 2)) < box.height, `${value}: radio and text on one line`);
      }
      const headings = page.locator('section[aria-labelledby="rules-heading"] form:has(h3) h3');
      assert.equal(await headings.count(), 4);
      for (let index = 1; index < 4; index += 1) {
        const heading = await headings.nth(index).boundingBox();
        const previousButton = await page.locator('section[aria-labelledby="rules-heading"] form:has(h3)').nth(index - 1).locator('button[type="submit"]').boundingBox();
        assert.ok(heading && previousButton);
        const gap = heading.y - (previousButton.y + previousButton.height);
        assert.ok(gap >= 24, `rule form ${index + 1}: its heading is ${gap}px below the button above it`);
      }
    } finally {
      await page.close();
    }
  });
});

/// <reference lib="dom" />
/**
 * What only a browser proves: axe-core finds no serious or critical WCAG violations,
 * the skip link is the first thing Tab reaches, pages work without JavaScript, phones
 * get no sideways scrolling, and Arabic pages mirror. Screenshots land in test-results/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { createArticle } from '../../src/articles/commands.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { createHttpServer } from '../../src/server.ts';
import { buildArticle, paragraphDoc, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { openTestDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import { CHROMIUM, CHROMIUM_ARGS, SHOTS, axeViolations, hasChromium } from './chromium.ts';

describe('reader site in Chromium', { skip: hasChromium ? false : `${CHROMIUM} not installed` }, () => {
  let handle: DatabaseHandle;
  let server: http.Server;
  let browser: Browser;
  let base: string;
  let mediaDir: string;

  before(async () => {
    handle = await openTestDatabase('sqlite');
    mediaDir = tempMediaDir();
    const seeded = await seedSmallNewsroom(handle.db, mediaDir, 6);
    await createArticle(handle.db, buildArticle({ sectionId: seeded.newsId, slug: 'envoy-talks', translationGroup: 'g1', headline: 'Envoy holds talks with security chief in capital', authorIds: [seeded.authorId], byline: null, heroImageId: seeded.imageId, tagIds: [seeded.countryId] }));
    await createArticle(handle.db, buildArticle({ sectionId: seeded.newsId, slug: 'mahadithat-al-mabuth', language: 'ar', translationGroup: 'g1', headline: 'المبعوث يجري محادثات مع رئيس الأمن في العاصمة', standfirst: 'أجرى المبعوث محادثات في العاصمة، بحسب ما أفادت وكالة أنباء إقليمية.', body: paragraphDoc('التقى المبعوث برئيس جهاز الأمن لمناقشة الوضع في المنطقة.', 'وقال مسؤول إن المحادثات كانت بنّاءة.'), heroImageId: seeded.imageId, tagIds: [seeded.countryId] }));
    const { ctx, assets } = createTestApp(handle, mediaDir);
    server = createHttpServer(ctx, assets);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await handle?.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const pages: [string, string, number][] = [
    ['home', '/', 200],
    ['article', '/news/envoy-talks', 200],
    ['section', '/news', 200],
    ['tag', '/countries/jordan', 200],
    ['author', '/authors/rania-haddad', 200],
    ['not-found', '/news/no-such-story', 404],
    ['arabic-article', '/ar/news/mahadithat-al-mabuth', 200],
    ['admin-setup', '/admin/setup', 200],
  ];

  for (const [name, url, status] of pages) {
    test(`${name}: no serious or critical axe violations, no sideways scroll on phones`, async () => {
      for (const width of [390, 1280]) {
        // The site's CSP forbids every script, including axe's; the test context is allowed to inject it.
        const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
        const page = await context.newPage();
        try {
          const response = await page.goto(`${base}${url}`);
          assert.equal(response?.status(), status);
          if (width === 1280) assert.deepEqual(await axeViolations(page), [], `${url} at ${width}px`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `${url} scrolls sideways by ${overflow}px at ${width}px`);
          await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
        } finally {
          await context.close();
        }
      }
    });
  }

  test('the skip link is the first thing Tab reaches and moves focus to main', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/news/envoy-talks`);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
      assert.ok(await page.evaluate(() => (document.activeElement as HTMLElement).getBoundingClientRect().height > 0), 'the focused skip link is visible');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    } finally {
      await page.close();
    }
  });

  test('articles read completely with JavaScript turned off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/news/envoy-talks`);
      assert.equal(await page.locator('h1').textContent(), 'Envoy holds talks with security chief in capital');
      assert.ok(await page.locator('.article__body p').first().isVisible());
      assert.ok(await page.locator('figure.figure--hero img').isVisible());
      const loaded = await page.evaluate(() => (document.querySelector('figure.figure--hero img') as HTMLImageElement).naturalWidth);
      assert.ok(loaded > 0, 'the hero image loads');
    } finally {
      await context.close();
    }
  });

  test('Arabic pages are right to left and mirror the layout', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${base}/ar/news/mahadithat-al-mabuth`);
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl');
      const headline = await page.locator('h1').boundingBox();
      assert.ok(headline && headline.x + headline.width > 640, 'the headline starts on the right');
      const english = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await english.goto(`${base}/news/envoy-talks`);
      const englishHeadline = await english.locator('h1').boundingBox();
      assert.ok(englishHeadline && englishHeadline.x < 640, 'the English headline starts on the left');
      await english.close();
    } finally {
      await page.close();
    }
  });
});

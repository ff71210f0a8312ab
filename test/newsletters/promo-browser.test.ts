/// <reference lib="dom" />
/**
 * The newsletter pages in Chromium: the article promo, /newsletters (English and Arabic)
 * and the embeddable form have no serious axe violations in light and dark schemes, sign-up
 * works with JavaScript off, and Arabic mirrors. Screenshots land in test-results/.
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
import { settleSignupMail } from '../../src/newsletters/signup.ts';
import { buildArticle, createSection, createTag, tempMediaDir } from '../factories.ts';
import { openTestDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import { CHROMIUM, CHROMIUM_ARGS, SHOTS, axeViolations, hasChromium } from '../browser/chromium.ts';

describe('newsletter pages in Chromium', { skip: hasChromium ? false : `${CHROMIUM} not installed` }, () => {
  let handle: DatabaseHandle;
  let server: http.Server;
  let browser: Browser;
  let base: string;
  let mediaDir: string;

  before(async () => {
    handle = await openTestDatabase('sqlite');
    mediaDir = tempMediaDir();
    const db = handle.db;
    const news = await createSection(db, { slug: 'news', name: 'News' });
    const jordan = await createTag(db, { kind: 'country', slug: 'jordan', name: 'Jordan' });
    await createArticle(db, buildArticle({ sectionId: news, slug: 'water-talks', headline: 'Water talks resume in the capital', tagIds: [jordan] }));
    await createArticle(db, buildArticle({ sectionId: news, slug: 'mahadithat-al-miyah', language: 'ar', headline: 'استئناف محادثات المياه في العاصمة', tagIds: [jordan] }));
    const now = new Date().toISOString();
    const list = async (slug: string, name: string, language: string, description: string, cadence: string, position: number) =>
      (await db.insertInto('newsletters').values({ slug, name, description, cadence, sender_name: 'The Tamarisk', sender_address: 'news@example.org', reply_to: null, language, visibility: 'public', position, track_opens: 0, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    const daily = await list('daily-briefing', 'The Daily Briefing', 'en', 'The stories that matter across the region, in five minutes.', 'Every weekday morning', 0);
    const letter = await list('jordan-letter', 'The Jordan Letter', 'en', 'Reporting from Amman, Aqaba and Mafraq.', 'Every other Thursday', 1);
    const weekly = await list('arabic-weekly', 'الطرفاء الأسبوعية', 'ar', 'أبرز تقاريرنا بالعربية كل أسبوع.', 'كل يوم جمعة', 2);
    await db.insertInto('newsletter_promo_rules').values([
      { newsletter_id: daily, kind: 'default', value: null, priority: 0 },
      { newsletter_id: letter, kind: 'tag', value: String(jordan), priority: 0 },
      { newsletter_id: weekly, kind: 'language', value: 'ar', priority: 0 },
    ]).execute();
    const { ctx, assets } = createTestApp(handle, mediaDir);
    server = createHttpServer(ctx, assets);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await settleSignupMail();
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await handle?.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const pages: [string, string, string | undefined][] = [
    ['newsletter-promo', '/news/water-talks', '.newsletter-promo'],
    ['newsletter-promo-ar', '/ar/news/mahadithat-al-miyah', '.newsletter-promo'],
    ['newsletters', '/newsletters', undefined],
    ['newsletters-ar', '/ar/newsletters', undefined],
    ['newsletter-embed', '/newsletters/jordan-letter/embed', undefined],
  ];

  for (const [name, url, scope] of pages) {
    test(`${name}: no serious or critical axe violations in light and dark`, async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        // The site's CSP forbids every script, including axe's; the test context is allowed to inject it.
        const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme, bypassCSP: true });
        try {
          const page = await context.newPage();
          const response = await page.goto(`${base}${url}`);
          assert.equal(response?.status(), 200);
          if (scope) await page.locator(scope).screenshot({ path: path.join(SHOTS, `${name}-${colorScheme}.png`) });
          else await page.screenshot({ path: path.join(SHOTS, `${name}-${colorScheme}.png`), fullPage: true });
          assert.deepEqual(await axeViolations(page, scope), [], `${name} (${colorScheme})`);
        } finally {
          await context.close();
        }
      }
    });
  }

  test('the Arabic promo mirrors: the list’s name on the right, the form on the left', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    try {
      await page.goto(`${base}/ar/news/mahadithat-al-miyah`);
      const title = await page.locator('#newsletter-promo-title').boundingBox();
      const form = await page.locator('.newsletter-promo__form').boundingBox();
      assert.ok(title && form && title.x > form.x, 'text first, at the right');
      assert.equal(await page.locator('.newsletter-promo').evaluate((element) => getComputedStyle(element).direction), 'rtl');
    } finally {
      await page.close();
    }
  });

  test('on /newsletters each card’s box sits beside the start of its own text, also for a list in the other direction', async () => {
    for (const [url, viewport] of [['/newsletters', 1100], ['/newsletters', 390], ['/ar/newsletters', 1100]] as const) {
      const page = await browser.newPage({ viewport: { width: viewport, height: 900 } });
      try {
        await page.goto(`${base}${url}`);
        const cards = page.locator('.newsletter-list__item');
        assert.equal(await cards.count(), 3, `${url}: every public list, whatever the edition`);
        for (let index = 0; index < 3; index += 1) {
          const card = cards.nth(index);
          const direction = await card.evaluate((element) => getComputedStyle(element).direction);
          const box = await card.locator('input[type="checkbox"]').boundingBox();
          const name = await card.locator('.newsletter-list__name').boundingBox();
          const cardBox = await card.boundingBox();
          assert.ok(box && name && cardBox);
          // The gap between the box and the near edge of the list's name: a few pixels, never the width of the card.
          const gap = direction === 'rtl' ? box.x - (name.x + name.width) : name.x - (box.x + box.width);
          assert.ok(gap >= 0 && gap < 24, `${url} @${viewport}: card ${index + 1} (${direction}) has its box ${gap}px from its text`);
          assert.ok(direction === 'rtl' ? box.x > cardBox.x + cardBox.width / 2 : box.x < cardBox.x + cardBox.width / 2, `${url}: the box is at the ${direction} card's start`);
        }
        const arabicCard = page.locator('.newsletter-list__item', { hasText: 'الطرفاء الأسبوعية' });
        assert.equal(await arabicCard.evaluate((element) => getComputedStyle(element).direction), 'rtl');
        await page.screenshot({ path: path.join(SHOTS, `newsletters-cards${url.replaceAll('/', '-')}-${viewport}.png`), fullPage: true });
      } finally {
        await page.close();
      }
    }
  });

  test('with JavaScript off, signing up from the promo reaches “check your inbox”', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/news/water-talks`);
      await page.getByLabel('Email address').fill('browser.reader@example.org');
      await page.locator('.newsletter-promo .newsletter-form__submit').click();
      await page.waitForURL(`${base}/newsletters/subscribe`);
      assert.equal(await page.locator('h1').textContent(), 'Check your inbox');
      const row = await handle.db.selectFrom('subscribers').select('id').where('email', '=', 'browser.reader@example.org').executeTakeFirst();
      assert.ok(row, 'the browser’s same-origin post was accepted');
    } finally {
      await context.close();
    }
  });
});

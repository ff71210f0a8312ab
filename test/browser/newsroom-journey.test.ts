/// <reference lib="dom" />
/**
 * The newsroom from first start to a corrected story, in Chromium against the real app:
 * the owner sets up and invites a contributor and an editor; the contributor writes an
 * article with a dragged-in photo, caption and credit and submits it; the editor sends
 * it back with a note, then approves and schedules it; the scheduler publishes it at its
 * time with the photo's variants and no EXIF; the editor adds a correction. Then two
 * people save one article at once: the stale save is refused and nothing is lost.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import type { DatabaseHandle } from '../../src/db/database.ts';
import type { EditableArticle } from '../../src/newsroom/editable.ts';
import { startScheduler } from '../../src/newsroom/scheduler.ts';
import type { Scheduler } from '../../src/newsroom/scheduler.ts';
import { createHttpServer } from '../../src/server.ts';
import { openTestDatabase } from '../db-matrix.ts';
import { makeJpeg, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { CHROMIUM, CHROMIUM_ARGS, SHOTS, axeViolations, hasChromium } from './chromium.ts';

const PASSWORD = 'a long newsroom passphrase';

describe('the newsroom journey in Chromium', { skip: hasChromium ? false : `${CHROMIUM} not installed` }, () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let server: http.Server;
  let scheduler: Scheduler;
  let browser: Browser;
  let base: string;
  let mediaDir: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    handle = await openTestDatabase('sqlite');
    mediaDir = tempMediaDir();
    await seedSmallNewsroom(handle.db, mediaDir, 2);
    t = createTestApp(handle, mediaDir);
    server = createHttpServer(t.ctx, t.assets);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    scheduler = startScheduler(handle.db, t.ctx.logger, 250);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await scheduler?.stop();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await handle?.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: base });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`script error on ${page.url()}: ${error.message}`));
    return page;
  }

  async function lastLinkTo(address: string, kind: 'invite' | 'reset'): Promise<string> {
    const mail = await handle.db.selectFrom('mail_outbox').select('text_body').where('to_address', '=', address).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const link = new RegExp(`/admin/${kind}/[A-Za-z0-9_-]+`).exec(mail.text_body)?.[0];
    assert.ok(link, `the email to ${address} carries a link`);
    return link;
  }

  async function acceptInvitation(address: string): Promise<Page> {
    const page = await newPage();
    await page.goto(await lastLinkTo(address, 'invite'));
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('form button[type="submit"]');
    await page.waitForURL(/\/admin$/);
    return page;
  }

  async function waitForSaved(page: Page): Promise<void> {
    await page.waitForFunction(() => /Saved at|Draft saved at/.test(document.getElementById('editor-save-status')?.textContent ?? ''), undefined, { timeout: 15_000 });
  }

  function articleIdFrom(page: Page): number {
    const id = /\/admin\/articles\/(\d+)/.exec(page.url())?.[1];
    assert.ok(id);
    return Number(id);
  }

  async function api(page: Page, articleId: number): Promise<EditableArticle> {
    return page.evaluate(async (id) => (await fetch(`/admin/api/articles/${id}`)).json() as Promise<EditableArticle>, articleId);
  }

  async function step(page: Page, action: string, fill?: () => Promise<void>): Promise<void> {
    await fill?.();
    const loaded = page.waitForEvent('load', { timeout: 15_000 });
    await page.click(`[data-action="${action}"]`);
    try {
      await loaded;
    } catch {
      const problems = await page.locator('#editor-workflow-problems, #editor-save-problems, #editor-alerts').allInnerTexts();
      assert.fail(`"${action}" did not complete: ${problems.join(' | ')}`);
    }
  }

  test('set up → invite → write with a dragged photo → send back → approve and schedule → public at its time → correction', async () => {
    // The owner's first visit: the one-time setup.
    const owner = await newPage();
    await owner.goto('/admin');
    assert.match(owner.url(), /\/admin\/setup$/);
    await owner.fill('input[name="name"]', 'Nadia Owner');
    await owner.fill('input[name="email"]', 'owner@example.test');
    await owner.fill('input[name="password"]', PASSWORD);
    await Promise.all([owner.waitForURL(/\/admin$/), owner.click('form button[type="submit"]')]);

    // Invitations for a contributor and an editor, sent through the mail module (kept in the outbox).
    for (const [email, name, role] of [['writer@example.test', 'Walid Writer', 'contributor'], ['desk@example.test', 'Dalia Desk', 'editor']] as const) {
      await owner.goto('/admin/users');
      const form = owner.locator('form', { has: owner.locator('input[name="email"]') });
      await form.locator('input[name="email"]').fill(email);
      await form.locator('input[name="name"]').fill(name);
      await form.locator('select[name="role"]').selectOption(role);
      await Promise.all([owner.waitForEvent('load'), form.locator('button[type="submit"]').click()]);
    }
    await owner.goto('/admin/outbox');
    assert.match(await owner.content(), /writer@example\.test/);

    // The contributor joins and writes.
    const writer = await acceptInvitation('writer@example.test');
    await writer.goto('/admin/articles/new');
    await writer.fill('input[name="headline"]', 'Fishermen count the cost of a warmer gulf');
    await Promise.all([writer.waitForURL(/\/admin\/articles\/\d+$/), writer.click('form.admin-form button[type="submit"]')]);
    const articleId = articleIdFrom(writer);
    await writer.waitForSelector('.ProseMirror');
    await writer.fill('#editor-standfirst', 'Catches have fallen for three seasons, and the boats go further out each year.');
    await writer.fill('#editor-byline', 'Gulf Desk');
    await writer.click('.ProseMirror');
    await writer.keyboard.type('The harbour wakes before dawn, as it always has, but the nets come back lighter.');
    await writer.keyboard.press('Enter');

    // A photo with GPS EXIF, dragged onto the text.
    const jpeg = (await makeJpeg({ width: 1600, height: 1000, withGps: true })).toString('base64');
    const box = await writer.locator('.ProseMirror').boundingBox();
    assert.ok(box);
    await writer.evaluate(
      ({ bytes, x, y }) => {
        const data = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([data], 'harbour-at-dawn.jpg', { type: 'image/jpeg' }));
        const target = document.querySelector('.ProseMirror')!;
        for (const type of ['dragenter', 'dragover', 'drop']) {
          target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer, clientX: x, clientY: y }));
        }
      },
      { bytes: jpeg, x: box.x + 40, y: box.y + box.height - 10 },
    );
    const figure = writer.locator('figure[data-body-node="imageBlock"]');
    await figure.locator('img').waitFor({ timeout: 20_000 });
    await figure.getByLabel('Caption').fill('Boats return to the harbour at first light.');
    await figure.getByLabel('Credit').fill('Walid Writer');
    await figure.getByLabel('Alt text').fill('Small fishing boats tied up along a stone quay at dawn');
    await writer.click('#editor-save');
    await waitForSaved(writer);
    await writer.screenshot({ path: path.join(SHOTS, 'journey-editor-contributor.png'), fullPage: true });
    await step(writer, 'submit');
    assert.equal((await api(writer, articleId)).status, 'in_review');

    // The editor sends it back with a note …
    const desk = await acceptInvitation('desk@example.test');
    assert.match(await desk.locator('main').innerText(), /Waiting for review[\s\S]*Fishermen count the cost/);
    await desk.screenshot({ path: path.join(SHOTS, 'journey-review-inbox.png'), fullPage: true });
    await desk.goto(`/admin/articles/${articleId}`);
    await desk.waitForSelector('.ProseMirror');
    await step(desk, 'send_back', () => desk.fill('#editor-send-back-note', 'Add how far out the boats now go, with a source.'));
    assert.equal((await api(desk, articleId)).status, 'draft');

    // … the writer sees it, adds the line and resubmits …
    await writer.goto('/admin');
    assert.match(await writer.locator('main').innerText(), /Sent back to you[\s\S]*Fishermen count the cost/);
    await writer.goto(`/admin/articles/${articleId}/history`);
    assert.match(await writer.locator('main').innerText(), /Add how far out the boats now go, with a source\./);
    await writer.goto(`/admin/articles/${articleId}`);
    await writer.waitForSelector('.ProseMirror');
    await writer.locator('.ProseMirror > p').first().click();
    await writer.keyboard.press('End');
    await writer.keyboard.type(' Skippers say they now sail forty kilometres out, twice as far as a decade ago.');
    await waitForSaved(writer);
    await step(writer, 'submit');

    // … and the editor approves it for a time a few seconds ahead.
    await desk.goto(`/admin/articles/${articleId}`);
    await desk.waitForSelector('.ProseMirror');
    await step(desk, 'approve-at', () =>
      desk.evaluate(() => {
        // A local date-time string (no named helpers here: this runs in the page).
        const at = new Date(Date.now() + 6000);
        const parts = [at.getMonth() + 1, at.getDate(), at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0'));
        const local = `${at.getFullYear()}-${parts[0]}-${parts[1]}T${parts[2]}:${parts[3]}:${parts[4]}`;
        (document.getElementById('editor-schedule-at') as HTMLInputElement).value = local;
      }),
    );
    const scheduled = await api(desk, articleId);
    assert.equal(scheduled.status, 'scheduled');
    const reader = await newPage();
    assert.equal((await reader.goto(scheduled.url))?.status(), 404, 'not public before its time');

    // The scheduler publishes it at its time.
    let status = 404;
    for (let attempt = 0; attempt < 60 && status !== 200; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await reader.goto(scheduled.url))?.status() ?? 0;
    }
    assert.equal(status, 200);
    assert.match(await reader.locator('h1').innerText(), /Fishermen count the cost of a warmer gulf/);
    assert.match(await reader.locator('article.article').innerText(), /Boats return to the harbour at first light\./);
    const sources = await reader.locator('article.article picture source').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('srcset') ?? ''));
    const variantUrls = [...new Set(sources.flatMap((srcset) => srcset.split(',').map((part) => part.trim().split(' ')[0] ?? '')))].filter((url) => url.startsWith('/media/'));
    assert.ok(variantUrls.length >= 4, `responsive variants: ${variantUrls.join(', ')}`);
    for (const url of variantUrls) {
      const bytes = Buffer.from(await (await fetch(`${base}${url}`)).arrayBuffer());
      const metadata = await sharp(bytes).metadata();
      assert.equal(metadata.exif, undefined, `${url} carries no EXIF`);
    }
    await reader.screenshot({ path: path.join(SHOTS, 'journey-published-article.png'), fullPage: true });

    // A correction, from the editor, on the article and the corrections page.
    await desk.goto(`/admin/articles/${articleId}`);
    await desk.waitForSelector('.ProseMirror');
    await desk.fill('#editor-correction-body', 'An earlier version said catches had fallen for two seasons; it is three.');
    await desk.click('#editor-correction-add');
    await desk.waitForFunction(() => /it is three/.test(document.getElementById('editor-corrections')?.textContent ?? ''), undefined, { timeout: 10_000 });
    // A new reader (the first one's browser may keep the page for its max-age of a minute).
    const later = await newPage();
    await later.goto(scheduled.url);
    assert.match(await later.locator('article.article').innerText(), /it is three/);
    await later.goto('/corrections');
    assert.match(await later.locator('main').innerText(), /it is three/);

    // axe is injected as a script, so it runs in a copy of each session whose context may bypass the CSP.
    for (const page of [desk, writer]) {
      const context = await browser.newContext({ storageState: await page.context().storageState(), bypassCSP: true, baseURL: base });
      contexts.push(context);
      const audit = await context.newPage();
      for (const address of ['/admin', `/admin/articles/${articleId}/history`, '/admin/articles', '/admin/media']) {
        await audit.goto(address);
        assert.deepEqual(await axeViolations(audit), [], `axe on ${address}`);
      }
    }
    await desk.goto(`/admin/articles/${articleId}/history`);
    await desk.screenshot({ path: path.join(SHOTS, 'journey-history.png'), fullPage: true });
  });

  test('two people editing one article: the stale save is refused and both versions are kept', async () => {
    const first = await newPage();
    await first.goto('/admin/login');
    await first.fill('input[name="email"]', 'desk@example.test');
    await first.fill('input[name="password"]', PASSWORD);
    await Promise.all([first.waitForURL(/\/admin$/), first.click('form.admin-form button[type="submit"]')]);
    await first.goto('/admin/articles/new');
    await first.fill('input[name="headline"]', 'Desalination plant opens its second line');
    await Promise.all([first.waitForURL(/\/admin\/articles\/\d+$/), first.click('form.admin-form button[type="submit"]')]);
    const articleId = articleIdFrom(first);

    const second = await newPage();
    await second.goto('/admin/login');
    await second.fill('input[name="email"]', 'owner@example.test');
    await second.fill('input[name="password"]', PASSWORD);
    await Promise.all([second.waitForURL(/\/admin$/), second.click('form.admin-form button[type="submit"]')]);
    await second.goto(`/admin/articles/${articleId}`);
    await first.waitForSelector('.ProseMirror');
    await second.waitForSelector('.ProseMirror');

    await first.fill('#editor-standfirst', 'The first desk writes this standfirst.');
    await waitForSaved(first);
    await second.fill('#editor-standfirst', 'The second desk writes a different one, unaware.');
    const banner = second.locator('[role="alert"]', { hasText: /newer version/i });
    await banner.waitFor({ timeout: 15_000 });
    await second.screenshot({ path: path.join(SHOTS, 'journey-conflict.png'), fullPage: true });

    const current = await api(first, articleId);
    assert.equal(current.fields.standfirst, 'The first desk writes this standfirst.');
    const revisions = await first.evaluate(async (id) => (await (await fetch(`/admin/api/articles/${id}/revisions`)).json()) as { revisions: { id: number; kind: string }[] }, articleId);
    const kept = revisions.revisions.find((revision) => revision.kind === 'conflict');
    assert.ok(kept, 'the refused version is kept as a revision');
    const keptFields = await first.evaluate(async ([id, revisionId]) => (await (await fetch(`/admin/api/articles/${id}/revisions/${revisionId}`)).json()) as { fields: { standfirst: string } }, [articleId, kept.id] as const);
    assert.equal(keptFields.fields.standfirst, 'The second desk writes a different one, unaware.');
  });
});

/// <reference lib="dom" />
/**
 * The article editor in Chromium, against the real app: axe finds no serious or critical
 * violations, typing autosaves and survives a reload, leaving with unsaved text asks
 * first, a tag is added by keyboard alone, bad input is explained without losing text,
 * a newer version saved elsewhere stops saving with a banner instead of overwriting, the
 * heading and tab title follow the headline, deleting asks first and leaves cleanly, and
 * a live article's unpublished autosave is offered back.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createSession } from '../../src/accounts/sessions.ts';
import { createUser } from '../../src/accounts/users.ts';
import { createArticle } from '../../src/articles/commands.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import type { EditableArticle } from '../../src/newsroom/editable.ts';
import { createHttpServer } from '../../src/server.ts';
import { openTestDatabase } from '../db-matrix.ts';
import { buildArticle, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { CHROMIUM, CHROMIUM_ARGS, SHOTS, axeViolations, hasChromium } from './chromium.ts';

describe('article editor in Chromium', { skip: hasChromium ? false : `${CHROMIUM} not installed` }, () => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let server: http.Server;
  let browser: Browser;
  let base: string;
  let mediaDir: string;
  let session: { token: string; csrfToken: string };
  let sectionId: number;
  let authorId: number;
  let topicId: number;
  let countryId: number;
  let imageId: number;

  before(async () => {
    handle = await openTestDatabase('sqlite');
    mediaDir = tempMediaDir();
    const seeded = await seedSmallNewsroom(handle.db, mediaDir, 1);
    sectionId = seeded.newsId;
    authorId = seeded.authorId;
    ({ topicId, countryId, imageId } = seeded);
    t = createTestApp(handle, mediaDir);
    const userId = await createUser(t.ctx.db, { email: 'editor@example.test', name: 'Eda Editor', role: 'editor', password: 'correct horse battery staple' }, { actorUserId: null });
    session = await createSession(t.ctx.db, userId, { ip: null, userAgent: 'browser test' });
    server = createHttpServer(t.ctx, t.assets);
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

  /** A fresh draft to edit, so tests do not see each other's saves. */
  let drafts = 0;
  async function newDraft(): Promise<number> {
    drafts += 1;
    // A slug that is exactly the headline's, so the editor keeps it following the headline.
    return createArticle(handle.db, buildArticle({ sectionId, authorIds: [authorId], byline: null, status: 'draft', publishedAt: null, headline: `Port talks resume ${drafts}`, slug: `port-talks-resume-${drafts}` }));
  }

  async function openEditor(articleId: number, options: { width?: number; bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, bypassCSP: options.bypassCSP === true });
    await context.addCookies([{ name: 'masthead_session', value: session.token, url: base }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${base}/admin/articles/${articleId}`);
    assert.equal(response?.status(), 200);
    await page.locator('.body-editor__content').waitFor();
    return { context, page, errors };
  }

  async function apiGet(articleId: number): Promise<EditableArticle> {
    const response = await fetch(`${base}/admin/api/articles/${articleId}`, { headers: { cookie: `masthead_session=${session.token}` } });
    return (await response.json()) as EditableArticle;
  }

  const status = (page: Page) => page.locator('#editor-save-status');

  /** Serious and critical axe findings in the page's main element (the whole editor, the body editor's toolbar included). The page must be opened with `bypassCSP`. */
  const seriousAxeViolations = (page: Page) => axeViolations(page, '#main');

  /** Calls the Admin API as the signed-in editor, from outside the page. */
  function apiSend(method: string, apiPath: string, body?: unknown): Promise<Response> {
    return fetch(`${base}${apiPath}`, {
      method,
      headers: { cookie: `masthead_session=${session.token}`, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** Records every JavaScript dialog (a leave-page question is one) and dismisses it. */
  function recordDialogs(page: Page): string[] {
    const seen: string[] = [];
    page.on('dialog', (dialog) => {
      seen.push(dialog.type());
      void dialog.dismiss();
    });
    return seen;
  }

  /** A published article with changes the editor autosaved after the live version. */
  async function liveArticleWithAutosave(headline: string, change: Partial<EditableArticle['fields']>): Promise<number> {
    const articleId = await createArticle(handle.db, buildArticle({ sectionId, authorIds: [authorId], byline: null, headline, slug: `live-${Date.now()}`, tagIds: [countryId] }));
    const live = await apiGet(articleId);
    const response = await apiSend('PUT', `/admin/api/articles/${articleId}`, { baseRevision: live.revision, autosave: true, minorEdit: false, fields: { ...live.fields, ...change } });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { applied: boolean }).applied, false, 'kept beside the live version');
    assert.ok((await apiGet(articleId)).pendingAutosave, 'the API reports the pending autosave');
    return articleId;
  }

  test('no serious or critical axe violations; the editor fits a phone', async () => {
    const articleId = await newDraft();
    for (const width of [1280, 390]) {
      // The admin's CSP forbids inline and injected scripts; the test context may inject axe.
      const { context, page, errors } = await openEditor(articleId, { width, bypassCSP: true });
      try {
        if (width === 1280) assert.deepEqual(await seriousAxeViolations(page), []);
        const wide = await page.evaluate(() => Array.from(document.querySelectorAll('#editor *')).filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length);
        assert.equal(wide, 0, `editor elements wider than the ${width}px viewport`);
        await page.screenshot({ path: path.join(SHOTS, `editor-${width}.png`) });
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });

  test('typing autosaves, and a reload shows the text', async () => {
    const articleId = await newDraft();
    const { context, page, errors } = await openEditor(articleId);
    try {
      const headline = page.locator('#editor-headline');
      await headline.fill('');
      await headline.pressSequentially('Harbour reopens after storm');
      assert.equal(await status(page).textContent(), 'Unsaved changes');
      assert.equal(await page.locator('#editor-slug').inputValue(), 'harbour-reopens-after-storm', 'the slug follows the headline');
      await page.locator('.body-editor__content').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Fishing boats went back out at dawn.');
      await page.waitForFunction(() => /^Saved at /.test(document.getElementById('editor-save-status')?.textContent ?? ''), undefined, { timeout: 10_000 });
      assert.match(await page.locator('#editor-counts').textContent() ?? '', /^1\d words · 1 min read$/);

      const saved = await apiGet(articleId);
      assert.equal(saved.fields.headline, 'Harbour reopens after storm');
      assert.equal(saved.fields.slug, 'harbour-reopens-after-storm');

      await page.reload();
      await page.locator('.body-editor__content').waitFor();
      assert.equal(await page.locator('#editor-headline').inputValue(), 'Harbour reopens after storm');
      assert.match(await page.locator('.body-editor__content').innerText(), /Fishing boats went back out at dawn\./);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('leaving with unsaved text asks first; once saved it does not', async () => {
    const articleId = await newDraft();
    const { context, page } = await openEditor(articleId);
    try {
      await page.locator('#editor-standfirst').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' More to follow.');
      const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.type()))));
      await page.close({ runBeforeUnload: true });
      assert.equal(await asked, 'beforeunload');
      assert.equal(page.isClosed(), false, 'dismissing the question keeps the page');

      // Leaving the standfirst for the button starts an autosave, and its "Saved at" shows
      // while the button's own save still waits behind it: wait for that full save's answer.
      const fullSave = page.waitForResponse((response) => response.request().method() === 'PUT' && (JSON.parse(response.request().postData() ?? '{}') as { autosave?: boolean }).autosave === false);
      await page.locator('#editor-save').click();
      await fullSave;
      await page.waitForFunction(() => /^Saved at /.test(document.getElementById('editor-save-status')?.textContent ?? ''));
      let isAsked = false;
      page.once('dialog', (dialog) => {
        isAsked = true;
        void dialog.accept();
      });
      await page.close({ runBeforeUnload: true });
      await page.waitForEvent('close');
      assert.equal(isAsked, false);
      assert.match((await apiGet(articleId)).fields.standfirst, /More to follow\.$/);
    } finally {
      await context.close();
    }
  });

  test('a tag is found and added with the keyboard alone, and saved', async () => {
    const articleId = await newDraft();
    const { context, page } = await openEditor(articleId);
    try {
      await page.locator('#editor-tags-topic').focus();
      await page.keyboard.type('Wat');
      await page.locator('#editor-tags-topic-options [role="option"]').first().waitFor();
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.locator('#editor-tags-topic').getAttribute('aria-activedescendant'), 'editor-tags-topic-options-option-0');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('#editor-tags-topic-chosen .editor-chip span').textContent(), 'Water');
      await page.waitForFunction(() => /^Saved at /.test(document.getElementById('editor-save-status')?.textContent ?? ''), undefined, { timeout: 10_000 });
      const saved = await apiGet(articleId);
      assert.equal(saved.fields.tagIds.length, 1);
    } finally {
      await context.close();
    }
  });

  test('invalid input is explained next to the status and the text is kept', async () => {
    const articleId = await newDraft();
    const { context, page } = await openEditor(articleId);
    try {
      await page.locator('details:has(#editor-slug) > summary').click();
      await page.locator('#editor-slug').fill('Not A Slug!');
      await page.locator('#editor-save').click();
      await page.waitForFunction(() => /^Not saved/.test(document.getElementById('editor-save-status')?.textContent ?? ''));
      assert.match(await page.locator('#editor-save-problems').innerText(), /slug/i);
      assert.equal(await page.locator('#editor-slug').inputValue(), 'Not A Slug!');
    } finally {
      await context.close();
    }
  });

  test('a workflow step saves pending text first, then reloads into the new state', async () => {
    const articleId = await newDraft();
    const { context, page } = await openEditor(articleId);
    try {
      await page.locator('#editor-standfirst').fill('Talks resume at the port after a week.');
      const reloaded = page.waitForEvent('load');
      await page.locator('[data-action="publish"]').click();
      await reloaded;
      await page.locator('.body-editor__content').waitFor();
      assert.equal(await page.locator('.editor-badge--published').textContent(), 'Published');
      assert.equal(await page.locator('#editor-save').textContent(), 'Update');
      const live = await apiGet(articleId);
      assert.equal(live.status, 'published');
      assert.equal(live.fields.standfirst, 'Talks resume at the port after a week.');
    } finally {
      await context.close();
    }
  });

  test('on a live article autosave keeps a draft; readers see it after Update', async () => {
    const articleId = await createArticle(handle.db, buildArticle({ sectionId, authorIds: [authorId], byline: null, headline: 'Ferry timetable changes', slug: 'ferry-timetable-changes' }));
    const { context, page } = await openEditor(articleId);
    try {
      assert.equal(await page.locator('#editor-save').textContent(), 'Update');
      await page.locator('#editor-headline').fill('Ferry timetable changes from Monday');
      await page.waitForFunction(() => /^Draft saved at /.test(document.getElementById('editor-save-status')?.textContent ?? ''), undefined, { timeout: 10_000 });
      assert.match(await status(page).textContent() ?? '', /Readers see these changes when you press Update/);
      assert.equal((await apiGet(articleId)).fields.headline, 'Ferry timetable changes', 'the live article is untouched');

      // The draft is not live: leaving now still asks.
      const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.type()))));
      await page.close({ runBeforeUnload: true });
      assert.equal(await asked, 'beforeunload');

      await page.locator('#editor-minor-edit').check();
      await page.locator('#editor-save').click();
      await page.waitForFunction(() => /^Updated at /.test(document.getElementById('editor-save-status')?.textContent ?? ''));
      const live = await apiGet(articleId);
      assert.equal(live.fields.headline, 'Ferry timetable changes from Monday');
      assert.equal(live.updatedAt, null, 'a minor edit leaves the Updated time alone');
      assert.equal(await page.locator('#editor-minor-edit').isChecked(), false, 'minor edit applies to one update');
    } finally {
      await context.close();
    }
  });

  test('while the server cannot be reached the change stays unsaved and is retried', async () => {
    const articleId = await newDraft();
    const { context, page } = await openEditor(articleId);
    try {
      let isDown = true;
      await page.route(`**/admin/api/articles/${articleId}`, (route) => (isDown && route.request().method() === 'PUT' ? route.abort('connectionrefused') : route.continue()));
      await page.locator('#editor-headline').fill('Written while offline');
      await page.waitForFunction(() => /^Not saved: the server could not be reached\. Trying again in \d+ s\.$/.test(document.getElementById('editor-save-status')?.textContent ?? ''), undefined, { timeout: 10_000 });
      isDown = false;
      await page.waitForFunction(() => /^Saved at /.test(document.getElementById('editor-save-status')?.textContent ?? ''), undefined, { timeout: 15_000 });
      assert.equal((await apiGet(articleId)).fields.headline, 'Written while offline');
    } finally {
      await context.close();
    }
  });

  test('a newer version saved elsewhere stops saving with a banner; nothing is overwritten', async () => {
    const articleId = await newDraft();
    const { context, page } = await openEditor(articleId);
    try {
      // Someone else saves first, from their own copy.
      const theirs = await apiGet(articleId);
      const response = await fetch(`${base}/admin/api/articles/${articleId}`, {
        method: 'PUT',
        headers: { cookie: `masthead_session=${session.token}`, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ baseRevision: theirs.revision, autosave: false, minorEdit: false, fields: { ...theirs.fields, headline: 'Their headline' } }),
      });
      assert.equal(response.status, 200);

      await page.locator('#editor-headline').fill('My headline');
      const banner = page.locator('.editor-conflict[role="alert"]');
      await banner.waitFor({ timeout: 10_000 });
      assert.match(await banner.innerText(), /Someone else saved a newer version/);
      assert.equal(await banner.locator(`a[href="/admin/articles/${articleId}/history"]`).count(), 1);
      assert.equal(await banner.getByRole('button', { name: 'Load the latest version' }).count(), 1);
      assert.equal(await page.locator('#editor-headline').getAttribute('readonly'), '', 'the page is read-only now');
      assert.equal((await apiGet(articleId)).fields.headline, 'Their headline', 'their version stands');
      await page.screenshot({ path: path.join(SHOTS, 'editor-conflict.png') });
    } finally {
      await context.close();
    }
  });

  test('the heading and the tab title follow the headline as it is typed', async () => {
    const articleId = await newDraft();
    const { context, page, errors } = await openEditor(articleId);
    try {
      const heading = page.locator('main > h1');
      const served = await page.title();
      const ending = /^Edit: Port talks resume \d+( \| .+ admin)$/.exec(served)?.[1];
      assert.ok(ending, `the server's title: ${served}`);
      assert.match((await heading.textContent()) ?? '', /^Edit: Port talks resume \d+$/);

      const headline = page.locator('#editor-headline');
      await headline.fill('');
      assert.equal(await heading.textContent(), 'Edit: Untitled draft');
      assert.equal(await page.title(), `Edit: Untitled draft${ending}`);
      await headline.pressSequentially('Harbour | reopens');
      assert.equal(await heading.textContent(), 'Edit: Harbour | reopens');
      assert.equal(await page.title(), `Edit: Harbour | reopens${ending}`);

      // After a reload the server's title and the island's agree.
      await page.locator('#editor-save').click();
      await page.waitForFunction(() => /^Saved at /.test(document.getElementById('editor-save-status')?.textContent ?? ''));
      await page.reload();
      await page.locator('.body-editor__content').waitFor();
      assert.equal(await page.title(), `Edit: Harbour | reopens${ending}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('deleting asks first, then goes to the article list without asking about leaving', async () => {
    const articleId = await newDraft();
    const { context, page, errors } = await openEditor(articleId, { bypassCSP: true });
    try {
      const dialogs = recordDialogs(page);
      const question = page.locator('#editor-delete-dialog');
      // A change that could not be saved yet when the user decides to delete.
      await page.route(`**/admin/api/articles/${articleId}`, (route) => (route.request().method() === 'PUT' ? route.abort('connectionrefused') : route.continue()));
      await page.locator('#editor-standfirst').fill('This text goes with the article.');
      await page.waitForFunction(() => /^Not saved: the server could not be reached/.test(document.getElementById('editor-save-status')?.textContent ?? ''), undefined, { timeout: 10_000 });
      await page.locator('#editor-delete').click();
      assert.equal(await question.evaluate((dialog: HTMLDialogElement) => dialog.open && dialog.matches(':modal')), true, 'a modal dialog asks');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Keep it', 'the safe choice has the focus');
      assert.deepEqual(await seriousAxeViolations(page), []);
      await page.keyboard.press('Enter');
      assert.equal(await question.evaluate((dialog: HTMLDialogElement) => dialog.open), false);
      assert.equal((await apiSend('GET', `/admin/api/articles/${articleId}`)).status, 200, 'kept');

      await page.locator('#editor-delete').click();
      await page.locator('#editor-delete-confirm').click();
      await page.waitForURL(`${base}/admin/articles`);
      assert.deepEqual(dialogs, [], 'no leave-page question');
      assert.equal((await apiSend('GET', `/admin/api/articles/${articleId}`)).status, 404, 'deleted');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a refused delete says why and leaves the article and the page as they were', async () => {
    const articleId = await newDraft();
    const { context, page } = await openEditor(articleId);
    try {
      // Published from elsewhere after the page loaded: live articles cannot be deleted.
      const draft = await apiGet(articleId);
      assert.equal((await apiSend('POST', `/admin/api/articles/${articleId}/workflow`, { action: 'publish', baseRevision: draft.revision })).status, 200);
      await page.locator('#editor-delete').click();
      await page.locator('#editor-delete-confirm').click();
      const problem = page.locator('#editor-delete-problems');
      await problem.filter({ hasText: 'not deleted' }).waitFor();
      assert.match(await problem.innerText(), /^The article was not deleted: Unpublish or unschedule the article before deleting it\.$/);
      assert.equal(page.url(), `${base}/admin/articles/${articleId}`);
      assert.equal(await page.locator('#editor-delete-confirm').isEnabled(), true);
      assert.equal((await apiGet(articleId)).status, 'published');
    } finally {
      await context.close();
    }
  });

  test('a live article offers its unpublished autosave back; Bring them back loads every field', async () => {
    const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Brought back from the autosave.' }] }] };
    const articleId = await liveArticleWithAutosave('Bridge closes for repairs', {
      headline: 'Bridge closes for repairs until May',
      standfirst: 'Drivers face a long detour.',
      body: body as EditableArticle['fields']['body'],
      tagIds: [countryId, topicId],
      heroImageId: imageId,
      heroAlt: 'The bridge under scaffolding',
      dateline: 'AQABA',
    });
    const { context, page, errors } = await openEditor(articleId, { bypassCSP: true });
    try {
      const notice = page.locator('#editor-pending-autosave');
      assert.deepEqual(await seriousAxeViolations(page), []);
      assert.match(await notice.locator('.editor-pending__text').innerText(), /^You have changes saved at \d{1,2}:\d\d(\s?[AP]M)? that readers do not see yet\.$/);
      assert.equal(await page.locator('#editor-headline').inputValue(), 'Bridge closes for repairs', 'the editor opens on the live text');
      assert.equal(await status(page).textContent(), 'All changes saved.');

      await notice.getByRole('button', { name: 'Bring them back' }).click();
      await notice.waitFor({ state: 'detached' });
      assert.equal(await page.locator('#editor-headline').inputValue(), 'Bridge closes for repairs until May');
      assert.equal(await page.locator('#editor-standfirst').inputValue(), 'Drivers face a long detour.');
      assert.equal(await page.locator('#editor-dateline').inputValue(), 'AQABA');
      assert.equal(await page.locator('#editor-hero-alt').inputValue(), 'The bridge under scaffolding');
      assert.equal(await page.locator('#editor-hero').getAttribute('data-image-id'), String(imageId));
      assert.equal(await page.locator('.body-editor__content').innerText(), 'Brought back from the autosave.');
      assert.equal(await page.locator(`#editor-tags-topic-chosen [data-tag-id="${topicId}"]`).count(), 1);
      assert.equal(await page.locator('main > h1').textContent(), 'Edit: Bridge closes for repairs until May');
      assert.match(await status(page).textContent() ?? '', /^(Unsaved changes|Saving…|Draft saved at )/);

      // Not live yet: leaving asks, and Update publishes them.
      const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.type()))));
      await page.close({ runBeforeUnload: true });
      assert.equal(await asked, 'beforeunload');
      await page.locator('#editor-save').click();
      await page.waitForFunction(() => /^Updated at /.test(document.getElementById('editor-save-status')?.textContent ?? ''), undefined, { timeout: 10_000 });
      const live = await apiGet(articleId);
      assert.equal(live.fields.headline, 'Bridge closes for repairs until May');
      assert.equal(live.fields.standfirst, 'Drivers face a long detour.');
      assert.equal(live.fields.heroImageId, imageId);
      // The panel lists tags by kind, so their order follows the kinds.
      assert.deepEqual([...live.fields.tagIds].sort((a, b) => a - b), [countryId, topicId].sort((a, b) => a - b));
      assert.deepEqual(live.fields.body, body);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('Discard hides the offer and changes nothing', async () => {
    const articleId = await liveArticleWithAutosave('Market opens late', { headline: 'Market opens late on Friday' });
    const { context, page } = await openEditor(articleId);
    try {
      await page.locator('#editor-pending-autosave').getByRole('button', { name: 'Discard' }).click();
      assert.equal(await page.locator('#editor-pending-autosave').count(), 0);
      assert.equal(await page.locator('#editor-headline').inputValue(), 'Market opens late');
      assert.equal(await status(page).textContent(), 'All changes saved.');
      const dialogs = recordDialogs(page);
      await page.close({ runBeforeUnload: true });
      await page.waitForEvent('close');
      assert.deepEqual(dialogs, [], 'nothing to ask about');
      const article = await apiGet(articleId);
      assert.equal(article.fields.headline, 'Market opens late');
      assert.ok(article.pendingAutosave, 'the autosave is still kept');
    } finally {
      await context.close();
    }
  });
});

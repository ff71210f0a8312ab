/**
 * The republishing notice on the article page, per policy (paid, Creative Commons, none),
 * with the right links; the Creative Commons dialog with the package to copy (built once
 * per content generation) and its optional copy script; and the two Creative Commons site
 * settings behind it (validated, saved through /admin/settings, shown on the cached article
 * page at once).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createArticle } from '../../src/articles/commands.ts';
import { loadSiteSettings } from '../../src/site/settings.ts';
import { ccPackageOf } from '../../src/syndication/package.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { buildArticle, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { signInAs } from '../admin/admin-client.ts';
import { seedRepublishing } from './republish-fixtures.ts';
import type { RepublishFixture } from './republish-fixtures.ts';

/** The notice's markup on a page. */
function noticeOf(html: string): string {
  const match = /<aside class="slot slot--republish[^"]*"[\s\S]*?<\/aside>/.exec(html);
  assert.ok(match, 'the page has the republishing notice');
  return match[0];
}

/** What a browser shows inside the <textarea> labelled by `labelledBy`: its text with the entities decoded. */
function textareaText(html: string, labelledBy: string): string {
  const match = new RegExp(`<textarea[^>]*aria-labelledby="${labelledBy}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  assert.ok(match, `a textarea for ${labelledBy}`);
  return (match[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describeEachDatabase('republishing notice on the article page', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let f: RepublishFixture;

  before(async () => {
    mediaDir = tempMediaDir();
    f = await seedRepublishing(use().db, mediaDir);
    t = createTestApp(use(), mediaDir);
    await t.ctx.generation.refresh();
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const page = async (slug: string) => {
    const response = await t.app.request(`/news/${slug}`);
    assert.equal(response.status, 200);
    return noticeOf(await response.text());
  };

  test('paid: a link to the request form', async () => {
    const notice = await page('paid-story');
    assert.ok(notice.includes('data-policy="paid"'));
    assert.ok(notice.includes(`href="/republish/${f.paidArticleId}/request"`));
    assert.ok(notice.includes('Request a licence'));
  });

  test("paid, in the Arabic and French editions: the edition's own request form", async () => {
    const db = use().db;
    for (const language of ['ar', 'fr'] as const) {
      const id = await createArticle(db, buildArticle({ sectionId: f.newsId, byline: 'Staff', slug: `paid-${language}`, language, licensingPolicy: 'paid' }));
      await t.ctx.generation.refresh();
      const response = await t.app.request(`/${language}/news/paid-${language}`);
      assert.equal(response.status, 200, language);
      const notice = noticeOf(await response.text());
      assert.ok(notice.includes(`href="/${language}/republish/${id}/request"`), `${language}: ${notice}`);
      const form = await t.app.request(`/${language}/republish/${id}/request`);
      assert.equal(form.status, 200, `${language}: the linked form exists`);
      assert.ok((await form.text()).includes(`action="/${language}/republish/${id}/request"`), 'and posts to itself');
      const paidPage = await (await t.app.request(`/republish/${id}`)).text();
      assert.ok(paidPage.includes(`href="/${language}/republish/${id}/request"`), 'the republishing page leads to the same form');
    }
  });

  test('Creative Commons: a no-script dialog with the badge, conditions, credit line, what was removed, and the package to copy', async () => {
    const response = await t.app.request('/news/rains-return');
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self';/, 'the copy buttons’ script, from our origin only');
    assert.doesNotMatch(csp, /unsafe/);
    const notice = noticeOf(await response.text());
    assert.ok(notice.includes('data-policy="cc"'));
    assert.ok(notice.includes('<a rel="license" href="https://creativecommons.org/licenses/by-nc-nd/4.0/">CC BY-NC-ND 4.0</a>'));
    assert.match(notice, /<details class="republish-notice__dialog"><summary>Republish this article for free<\/summary>/);
    assert.ok(notice.includes('Credit the author and the publication'), 'the default conditions');
    const pkg = await ccPackageOf(t.ctx, f.ccArticleId);
    assert.ok(pkg);
    assert.equal(textareaText(notice, 'republish-notice-html'), pkg.html, 'the clean HTML, exactly');
    assert.equal(textareaText(notice, 'republish-notice-text'), pkg.text, 'and the plain text');
    assert.ok(pkg.html.includes(pkg.canonicalUrl) && pkg.html.includes('/republish/pixel/'), 'with the canonical link and the pixel');
    assert.ok(notice.includes(`<p class="republish-notice__credit">${pkg.credit.replace(/&/g, '&amp;')}</p>`), 'the attribution line');
    assert.ok(notice.includes('Photo removed: wire photo, credit Hero Wire Service'), 'what was left out');
    assert.ok(!/<img|<iframe/i.test(notice), 'nothing loaded from the copy');
    assert.equal((notice.match(/<button type="button" class="republish-copy__button"[^>]* hidden>Copy<\/button>/g) ?? []).length, 2, 'copy buttons ship hidden');
    assert.match(notice, /<script type="module" src="\/assets\/[0-9a-f]{12}\/republish-copy\.js"><\/script>/);
    assert.ok(notice.includes(`href="/republish/${f.ccArticleId}"`), 'and the page of its own');
    const script = await t.app.request(/src="(\/assets\/[0-9a-f]{12}\/republish-copy\.js)"/.exec(notice)?.[1] ?? '/missing');
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
  });

  test('in an Arabic article the plain text to copy runs right to left, the HTML left to right', async () => {
    await createArticle(use().db, buildArticle({ sectionId: f.newsId, byline: 'Staff', slug: 'cc-ar', language: 'ar', licensingPolicy: 'cc', headline: 'عنوان تجريبي للمقال' }));
    await t.ctx.generation.refresh();
    const notice = noticeOf(await (await t.app.request('/ar/news/cc-ar')).text());
    assert.match(notice, /<textarea[^>]*id="republish-notice-html-code"[^>]*dir="ltr"/);
    assert.match(notice, /<textarea[^>]*id="republish-notice-text-code"[^>]*dir="rtl"/);
    assert.match(notice, /<p dir="auto">Credit the author/, 'the newsroom’s conditions take their own direction');
  });

  test('paid and not-available articles carry no package, no script and no script permission', async () => {
    for (const slug of ['paid-story', 'none-story']) {
      const response = await t.app.request(`/news/${slug}`);
      const html = await response.text();
      assert.ok(!html.includes('<textarea') && !html.includes('republish-copy'), slug);
      assert.doesNotMatch(response.headers.get('content-security-policy') ?? '', /script-src/, slug);
    }
  });

  test('the package is built once per content generation and shared with the republishing page', async () => {
    const first = await ccPackageOf(t.ctx, f.ccArticleId);
    // Pages with a query are never page-cached, so each of these is rendered anew.
    await t.app.request('/news/rains-return?again=1');
    await t.app.request(`/republish/${f.ccArticleId}?again=1`);
    assert.equal(await ccPackageOf(t.ctx, f.ccArticleId), first, 'the same object, not a rebuilt one');
    await use().db.updateTable('content_state').set((eb) => ({ version: eb('version', '+', 1) })).execute();
    await t.ctx.generation.refresh();
    assert.notEqual(await ccPackageOf(t.ctx, f.ccArticleId), first, 'a content change builds it again');
  });

  test('none: says so, links nowhere', async () => {
    const notice = await page('none-story');
    assert.ok(notice.includes('This article is not available for republishing'));
    assert.ok(!notice.includes('href='));
  });

  test('the licence and conditions are site settings: validated, saved by admins, shown at once', async () => {
    const { client } = await signInAs(t, 'admin');
    const form = await client.request('/admin/settings');
    const html = await form.text();
    assert.ok(html.includes('name="ccLicence"') && html.includes('name="republishingConditions"'));
    const fields = (overrides: Record<string, string>) => ({
      csrf: client.csrfToken, name: 'Test Ledger', tagline: '', description: '', publisherBlurb: '', languages: 'en',
      policy_about: 'about', policy_corrections: 'corrections-policy', policy_ethics: 'ethics', policy_contact: 'contact', ...overrides,
    });
    const bad = await client.request('/admin/settings', { form: fields({ ccLicence: 'CC0 1.0', republishingConditions: 'x' }) });
    assert.equal(bad.status, 422);
    assert.ok((await bad.text()).includes('Creative Commons licence'));
    assert.equal((await loadSiteSettings(use().db)).republishing.ccLicence, 'CC BY-NC-ND 4.0', 'nothing saved');

    const good = await client.request('/admin/settings', { form: fields({ ccLicence: 'CC BY-SA 4.0', republishingConditions: 'Keep the <credit> line.\n\nNo edits.' }) });
    assert.equal(good.status, 303);
    const notice = await page('rains-return');
    assert.ok(notice.includes('<a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>'));
    assert.ok(notice.includes('<p dir="auto">Keep the &lt;credit&gt; line.</p><p dir="auto">No edits.</p>'));

    // A post without these fields (an older form) keeps them.
    assert.equal((await client.request('/admin/settings', { form: fields({}) })).status, 303);
    assert.equal((await loadSiteSettings(use().db)).republishing.ccLicence, 'CC BY-SA 4.0');
  });
});

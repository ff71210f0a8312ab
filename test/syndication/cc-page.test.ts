/**
 * The public republishing pages: the Creative Commons page works without JavaScript (the
 * package in read-only text areas, escaped), paid and none pages, 404 for unpublished,
 * missing and malformed ids, and caching like other public pages.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { buildPackage } from '../../src/syndication/package.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { seedRepublishing } from './republish-fixtures.ts';
import type { RepublishFixture } from './republish-fixtures.ts';

/** What a browser shows inside a <textarea>: its text with the entities decoded. */
function textareaText(html: string, labelledBy: string): string {
  const match = new RegExp(`<textarea[^>]*aria-labelledby="${labelledBy}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  assert.ok(match, `a textarea for ${labelledBy}`);
  return (match[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describeEachDatabase('republishing pages', (use) => {
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

  test('the Creative Commons page: badge, conditions, attribution, canonical link, the package to copy, removed items; one optional same-origin script', async () => {
    const response = await t.app.request(`/republish/${f.ccArticleId}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('cache-control') ?? '', /public/);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = await response.text();
    const scripts = html.match(/<script(?! type="application\/ld\+json")[^>]*>/gi) ?? [];
    assert.equal(scripts.length, 1, 'only the copy buttons’ script');
    assert.match(scripts[0] ?? '', /^<script type="module" src="\/assets\/[0-9a-f]{12}\/republish-copy\.js">$/);
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self';/);
    assert.doesNotMatch(response.headers.get('content-security-policy') ?? '', /unsafe/);
    assert.equal((html.match(/<button type="button" class="republish-copy__button"[^>]* hidden>/g) ?? []).length, 3, 'copy buttons, hidden until the script shows them');
    assert.ok(html.includes('<meta name="robots" content="noindex">'), 'a copy of the article is not for search engines');
    assert.ok(html.includes('<a rel="license" href="https://creativecommons.org/licenses/by-nc-nd/4.0/">CC BY-NC-ND 4.0</a>'));
    assert.ok(html.includes('Credit the author and the publication'));
    const pkg = await buildPackage(t.ctx, f.ccArticleId, null);
    assert.ok(pkg);
    assert.equal(textareaText(html, 'republish-html'), pkg.html, 'the HTML, exactly, as the textarea shows it');
    assert.equal(textareaText(html, 'republish-text'), pkg.text);
    assert.equal(textareaText(html, 'republish-canonical'), `<link rel="canonical" href="${pkg.canonicalUrl}">`);
    assert.ok(!html.includes('<script>alert'), 'the hostile headline stays text everywhere');
    assert.ok(html.includes('Wireline Agency') && html.includes('Embed removed: YouTube'), 'the note about removed photos and embeds');
    assert.ok(html.includes(`class="republish-pkg-credit">${pkg.credit}</p>`));
    assert.match(html, /<textarea class="republish-pkg-code" readonly/);
  });

  test('paid: explains the licence and leads to the request form', async () => {
    const response = await t.app.request(`/republish/${f.paidArticleId}`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.ok(html.includes(`<a class="republish-pkg-button" href="/republish/${f.paidArticleId}/request">Request a licence</a>`));
    assert.ok(!html.includes('<textarea'), 'no free copy of a paid article');
  });

  test('none: a clear page (200), no copy', async () => {
    const response = await t.app.request(`/republish/${f.noneArticleId}`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.ok(html.includes('This article is not available for republishing'));
    assert.ok(!html.includes('<textarea'));
  });

  test('unpublished, missing and malformed ids are 404', async () => {
    for (const path of [`/republish/${f.draftArticleId}`, '/republish/999999', '/republish/0', '/republish/12345678901234567890', '/republish/1x']) {
      const response = await t.app.request(path);
      assert.equal(response.status, 404, path);
      assert.ok(!(await response.text()).includes('<textarea'), path);
    }
  });
});

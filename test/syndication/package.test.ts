/**
 * The republishing package: distributable photos kept with absolute JPEG URLs, wire photos
 * (hero too) and embeds removed and listed, canonical link, credit line, pixel, plain text
 * version, and escaping of hostile text.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { buildPackage } from '../../src/syndication/package.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { HOSTILE_HEADLINE, seedRepublishing } from './republish-fixtures.ts';
import type { RepublishFixture } from './republish-fixtures.ts';

const PUBLIC = 'https://news.example.test';

describeEachDatabase('republishing package', (use) => {
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

  const variantKeys = async (imageId: number) => {
    const row = await use().db.selectFrom('images').select('variants').where('id', '=', imageId).executeTakeFirstOrThrow();
    return (JSON.parse(row.variants) as { key: string; format: string }[]).map((variant) => variant.key);
  };

  test('keeps the distributable photo as absolute JPEG, removes wire photos (hero too) and the embed, and lists them', async () => {
    const pkg = await buildPackage(t.ctx, f.ccArticleId, null);
    assert.ok(pkg);
    const { html } = pkg;
    const kept = await variantKeys(f.distributableImageId);
    assert.match(html, new RegExp(`src="${PUBLIC}/media/[^"]+\\.jpg"`), 'an absolute JPEG src');
    assert.ok(kept.some((key) => key.endsWith('.jpg') && html.includes(`${PUBLIC}/media/${key}`)), 'the distributable photo is in');
    assert.ok(!html.includes('.webp'), 'JPEG only');
    assert.ok(html.includes('Farmers inspect the canal.') && html.includes('Lina Staff Photographer') && html.includes('alt="Two farmers beside a canal"'));
    for (const key of [...(await variantKeys(f.wireImageId)), ...(await variantKeys(f.wireHeroId))]) assert.ok(!html.includes(key), `wire photo ${key} left out`);
    assert.ok(!html.includes('youtube.com'), 'the embed is left out');
    assert.ok(!html.includes('class="'), 'no classes that need our CSS');
    assert.ok(!/<script/i.test(html) && !/<iframe/i.test(html));

    const descriptions = pkg.removed.map((item) => `${item.kind}: ${item.description}`);
    assert.ok(descriptions.some((line) => line.startsWith('image:') && line.includes('Hero Wire Service') && line.includes('The dam at dawn.')), descriptions.join('\n'));
    assert.ok(descriptions.some((line) => line.startsWith('image:') && line.includes('Wireline Agency') && line.includes('Crowds at the dam.')));
    assert.ok(descriptions.some((line) => line.startsWith('image:') && line.includes('Override Wire Credit')), 'the wire photo inside a quote too');
    assert.ok(descriptions.some((line) => line.startsWith('embed:') && line.includes('YouTube') && line.includes('https://www.youtube.com/watch?v=abc123')));

    // Pull quote kept; related and in-text links absolute; canonical, credit line and pixel.
    assert.ok(html.includes('We had almost given up.') && html.includes('A farmer'));
    assert.ok(html.includes(`href="${PUBLIC}/news/story-1"`), 'site links made absolute');
    assert.equal(pkg.canonicalUrl, `${PUBLIC}/news/rains-return`);
    assert.ok(html.includes(`<link rel="canonical" href="${pkg.canonicalUrl}">`), 'the canonical instruction');
    assert.ok(html.includes(`<a href="${pkg.canonicalUrl}">${pkg.canonicalUrl}</a>`), 'the in-body canonical link');
    assert.match(pkg.credit, /^This article was first published by Test Ledger at https:\/\/news\.example\.test\/news\/rains-return\. Republished under a Creative Commons CC BY-NC-ND 4\.0 licence\.$/);
    assert.ok(html.includes('https://creativecommons.org/licenses/by-nc-nd/4.0/'));
    assert.match(html, /<img src="https:\/\/news\.example\.test\/republish\/pixel\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}\.gif" alt="" width="1" height="1"/);
  });

  test('the plain-text version has the same content, absolute URLs and no pixel', async () => {
    const pkg = await buildPackage(t.ctx, f.ccArticleId, null);
    assert.ok(pkg);
    const { text } = pkg;
    assert.ok(text.startsWith(`${HOSTILE_HEADLINE}\n`), 'headline first, as typed');
    assert.ok(text.includes('Second paragraph & more <detail>.'));
    assert.ok(text.includes(`officials said (${PUBLIC}/news/story-1)`), 'link targets kept, absolute');
    assert.ok(text.includes('Farmers inspect the canal.') && text.includes(`${PUBLIC}/media/`));
    assert.ok(!text.includes('Wireline Agency') && !text.includes('Hero Wire Service') && !text.includes('youtube.com'));
    assert.ok(text.includes('“We had almost given up.” (A farmer)'));
    assert.ok(text.includes(`Related: `) && text.includes(`(${PUBLIC}/news/story-1)`));
    assert.ok(text.includes(pkg.credit));
    assert.ok(!text.includes('/republish/pixel/'));
  });

  test('hostile headline text is escaped in the HTML', async () => {
    const pkg = await buildPackage(t.ctx, f.ccArticleId, null);
    assert.ok(pkg);
    assert.ok(!pkg.html.includes('<script>'));
    assert.ok(pkg.html.includes('<h1>Rains return &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;floods&quot; recede</h1>'));
    assert.ok(pkg.html.includes('Second paragraph &amp; more &lt;detail&gt;.'));
  });

  test('a licence package names its reference; unknown, mismatched and unpublished cases give null', async () => {
    const pkg = await buildPackage(t.ctx, f.paidArticleId, f.licences.current);
    assert.ok(pkg);
    const reference = (await use().db.selectFrom('licences').select('reference').where('id', '=', f.licences.current).executeTakeFirstOrThrow()).reference;
    assert.ok(pkg.credit.endsWith(`Republished under licence ${reference}.`));
    assert.equal(await buildPackage(t.ctx, f.ccArticleId, f.licences.current), null, 'a licence of another article');
    assert.equal(await buildPackage(t.ctx, f.paidArticleId, null), null, 'no Creative Commons package of a paid article');
    assert.equal(await buildPackage(t.ctx, f.draftArticleId, null), null, 'unpublished');
    assert.equal(await buildPackage(t.ctx, 999_999, null), null, 'missing');
  });
});

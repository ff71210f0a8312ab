/** Rendering issues: MJML tables with inline styles, escaping, RTL, photos, the text version, and what freezing writes. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { PLACEHOLDER, personalize } from '../../src/newsletters/frozen.ts';
import { createIssue } from '../../src/newsletters/issues.ts';
import { CLICK_LINK_PURPOSE, freezeIssue, previewIssue } from '../../src/newsletters/render.ts';
import { buildArticle, createImage, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createArticle } from '../../src/articles/commands.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { createList } from './support/fixtures.ts';
import { loadSiteSettings, saveSiteSettings } from '../../src/site/settings.ts';
import { changeContent } from '../../src/content/content-version.ts';

const NASTY = '<script>alert("x")</script> & "quoted" \'single\'';

describeEachDatabase('newsletter rendering', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let seeded: Awaited<ReturnType<typeof seedSmallNewsroom>>;

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    seeded = await seedSmallNewsroom(use().db, mediaDir, 4);
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  async function issueWith(articleIds: number[], options: { language?: string; trackOpens?: boolean; intro?: string; subject?: string } = {}) {
    const listId = await createList(use().db, { name: 'The Tamarisk Daily' });
    await use()
      .db.updateTable('newsletters')
      .set({ language: options.language ?? 'en', track_opens: options.trackOpens ? 1 : 0 })
      .where('id', '=', listId)
      .execute();
    const issueId = await createIssue(use().db, listId, { subject: options.subject ?? 'Morning briefing', preheader: 'Three stories this morning', intro: options.intro ?? 'Good morning.\n\nSecond paragraph.', items: articleIds.map((articleId) => ({ articleId })) }, { userId: null });
    return { listId, issueId };
  }

  test('the HTML is MJML output: tables, inline styles, colour-scheme metadata, preheader, photo and footer links', async () => {
    const { issueId } = await issueWith(seeded.articleIds.slice(0, 2));
    const { html, text } = await previewIssue(t.ctx, issueId);
    assert.match(html, /<table[^>]+role="presentation"/);
    assert.match(html, /<td[^>]+style="[^"]*font-size/);
    assert.match(html, /<meta name="color-scheme" content="light dark">/);
    assert.match(html, /<meta name="supported-color-schemes" content="light dark">/);
    assert.match(html, /Three stories this morning/);
    assert.match(html, /<img alt="A test photo of a square" src="https:\/\/news\.example\.test\/media\/[^"]+\.jpg"/);
    assert.match(html, /href="https:\/\/news\.example\.test\/news\/story-1"/);
    assert.ok(!html.includes(PLACEHOLDER.unsubscribeUrl) && !html.includes(PLACEHOLDER.openPixelUrl), 'a preview fills in example links and has no pixel');
    assert.match(text, /Read more: https:\/\/news\.example\.test\/news\/story-1/);
  });

  test('every value is escaped: a script and quotes in a headline, subject, intro and blurb stay text', async () => {
    const articleId = await createArticle(use().db, buildArticle({ sectionId: seeded.newsId, authorIds: [seeded.authorId], byline: null, headline: `Headline ${NASTY}`, standfirst: `Standfirst ${NASTY}` }));
    const listId = await createList(use().db);
    const issueId = await createIssue(use().db, listId, { subject: `Subject ${NASTY}`.replace(/\n/g, ''), preheader: `Pre ${NASTY}`, intro: `Intro ${NASTY}`, items: [{ articleId, blurb: `Blurb ${NASTY}` }] }, { userId: null });
    const { html, text } = await previewIssue(t.ctx, issueId);
    assert.ok(!html.includes('<script>'), 'no script element');
    assert.ok(!html.includes('"quoted"'), 'no raw double quotes from content');
    for (const label of ['Headline', 'Standfirst', 'Subject', 'Pre', 'Intro', 'Blurb']) assert.ok(html.includes(`${label} &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot;`), label);
    // The text version is plain text: the same words, unescaped.
    assert.ok(text.includes(`Headline ${NASTY}`));
    assert.ok(text.includes(`Intro ${NASTY}`));
  });

  test('the text version holds every headline and link, the intro, and the per-recipient placeholders', async () => {
    const { issueId } = await issueWith(seeded.articleIds, { intro: 'First paragraph of the note.\n\nSecond paragraph of the note.' });
    const frozen = await freezeIssue(t.ctx, issueId);
    const headlines = await use().db.selectFrom('articles').select('headline').where('id', 'in', seeded.articleIds).execute();
    for (const { headline } of headlines) assert.ok(frozen.text.includes(headline), headline);
    const links = await use().db.selectFrom('newsletter_links').select(['id', 'url']).where('issue_id', '=', issueId).execute();
    assert.equal(links.length, seeded.articleIds.length);
    const clickUrls = [...frozen.text.matchAll(/Read more: (\S+)/g)].map((match) => match[1]);
    assert.equal(clickUrls.length, seeded.articleIds.length);
    for (const url of clickUrls) assert.match(url ?? '', /^https:\/\/news\.example\.test\/newsletters\/c\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    assert.ok(frozen.text.includes('First paragraph of the note.\n\nSecond paragraph of the note.'));
    assert.ok(frozen.text.includes(PLACEHOLDER.unsubscribeUrl) && frozen.text.includes(PLACEHOLDER.preferencesUrl));
    assert.ok(!/<[a-z]/i.test(frozen.text), 'no markup in the text version');
  });

  test('an Arabic list renders right to left', async () => {
    const articleId = await createArticle(use().db, buildArticle({ sectionId: seeded.newsId, authorIds: [seeded.authorId], byline: null, language: 'ar', slug: 'water-ar', headline: 'مجلس المدينة يوافق على خطة المياه' }));
    const { issueId } = await issueWith([articleId], { language: 'ar', intro: 'صباح الخير.' });
    const { html, text } = await previewIssue(t.ctx, issueId);
    assert.match(html, /<html lang="ar" dir="rtl"/);
    assert.match(html, /<body class="mh-body mh-rtl"/);
    assert.match(html, /direction:rtl/);
    assert.match(html, /text-align:right/);
    assert.ok(html.includes('اقرأ المزيد') && html.includes('إلغاء الاشتراك'));
    assert.ok(text.includes('مجلس المدينة يوافق على خطة المياه'));
    assert.ok(html.includes('https://news.example.test/ar/news/water-ar'));
  });

  test('freezing writes one link row per distinct URL, rewrites article links through the click redirect, and reuses rows when repeated', async () => {
    const { listId, issueId } = await issueWith(seeded.articleIds.slice(0, 3));
    const frozen = await freezeIssue(t.ctx, issueId);
    const list = await use().db.selectFrom('newsletters').select('slug').where('id', '=', listId).executeTakeFirstOrThrow();
    assert.equal(frozen.listId, `${list.slug}.news.example.test`);
    assert.equal(frozen.trackOpens, false);
    const rows = await use().db.selectFrom('newsletter_links').select(['id', 'url', 'clicks']).where('issue_id', '=', issueId).orderBy('id').execute();
    assert.deepEqual(
      rows.map((row) => row.url),
      ['https://news.example.test/news/story-1', 'https://news.example.test/opinion/story-2', 'https://news.example.test/news/story-3'],
    );
    // Article links are gone from the HTML; only redirect links remain (headline, photo, read more each point at one).
    assert.ok(!frozen.html.includes('href="https://news.example.test/news/story-1"'));
    const redirects = [...frozen.html.matchAll(/href="(https:\/\/news\.example\.test\/newsletters\/c\/[^"]+)"/g)].map((match) => match[1] ?? '');
    assert.equal(new Set(redirects).size, 3);
    for (const href of new Set(redirects)) {
      const token = href.split('/').at(-1) ?? '';
      const check = await t.ctx.links.verify(CLICK_LINK_PURPOSE, token);
      assert.ok(check.ok && rows.some((row) => row.id === check.payload.l));
    }
    // Unsubscribe and preferences links stay per-recipient placeholders, not redirects.
    assert.ok(frozen.html.includes(`href="${PLACEHOLDER.unsubscribeUrl}"`) && frozen.html.includes(`href="${PLACEHOLDER.preferencesUrl}"`));
    const personal = personalize(frozen, { unsubscribeUrl: 'https://news.example.test/newsletters/unsubscribe/abc', preferencesUrl: 'https://news.example.test/newsletters/preferences/abc', openPixelUrl: null });
    assert.ok(personal.html.includes('href="https://news.example.test/newsletters/unsubscribe/abc"'));
    assert.ok(!frozen.html.includes(PLACEHOLDER.openPixelUrl), 'no pixel unless the list counts opens');

    await freezeIssue(t.ctx, issueId);
    assert.equal((await use().db.selectFrom('newsletter_links').select('id').where('issue_id', '=', issueId).execute()).length, 3);
  });

  test('a preview writes no link rows; the open pixel appears only when the list counts opens', async () => {
    const { issueId } = await issueWith(seeded.articleIds.slice(0, 1), { trackOpens: true });
    await previewIssue(t.ctx, issueId);
    assert.equal((await use().db.selectFrom('newsletter_links').select('id').where('issue_id', '=', issueId).execute()).length, 0);
    const frozen = await freezeIssue(t.ctx, issueId);
    assert.equal(frozen.trackOpens, true);
    assert.ok(frozen.html.includes(`<img src="${PLACEHOLDER.openPixelUrl}" width="1" height="1" alt `), 'a 1×1 pixel with empty alt text');
  });

  test('each photo carries its credit as the site prints it: this use’s credit, else photographer/agency, in the list’s language', async () => {
    const stored = await createImage(use().db, mediaDir, { credit: 'Lina Haddad' });
    await use().db.updateTable('images').set({ credit_organisation: 'Tamarisk Pictures' }).where('id', '=', stored).execute();
    const plain = await createArticle(use().db, buildArticle({ sectionId: seeded.newsId, authorIds: [seeded.authorId], byline: null, heroImageId: stored, headline: 'A story with a stored credit' }));
    const overridden = await createArticle(use().db, buildArticle({ sectionId: seeded.newsId, authorIds: [seeded.authorId], byline: null, heroImageId: stored, heroCredit: 'Staff photographer', headline: 'A story with a credit of its own' }));
    const { issueId } = await issueWith([plain, overridden]);
    const { html } = await previewIssue(t.ctx, issueId);
    const credits = [...html.matchAll(/class="mh-text mh-credit"[^>]*>[^]*?<div[^>]*>([^<]+)<\/div>/g)].map((match) => match[1]?.trim());
    assert.deepEqual(credits, ['Photo: Lina Haddad/Tamarisk Pictures', 'Photo: Staff photographer']);
    // The credit sits right under its photo, before the headline.
    const photoAt = html.indexOf('/media/');
    assert.ok(photoAt < html.indexOf('Photo: Lina Haddad') && html.indexOf('Photo: Lina Haddad') < html.indexOf('A story with a stored credit'));
    const arabicArticle = await createArticle(use().db, buildArticle({ sectionId: seeded.newsId, authorIds: [seeded.authorId], byline: null, heroImageId: stored, language: 'ar', slug: 'credit-ar', headline: 'قصة بصورة' }));
    const arabic = await issueWith([arabicArticle], { language: 'ar' });
    assert.ok((await previewIssue(t.ctx, arabic.issueId)).html.includes('صورة: Lina Haddad/Tamarisk Pictures'));
  });

  test('the footer of the HTML and the text carries the newsroom’s postal address from Settings', async () => {
    const { issueId } = await issueWith(seeded.articleIds.slice(0, 1));
    const without = await previewIssue(t.ctx, issueId);
    assert.ok(!without.html.includes('mh-address'), 'no empty address block');
    const settings = await loadSiteSettings(use().db);
    const setSettings = async (value: unknown) => {
      await changeContent(use().db, async (trx) => {
        await saveSiteSettings(trx, value);
      });
      await t.ctx.generation.refresh();
    };
    await setSettings({ ...settings, postalAddress: 'The Test Ledger\n  12 Example Street  \n\nTestville 0000' });
    try {
      const { html, text } = await previewIssue(t.ctx, issueId);
      assert.match(html, /class="mh-text mh-address"[^]*?>\u2068The Test Ledger\u2069<br>\u206812 Example Street\u2069<br>\u2068Testville 0000\u2069</);
      assert.ok(text.trimEnd().endsWith('The Test Ledger\n12 Example Street\nTestville 0000'), text);
      const frozen = await freezeIssue(t.ctx, issueId);
      assert.ok(frozen.text.includes('12 Example Street') && frozen.html.includes('12 Example Street'), 'what is sent carries it');
    } finally {
      await setSettings(settings);
    }
  });

  test('wire photos and articles unpublished since they were chosen are left out', async () => {
    const wireImage = await createImage(use().db, mediaDir, { canDistribute: false, credit: 'Wire Agency' });
    const wire = await createArticle(use().db, buildArticle({ sectionId: seeded.newsId, authorIds: [seeded.authorId], byline: null, heroImageId: wireImage, headline: 'Story with a wire photo' }));
    const gone = await createArticle(use().db, buildArticle({ sectionId: seeded.newsId, authorIds: [seeded.authorId], byline: null, headline: 'Story taken down later' }));
    const { issueId } = await issueWith([wire, gone]);
    await use().db.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', gone).execute();
    const { html, text } = await previewIssue(t.ctx, issueId);
    assert.ok(html.includes('Story with a wire photo'));
    assert.ok(!html.includes('/media/'), 'the wire photo is not in the mail');
    assert.ok(!html.includes('Story taken down later') && !text.includes('Story taken down later'));
  });
});

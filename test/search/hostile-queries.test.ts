/** Whatever a reader types or puts in the address, search answers 200 or a 400 with a message: never a 500. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { SearchInputError, searchArticles } from '../../src/search/search.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { buildArticle, createSection, paragraphDoc, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createArticle } from '../../src/articles/commands.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';

const HOSTILE_QUERIES = [
  '',
  ' ',
  '\t\n',
  'a'.repeat(201),
  'water '.repeat(40),
  'w '.repeat(30),
  'a'.repeat(200),
  '"',
  '""',
  '"""',
  '"unbalanced phrase',
  'unbalanced" phrase',
  '(',
  ')',
  '((water',
  'water))',
  '(water OR drought',
  '*',
  'wat*',
  '*ater',
  '**',
  'NEAR',
  'NEAR(water drought)',
  'NEAR(water drought, 2)',
  'water NEAR/3 drought',
  'AND',
  'OR',
  'NOT',
  'water AND drought',
  'water OR drought',
  'NOT water',
  'water NOT drought',
  '-water',
  '- -',
  '--',
  '^water',
  'water^2',
  '+water',
  'headline:water',
  '{headline}: water',
  '{headline body}',
  'body : "water"',
  ':',
  "'; drop table articles; --",
  '"; DROP TABLE search_documents; --',
  "' OR 1=1 --",
  '1\' OR \'1\'=\'1',
  'water\' UNION SELECT * FROM users --',
  '\\',
  '\\"',
  '%',
  '_',
  '%_%',
  '\u0000',
  'water\u0000drought',
  '\u0001\u0002',
  '\u200f\u200e',
  '\u0301\u0301',
  'ـــ',
  'ًٌٍَُِّْ',
  '😀',
  'water 😀 drought',
  '<script>alert(1)</script>',
  '&amp; &lt;',
  '\ud800',
  'ﷺ',
  'ﻷ',
  "water's",
  'e-mail',
  '3.5',
  'U.S.',
];

describeEachDatabase('hostile search queries', (use) => {
  let t: TestApp;
  let mediaDir: string;

  before(async () => {
    mediaDir = tempMediaDir();
    await seedSmallNewsroom(use().db, mediaDir, 3);
    const section = await createSection(use().db, { slug: 'world' });
    await createArticle(use().db, buildArticle({ sectionId: section, headline: 'Water and drought in the valley', body: paragraphDoc('The drought (and the water) near the border.') }));
    t = createTestApp(use(), mediaDir);
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  async function expectAnswer(path: string): Promise<{ status: number; html: string }> {
    const response = await t.app.request(path);
    const html = await response.text();
    assert.ok(response.status === 200 || response.status === 400, `${path} answered ${response.status}`);
    assert.match(html, /class="search"/, path);
    assert.ok(!/at \S+ \(|Error:|node_modules|SQLITE|syntax error/i.test(html), `no internals in ${path}`);
    if (response.status === 400) {
      assert.match(html, /class="search__message search__message--problem" role="alert"/, `a message explains the 400 for ${path}`);
      assert.equal(response.headers.get('cache-control'), 'no-store');
    }
    return { status: response.status, html };
  }

  test('every hostile query gets a page, never a 500', async () => {
    // A lone surrogate cannot be percent-encoded from a JavaScript string; its UTF-8-style bytes are sent raw below.
    for (const query of HOSTILE_QUERIES.filter((query) => !/\p{Cs}/u.test(query))) {
      for (const edition of ['', '/ar']) await expectAnswer(`${edition}/search?q=${encodeURIComponent(query)}`);
    }
    await expectAnswer('/search?q=%ED%A0%80');
  });

  test('the data layer runs them or refuses them with a reason, never with a database error', async () => {
    for (const query of HOSTILE_QUERIES) {
      for (const sort of ['relevance', 'date'] as const) {
        try {
          const page = await searchArticles(use().db, { text: query, sort });
          assert.ok(Array.isArray(page.hits), query);
        } catch (error) {
          assert.ok(error instanceof SearchInputError, `${JSON.stringify(query)}: ${String(error)}`);
        }
      }
    }
  });

  test('operators are plain words: results are sensible and the tables are intact', async () => {
    const { html } = await expectAnswer(`/search?q=${encodeURIComponent('(water OR drought')}`);
    assert.match(html, /Water and drought in the valley/);
    const injected = await expectAnswer(`/search?q=${encodeURIComponent("'; drop table articles; --")}`);
    assert.equal(injected.status, 200);
    const articles = await use().db.selectFrom('articles').select('id').execute();
    assert.ok(articles.length >= 4);
    const documents = await use().db.selectFrom('search_documents').select('article_id').execute();
    assert.equal(documents.length, articles.length);
  });

  test('over-long and over-wordy queries are 400 with the limit stated', async () => {
    const long = await expectAnswer(`/search?q=${'a'.repeat(201)}`);
    assert.equal(long.status, 400);
    assert.match(long.html, /at most 200 characters/);
    const wordy = await expectAnswer(`/search?q=${encodeURIComponent(Array.from({ length: 30 }, (_, index) => `word${index}`).join(' '))}`);
    assert.equal(wordy.status, 400);
    assert.match(wordy.html, /too many words/);
    assert.equal((await expectAnswer(`/search?q=${'a'.repeat(200)}`)).status, 200);
  });

  test('empty and wordless queries are 200 with a prompt', async () => {
    for (const query of ['', '   ', '***', '"" ()', 'the and of']) {
      const { status, html } = await expectAnswer(`/search?q=${encodeURIComponent(query)}`);
      assert.equal(status, 200, query);
      assert.match(html, /class="search__message/, query);
    }
  });

  test('hostile filters and cursors are 400 with a message', async () => {
    const bad = [
      'sort=evil',
      'sort=',
      'section=..%2F..%2Fetc',
      'section=no-such-section',
      'type=%3Cscript%3E',
      'lang=xx',
      'from=2026-13-45',
      'from=yesterday',
      'to=2026-02-30',
      'from=2026-05-01&to=2026-04-01',
      `from=${'9'.repeat(39)}`,
      'after=not-a-cursor!!',
      `after=${'A'.repeat(300)}`,
      `after=${Buffer.from("r.1.1' OR 1=1").toString('base64url')}`,
      `after=${Buffer.from('d.1').toString('base64url')}`,
      `tag=${'x'.repeat(400)}`,
    ];
    for (const query of bad) {
      const { status } = await expectAnswer(`/search?q=water&${query}`);
      assert.equal(status, 400, query);
    }
  });

  test('odd but harmless parameters still answer', async () => {
    for (const query of ['', 'lang=', 'lang=all', 'q=water&q=drought', 'q=%E0%A4%A', 'q=%', 'q=%25', 'q[]=water', 'tag=nobody', 'author=nobody', 'tag=%00', 'Q=water', 'q=water&unknown=1']) {
      await expectAnswer(`/search?${query}`);
    }
    assert.equal((await expectAnswer('/search?q=water&tag=Nobody')).status, 200);
  });
});

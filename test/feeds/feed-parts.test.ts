/** The feed writers' building blocks: URL absolutising, XML escaping, dates, and the per-generation entry cache. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absolutizeUrls } from '../../src/feeds/feed-body.ts';
import { FeedEntryCache } from '../../src/feeds/feed-entries.ts';
import type { FeedEntry } from '../../src/feeds/feed-model.ts';
import { escapeXml, rfc3339Date, rfc822Date } from '../../src/feeds/xml.ts';

const SITE = 'https://news.example.test';
const ARTICLE = `${SITE}/news/a-story`;

test('site-relative and fragment URLs become absolute; others are left as they are', () => {
  const html =
    '<a href="/news/x">x</a><a href="#notes">n</a><a href="https://other.example/p?a=1&amp;b=2">o</a>' +
    '<a href="//evil.example/x">p</a><a href="mailto:desk@news.example.test">m</a>' +
    '<img src="/media/k-320.jpg" srcset="/media/k-320.jpg 320w, /media/k-640.jpg 640w">';
  assert.equal(
    absolutizeUrls(html, SITE, ARTICLE),
    `<a href="${SITE}/news/x">x</a><a href="${ARTICLE}#notes">n</a><a href="https://other.example/p?a=1&amp;b=2">o</a>` +
      '<a href="//evil.example/x">p</a><a href="mailto:desk@news.example.test">m</a>' +
      `<img src="${SITE}/media/k-320.jpg" srcset="${SITE}/media/k-320.jpg 320w, ${SITE}/media/k-640.jpg 640w">`,
  );
});

test('text that merely looks like an attribute is not touched', () => {
  const html = '<p>write href=&quot;/x&quot; to link</p>';
  assert.equal(absolutizeUrls(html, SITE, ARTICLE), html);
});

test('XML escaping covers the five specials and drops characters XML cannot hold', () => {
  assert.equal(escapeXml(`<a href="x">Tom & Jerry's ]]></a>`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s ]]&gt;&lt;/a&gt;');
  assert.equal(escapeXml('bell\u0007 tab\t line\n form\u000C'), 'bell tab\t line\n form');
  assert.equal(escapeXml('lone \uD800 surrogate, paired 🗞 kept'), 'lone  surrogate, paired 🗞 kept');
  assert.equal(escapeXml('عمّان'), 'عمّان');
});

test('dates are written as RFC 822 for RSS and RFC 3339 for Atom and JSON Feed', () => {
  assert.equal(rfc822Date('2026-03-03T10:04:05.123Z'), 'Tue, 03 Mar 2026 10:04:05 GMT');
  assert.equal(rfc3339Date('2026-03-03T10:04:05.123Z'), '2026-03-03T10:04:05Z');
});

function entry(id: number, label: string): FeedEntry {
  return { id: `tag:x,2026-01-01:article/${id}`, url: `${SITE}/news/${id}`, language: 'en', title: label, summary: '', contentHtml: '', published: '2026-01-01T00:00:00.000Z', updated: '2026-01-01T00:00:00.000Z', authors: [], categories: [], image: null };
}

function loader(label: string, calls: number[][]) {
  return (ids: number[]) => {
    calls.push(ids);
    return Promise.resolve(new Map(ids.filter((id) => id !== 99).map((id) => [id, entry(id, label)])));
  };
}

test('the entry cache renders each article once per generation and keeps the listing order', async () => {
  const cache = new FeedEntryCache(10);
  const calls: number[][] = [];
  const first = await cache.entries(1, [3, 2, 1], loader('g1', calls));
  assert.deepEqual(first.map((item) => item.url), [`${SITE}/news/3`, `${SITE}/news/2`, `${SITE}/news/1`]);
  const second = await cache.entries(1, [4, 3, 99], loader('g1', calls));
  assert.deepEqual(second.map((item) => item.url), [`${SITE}/news/4`, `${SITE}/news/3`], 'an id that is no longer published is skipped');
  assert.deepEqual(calls, [[3, 2, 1], [4, 99]], 'only what was missing is loaded');

  const newer = await cache.entries(2, [3], loader('g2', calls));
  assert.equal(newer[0]?.title, 'g2', 'a newer generation renders again');
  const older = await cache.entries(1, [3, 2], loader('g1-late', calls));
  assert.deepEqual(older.map((item) => item.title), ['g1-late', 'g1-late'], 'a request of an older generation neither reads nor fills the cache');
  assert.equal((await cache.entries(2, [2], loader('g2', calls)))[0]?.title, 'g2');
});

test('the entry cache stays within its capacity', async () => {
  const cache = new FeedEntryCache(2);
  const calls: number[][] = [];
  await cache.entries(1, [1, 2, 3], loader('a', calls));
  await cache.entries(1, [2, 3], loader('a', calls));
  assert.deepEqual(calls, [[1, 2, 3]], 'the newest two are kept');
  await cache.entries(1, [1], loader('a', calls));
  assert.deepEqual(calls.at(-1), [1], 'the oldest was evicted');
});

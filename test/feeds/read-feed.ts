/**
 * Reads a feed the way a subscriber's software would: RSS and Atom through a real feed
 * parser (@rowanmanning/feed-parser) plus a strict XML parser for what it does not expose
 * (Media RSS credits, per-item language), JSON Feed checked against the 1.1 spec's rules.
 * All three come back in one shape, so one set of assertions covers every format.
 */
import assert from 'node:assert/strict';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FeedFormat } from '../../src/site/urls.ts';

/** The photo of an item as the feed describes it. */
export interface ReadImage {
  url: string;
  type: string;
  /** The enclosure's byte length (RSS, Atom), or JSON Feed's size_in_bytes. */
  length: number | null;
  credit: string | null;
}

/** One item of a feed. */
export interface ReadItem {
  id: string;
  url: string;
  title: string;
  /** The summary as plain text. */
  summary: string;
  content: string;
  published: Date;
  updated: Date;
  authors: string[];
  categories: string[];
  language: string | null;
  image: ReadImage | null;
}

/** A feed as a reader sees it. */
export interface ReadFeed {
  title: string;
  language: string | null;
  self: string | null;
  home: string | null;
  items: ReadItem[];
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['item', 'entry', 'category', 'dc:creator', 'author', 'link', 'media:content'].includes(name),
});

type XmlNode = Record<string, unknown>;

function nodes(value: unknown): XmlNode[] {
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '#text' in value) return String((value as XmlNode)['#text']);
  return null;
}

function attribute(node: XmlNode | undefined, name: string): string | null {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value : null;
}

/** Decodes the five entities an HTML escaper writes (RSS descriptions are HTML). */
export function decodeHtml(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_whole, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" })[name] ?? '');
}

/** Parses a feed of a format, failing the test on anything malformed. */
export function readFeed(format: FeedFormat, text: string): ReadFeed {
  return format === 'json' ? readJsonFeed(text) : readXmlFeed(format, text);
}

function readXmlFeed(format: 'rss' | 'atom', text: string): ReadFeed {
  assert.equal(XMLValidator.validate(text), true, 'well-formed XML');
  const parsed = parseFeed(text);
  assert.equal(parsed.meta.type, format);
  const tree = xml.parse(text) as XmlNode;
  const root = format === 'rss' ? ((tree.rss as XmlNode).channel as XmlNode) : (tree.feed as XmlNode);
  const rawItems = nodes(format === 'rss' ? root.item : root.entry);
  assert.equal(rawItems.length, parsed.items.length);
  const items = parsed.items.map((item, index): ReadItem => {
    const raw = rawItems[index] ?? {};
    const media = nodes(raw['media:content'])[0];
    const enclosure = format === 'rss' ? (raw.enclosure as XmlNode | undefined) : nodes(raw.link).find((link) => attribute(link, 'rel') === 'enclosure');
    const enclosureUrl = attribute(enclosure, format === 'rss' ? 'url' : 'href');
    assert.ok(item.id && item.url && item.title && item.published && item.updated, `item ${index} has id, link, title and dates`);
    return {
      id: item.id,
      url: item.url,
      title: item.title,
      // The text as the XML holds it (entities decoded once): the feed parser also decodes
      // entities inside the HTML, which would hide whether `<` in text was escaped.
      summary: format === 'rss' ? decodeHtml(textOf(raw.description) ?? '') : (textOf(raw.summary) ?? ''),
      content: textOf(format === 'rss' ? raw['content:encoded'] : raw.content) ?? '',
      published: item.published,
      updated: item.updated,
      authors: item.authors.map((author) => author.name ?? ''),
      categories: item.categories.map((category) => category.label ?? category.term),
      language: format === 'rss' ? textOf(raw['dc:language']) : attribute(raw, 'xml:lang'),
      image: enclosureUrl
        ? {
            url: enclosureUrl,
            type: attribute(enclosure, 'type') ?? '',
            length: attribute(enclosure, 'length') === null ? null : Number(attribute(enclosure, 'length')),
            credit: textOf(media?.['media:credit']),
          }
        : null,
    };
  });
  return {
    title: parsed.title ?? '',
    language: format === 'rss' ? parsed.language : attribute(root, 'xml:lang'),
    self: parsed.self,
    home: parsed.url,
    items,
  };
}

const TOP_LEVEL_KEYS = new Set(['version', 'title', 'home_page_url', 'feed_url', 'description', 'user_comment', 'next_url', 'icon', 'favicon', 'authors', 'language', 'expired', 'hubs', 'items']);
const ITEM_KEYS = new Set(['id', 'url', 'external_url', 'title', 'content_html', 'content_text', 'summary', 'image', 'banner_image', 'date_published', 'date_modified', 'authors', 'tags', 'language', 'attachments']);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a document against JSON Feed 1.1's rules: required fields, types, dates, and extensions only under `_` keys. */
export function assertValidJsonFeed(document: unknown): asserts document is Record<string, unknown> & { items: Record<string, unknown>[] } {
  assert.ok(isRecord(document), 'a JSON object');
  assert.equal(document.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(typeof document.title, 'string');
  assert.ok(Array.isArray(document.items), 'items is an array');
  for (const key of Object.keys(document)) assert.ok(TOP_LEVEL_KEYS.has(key) || key.startsWith('_'), `unknown top-level key ${key}`);
  for (const key of ['home_page_url', 'feed_url', 'icon', 'favicon']) {
    const value = document[key];
    if (value !== undefined) assert.ok(typeof value === 'string' && /^https?:\/\//.test(value), `${key} is an absolute URL`);
  }
  for (const item of document.items as unknown[]) {
    assert.ok(isRecord(item), 'each item is an object');
    for (const key of Object.keys(item)) assert.ok(ITEM_KEYS.has(key) || key.startsWith('_'), `unknown item key ${key}`);
    assert.ok(typeof item.id === 'string' && item.id !== '', 'item id is a non-empty string');
    assert.ok(typeof item.content_html === 'string' || typeof item.content_text === 'string', 'item has content_html or content_text');
    for (const key of ['date_published', 'date_modified']) {
      const value = item[key];
      if (value !== undefined) assert.ok(typeof value === 'string' && RFC3339.test(value), `${key} is an RFC 3339 date`);
    }
    if (item.authors !== undefined) {
      assert.ok(Array.isArray(item.authors) && item.authors.every((author) => isRecord(author) && (typeof author.name === 'string' || typeof author.url === 'string')), 'authors are objects with a name or url');
    }
    if (item.tags !== undefined) assert.ok(Array.isArray(item.tags) && item.tags.every((tag) => typeof tag === 'string'), 'tags are strings');
  }
}

function readJsonFeed(text: string): ReadFeed {
  const document: unknown = JSON.parse(text);
  assertValidJsonFeed(document);
  const items = document.items.map((item): ReadItem => {
    const extension = isRecord(item._masthead) && isRecord(item._masthead.image) ? item._masthead.image : null;
    return {
      id: String(item.id),
      url: String(item.url),
      title: String(item.title),
      summary: typeof item.summary === 'string' ? item.summary : '',
      content: String(item.content_html),
      published: new Date(String(item.date_published)),
      updated: new Date(String(item.date_modified)),
      authors: Array.isArray(item.authors) ? item.authors.map((author) => (isRecord(author) ? String(author.name) : '')) : [],
      categories: Array.isArray(item.tags) ? item.tags.map(String) : [],
      language: typeof item.language === 'string' ? item.language : null,
      image:
        typeof item.image === 'string'
          ? {
              url: item.image,
              type: extension ? String(extension.mime_type) : '',
              length: extension && typeof extension.size_in_bytes === 'number' ? extension.size_in_bytes : null,
              credit: extension && typeof extension.credit === 'string' ? extension.credit : null,
            }
          : null,
    };
  });
  return {
    title: String(document.title),
    language: typeof document.language === 'string' ? document.language : null,
    self: typeof document.feed_url === 'string' ? document.feed_url : null,
    home: typeof document.home_page_url === 'string' ? document.home_page_url : null,
    items,
  };
}

/** Fails when any href, src or srcset URL in HTML is not absolute (http, https or mailto). */
export function assertAbsoluteUrls(html: string, where: string): void {
  for (const match of html.matchAll(/\s(href|src|srcset)="([^"]*)"/g)) {
    const [, name = '', value = ''] = match;
    const urls = name === 'srcset' ? value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '') : [value];
    for (const url of urls) assert.match(url, /^(https?:\/\/[^/]|mailto:)/, `${where}: ${name}="${value}" is not absolute`);
  }
}

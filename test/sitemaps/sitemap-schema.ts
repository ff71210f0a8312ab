/**
 * The rules of the sitemap schemas (sitemaps.org 0.9, Google's image 1.1 and news 0.9
 * extensions, xhtml alternates), checked on a document parsed by fast-xml-parser.
 * Each check throws an assertion error naming the rule and returns what it read.
 */
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Namespace URIs as the schemas define them. */
export const NS = {
  sitemap: 'http://www.sitemaps.org/schemas/sitemap/0.9',
  image: 'http://www.google.com/schemas/sitemap-image/1.1',
  news: 'http://www.google.com/schemas/sitemap-news/0.9',
  xhtml: 'http://www.w3.org/1999/xhtml',
} as const;

/** W3C Datetime (the profile of ISO 8601 sitemaps use): a date, or a date and time with a zone. */
export const W3C_DATETIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Numeric character references (&#39;) are XML; the parser decodes them only with this on.
  htmlEntities: true,
  isArray: (name) => ['url', 'sitemap', 'image:image', 'xhtml:link'].includes(name),
});

type Node = Record<string, unknown>;

/** One `<url>` as read. */
export interface ParsedUrl {
  loc: string;
  lastmod: string | null;
  images: string[];
  alternates: { hreflang: string; href: string }[];
  news: { name: string; language: string; publicationDate: string; title: string } | null;
}

/** Limits a file must respect. */
export interface FileLimits {
  maxUrls: number;
  maxBytes: number;
}

const PROTOCOL: FileLimits = { maxUrls: 50_000, maxBytes: 52_428_800 };

function parse(xml: string): Node {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), 'starts with the XML declaration, UTF-8');
  assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
  // Only XML's own entities and character references: HTML names like &nbsp; are errors in XML.
  assert.doesNotMatch(xml, /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/, 'no undeclared entity references');
  return parser.parse(xml) as Node;
}

function text(node: unknown, rule: string): string {
  assert.equal(typeof node, 'string', rule);
  return node as string;
}

/** An absolute http(s) URL under the site's public URL, at most 2,048 characters. */
export function assertAbsolute(url: string, publicUrl: string, rule: string): void {
  assert.ok(URL.canParse(url), `${rule}: ${url} is a URL`);
  assert.match(new URL(url).protocol, /^https?:$/, `${rule}: http(s)`);
  assert.ok(url.startsWith(`${publicUrl}/`), `${rule}: ${url} is under ${publicUrl}`);
  assert.ok(url.length <= 2048, `${rule}: at most 2,048 characters`);
}

function assertNamespaces(root: Node, allowed: readonly ('image' | 'news' | 'xhtml')[], xml: string): void {
  assert.equal(root['@_xmlns'], NS.sitemap, 'default namespace is sitemap 0.9');
  for (const key of Object.keys(root).filter((name) => name.startsWith('@_xmlns:'))) {
    const prefix = key.slice('@_xmlns:'.length) as keyof typeof NS;
    assert.ok((allowed as readonly string[]).includes(prefix), `namespace prefix ${prefix} is expected here`);
    assert.equal(root[key], NS[prefix], `namespace ${prefix} is ${NS[prefix]}`);
  }
  for (const used of new Set([...xml.matchAll(/<\/?([a-z]+):[a-z_]+[\s>/]/g)].map((match) => match[1]))) {
    assert.ok(root[`@_xmlns:${used}`], `prefix ${used} is declared`);
  }
}

/** Checks a `<urlset>` document (any mix of image, news and xhtml entries) and returns its URLs. */
export function checkUrlset(xml: string, publicUrl: string, limits: FileLimits = PROTOCOL): ParsedUrl[] {
  assert.ok(Buffer.byteLength(xml) <= limits.maxBytes, `at most ${limits.maxBytes} bytes (got ${Buffer.byteLength(xml)})`);
  const doc = parse(xml);
  assert.deepEqual(Object.keys(doc).filter((key) => key !== '?xml'), ['urlset'], 'the root element is urlset');
  const root = (doc.urlset === '' ? {} : doc.urlset) as Node;
  assertNamespaces(root, ['image', 'news', 'xhtml'], xml);
  // loc comes first and lastmod (when present) second; extensions follow.
  assert.doesNotMatch(xml, /<url>(?!<loc>)/, 'each url starts with loc');
  assert.doesNotMatch(xml, /<\/loc>(?!<lastmod>|<\/url>|<image:image>|<xhtml:link |<news:news>|<\/sitemap>)/, 'loc is followed by lastmod or extensions');
  const urls = (root.url ?? []) as Node[];
  assert.ok(urls.length <= limits.maxUrls, `at most ${limits.maxUrls} URLs (got ${urls.length})`);
  return urls.map((url) => {
    for (const key of Object.keys(url)) assert.ok(['loc', 'lastmod', 'changefreq', 'priority', 'image:image', 'xhtml:link', 'news:news'].includes(key), `no unexpected element <${key}> in url`);
    const loc = text(url.loc, 'url has a loc');
    assertAbsolute(loc, publicUrl, 'loc');
    const lastmod = url.lastmod === undefined ? null : text(url.lastmod, 'lastmod is text');
    if (lastmod !== null) assert.match(lastmod, W3C_DATETIME, 'lastmod is a W3C datetime');
    const images = ((url['image:image'] ?? []) as Node[]).map((image) => {
      assert.deepEqual(Object.keys(image), ['image:loc'], 'image:image holds image:loc alone');
      const src = text(image['image:loc'], 'image:loc');
      assertAbsolute(src, publicUrl, 'image:loc');
      return src;
    });
    assert.ok(images.length <= 1000, 'at most 1,000 images per URL');
    const alternates = ((url['xhtml:link'] ?? []) as Node[]).map((link) => {
      assert.equal(link['@_rel'], 'alternate', 'xhtml:link rel=alternate');
      const hreflang = text(link['@_hreflang'], 'hreflang');
      assert.match(hreflang, /^([a-z]{2,3}(-[A-Za-z0-9]{2,8})*|x-default)$/, 'hreflang is a language tag');
      const href = text(link['@_href'], 'href');
      assertAbsolute(href, publicUrl, 'xhtml:link href');
      return { hreflang, href };
    });
    return { loc, lastmod, images, alternates, news: url['news:news'] === undefined ? null : checkNews(url['news:news'] as Node) };
  });
}

function checkNews(news: Node): ParsedUrl['news'] {
  const publication = news['news:publication'] as Node | undefined;
  assert.ok(publication, 'news:news has news:publication');
  const name = text(publication['news:name'], 'news:name');
  assert.ok(name.trim().length > 0, 'news:name is not empty');
  const language = text(publication['news:language'], 'news:language');
  assert.match(language, /^([a-z]{2,3}|zh-cn|zh-tw)$/, 'news:language is an ISO 639 code');
  const publicationDate = text(news['news:publication_date'], 'news:publication_date');
  assert.match(publicationDate, W3C_DATETIME, 'news:publication_date is a W3C datetime');
  const title = text(news['news:title'], 'news:title');
  assert.ok(title.length > 0, 'news:title is not empty');
  return { name, language, publicationDate, title };
}

/** Checks a `<sitemapindex>` document and returns its entries. */
export function checkSitemapIndex(xml: string, publicUrl: string): { loc: string; lastmod: string | null }[] {
  assert.ok(Buffer.byteLength(xml) <= PROTOCOL.maxBytes, 'the index is at most 50 MB');
  const doc = parse(xml);
  assert.deepEqual(Object.keys(doc).filter((key) => key !== '?xml'), ['sitemapindex'], 'the root element is sitemapindex');
  const root = doc.sitemapindex as Node;
  assertNamespaces(root, [], xml);
  const entries = (root.sitemap ?? []) as Node[];
  assert.ok(entries.length >= 1 && entries.length <= PROTOCOL.maxUrls, 'between 1 and 50,000 sitemaps');
  return entries.map((entry) => {
    for (const key of Object.keys(entry)) assert.ok(['loc', 'lastmod'].includes(key), `no unexpected element <${key}> in sitemap`);
    const loc = text(entry.loc, 'sitemap has a loc');
    assertAbsolute(loc, publicUrl, 'sitemap loc');
    const lastmod = entry.lastmod === undefined ? null : text(entry.lastmod, 'lastmod is text');
    if (lastmod !== null) assert.match(lastmod, W3C_DATETIME, 'lastmod is a W3C datetime');
    return { loc, lastmod };
  });
}

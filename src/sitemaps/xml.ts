/** The small XML vocabulary of sitemaps: escaping, W3C datetimes, namespaces and document frames. */
import { escapeHtml } from '../shared/escape.ts';

/** Namespaces of the sitemap protocol and Google's extensions. */
export const NAMESPACES = {
  sitemap: 'http://www.sitemaps.org/schemas/sitemap/0.9',
  image: 'http://www.google.com/schemas/sitemap-image/1.1',
  news: 'http://www.google.com/schemas/sitemap-news/0.9',
  xhtml: 'http://www.w3.org/1999/xhtml',
} as const;

/** The MIME type every sitemap is served with. */
export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

// Characters XML 1.0 does not allow at all, even escaped: C0 controls other than tab,
// newline and carriage return, lone surrogates, U+FFFE and U+FFFF.
const NOT_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML content and attributes (`& < > " '`), dropping characters XML cannot carry. */
export function escapeXml(value: string): string {
  return escapeHtml(value.replace(NOT_XML_CHARACTERS, ''));
}

const STORED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A stored ISO time as a W3C datetime to the second (`2026-11-28T10:00:00Z`), or null when it is unusable. */
export function w3cDateTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  if (STORED_TIME.test(iso)) return `${iso.slice(0, 19)}Z`;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  const normal = new Date(time).toISOString();
  return STORED_TIME.test(normal) ? `${normal.slice(0, 19)}Z` : null;
}

/** Opens a `<urlset>` declaring the extension namespaces its entries use. */
export function urlsetStart(extensions: readonly ('image' | 'news' | 'xhtml')[]): string {
  const declarations = extensions.map((prefix) => ` xmlns:${prefix}="${NAMESPACES[prefix]}"`).join('');
  return `${XML_DECLARATION}<urlset xmlns="${NAMESPACES.sitemap}"${declarations}>\n`;
}

/** Closes a `<urlset>`. */
export const URLSET_END = '</urlset>\n';

/** One `<url>` of a plain page: location and, when known, when it last changed. */
export function urlElement(loc: string, lastmod: string | null, inner = ''): string {
  const date = w3cDateTime(lastmod);
  return `<url><loc>${escapeXml(loc)}</loc>${date ? `<lastmod>${date}</lastmod>` : ''}${inner}</url>\n`;
}

/** A sitemap index entry. */
export interface IndexEntry {
  loc: string;
  lastmod: string | null;
}

/** The sitemap index document. */
export function sitemapIndexDocument(entries: readonly IndexEntry[]): string {
  let xml = `${XML_DECLARATION}<sitemapindex xmlns="${NAMESPACES.sitemap}">\n`;
  for (const entry of entries) {
    const date = w3cDateTime(entry.lastmod);
    xml += `<sitemap><loc>${escapeXml(entry.loc)}</loc>${date ? `<lastmod>${date}</lastmod>` : ''}</sitemap>\n`;
  }
  return `${xml}</sitemapindex>\n`;
}

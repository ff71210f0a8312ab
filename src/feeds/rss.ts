/**
 * RSS 2.0, with the namespaces readers expect of a news feed: content:encoded for the full
 * text, dc:creator for bylines, Media RSS for the photo and its credit, atom:link for the
 * feed's own address.
 */
import { escapeHtml } from '../shared/escape.ts';
import type { FeedDocument, FeedEntry } from './feed-model.ts';
import { MEDIA_RSS_NAMESPACE, mediaContentXml } from './media-rss.ts';
import { emptyElement, rfc3339Date, rfc822Date, startTag, textElement } from './xml.ts';

const NAMESPACES = {
  version: '2.0',
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:media': MEDIA_RSS_NAMESPACE,
};

/** Writes a feed as RSS 2.0. */
export function renderRss(feed: FeedDocument): string {
  const newest = feed.entries[0];
  const channel = [
    textElement('title', feed.title),
    textElement('link', feed.homePageUrl),
    // RSS requires a description; an empty one is legal but tells readers nothing.
    textElement('description', feed.description || feed.title),
    emptyElement('atom:link', { href: feed.selfUrl, rel: 'self', type: 'application/rss+xml' }),
    feed.language ? textElement('language', feed.language) : '',
    newest ? textElement('pubDate', rfc822Date(newest.published)) : '',
    textElement('lastBuildDate', rfc822Date(feed.updated)),
    textElement('generator', feed.generator),
    textElement('docs', 'https://www.rssboard.org/rss-specification'),
    // RSS's own <image> takes only GIF, JPEG or PNG; the site's icon is SVG, so only the Atom and JSON feeds name it.
    ...feed.entries.map(renderItem),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n${startTag('rss', NAMESPACES)}\n<channel>\n${joinLines(channel)}\n</channel>\n</rss>\n`;
}

function renderItem(entry: FeedEntry): string {
  const image = entry.image;
  return `<item>\n${joinLines([
    textElement('title', entry.title),
    textElement('link', entry.url),
    textElement('guid', entry.id, { isPermaLink: 'false' }),
    textElement('pubDate', rfc822Date(entry.published)),
    // RSS has no "updated" of its own; dc:date carries it, and readers look for it there.
    textElement('dc:date', rfc3339Date(entry.updated)),
    textElement('dc:language', entry.language),
    ...entry.authors.map((author) => textElement('dc:creator', author.name)),
    ...entry.categories.map((category) => textElement('category', category.label, { domain: category.url })),
    // description is HTML in RSS, so the plain standfirst is escaped as HTML before it is escaped as XML.
    textElement('description', escapeHtml(entry.summary)),
    textElement('content:encoded', entry.contentHtml),
    image ? emptyElement('enclosure', { url: image.url, length: image.bytes, type: image.mimeType }) : '',
    image ? mediaContentXml(image) : '',
  ])}\n</item>`;
}

function joinLines(lines: readonly string[]): string {
  return lines.filter((line) => line !== '').join('\n');
}

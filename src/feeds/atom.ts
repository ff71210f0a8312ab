/** Atom 1.0 (RFC 4287), with Media RSS for the photo and its credit. */
import type { FeedDocument, FeedEntry } from './feed-model.ts';
import { MEDIA_RSS_NAMESPACE, mediaContentXml } from './media-rss.ts';
import { emptyElement, rfc3339Date, startTag, textElement } from './xml.ts';

/** Writes a feed as Atom 1.0. */
export function renderAtom(feed: FeedDocument): string {
  const root = startTag('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xmlns:media': MEDIA_RSS_NAMESPACE, ...(feed.language ? { 'xml:lang': feed.language } : {}) });
  const lines = [
    // The listing page's address is the feed's permanent identity, whichever format is read.
    textElement('id', feed.homePageUrl),
    textElement('title', feed.title, { type: 'text' }),
    feed.description ? textElement('subtitle', feed.description, { type: 'text' }) : '',
    textElement('updated', rfc3339Date(feed.updated)),
    emptyElement('link', { rel: 'self', type: 'application/atom+xml', href: feed.selfUrl }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: feed.homePageUrl }),
    textElement('generator', feed.generator),
    textElement('icon', feed.iconUrl),
    ...feed.entries.map(renderEntry),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n${joinLines(lines)}\n</feed>\n`;
}

function renderEntry(entry: FeedEntry): string {
  const image = entry.image;
  return `${startTag('entry', { 'xml:lang': entry.language })}\n${joinLines([
    textElement('id', entry.id),
    textElement('title', entry.title, { type: 'text' }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: entry.url }),
    textElement('published', rfc3339Date(entry.published)),
    textElement('updated', rfc3339Date(entry.updated)),
    ...entry.authors.map((author) => `<author>${textElement('name', author.name)}${author.url ? textElement('uri', author.url) : ''}</author>`),
    ...entry.categories.map((category) => emptyElement('category', { term: category.term, scheme: category.scheme, label: category.label })),
    entry.summary ? textElement('summary', entry.summary, { type: 'text' }) : '',
    // Atom's content comes before media:content: lenient parsers match element names
    // without their namespace and would otherwise take the photo for the text.
    textElement('content', entry.contentHtml, { type: 'html' }),
    image ? emptyElement('link', { rel: 'enclosure', type: image.mimeType, href: image.url, ...(image.bytes > 0 ? { length: image.bytes } : {}) }) : '',
    image ? mediaContentXml(image) : '',
  ])}\n</entry>`;
}

function joinLines(lines: readonly string[]): string {
  return lines.filter((line) => line !== '').join('\n');
}

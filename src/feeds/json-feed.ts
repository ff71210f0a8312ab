/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1). What the format has no field for
 * (the photo's credit and caption, the feed's update time and generator) goes in a
 * `_masthead` extension object, as the spec provides for.
 */
import type { FeedDocument, FeedEntry } from './feed-model.ts';
import { rfc3339Date } from './xml.ts';

/** The version URL every JSON Feed 1.1 document starts with. */
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** Writes a feed as JSON Feed 1.1. */
export function renderJsonFeed(feed: FeedDocument): string {
  const document = {
    version: JSON_FEED_VERSION,
    title: feed.title,
    home_page_url: feed.homePageUrl,
    feed_url: feed.selfUrl,
    description: feed.description || undefined,
    icon: feed.iconUrl,
    favicon: feed.iconUrl,
    language: feed.language ?? undefined,
    _masthead: { generator: feed.generator, updated: rfc3339Date(feed.updated) },
    items: feed.entries.map(itemOf),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function itemOf(entry: FeedEntry) {
  const image = entry.image;
  return {
    id: entry.id,
    url: entry.url,
    title: entry.title,
    content_html: entry.contentHtml,
    summary: entry.summary || undefined,
    image: image?.url,
    date_published: rfc3339Date(entry.published),
    date_modified: rfc3339Date(entry.updated),
    authors: entry.authors.map((author) => ({ name: author.name, url: author.url ?? undefined })),
    tags: entry.categories.length > 0 ? entry.categories.map((category) => category.label) : undefined,
    language: entry.language,
    _masthead: image ? { image: { url: image.url, mime_type: image.mimeType, width: image.width, height: image.height, size_in_bytes: image.bytes || undefined, alt: image.alt, caption: image.caption || undefined, credit: image.credit || undefined } } : undefined,
  };
}

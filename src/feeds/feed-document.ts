/** Puts a listing and its entries together as one feed, and writes it in a format. */
import type { SiteSettings } from '../site/settings.ts';
import { absoluteUrl, feedUrl } from '../site/urls.ts';
import type { FeedFormat } from '../site/urls.ts';
import { renderAtom } from './atom.ts';
import type { FeedListing } from './feed-listing.ts';
import type { FeedDocument, FeedEntry } from './feed-model.ts';
import { renderJsonFeed } from './json-feed.ts';
import { renderRss } from './rss.ts';

const WRITERS: Readonly<Record<FeedFormat, (feed: FeedDocument) => string>> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

/** The feed of a listing in one format. */
export function buildFeedDocument(options: {
  listing: FeedListing;
  entries: FeedEntry[];
  format: FeedFormat;
  /** The site's settings as the feed's edition shows them. */
  site: SiteSettings;
  publicUrl: string;
  iconPath: string;
  /** When content last changed anywhere: the update time of a feed with no entries. */
  contentChangedAt: string;
}): FeedDocument {
  const { listing, entries, site, publicUrl } = options;
  // ISO-8601 UTC strings of one width compare as times.
  const updated = entries.reduce<string | null>((latest, entry) => (latest === null || entry.updated > latest ? entry.updated : latest), null);
  return {
    title: `${site.name} — ${listing.label}`,
    description: listing.description || site.description,
    language: listing.language,
    homePageUrl: absoluteUrl(publicUrl, listing.listingPath),
    selfUrl: absoluteUrl(publicUrl, feedUrl(listing.listingPath, options.format)),
    updated: updated ?? options.contentChangedAt,
    iconUrl: absoluteUrl(publicUrl, options.iconPath),
    generator: 'Masthead',
    entries,
  };
}

/** Writes a feed as RSS 2.0, Atom 1.0 or JSON Feed 1.1. */
export function writeFeed(feed: FeedDocument, format: FeedFormat): string {
  return WRITERS[format](feed);
}

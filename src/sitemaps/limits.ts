/**
 * The sitemap protocol's limits and the byte bounds that keep every file within them.
 * A part of a month's sitemap is filled at write time (src/sitemaps/sync.ts), when the
 * public URL is not known, so sizes are counted as upper bounds that assume a public
 * URL of at most PUBLIC_URL_BOUND bytes; the renderer logs an error if a file ever
 * comes out larger than the limit anyway.
 */
import { LANGUAGES } from '../i18n/languages.ts';

const LANGUAGE_COUNT = Object.keys(LANGUAGES).length;

/** How large one sitemap file may grow. */
export interface SitemapLimits {
  /** URLs in one file. */
  maxUrls: number;
  /** Uncompressed bytes of one file. */
  maxBytes: number;
}

/** The limits of sitemaps.org and Google: 50,000 URLs and 50 MB (52,428,800 bytes) per file. */
export const PROTOCOL_LIMITS: Readonly<SitemapLimits> = { maxUrls: 50_000, maxBytes: 52_428_800 };

/**
 * What Masthead fills a file to: 10,000 URLs (about 3 MB), well inside the protocol. A
 * full 50,000-URL file is 12 MB that takes a few hundred milliseconds to read and write
 * out after every content change, and is too large for the in-process page cache; five
 * smaller files each render in tens of milliseconds and stay cached.
 */
export const DEFAULT_LIMITS: Readonly<SitemapLimits> = { maxUrls: 10_000, maxBytes: PROTOCOL_LIMITS.maxBytes };

/** Google News takes articles of the last two days, at most 1,000 per sitemap. */
export const NEWS_WINDOW_HOURS = 48;
/** Most URLs in the Google News sitemap. */
export const NEWS_MAX_URLS = 1000;
/** Google reads at most 1,000 images per URL. */
export const MAX_IMAGES_PER_URL = 1000;

let current: SitemapLimits = { ...DEFAULT_LIMITS };

/** The limits in force. */
export function sitemapLimits(): Readonly<SitemapLimits> {
  return current;
}

/**
 * Changes the limits so tests can watch files split without writing thousands of articles
 * (and a benchmark can compare file sizes). They stay within the protocol's, and a file
 * must hold at least one tag hub in every language. Returns a function that restores the defaults.
 */
export function setSitemapLimits(limits: Partial<SitemapLimits>): () => void {
  const next = { ...current, ...limits };
  if (next.maxUrls < LANGUAGE_COUNT || next.maxUrls > PROTOCOL_LIMITS.maxUrls || next.maxBytes > PROTOCOL_LIMITS.maxBytes) {
    throw new RangeError(`sitemap limits must stay within ${LANGUAGE_COUNT}–${PROTOCOL_LIMITS.maxUrls} URLs and ${PROTOCOL_LIMITS.maxBytes} bytes`);
  }
  current = next;
  return () => {
    current = { ...DEFAULT_LIMITS };
  };
}

/** Bytes assumed for the escaped public URL in front of every path. */
const PUBLIC_URL_BOUND = 200;
/** Longest slug Masthead accepts (article input and route checks). */
const SLUG_BOUND = 120;
/** `/ar`: the longest edition prefix. */
const PREFIX_BOUND = 3;
/** An article path is `<prefix>/<section>/<slug>`; the section may be renamed after the entry is counted. */
const ARTICLE_PATH_BOUND = PREFIX_BOUND + 1 + SLUG_BOUND + 1 + SLUG_BOUND;
/** `2026-11-28T10:00:00Z`. */
const DATE_BYTES = 20;

/** Bytes of a file's XML declaration, root element with every namespace, and closing tag. */
export const DOCUMENT_OVERHEAD_BOUND = 512;

const URL_ELEMENT = '<url><loc></loc><lastmod></lastmod></url>\n'.length + DATE_BYTES;
const IMAGE_ELEMENT = '<image:image><image:loc></image:loc></image:image>'.length + PUBLIC_URL_BOUND + '/media/'.length;
const ALTERNATE_ELEMENT = '<xhtml:link rel="alternate" hreflang="xx" href=""/>'.length + PUBLIC_URL_BOUND + ARTICLE_PATH_BOUND;

/** What an article's `<url>` holds, as far as its size goes. */
export interface EntrySize {
  slug: string;
  imageKeys: readonly string[];
  hasTranslations: boolean;
}

/**
 * Upper bound of the bytes an article's `<url>` element takes. Slugs and media keys are
 * plain ASCII that escaping leaves alone; alternates are counted for every language
 * because a translation published later adds one without touching this entry.
 */
export function entryByteBound(entry: EntrySize): number {
  let bytes = URL_ELEMENT + PUBLIC_URL_BOUND + PREFIX_BOUND + 1 + SLUG_BOUND + 1 + Buffer.byteLength(entry.slug);
  for (const key of entry.imageKeys) bytes += IMAGE_ELEMENT + Buffer.byteLength(key);
  if (entry.hasTranslations) bytes += LANGUAGE_COUNT * ALTERNATE_ELEMENT;
  return bytes;
}

/** Bytes a part's entries may take together. */
export function partByteCapacity(limits: SitemapLimits = current): number {
  return limits.maxBytes - DOCUMENT_OVERHEAD_BOUND;
}

/**
 * One feed, independent of its format: what the RSS, Atom and JSON Feed writers turn
 * into text. Every URL here is already absolute and every text is plain (unescaped);
 * `contentHtml` is the only markup.
 */

/** A person or desk credited with an article. */
export interface FeedPerson {
  name: string;
  /** Their author page, absolute; null for a desk or agency byline. */
  url: string | null;
}

/** A tag of an article, as a feed category. */
export interface FeedCategory {
  /** The tag's slug: a stable identifier within its scheme. */
  term: string;
  /** The tag's display name. */
  label: string;
  /** The absolute URL of the tag's hub page. */
  url: string;
  /** The absolute URL the kind's hubs share (`…/countries/`): with the term it names the hub. */
  scheme: string;
}

/** The hero image of an article, as an enclosure and Media RSS content. */
export interface FeedImage {
  url: string;
  mimeType: string;
  width: number;
  height: number;
  /** Size of the file in bytes (RSS enclosures require a length); 0 when unknown. */
  bytes: number;
  alt: string;
  caption: string;
  /** "Photographer/Agency", as the licence asks; '' when there is none. */
  credit: string;
}

/** One article in a feed. */
export interface FeedEntry {
  /** Stable identifier: a `tag:` URI built from the article's id, unchanged by slug or section edits. */
  id: string;
  /** The canonical article URL, absolute. */
  url: string;
  language: string;
  title: string;
  /** The standfirst, plain text. */
  summary: string;
  /** The hero figure and the full body, every URL absolute, no script, embeds as plain links. */
  contentHtml: string;
  /** ISO time of publication. */
  published: string;
  /** ISO time of the last substantive update (the article's `updated_at`), or of publication. */
  updated: string;
  authors: FeedPerson[];
  categories: FeedCategory[];
  image: FeedImage | null;
}

/** A whole feed. */
export interface FeedDocument {
  /** "<site name> — <listing>". */
  title: string;
  description: string;
  /** The edition's language; null for author feeds, whose articles may be in any language. */
  language: string | null;
  /** The listing page this feed mirrors, absolute. */
  homePageUrl: string;
  /** This feed's own URL, absolute. */
  selfUrl: string;
  /** ISO time of the newest change among the entries (or of the last content change when empty). */
  updated: string;
  /** The site's icon, absolute. */
  iconUrl: string;
  generator: string;
  entries: FeedEntry[];
}

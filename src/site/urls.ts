/** Every public URL the site produces, built in one place so links and routes agree. */
import { languagePrefix } from '../i18n/languages.ts';

/** URL segment for each tag kind's hub pages. */
export const TAG_KIND_SEGMENTS = {
  topic: 'topics',
  country: 'countries',
  place: 'places',
  person: 'people',
  organisation: 'organisations',
} as const;

/** A tag kind. */
export type TagKindName = keyof typeof TAG_KIND_SEGMENTS;

/** First path segments that belong to the site itself and can never be section slugs. */
export const RESERVED_SEGMENTS = new Set<string>([
  ...Object.values(TAG_KIND_SEGMENTS),
  'authors', 'pages', 'corrections', 'media', 'assets', 'healthz', 'search', 'feeds', 'feed', 'admin', 'api',
  'newsletters', 'republish', 'licensing', 'syndication', 'sitemap.xml', 'sitemaps', 'robots.txt', 'favicon.ico', 'en', 'ar', 'fr',
]);

/** Home page of a language edition. */
export function homeUrl(language: string): string {
  return languagePrefix(language) || '/';
}

/** Article page. */
export function articleUrl(language: string, sectionSlug: string, slug: string): string {
  return `${languagePrefix(language)}/${sectionSlug}/${slug}`;
}

/** Section page. */
export function sectionUrl(language: string, sectionSlug: string): string {
  return `${languagePrefix(language)}/${sectionSlug}`;
}

/** Hub page of a tag (country, topic, person, organisation, place). */
export function tagUrl(language: string, kind: TagKindName, slug: string): string {
  return `${languagePrefix(language)}/${TAG_KIND_SEGMENTS[kind]}/${slug}`;
}

/** Author page; authors are one page whatever the language. */
export function authorUrl(slug: string): string {
  return `/authors/${slug}`;
}

/** Static page such as About or the corrections policy. */
export function staticPageUrl(language: string, slug: string): string {
  return `${languagePrefix(language)}/pages/${slug}`;
}

/** Site-wide list of corrections. */
export function correctionsUrl(language: string): string {
  return `${languagePrefix(language)}/corrections`;
}

/** Feed formats Masthead publishes for every listing (home/edition, section, tag hub, author). */
export const FEED_FORMATS = {
  rss: { file: 'feed.xml', type: 'application/rss+xml', label: 'RSS' },
  atom: { file: 'atom.xml', type: 'application/atom+xml', label: 'Atom' },
  json: { file: 'feed.json', type: 'application/feed+json', label: 'JSON Feed' },
} as const;

/** A feed format. */
export type FeedFormat = keyof typeof FEED_FORMATS;

/** The feed of a listing page: `/feed.xml`, `/ar/atom.xml`, `/news/feed.json`, `/countries/jordan/feed.xml`. */
export function feedUrl(listingPath: string, format: FeedFormat): string {
  const base = listingPath === '/' ? '' : listingPath.replace(/\/+$/, '');
  return `${base}/${FEED_FORMATS[format].file}`;
}

/** The search page of an edition. */
export function searchUrl(language: string): string {
  return `${languagePrefix(language)}/search`;
}

/** Absolute form of a site path, for canonical links, feeds and social cards. */
export function absoluteUrl(publicUrl: string, path: string): string {
  return `${publicUrl}${path.startsWith('/') ? path : `/${path}`}`;
}

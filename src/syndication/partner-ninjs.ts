/**
 * The partner feed as IPTC ninjs 2.0 (http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json):
 * a JSON array with one ninjs object per licensed article, newest first. ninjs describes
 * news items, not feeds, so nothing but ninjs objects is in the body; what a feed says
 * about itself (its Atom twin, the schema) travels in `Link` headers (see
 * republish-routes.tsx).
 *
 * Every property written here is one the 2.0 schema defines, at the level it defines it:
 * `headlines`, `descriptions`, `bodies`, `renditions` and `associations` are arrays of
 * objects (associations and renditions each with a `name`), never keyed maps; tags go to
 * `subjects`, `people`, `organisations` or `places` by kind; the canonical address is an
 * `altids` entry, since 2.0 has no links array.
 */
import { rfc3339Date } from '../feeds/xml.ts';
import { messagesFor } from '../i18n/index.ts';
import { isArticleType } from '../articles/article-types.ts';
import { absoluteUrl } from '../site/urls.ts';
import type { PartnerFeed, PartnerFeedItem, PhotoUse } from './partner-feeds.ts';

/** Where the ninjs 2.0 schema lives: named in each item's `standard` and in the feed's `Link: rel="describedby"`. */
export const NINJS_SCHEMA_URL = 'http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json';

/** A ninjs 2.0 rendition (renditions[]). */
interface NinjsRendition {
  name: string;
  href: string;
  contenttype: string;
  width: number;
  height: number;
}

/** A `{ role, contenttype, value }` entry of headlines[], descriptions[] or bodies[]. */
interface NinjsText {
  role?: string;
  contenttype?: string;
  value: string;
}

/** A concept of subjects[], people[], organisations[], places[] or genres[]. */
interface NinjsConcept {
  name: string;
  uri?: string;
  literal: string;
}

/** The subset of a ninjs 2.0 object that Masthead writes. */
export interface NinjsItem {
  uri: string;
  standard?: { name: string; version: string; schema: string };
  type: 'text' | 'picture';
  representationtype?: 'full' | 'partial';
  version?: string;
  firstcreated?: string;
  versioncreated?: string;
  pubstatus?: 'usable';
  language?: string;
  headlines?: NinjsText[];
  descriptions?: NinjsText[];
  bodies?: NinjsText[];
  by?: string;
  located?: string;
  copyrightholder?: string;
  copyrightnotice?: string;
  usageterms?: string;
  genres?: NinjsConcept[];
  subjects?: NinjsConcept[];
  people?: NinjsConcept[];
  organisations?: NinjsConcept[];
  places?: NinjsConcept[];
  altids?: { role: string; value: string }[];
  renditions?: NinjsRendition[];
  /** Each association is a ninjs object of its own plus the `name` it has in this item. */
  associations?: (NinjsItem & { name: string })[];
}

/** Which ninjs array a tag of each kind belongs in. */
const CONCEPT_ARRAYS = { topic: 'subjects', person: 'people', organisation: 'organisations', country: 'places', place: 'places' } as const;

/** A distributable photo as an association: caption and alt text as descriptions, the credit as `by`, every JPEG width as a rendition. */
function pictureAssociation(use: PhotoUse, name: string, publicUrl: string, language: string): (NinjsItem & { name: string }) | null {
  const jpeg = use.image.variants.filter((variant) => variant.format === 'jpeg').sort((a, b) => a.width - b.width);
  const largest = jpeg.at(-1);
  if (!largest) return null;
  const href = (key: string) => absoluteUrl(publicUrl, `/media/${encodeURIComponent(key)}`);
  const descriptions: NinjsText[] = [];
  if (use.caption !== '') descriptions.push({ role: 'caption', contenttype: 'text/plain', value: use.caption });
  if (use.alt !== '') descriptions.push({ role: 'alternative-text', contenttype: 'text/plain', value: use.alt });
  return {
    name,
    // The largest JPEG's address: stable (the file name holds the image's hash) and unique to the photo.
    uri: href(largest.key),
    type: 'picture',
    language,
    ...(descriptions.length > 0 ? { descriptions } : {}),
    ...(use.credit === '' ? {} : { by: use.credit, copyrightnotice: use.credit }),
    renditions: jpeg.map((variant) => ({ name: `jpeg-${variant.width}`, href: href(variant.key), contenttype: 'image/jpeg', width: variant.width, height: variant.height })),
  };
}

/** One licensed article as a ninjs 2.0 object. */
export function ninjsItemOf(item: PartnerFeedItem, siteName: string, publicUrl: string): NinjsItem {
  const { article, package: pkg } = item;
  const t = messagesFor(article.language);
  const concepts: Record<'subjects' | 'people' | 'organisations' | 'places', NinjsConcept[]> = { subjects: [], people: [], organisations: [], places: [] };
  for (const tag of article.tags) concepts[CONCEPT_ARRAYS[tag.kind]].push({ name: tag.name, uri: absoluteUrl(publicUrl, tag.url), literal: `${tag.kind}:${tag.slug}` });
  const associations = item.images.flatMap((use, index) => pictureAssociation(use, use.isHero ? 'featureimage' : `picture${index + 1}`, publicUrl, article.language) ?? []);
  const by = article.authors.length > 0 ? article.authors.map((author) => author.name).join(', ') : (article.byline?.trim() ?? '');
  const standfirst = article.standfirst.trim();
  const dateline = article.dateline?.trim() ?? '';
  return {
    uri: item.uri,
    standard: { name: 'ninjs', version: '2.0', schema: NINJS_SCHEMA_URL },
    type: 'text',
    representationtype: 'full',
    version: String(item.revision),
    firstcreated: rfc3339Date(article.publishedAt),
    versioncreated: rfc3339Date(article.modifiedAt),
    pubstatus: 'usable',
    language: article.language,
    headlines: [{ role: 'main', contenttype: 'text/plain', value: article.headline }],
    ...(standfirst === '' ? {} : { descriptions: [{ role: 'summary', contenttype: 'text/plain', value: standfirst }] }),
    bodies: [
      { role: 'main', contenttype: 'text/html', value: pkg.html },
      { role: 'main', contenttype: 'text/plain', value: pkg.text },
    ],
    ...(by === '' ? {} : { by }),
    ...(dateline === '' ? {} : { located: dateline }),
    copyrightholder: siteName,
    copyrightnotice: pkg.credit,
    usageterms: `Licence ${item.licence.reference}, valid until ${item.licence.validTo.slice(0, 10)}. ${pkg.credit}`,
    genres: [{ name: isArticleType(article.type) ? t.types[article.type] : article.type, literal: article.type }],
    ...Object.fromEntries(Object.entries(concepts).filter(([, list]) => list.length > 0)),
    altids: [{ role: 'canonical-url', value: pkg.canonicalUrl }],
    ...(associations.length > 0 ? { associations } : {}),
  };
}

/** Writes a partner feed as a JSON array of ninjs 2.0 objects, newest first (`[]` when nothing is licensed today). */
export function renderPartnerNinjs(feed: PartnerFeed, publicUrl: string): string {
  return `${JSON.stringify(feed.items.map((item) => ninjsItemOf(item, feed.siteName, publicUrl)), null, 2)}\n`;
}

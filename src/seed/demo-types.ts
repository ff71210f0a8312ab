/**
 * The shape of the demo newsroom that the first start creates. The content lives in
 * `src/seed/demo/` as plain data; `src/seed/seed-demo.ts` writes it through the data layer.
 */

/** Type-of-work label shown on every article (page anatomy element 5). */
export type ArticleType = 'news' | 'opinion' | 'analysis' | 'explainer' | 'feature' | 'interview' | 'review' | 'sponsored';

/** Kinds of tag that the hubs and the article page group by. */
export type TagKind = 'topic' | 'country' | 'place' | 'person' | 'organisation';

/** A generated illustration (drawn as SVG, rasterised by sharp at seed time). */
export interface DemoPhoto {
  key: string;
  /** Complete SVG document, 1600×900 or similar; drawn by our code, never downloaded. */
  svg: string;
  alt: string;
  caption: string;
  credit: string;
  creditOrganisation: string | null;
  /** False for wire/agency photos that may not be passed on to republishers. */
  canDistribute: boolean;
}

export interface DemoSection {
  slug: string;
  name: string;
  nameAr: string;
  description: string;
}

export interface DemoAuthor {
  slug: string;
  name: string;
  title: string;
  bio: string;
  expertise: string[];
  languages: string[];
  location: string;
}

export interface DemoTag {
  slug: string;
  kind: TagKind;
  name: string;
  /** Other spellings, including Arabic ones, used later to suggest tags. */
  aliases: string[];
  description: string | null;
  /** ISO 3166-1 alpha-2 for country tags. */
  countryCode: string | null;
  /** For places: the slug of the country tag they lie in. */
  parentSlug: string | null;
}

export interface DemoCorrection {
  kind: 'correction' | 'update' | 'clarification';
  text: string;
  /** Hours after publication that the note was added. */
  hoursAfter: number;
}

export interface DemoSource {
  name: string;
  kind: 'wire' | 'newspaper' | 'broadcaster' | 'official' | 'document' | 'other';
  url: string | null;
}

export interface DemoArticle {
  slug: string;
  language: 'en' | 'ar' | 'fr';
  /** Articles sharing a group are translations of one another. */
  translationGroup: string | null;
  headline: string;
  standfirst: string;
  type: ArticleType;
  sectionSlug: string;
  /** Ordered; empty when the byline is a desk or agency. */
  authorSlugs: string[];
  /** Desk/agency byline, e.g. "Staff and wire reports"; null when authors are named. */
  byline: string | null;
  dateline: string | null;
  /** ProseMirror/TipTap JSON document (see src/articles/body/document.ts); imageBlock attrs.imageId holds a DemoPhoto key string here, replaced by the real id at seed time. */
  body: unknown;
  heroPhotoKey: string | null;
  heroCaption: string | null;
  sources: DemoSource[];
  corrections: DemoCorrection[];
  tagSlugs: string[];
  /** Hours before the seed time that the article was published (0 = now). */
  hoursAgo: number;
  /** Hours after publication of the last substantive update, or null. */
  updatedHoursAfter: number | null;
  licensingPolicy: 'paid' | 'cc' | 'none' | null;
}

export interface DemoStaticPage {
  slug: string;
  language: 'en' | 'ar';
  title: string;
  body: unknown;
}

export interface DemoSiteSettings {
  name: string;
  tagline: string;
  description: string;
  publisherBlurb: string;
  /** The newsroom's postal address (invented), printed at the foot of newsletters. */
  postalAddress: string;
  /** The same texts for other editions, by language code. */
  localized: Record<string, { name?: string; tagline?: string; description?: string; publisherBlurb?: string }>;
  languages: string[];
  defaultLanguage: string;
}

/** Everything the demo newsroom is made of. */
export interface DemoContent {
  site: DemoSiteSettings;
  sections: DemoSection[];
  authors: DemoAuthor[];
  tags: DemoTag[];
  photos: DemoPhoto[];
  articles: DemoArticle[];
  pages: DemoStaticPage[];
}

/**
 * A compact way to write demo articles: defaults for the rarely varied fields, source
 * shorthands and checks that catch slips in hand-written data early.
 */
import type { ArticleType, DemoArticle, DemoCorrection, DemoSource } from '../demo-types.ts';
import { doc } from './body.ts';
import type { BodyNode } from './body.ts';
import { WIRE_AGENCY, photoEntry } from './photo-catalogue.ts';

/** The fictional agency as an article source. */
export const WIRE: DemoSource = { name: WIRE_AGENCY, kind: 'wire', url: null };

/** Shorthand for any other source. */
export const source = (name: string, kind: DemoSource['kind'], url: string | null = null): DemoSource => ({ name, kind, url });

/** Shorthand for a correction, update or clarification note. */
export const note = (kind: DemoCorrection['kind'], hoursAfter: number, text: string): DemoCorrection => ({ kind, text, hoursAfter });

/** What an article file writes; everything optional has a sensible default. */
export interface ArticleSpec {
  slug: string;
  language?: DemoArticle['language'];
  group?: string;
  headline: string;
  standfirst: string;
  type: ArticleType;
  section: string;
  authors?: string[];
  byline?: string;
  dateline: string | null;
  hero: string | null;
  /** Defaults to the catalogue caption for English articles; required for other languages. */
  heroCaption?: string;
  sources?: DemoSource[];
  corrections?: DemoCorrection[];
  tags: string[];
  hoursAgo: number;
  updatedHoursAfter?: number;
  licensing?: DemoArticle['licensingPolicy'];
  body: BodyNode[];
}

/** Turns a spec into a DemoArticle. */
export function article(spec: ArticleSpec): DemoArticle {
  const language = spec.language ?? 'en';
  const authors = spec.authors ?? [];
  if ((authors.length === 0) === (spec.byline === undefined)) throw new Error(`${spec.slug}: give either authors or a desk byline`);
  if (spec.hero && language !== 'en' && !spec.heroCaption) throw new Error(`${spec.slug}: a translated hero caption is required`);
  return {
    slug: spec.slug,
    language,
    translationGroup: spec.group ?? null,
    headline: spec.headline,
    standfirst: spec.standfirst,
    type: spec.type,
    sectionSlug: spec.section,
    authorSlugs: authors,
    byline: spec.byline ?? null,
    dateline: spec.dateline,
    body: doc(spec.body),
    heroPhotoKey: spec.hero,
    heroCaption: spec.hero ? (spec.heroCaption ?? photoEntry(spec.hero).caption) : null,
    sources: spec.sources ?? [],
    corrections: spec.corrections ?? [],
    tagSlugs: spec.tags,
    hoursAgo: spec.hoursAgo,
    updatedHoursAfter: spec.updatedHoursAfter ?? null,
    licensingPolicy: spec.licensing ?? null,
  };
}

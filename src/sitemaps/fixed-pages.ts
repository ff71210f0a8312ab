/**
 * Sitemaps of the pages that are not articles: edition homes and corrections pages,
 * sections, static pages, tag hubs and authors. Each family is split by id range, sized
 * from the limits and the public URL so a file can never pass 50,000 URLs or 50 MB,
 * and every part is one primary-key range read.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isSlug } from '../http/editions.ts';
import { isLanguageCode } from '../i18n/languages.ts';
import { TAG_KIND_SEGMENTS, authorUrl, correctionsUrl, homeUrl, sectionUrl, staticPageUrl, tagUrl } from '../site/urls.ts';
import { partByteCapacity, sitemapLimits } from './limits.ts';
import { URLSET_END, escapeXml, urlElement, urlsetStart } from './xml.ts';

/** The families, in the order the sitemap index lists them. */
export const FIXED_FAMILIES = ['editions', 'sections', 'pages', 'tags', 'authors'] as const;

/** A family of non-article pages. */
export type FixedFamily = (typeof FIXED_FAMILIES)[number];

/** A page of a family: its path and, where the page has one, when it last changed. */
interface FixedUrl {
  path: string;
  lastmod: string | null;
}

type Db = Kysely<Database>;
type IdTable = 'sections' | 'static_pages' | 'tags' | 'authors';

interface FamilySpec {
  /** Table whose ids split the family; null for the editions, numbered 1… in the settings' order. */
  table: IdTable | null;
  urlsPerRow: (editions: readonly string[]) => number;
  /** Longest path a row's URL can have (slugs longer than routes accept are left out). */
  pathBound: number;
  urls: (db: Db, first: number, last: number, editions: readonly string[]) => Promise<FixedUrl[]>;
}

const SLUG_BOUND = 120;
const MAX_ID = 2_147_483_647;

const FAMILIES: Record<FixedFamily, FamilySpec> = {
  editions: {
    table: null,
    urlsPerRow: () => 2,
    pathBound: '/xx/corrections'.length,
    urls: (_db, first, last, editions) => Promise.resolve(editions.slice(first - 1, last).flatMap((language) => [{ path: homeUrl(language), lastmod: null }, { path: correctionsUrl(language), lastmod: null }])),
  },
  sections: {
    table: 'sections',
    urlsPerRow: (editions) => editions.length,
    pathBound: 4 + SLUG_BOUND,
    urls: async (db, first, last, editions) => {
      const rows = await db.selectFrom('sections').select(['id', 'slug']).where('id', '>=', first).where('id', '<=', last).orderBy('id').execute();
      return rows.filter((row) => isSlug(row.slug)).flatMap((row) => editions.map((language) => ({ path: sectionUrl(language, row.slug), lastmod: null })));
    },
  },
  pages: {
    table: 'static_pages',
    urlsPerRow: () => 1,
    pathBound: '/xx/pages/'.length + SLUG_BOUND,
    urls: async (db, first, last) => {
      const rows = await db.selectFrom('static_pages').select(['id', 'slug', 'language', 'updated_at']).where('id', '>=', first).where('id', '<=', last).orderBy('id').execute();
      return rows.filter((row) => isSlug(row.slug) && isLanguageCode(row.language)).map((row) => ({ path: staticPageUrl(row.language, row.slug), lastmod: row.updated_at }));
    },
  },
  tags: {
    table: 'tags',
    urlsPerRow: (editions) => editions.length,
    pathBound: '/xx/organisations/'.length + SLUG_BOUND,
    urls: async (db, first, last, editions) => {
      const rows = await db.selectFrom('tags').select(['id', 'kind', 'slug']).where('id', '>=', first).where('id', '<=', last).orderBy('id').execute();
      return rows
        .filter((row) => isSlug(row.slug) && Object.hasOwn(TAG_KIND_SEGMENTS, row.kind))
        .flatMap((row) => editions.map((language) => ({ path: tagUrl(language, row.kind, row.slug), lastmod: null })));
    },
  },
  authors: {
    table: 'authors',
    urlsPerRow: () => 1,
    pathBound: '/authors/'.length + SLUG_BOUND,
    urls: async (db, first, last) => {
      const rows = await db.selectFrom('authors').select(['id', 'slug', 'updated_at']).where('id', '>=', first).where('id', '<=', last).orderBy('id').execute();
      return rows.filter((row) => isSlug(row.slug)).map((row) => ({ path: authorUrl(row.slug), lastmod: row.updated_at }));
    },
  },
};

const URL_ELEMENT_BYTES = '<url><loc></loc><lastmod>2026-11-28T10:00:00Z</lastmod></url>\n'.length;

/** How many rows (ids) one file of a family covers, so its URLs and bytes stay within the limits. */
export function rowsPerPart(family: FixedFamily, editions: readonly string[], publicUrl: string): number {
  const spec = FAMILIES[family];
  const limits = sitemapLimits();
  const urlBytes = URL_ELEMENT_BYTES + Buffer.byteLength(escapeXml(publicUrl)) + spec.pathBound;
  const urls = Math.min(limits.maxUrls, Math.floor(partByteCapacity(limits) / urlBytes));
  return Math.max(1, Math.floor(urls / Math.max(1, spec.urlsPerRow(editions))));
}

async function idAt(db: Db, table: IdTable, end: 'asc' | 'desc'): Promise<number | null> {
  // Two single-ended reads: each is one step down the primary key.
  const row = await db.selectFrom(table).select('id').orderBy('id', end).limit(1).executeTakeFirst();
  return row ? Number(row.id) : null;
}

async function hasRows(db: Db, table: IdTable, first: number, last: number): Promise<boolean> {
  const row = await db.selectFrom(table).select('id').where('id', '>=', first).where('id', '<=', last).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The part numbers (1, 2 …) of a family's files that hold at least one row. */
export async function listFamilyParts(db: Db, family: FixedFamily, editions: readonly string[], publicUrl: string): Promise<number[]> {
  const spec = FAMILIES[family];
  const size = rowsPerPart(family, editions, publicUrl);
  if (spec.table === null) return Array.from({ length: Math.ceil(editions.length / size) }, (_, index) => index + 1);
  const first = await idAt(db, spec.table, 'asc');
  const last = await idAt(db, spec.table, 'desc');
  if (first === null || last === null) return [];
  const parts: number[] = [];
  for (let part = Math.floor((first - 1) / size) + 1; part <= Math.floor((last - 1) / size) + 1; part += 1) {
    if (await hasRows(db, spec.table, (part - 1) * size + 1, Math.min(part * size, MAX_ID))) parts.push(part);
  }
  return parts;
}

/** One file of a family, or null when that part holds nothing. */
export async function familyPartDocument(db: Db, family: FixedFamily, part: number, editions: readonly string[], publicUrl: string): Promise<string | null> {
  const size = rowsPerPart(family, editions, publicUrl);
  // Ids are 32-bit integers in both databases; a part beyond them is simply empty.
  if ((part - 1) * size + 1 > MAX_ID) return null;
  const urls = await FAMILIES[family].urls(db, (part - 1) * size + 1, Math.min(part * size, MAX_ID), editions);
  if (urls.length === 0) return null;
  return urlsetStart([]) + urls.map((url) => urlElement(publicUrl + url.path, url.lastmod)).join('') + URLSET_END;
}

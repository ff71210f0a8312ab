/** The names of the sitemap files, and the sitemap index that lists them. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { absoluteUrl } from '../site/urls.ts';
import { FIXED_FAMILIES, listFamilyParts } from './fixed-pages.ts';
import type { FixedFamily } from './fixed-pages.ts';
import { listMonthParts } from './queries.ts';
import type { IndexEntry } from './xml.ts';

/** The Google News sitemap. */
export const NEWS_SITEMAP_PATH = '/sitemaps/news.xml';

/** Path of a month part's file: `/sitemaps/articles-2026-11.xml`, then `-2`, `-3` …; part 1 has no number, so each file has one name. */
export function monthSitemapPath(month: string, part: number): string {
  return `/sitemaps/articles-${month}${part > 1 ? `-${part}` : ''}.xml`;
}

/** Path of a file of non-article pages: `/sitemaps/tags.xml`, `/sitemaps/tags-2.xml` … */
export function familySitemapPath(family: FixedFamily, part: number): string {
  return `/sitemaps/${family}${part > 1 ? `-${part}` : ''}.xml`;
}

const PART = '(?:-([2-9]|[1-9]\\d{1,4}))?';
const MONTH_FILE = new RegExp(`^articles-(\\d{4}-(?:0[1-9]|1[0-2]))${PART}\\.xml$`);
const FAMILY_FILE = new RegExp(`^(${FIXED_FAMILIES.join('|')})${PART}\\.xml$`);

/** What a file name under /sitemaps/ names, or null when it is not one Masthead makes. */
export type SitemapFile = { kind: 'month'; month: string; part: number } | { kind: 'family'; family: FixedFamily; part: number };

/** Reads a file name strictly: `articles-2026-11.xml`, `articles-2026-11-2.xml`, `tags.xml`, `tags-2.xml`. */
export function parseSitemapFile(name: string): SitemapFile | null {
  const month = MONTH_FILE.exec(name);
  if (month?.[1]) return { kind: 'month', month: month[1], part: Number(month[2] ?? 1) };
  const family = FAMILY_FILE.exec(name);
  if (family?.[1]) return { kind: 'family', family: family[1] as FixedFamily, part: Number(family[2] ?? 1) };
  return null;
}

/** Every file the sitemap index lists: the news sitemap, the non-article pages, then each month part (newest first) with its lastmod. */
export async function sitemapIndexEntries(db: Kysely<Database>, editions: readonly string[], publicUrl: string): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [{ loc: absoluteUrl(publicUrl, NEWS_SITEMAP_PATH), lastmod: null }];
  for (const family of FIXED_FAMILIES) {
    for (const part of await listFamilyParts(db, family, editions, publicUrl)) entries.push({ loc: absoluteUrl(publicUrl, familySitemapPath(family, part)), lastmod: null });
  }
  for (const part of await listMonthParts(db)) entries.push({ loc: absoluteUrl(publicUrl, monthSitemapPath(part.month, part.part)), lastmod: part.lastmod });
  return entries;
}

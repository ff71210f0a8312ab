/** Reads behind the article sitemaps: the month summary, one part's entries, translations, the last 48 hours. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isoHoursFrom } from '../shared/time.ts';
import { NEWS_MAX_URLS, NEWS_WINDOW_HOURS } from './limits.ts';

/** One file of a month's sitemap as the index lists it. */
export interface MonthPart {
  month: string;
  part: number;
  lastmod: string;
}

/** Every month part that lists at least one article, newest month first. A few dozen rows however large the archive. */
export async function listMonthParts(db: Kysely<Database>): Promise<MonthPart[]> {
  const rows = await db.selectFrom('sitemap_parts').select(['month', 'part', 'lastmod']).where('url_count', '>', 0).orderBy('month', 'desc').orderBy('part').execute();
  return rows.map((row) => ({ month: row.month, part: Number(row.part), lastmod: row.lastmod }));
}

/**
 * What one file of a month's sitemap shows: its entries and their translations; null
 * for a part that is unknown or has been emptied, which is not served.
 */
export async function loadMonthPart(db: Kysely<Database>, month: string, part: number): Promise<{ entries: MonthEntry[]; translations: Map<string, TranslationMember[]> } | null> {
  const summary = await db.selectFrom('sitemap_parts').select('url_count').where('month', '=', month).where('part', '=', part).executeTakeFirst();
  if (!summary || summary.url_count <= 0) return null;
  const entries = await loadMonthEntries(db, month, part);
  const groups = entries.flatMap((entry) => (entry.translation_group === null ? [] : [entry.translation_group]));
  return { entries, translations: groups.length > 0 ? await loadTranslationMembers(db, groups) : new Map<string, TranslationMember[]>() };
}

/** What one article's `<url>` is made of. */
export interface MonthEntry {
  article_id: number;
  lastmod: string;
  language: string;
  section_id: number;
  slug: string;
  translation_group: string | null;
  image_keys: string;
}

/** The entries of one part in publication order: one range of the (month, part, published_at, article_id) index. */
async function loadMonthEntries(db: Kysely<Database>, month: string, part: number): Promise<MonthEntry[]> {
  return db
    .selectFrom('sitemap_entries')
    .select(['article_id', 'lastmod', 'language', 'section_id', 'slug', 'translation_group', 'image_keys'])
    .where('month', '=', month)
    .where('part', '=', part)
    .orderBy('published_at')
    .orderBy('article_id')
    .execute();
}

/** A published article of a translation group. */
export interface TranslationMember {
  article_id: number;
  language: string;
  section_id: number;
  slug: string;
}

/** The published members of translation groups, by group, in article order. */
async function loadTranslationMembers(db: Kysely<Database>, groups: Iterable<string>): Promise<Map<string, TranslationMember[]>> {
  const wanted = [...new Set(groups)];
  const members = new Map<string, TranslationMember[]>();
  for (let start = 0; start < wanted.length; start += 1000) {
    const rows = await db
      .selectFrom('sitemap_entries')
      .select(['translation_group', 'article_id', 'language', 'section_id', 'slug'])
      .where('translation_group', 'in', wanted.slice(start, start + 1000))
      .orderBy('article_id')
      .execute();
    for (const row of rows) {
      if (row.translation_group === null) continue;
      const list = members.get(row.translation_group) ?? [];
      list.push({ article_id: Number(row.article_id), language: row.language, section_id: row.section_id, slug: row.slug });
      members.set(row.translation_group, list);
    }
  }
  return members;
}

/** An article of the Google News sitemap. */
export interface NewsArticle {
  id: number;
  language: string;
  section_id: number;
  slug: string;
  headline: string;
  published_at: string;
}

/** Published articles of the last 48 hours before `now` (none from the future), newest first, at most 1,000. */
export async function loadNewsArticles(db: Kysely<Database>, now: string): Promise<NewsArticle[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'language', 'section_id', 'slug', 'headline', 'published_at'])
    .where('status', '=', 'published')
    .where('published_at', '>=', isoHoursFrom(now, -NEWS_WINDOW_HOURS))
    .where('published_at', '<=', now)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(NEWS_MAX_URLS)
    .execute();
  return rows.flatMap((row) => (row.published_at === null ? [] : [{ ...row, id: Number(row.id), published_at: row.published_at }]));
}

/** Article summaries for listings (home, section, tag and author pages, related articles). */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { loadImages } from '../media/image-queries.ts';
import type { RenderableImage } from '../media/types.ts';
import { parseStoredJson } from '../shared/json.ts';
import { articleUrl } from '../site/urls.ts';

/** What a listing shows of one article. */
export interface ArticleCard {
  id: number;
  url: string;
  language: string;
  headline: string;
  standfirst: string;
  type: string;
  sectionSlug: string;
  sectionName: string;
  publishedAt: string;
  byline: string;
  image: RenderableImage | null;
}

/** Loads cards for ids, in the order given; ids that are not published are skipped. */
export async function loadCards(db: Kysely<Database>, ids: readonly number[]): Promise<ArticleCard[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id', 'articles.slug', 'articles.language', 'articles.headline', 'articles.standfirst', 'articles.type',
      'articles.published_at', 'articles.byline', 'articles.hero_image_id', 'articles.hero_alt',
      'sections.slug as section_slug', 'sections.name as section_name', 'sections.name_translations',
    ])
    .where('articles.id', 'in', [...ids])
    .where('articles.status', '=', 'published')
    .execute();
  const authorRows = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['article_authors.article_id', 'authors.name'])
    .where('article_authors.article_id', 'in', [...ids])
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position')
    .execute();
  const authorsByArticle = new Map<number, string[]>();
  for (const row of authorRows) {
    const names = authorsByArticle.get(row.article_id) ?? [];
    names.push(row.name);
    authorsByArticle.set(row.article_id, names);
  }
  const images = await loadImages(db, rows.map((row) => row.hero_image_id ?? 0));
  const byId = new Map(
    rows.map((row) => {
      const image = row.hero_image_id ? images.get(row.hero_image_id) : undefined;
      const translations = parseStoredJson<Record<string, string>>(row.name_translations, {});
      const card: ArticleCard = {
        id: row.id,
        url: articleUrl(row.language, row.section_slug, row.slug),
        language: row.language,
        headline: row.headline,
        standfirst: row.standfirst,
        type: row.type,
        sectionSlug: row.section_slug,
        sectionName: translations[row.language] ?? row.section_name,
        publishedAt: row.published_at ?? '',
        byline: authorsByArticle.get(row.id)?.join(', ') ?? row.byline ?? '',
        image: image ? { ...image, alt: row.hero_alt ?? image.alt } : null,
      };
      return [row.id, card] as const;
    }),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

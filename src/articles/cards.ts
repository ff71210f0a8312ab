/** Article summaries for listings (home, section, tag and author pages, related articles). */
import type { Kysely } from 'kysely';
import { prepareQuery } from '../db/prepared.ts';
import type { Database } from '../db/schema.ts';
import { loadImages } from '../media/image-queries.ts';
import type { RenderableImage } from '../media/types.ts';
import type { SectionNavItem } from '../site/chrome.ts';
import { sectionName } from '../site/chrome.ts';
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

const cardRows = prepareQuery<{ ids: number[] }, { id: number; slug: string; language: string; headline: string; standfirst: string; type: string; published_at: string | null; byline: string | null; hero_image_id: number | null; hero_alt: string | null; section_id: number }>((db, p) =>
  db
    .selectFrom('articles')
    .select(['id', 'slug', 'language', 'headline', 'standfirst', 'type', 'published_at', 'byline', 'hero_image_id', 'hero_alt', 'section_id'])
    .where('id', 'in', p.list('ids'))
    .where('status', '=', 'published'),
);

const cardAuthors = prepareQuery<{ ids: number[] }, { article_id: number; name: string }>((db, p) =>
  db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['article_authors.article_id', 'authors.name'])
    .where('article_authors.article_id', 'in', p.list('ids'))
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position'),
);

/** Loads cards for ids, in the order given; ids that are not published are skipped. */
export async function loadCards(
  db: Kysely<Database>,
  ids: readonly number[],
  sections: ReadonlyMap<number, SectionNavItem>,
  options: { withImages?: boolean } = {},
): Promise<ArticleCard[]> {
  if (ids.length === 0) return [];
  const list = [...new Set(ids)];
  const [rows, authorRows] = [await cardRows.execute(db, { ids: list }), await cardAuthors.execute(db, { ids: list })];
  const authorsByArticle = new Map<number, string[]>();
  for (const row of authorRows) {
    const names = authorsByArticle.get(row.article_id) ?? [];
    names.push(row.name);
    authorsByArticle.set(row.article_id, names);
  }
  const images = options.withImages === false ? new Map<number, RenderableImage>() : await loadImages(db, rows.map((row) => row.hero_image_id ?? 0));
  const byId = new Map<number, ArticleCard>();
  for (const row of rows) {
    const section = sections.get(row.section_id);
    if (!section) continue;
    const image = row.hero_image_id ? images.get(row.hero_image_id) : undefined;
    byId.set(row.id, {
      id: row.id,
      url: articleUrl(row.language, section.slug, row.slug),
      language: row.language,
      headline: row.headline,
      standfirst: row.standfirst,
      type: row.type,
      sectionSlug: section.slug,
      sectionName: sectionName(section, row.language),
      publishedAt: row.published_at ?? '',
      byline: authorsByArticle.get(row.id)?.join(', ') ?? row.byline ?? '',
      image: image ? { ...image, alt: row.hero_alt ?? image.alt } : null,
    });
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

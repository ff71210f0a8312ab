/** Everything the article page shows, gathered in a handful of indexed queries. */
import type { Kysely } from 'kysely';
import type { Database, LicensingPolicy } from '../db/schema.ts';
import { loadImages } from '../media/image-queries.ts';
import type { RenderableImage } from '../media/types.ts';
import { parseStoredJson } from '../shared/json.ts';
import { articleUrl, authorUrl, tagUrl } from '../site/urls.ts';
import type { TagKindName } from '../site/urls.ts';
import type { BodyDocument } from './body/document.ts';
import { collectArticleIds, collectImageIds } from './body/render.ts';
import { loadCards } from './cards.ts';
import type { ArticleCard } from './cards.ts';
import { listPublished } from './listing.ts';

/** A source or wire credit. */
export interface ArticleSource {
  name: string;
  kind: string;
  url: string | null;
}

/** The article page's data. */
export interface ArticlePageData {
  id: number;
  slug: string;
  url: string;
  language: string;
  headline: string;
  standfirst: string;
  type: string;
  dateline: string | null;
  byline: string | null;
  body: BodyDocument;
  publishedAt: string;
  updatedAt: string | null;
  modifiedAt: string;
  wordCount: number;
  licensingPolicy: LicensingPolicy;
  seoTitle: string | null;
  seoDescription: string | null;
  section: { id: number; slug: string; name: string };
  authors: { id: number; slug: string; name: string; title: string; url: string }[];
  tags: { id: number; kind: TagKindName; slug: string; name: string; url: string }[];
  corrections: { kind: string; body: string; createdAt: string }[];
  sources: ArticleSource[];
  hero: RenderableImage | null;
  bodyImages: Map<number, RenderableImage>;
  articleLinks: Map<number, { url: string; headline: string }>;
  translations: { language: string; url: string; headline: string }[];
  related: ArticleCard[];
}

/** Finds a published article by language and slug; null when there is none. */
export async function loadArticlePage(db: Kysely<Database>, language: string, slug: string): Promise<ArticlePageData | null> {
  const row = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .selectAll('articles')
    .select(['sections.slug as section_slug', 'sections.name as section_name', 'sections.name_translations', 'sections.default_licensing_policy'])
    .where('articles.language', '=', language)
    .where('articles.slug', '=', slug)
    .where('articles.status', '=', 'published')
    .executeTakeFirst();
  if (!row?.published_at) return null;

  const body = parseStoredJson<BodyDocument>(row.body, { type: 'doc', content: [] });
  const [authors, tags, corrections, translations] = await Promise.all([
    db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['authors.id', 'authors.slug', 'authors.name', 'authors.title'])
      .where('article_authors.article_id', '=', row.id)
      .orderBy('article_authors.position')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['tags.id', 'tags.kind', 'tags.slug', 'tags.name'])
      .where('article_tags.article_id', '=', row.id)
      .orderBy('article_tags.position')
      .execute(),
    db
      .selectFrom('article_corrections')
      .select(['kind', 'body', 'created_at'])
      .where('article_id', '=', row.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    row.translation_group
      ? db
          .selectFrom('articles')
          .innerJoin('sections', 'sections.id', 'articles.section_id')
          .select(['articles.language', 'articles.slug', 'articles.headline', 'sections.slug as section_slug'])
          .where('articles.translation_group', '=', row.translation_group)
          .where('articles.status', '=', 'published')
          .where('articles.id', '!=', row.id)
          .execute()
      : Promise.resolve([]),
  ]);

  const imageIds = collectImageIds(body);
  if (row.hero_image_id) imageIds.push(row.hero_image_id);
  const linkedIds = collectArticleIds(body);
  const primaryTag = tags.find((tag) => tag.kind !== 'person') ?? tags[0];
  const [images, linked, relatedPage] = await Promise.all([
    loadImages(db, imageIds),
    linkedIds.length > 0
      ? db
          .selectFrom('articles')
          .innerJoin('sections', 'sections.id', 'articles.section_id')
          .select(['articles.id', 'articles.language', 'articles.slug', 'articles.headline', 'sections.slug as section_slug'])
          .where('articles.id', 'in', linkedIds)
          .where('articles.status', '=', 'published')
          .execute()
      : Promise.resolve([]),
    primaryTag
      ? listPublished(db, { kind: 'tag', tagId: primaryTag.id, language: row.language }, { limit: 3, excludeId: row.id })
      : listPublished(db, { kind: 'section', sectionId: row.section_id, language: row.language }, { limit: 3, excludeId: row.id }),
  ]);
  const related = await loadCards(db, relatedPage.ids);

  const heroImage = row.hero_image_id ? images.get(row.hero_image_id) : undefined;
  const sectionNames = parseStoredJson<Record<string, string>>(row.name_translations, {});
  return {
    id: row.id,
    slug: row.slug,
    url: articleUrl(row.language, row.section_slug, row.slug),
    language: row.language,
    headline: row.headline,
    standfirst: row.standfirst,
    type: row.type,
    dateline: row.dateline,
    byline: row.byline,
    body,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    modifiedAt: row.modified_at,
    wordCount: row.word_count,
    licensingPolicy: row.licensing_policy ?? row.default_licensing_policy ?? 'paid',
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    section: { id: row.section_id, slug: row.section_slug, name: sectionNames[row.language] ?? row.section_name },
    authors: authors.map((author) => ({ ...author, url: authorUrl(author.slug) })),
    tags: tags.map((tag) => ({ ...tag, url: tagUrl(row.language, tag.kind, tag.slug) })),
    corrections: corrections.map((correction) => ({ kind: correction.kind, body: correction.body, createdAt: correction.created_at })),
    sources: parseStoredJson<ArticleSource[]>(row.sources, []),
    hero: heroImage
      ? {
          ...heroImage,
          caption: row.hero_caption ?? heroImage.caption,
          credit: row.hero_credit ?? heroImage.credit,
          alt: row.hero_alt ?? heroImage.alt,
        }
      : null,
    bodyImages: images,
    articleLinks: new Map(linked.map((link) => [link.id, { url: articleUrl(link.language, link.section_slug, link.slug), headline: link.headline }])),
    translations: translations.map((t) => ({ language: t.language, url: articleUrl(t.language, t.section_slug, t.slug), headline: t.headline })),
    related,
  };
}

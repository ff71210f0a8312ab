/** Everything the article page shows, gathered in a handful of indexed queries. */
import type { Kysely } from 'kysely';
import { prepareQuery } from '../db/prepared.ts';
import type { Database, LicensingPolicy } from '../db/schema.ts';
import { photoCredit } from '../media/credit.ts';
import { loadImages } from '../media/image-queries.ts';
import type { RenderableImage } from '../media/types.ts';
import { parseStoredJson } from '../shared/json.ts';
import type { SiteCatalog } from '../site/chrome.ts';
import { sectionName } from '../site/chrome.ts';
import { articleUrl, authorUrl, tagUrl } from '../site/urls.ts';
import type { TagKindName } from '../site/urls.ts';
import type { BodyDocument } from './body/document.ts';
import { collectArticleIds, collectImageIds } from './body/render.ts';
import { loadCards } from './cards.ts';
import type { ArticleCard } from './cards.ts';
import { listPublished } from './listing.ts';
import { loadNewsletterPromo } from '../newsletters/promo.ts';
import type { NewsletterPromoData } from '../newsletters/promo.ts';

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
  /** The hero photo with this article's caption and alt text, and its credit line as printed (photoCredit: the article's own credit, else the photo's). */
  hero: (RenderableImage & { creditLine: string }) | null;
  bodyImages: Map<number, RenderableImage>;
  articleLinks: Map<number, { url: string; headline: string }>;
  translations: { language: string; url: string; headline: string }[];
  related: ArticleCard[];
  /** The newsletter the page offers (src/newsletters/promo.ts), or null when no rule matches. */
  newsletterPromo: NewsletterPromoData | null;
}

/** The article columns the page reads. */
interface ArticlePageRow {
  id: number; slug: string; language: string; translation_group: string | null; headline: string; standfirst: string; type: string;
  section_id: number; byline: string | null; dateline: string | null; body: string; hero_image_id: number | null; hero_caption: string | null;
  hero_credit: string | null; hero_alt: string | null; sources: string; published_at: string | null; updated_at: string | null; modified_at: string;
  licensing_policy: LicensingPolicy | null; seo_title: string | null; seo_description: string | null; word_count: number;
}

const PAGE_COLUMNS = [
  'id', 'slug', 'language', 'translation_group', 'headline', 'standfirst', 'type', 'section_id', 'byline', 'dateline', 'body',
  'hero_image_id', 'hero_caption', 'hero_credit', 'hero_alt', 'sources', 'published_at', 'updated_at', 'modified_at',
  'licensing_policy', 'seo_title', 'seo_description', 'word_count',
] as const;

const articleBySlug = prepareQuery<{ language: string; slug: string }, ArticlePageRow>((db, p) =>
  db
    .selectFrom('articles')
    .select(PAGE_COLUMNS)
    .where('language', '=', p.value('language'))
    .where('slug', '=', p.value('slug'))
    .where('status', '=', 'published'),
);

const articleById = prepareQuery<{ id: number }, ArticlePageRow & { status: string; scheduled_at: string | null }>((db, p) =>
  db.selectFrom('articles').select([...PAGE_COLUMNS, 'status', 'scheduled_at']).where('id', '=', p.value('id')),
);

const articleAuthors = prepareQuery<{ articleId: number }, { id: number; slug: string; name: string; title: string }>((db, p) =>
  db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['authors.id', 'authors.slug', 'authors.name', 'authors.title'])
    .where('article_authors.article_id', '=', p.value('articleId'))
    .orderBy('article_authors.position'),
);

const articleTags = prepareQuery<{ articleId: number }, { id: number; kind: TagKindName; slug: string; name: string }>((db, p) =>
  db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['tags.id', 'tags.kind', 'tags.slug', 'tags.name'])
    .where('article_tags.article_id', '=', p.value('articleId'))
    .orderBy('article_tags.position'),
);

const articleCorrections = prepareQuery<{ articleId: number }, { kind: string; body: string; created_at: string }>((db, p) =>
  db.selectFrom('article_corrections').select(['kind', 'body', 'created_at']).where('article_id', '=', p.value('articleId')).orderBy('created_at').orderBy('id'),
);

const translationsOf = prepareQuery<{ group: string; articleId: number }, { language: string; slug: string; headline: string; section_id: number }>((db, p) =>
  db
    .selectFrom('articles')
    .select(['language', 'slug', 'headline', 'section_id'])
    .where('translation_group', '=', p.value('group'))
    .where('status', '=', 'published')
    .where('id', '!=', p.value('articleId')),
);

const linkedArticles = prepareQuery<{ ids: number[] }, { id: number; language: string; slug: string; headline: string; section_id: number }>((db, p) =>
  db.selectFrom('articles').select(['id', 'language', 'slug', 'headline', 'section_id']).where('id', 'in', p.list('ids')).where('status', '=', 'published'),
);

/** Finds a published article by language and slug; null when there is none. */
export async function loadArticlePage(db: Kysely<Database>, catalog: SiteCatalog, language: string, slug: string): Promise<ArticlePageData | null> {
  const row = await articleBySlug.executeTakeFirst(db, { language, slug });
  if (!row?.published_at) return null;
  return assemblePage(db, catalog, row, row.published_at);
}

/**
 * Any article by id, whatever its state, exactly as the public page would show it if it
 * were published now (for the newsroom's preview). A scheduled article shows its time.
 */
export async function loadArticlePreview(db: Kysely<Database>, catalog: SiteCatalog, id: number, now: string): Promise<ArticlePageData | null> {
  const row = await articleById.executeTakeFirst(db, { id });
  if (!row) return null;
  return assemblePage(db, catalog, row, row.published_at ?? row.scheduled_at ?? now);
}

async function assemblePage(db: Kysely<Database>, catalog: SiteCatalog, row: ArticlePageRow, publishedAt: string): Promise<ArticlePageData | null> {
  const section = catalog.sectionsById.get(row.section_id);
  if (!section) return null;
  const urlOf = (target: { language: string; slug: string; section_id: number }) => {
    const targetSection = catalog.sectionsById.get(target.section_id);
    return targetSection ? articleUrl(target.language, targetSection.slug, target.slug) : null;
  };

  const body = parseStoredJson<BodyDocument>(row.body, { type: 'doc', content: [] });
  const authors = await articleAuthors.execute(db, { articleId: row.id });
  const tags = await articleTags.execute(db, { articleId: row.id });
  const corrections = await articleCorrections.execute(db, { articleId: row.id });
  const translations = row.translation_group ? await translationsOf.execute(db, { group: row.translation_group, articleId: row.id }) : [];

  const imageIds = collectImageIds(body);
  if (row.hero_image_id) imageIds.push(row.hero_image_id);
  const linkedIds = collectArticleIds(body);
  const primaryTag = tags.find((tag) => tag.kind !== 'person') ?? tags[0];
  const images = await loadImages(db, imageIds);
  const linked = linkedIds.length > 0 ? await linkedArticles.execute(db, { ids: linkedIds }) : [];
  const relatedPage = primaryTag
    ? await listPublished(db, { kind: 'tag', tagId: primaryTag.id, language: row.language }, { limit: 3, excludeId: row.id })
    : await listPublished(db, { kind: 'section', sectionId: row.section_id, language: row.language }, { limit: 3, excludeId: row.id });
  const related = await loadCards(db, relatedPage.ids, catalog.sectionsById, { withImages: false });
  const newsletterPromo = await loadNewsletterPromo(db, { language: row.language, sectionId: row.section_id, tagIds: tags.map((tag) => tag.id) });

  const heroImage = row.hero_image_id ? images.get(row.hero_image_id) : undefined;
  const url = articleUrl(row.language, section.slug, row.slug);
  return {
    id: row.id,
    slug: row.slug,
    url,
    language: row.language,
    headline: row.headline,
    standfirst: row.standfirst,
    type: row.type,
    dateline: row.dateline,
    byline: row.byline,
    body,
    publishedAt,
    updatedAt: row.updated_at,
    modifiedAt: row.modified_at,
    wordCount: row.word_count,
    licensingPolicy: row.licensing_policy ?? section.defaultLicensingPolicy ?? 'paid',
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    section: { id: section.id, slug: section.slug, name: sectionName(section, row.language) },
    authors: authors.map((author) => ({ ...author, url: authorUrl(author.slug) })),
    tags: tags.map((tag) => ({ ...tag, url: tagUrl(row.language, tag.kind, tag.slug) })),
    corrections: corrections.map((correction) => ({ kind: correction.kind, body: correction.body, createdAt: correction.created_at })),
    sources: parseStoredJson<ArticleSource[]>(row.sources, []),
    hero: heroImage
      ? {
          ...heroImage,
          caption: row.hero_caption ?? heroImage.caption,
          creditLine: photoCredit(heroImage, row.hero_credit),
          alt: row.hero_alt ?? heroImage.alt,
        }
      : null,
    bodyImages: images,
    articleLinks: new Map(linked.flatMap((link) => {
      const linkUrl = urlOf(link);
      return linkUrl ? [[link.id, { url: linkUrl, headline: link.headline }] as const] : [];
    })),
    translations: translations.flatMap((t) => {
      const translationUrl = urlOf(t);
      return translationUrl ? [{ language: t.language, url: translationUrl, headline: t.headline }] : [];
    }),
    related,
    newsletterPromo,
  };
}

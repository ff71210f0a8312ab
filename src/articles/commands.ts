/**
 * Writes to articles. Each command runs in one transaction, keeps the denormalised
 * listing columns (`listed_at`) in step with the article's state, and bumps the content
 * version so rendered-page caches everywhere drop what changed.
 */
import type { Kysely, Transaction } from 'kysely';
import { afterArticleWrite } from '../content/article-hooks.ts';
import { changeContent } from '../content/content-version.ts';
import type { Database } from '../db/schema.ts';
import { isoNow } from '../shared/time.ts';
import { ValidationError, parseOrThrow } from '../shared/validation.ts';
import { articleInputSchema, correctionInputSchema } from './article-input.ts';
import type { ArticleInputDraft } from './article-input.ts';
import { countWords } from './body/render.ts';
import { parseBodyDocument } from './body/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Creates an article with its authors, tags and corrections; returns its id. */
export async function createArticle(db: Kysely<Database>, draft: ArticleInputDraft): Promise<number> {
  const input = parseOrThrow(articleInputSchema, draft);
  const body = parseBodyDocument(input.body);
  if (!body.ok) throw new ValidationError(body.errors.map((error) => `body.${error}`));
  const now = isoNow();
  return changeContent(db, async (trx) => {
    const taken = await trx.selectFrom('articles').select('id').where('language', '=', input.language).where('slug', '=', input.slug).executeTakeFirst();
    if (taken) throw new ValidationError([`slug: "${input.slug}" is already used by another ${input.language} article`]);
    const inserted = await trx
      .insertInto('articles')
      .values({
        slug: input.slug,
        language: input.language,
        translation_group: input.translationGroup,
        headline: input.headline,
        standfirst: input.standfirst,
        type: input.type,
        section_id: input.sectionId,
        byline: input.byline,
        dateline: input.dateline,
        body: JSON.stringify(body.doc),
        hero_image_id: input.heroImageId,
        hero_caption: input.heroCaption,
        hero_credit: input.heroCredit,
        hero_alt: input.heroAlt,
        sources: JSON.stringify(input.sources),
        status: input.status,
        published_at: input.publishedAt,
        updated_at: input.updatedAt,
        created_at: input.publishedAt ?? now,
        modified_at: input.updatedAt ?? input.publishedAt ?? now,
        licensing_policy: input.licensingPolicy,
        seo_title: input.seoTitle,
        seo_description: input.seoDescription,
        word_count: countWords(body.doc),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const articleId = Number(inserted.id);
    const listedAt = input.status === 'published' ? input.publishedAt : null;
    if (input.authorIds.length > 0) {
      await trx
        .insertInto('article_authors')
        .values(input.authorIds.map((authorId, position) => ({ article_id: articleId, author_id: authorId, position, listed_at: listedAt })))
        .execute();
    }
    const uniqueTags = [...new Set(input.tagIds)];
    if (uniqueTags.length > 0) {
      await trx
        .insertInto('article_tags')
        .values(uniqueTags.map((tagId, position) => ({ article_id: articleId, tag_id: tagId, position, language: input.language, listed_at: listedAt })))
        .execute();
    }
    for (const correction of input.corrections) {
      await trx
        .insertInto('article_corrections')
        .values({ article_id: articleId, kind: correction.kind, body: correction.body, created_at: correction.createdAt ?? now })
        .execute();
    }
    await afterArticleWrite(trx, articleId);
    return articleId;
  });
}

/** Appends a dated correction or update note and marks the article as updated. */
export async function addCorrection(db: Kysely<Database>, articleId: number, draft: { kind: string; body: string; createdAt?: string }): Promise<void> {
  const correction = parseOrThrow(correctionInputSchema, draft);
  const at = correction.createdAt ?? isoNow();
  await changeContent(db, async (trx) => {
    const article = await trx.selectFrom('articles').select('id').where('id', '=', articleId).executeTakeFirst();
    if (!article) throw new ValidationError([`article ${articleId} does not exist`]);
    await trx.insertInto('article_corrections').values({ article_id: articleId, kind: correction.kind, body: correction.body, created_at: at }).execute();
    await trx.updateTable('articles').set({ updated_at: at, modified_at: at, revision: (eb) => eb('revision', '+', 1) }).where('id', '=', articleId).execute();
    await afterArticleWrite(trx, articleId);
  });
}

/** Publishes (or republishes) an article at a time, now by default. */
export async function publishArticle(db: Kysely<Database>, articleId: number, at: string = isoNow()): Promise<void> {
  await changeContent(db, async (trx) => {
    const article = await trx.selectFrom('articles').select(['id', 'published_at']).where('id', '=', articleId).executeTakeFirst();
    if (!article) throw new ValidationError([`article ${articleId} does not exist`]);
    const publishedAt = article.published_at ?? at;
    await trx
      .updateTable('articles')
      .set({ status: 'published', published_at: publishedAt, modified_at: isoNow(), revision: (eb) => eb('revision', '+', 1) })
      .where('id', '=', articleId)
      .execute();
    await syncListing(trx, articleId);
  });
}

/** Takes an article off the site without deleting it. */
export async function unpublishArticle(db: Kysely<Database>, articleId: number): Promise<void> {
  await changeContent(db, async (trx) => {
    await trx
      .updateTable('articles')
      .set({ status: 'unpublished', modified_at: isoNow(), revision: (eb) => eb('revision', '+', 1) })
      .where('id', '=', articleId)
      .execute();
    await syncListing(trx, articleId);
  });
}

/** Copies the article's visibility and language onto its author and tag rows. */
export async function syncListing(db: Executor, articleId: number): Promise<void> {
  const article = await db.selectFrom('articles').select(['status', 'published_at', 'language']).where('id', '=', articleId).executeTakeFirst();
  if (!article) return;
  const listedAt = article.status === 'published' ? article.published_at : null;
  await db.updateTable('article_authors').set({ listed_at: listedAt }).where('article_id', '=', articleId).execute();
  await db.updateTable('article_tags').set({ listed_at: listedAt, language: article.language }).where('article_id', '=', articleId).execute();
  await afterArticleWrite(db, articleId);
}

/**
 * Reading and writing the editable fields of an article as one unit: the row, its
 * ordered authors and its ordered tags. A revision is exactly this unit.
 */
import type { Kysely, Transaction } from 'kysely';
import type { BodyDocument } from '../articles/body/document.ts';
import { countWords } from '../articles/body/render.ts';
import { parseBodyDocument } from '../articles/body/schema.ts';
import type { ArticleSource } from '../articles/article-page-data.ts';
import { afterArticleWrite } from '../content/article-hooks.ts';
import type { ArticleStatus, Database, LicensingPolicy } from '../db/schema.ts';
import { parseStoredJson } from '../shared/json.ts';
import { ValidationError } from '../shared/validation.ts';
import type { EditableFields } from './editable.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** The editable fields with a checked body document: what a revision stores. */
export type StoredFields = Omit<EditableFields, 'body' | 'licensingPolicy'> & { body: BodyDocument; licensingPolicy: LicensingPolicy | null };

/** Checks the body of submitted fields; throws ValidationError naming the problem. */
export function checkFields(fields: EditableFields): StoredFields {
  const body = parseBodyDocument(fields.body);
  if (!body.ok) throw new ValidationError(body.errors.map((error) => `body: ${error}`));
  return { ...fields, body: body.doc };
}

/** The current fields of an article, or null when it does not exist. */
export async function readFields(db: Executor, articleId: number): Promise<StoredFields | null> {
  const row = await db.selectFrom('articles').selectAll().where('id', '=', articleId).executeTakeFirst();
  if (!row) return null;
  const authors = await db.selectFrom('article_authors').select('author_id').where('article_id', '=', articleId).orderBy('position').execute();
  const tags = await db.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId).orderBy('position').execute();
  return {
    slug: row.slug,
    language: row.language as StoredFields['language'],
    headline: row.headline,
    standfirst: row.standfirst,
    type: row.type as StoredFields['type'],
    sectionId: row.section_id,
    authorIds: authors.map((author) => Number(author.author_id)),
    byline: row.byline,
    dateline: row.dateline,
    body: parseStoredJson<BodyDocument>(row.body, { type: 'doc', content: [] }),
    heroImageId: row.hero_image_id,
    heroCaption: row.hero_caption,
    heroCredit: row.hero_credit,
    heroAlt: row.hero_alt,
    sources: parseStoredJson<ArticleSource[]>(row.sources, []).map((source) => ({ ...source, kind: source.kind as StoredFields['sources'][number]['kind'] })),
    tagIds: tags.map((tag) => Number(tag.tag_id)),
    licensingPolicy: row.licensing_policy,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
  };
}

/** Problems with references that the database would otherwise refuse with an unhelpful error. */
export async function referenceProblems(db: Executor, fields: StoredFields, articleId: number | null): Promise<string[]> {
  const problems: string[] = [];
  const section = await db.selectFrom('sections').select('id').where('id', '=', fields.sectionId).executeTakeFirst();
  if (!section) problems.push('sectionId: no such section');
  const uniqueAuthors = [...new Set(fields.authorIds)];
  if (uniqueAuthors.length !== fields.authorIds.length) problems.push('authorIds: an author is listed twice');
  if (uniqueAuthors.length > 0) {
    const found = await db.selectFrom('authors').select('id').where('id', 'in', uniqueAuthors).execute();
    if (found.length !== uniqueAuthors.length) problems.push('authorIds: no such author');
  }
  const uniqueTags = [...new Set(fields.tagIds)];
  if (uniqueTags.length > 0) {
    const found = await db.selectFrom('tags').select('id').where('id', 'in', uniqueTags).execute();
    if (found.length !== uniqueTags.length) problems.push('tagIds: no such tag');
  }
  if (fields.heroImageId !== null) {
    const image = await db.selectFrom('images').select('id').where('id', '=', fields.heroImageId).executeTakeFirst();
    if (!image) problems.push('heroImageId: no such image');
  }
  if (fields.slug !== '') {
    let taken = db.selectFrom('articles').select('id').where('language', '=', fields.language).where('slug', '=', fields.slug);
    if (articleId !== null) taken = taken.where('id', '!=', articleId);
    if (await taken.executeTakeFirst()) problems.push(`slug: "${fields.slug}" is already used by another ${fields.language} article`);
  }
  return problems;
}

/** Writes the fields onto an existing article row and replaces its authors and tags. */
export async function writeFields(
  trx: Transaction<Database>,
  articleId: number,
  fields: StoredFields,
  extra: { status: ArticleStatus; publishedAt: string | null; modifiedAt: string; updatedAt?: string | null },
): Promise<void> {
  const listedAt = extra.status === 'published' ? extra.publishedAt : null;
  await trx
    .updateTable('articles')
    .set({
      ...(fields.slug === '' ? {} : { slug: fields.slug }),
      language: fields.language,
      headline: fields.headline,
      standfirst: fields.standfirst,
      type: fields.type,
      section_id: fields.sectionId,
      byline: fields.byline,
      dateline: fields.dateline,
      body: JSON.stringify(fields.body),
      hero_image_id: fields.heroImageId,
      hero_caption: fields.heroCaption,
      hero_credit: fields.heroCredit,
      hero_alt: fields.heroAlt,
      sources: JSON.stringify(fields.sources),
      licensing_policy: fields.licensingPolicy,
      seo_title: fields.seoTitle,
      seo_description: fields.seoDescription,
      word_count: countWords(fields.body),
      modified_at: extra.modifiedAt,
      ...(extra.updatedAt === undefined ? {} : { updated_at: extra.updatedAt }),
    })
    .where('id', '=', articleId)
    .execute();
  await trx.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  const authorIds = [...new Set(fields.authorIds)];
  if (authorIds.length > 0) {
    await trx
      .insertInto('article_authors')
      .values(authorIds.map((authorId, position) => ({ article_id: articleId, author_id: authorId, position, listed_at: listedAt })))
      .execute();
  }
  await trx.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  const tagIds = [...new Set(fields.tagIds)];
  if (tagIds.length > 0) {
    await trx
      .insertInto('article_tags')
      .values(tagIds.map((tagId, position) => ({ article_id: articleId, tag_id: tagId, position, language: fields.language, listed_at: listedAt })))
      .execute();
  }
  await afterArticleWrite(trx, articleId);
}

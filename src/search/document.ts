/**
 * What an article contributes to search. Sources are the reader-visible texts as they stand
 * (headline, standfirst, body, captions, authors, tags and their aliases); the document is
 * their normalised form plus the filter tokens, exactly what both databases index.
 * Snippets are cut from the same sources, so highlights land on the text readers see.
 */
import type { Kysely, Transaction } from 'kysely';
import { ARTICLE_TYPES } from '../articles/article-types.ts';
import type { BlockNode, BodyDocument } from '../articles/body/document.ts';
import { bodyToPlainText } from '../articles/body/text.ts';
import type { Database } from '../db/schema.ts';
import { parseStoredJson, parseStringList } from '../shared/json.ts';
import { normalizeForSearch } from './normalize.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** The texts of one article that search looks at, as readers see them. */
export interface SearchSource {
  articleId: number;
  isPublished: boolean;
  publishedAt: string | null;
  language: string;
  sectionId: number;
  type: string;
  headline: string;
  standfirst: string;
  body: string;
  /** Hero and body image captions, one per line. */
  captions: string;
  /** Author names and the desk/agency byline, one per line. */
  people: string;
  /** Tag names and aliases, one per line. */
  tags: string;
  tagIds: number[];
  authorIds: number[];
}

/** The indexed fields: every text normalised, and the filter tokens. */
export interface SearchDocumentFields {
  language: string;
  headline: string;
  standfirst: string;
  body: string;
  captions: string;
  people: string;
  tags: string;
  facets: string;
}

/** Text fields of a document, in the order of the FTS5 table's columns. */
export const TEXT_FIELDS = ['headline', 'standfirst', 'body', 'captions', 'people', 'tags'] as const;

/**
 * Filter tokens, indexed beside the text so a filter is one more term of the full-text
 * query (an intersection of doclists) instead of a check on every matching row. Each ends
 * in a digit so the porter stemmer leaves it alone; readers' words never reach this column.
 */
export const facetToken = {
  language: (code: string) => `lg${code.toLowerCase().replace(/[^a-z]/g, '')}0`,
  section: (id: number) => `sec${id}`,
  type: (type: string) => `ty${(ARTICLE_TYPES as readonly string[]).indexOf(type) + 1}`,
  tag: (id: number) => `tag${id}`,
  author: (id: number) => `au${id}`,
} as const;

/** Builds the indexed document of a published article. */
export function buildSearchDocument(source: SearchSource): SearchDocumentFields {
  const facets = [
    facetToken.language(source.language),
    facetToken.section(source.sectionId),
    facetToken.type(source.type),
    ...source.tagIds.map(facetToken.tag),
    ...source.authorIds.map(facetToken.author),
  ];
  return {
    language: source.language,
    headline: normalizeForSearch(source.headline),
    standfirst: normalizeForSearch(source.standfirst),
    body: normalizeForSearch(source.body),
    captions: normalizeForSearch(source.captions),
    people: normalizeForSearch(source.people),
    tags: normalizeForSearch(source.tags),
    facets: [...new Set(facets)].join(' '),
  };
}

const EMPTY_BODY: BodyDocument = { type: 'doc', content: [] };

function imageBlocksOf(blocks: readonly BlockNode[], found: { imageId: number; caption: string | null }[] = []) {
  for (const node of blocks) {
    if (node.type === 'imageBlock') found.push({ imageId: node.attrs.imageId, caption: node.attrs.caption });
    if (node.type === 'blockquote') imageBlocksOf(node.content, found);
    if (node.type === 'bulletList' || node.type === 'orderedList') for (const item of node.content) imageBlocksOf(item.content, found);
  }
  return found;
}

/** Plain body text and captions, as sync indexes them and snippets cut them. */
interface BodyTexts {
  body: string;
  captions: string;
}

async function bodyTexts(db: Executor, rows: readonly { id: number; body: string; hero_image_id: number | null; hero_caption: string | null }[]): Promise<Map<number, BodyTexts>> {
  const parsed = rows.map((row) => {
    const doc = parseStoredJson<BodyDocument>(row.body, EMPTY_BODY);
    return { row, doc, blocks: imageBlocksOf(Array.isArray(doc.content) ? doc.content : []) };
  });
  const imageIds = new Set<number>();
  for (const { row, blocks } of parsed) {
    if (row.hero_image_id !== null && row.hero_caption === null) imageIds.add(row.hero_image_id);
    for (const block of blocks) if (block.caption === null) imageIds.add(block.imageId);
  }
  const captionOf = new Map<number, string>();
  if (imageIds.size > 0) {
    for (const image of await db.selectFrom('images').select(['id', 'caption']).where('id', 'in', [...imageIds]).execute()) {
      if (image.caption) captionOf.set(Number(image.id), image.caption);
    }
  }
  const texts = new Map<number, BodyTexts>();
  for (const { row, doc, blocks } of parsed) {
    const hero = row.hero_image_id === null ? null : (row.hero_caption ?? captionOf.get(row.hero_image_id) ?? null);
    const captions = [hero, ...blocks.map((block) => block.caption ?? captionOf.get(block.imageId) ?? null)].filter((caption): caption is string => !!caption && caption.trim() !== '');
    texts.set(Number(row.id), { body: bodyToPlainText(doc), captions: captions.join('\n') });
  }
  return texts;
}

/** Loads the search sources of articles (any status); missing articles are absent from the map. */
export async function loadSearchSources(db: Executor, articleIds: readonly number[]): Promise<Map<number, SearchSource>> {
  const sources = new Map<number, SearchSource>();
  if (articleIds.length === 0) return sources;
  const ids = [...new Set(articleIds)];
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'status', 'published_at', 'language', 'section_id', 'type', 'headline', 'standfirst', 'body', 'byline', 'hero_image_id', 'hero_caption'])
    .where('id', 'in', ids)
    .execute();
  if (rows.length === 0) return sources;
  // One after the other: inside a transaction every query shares one connection anyway.
  const authors = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['article_authors.article_id', 'authors.id', 'authors.name'])
    .where('article_authors.article_id', 'in', ids)
    .orderBy('article_authors.position')
    .execute();
  const tags = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.id', 'tags.name', 'tags.aliases'])
    .where('article_tags.article_id', 'in', ids)
    .orderBy('article_tags.position')
    .execute();
  const texts = await bodyTexts(db, rows);
  for (const row of rows) {
    const id = Number(row.id);
    const ownAuthors = authors.filter((author) => Number(author.article_id) === id);
    const ownTags = tags.filter((tag) => Number(tag.article_id) === id);
    const text = texts.get(id) ?? { body: '', captions: '' };
    sources.set(id, {
      articleId: id,
      isPublished: row.status === 'published' && row.published_at !== null,
      publishedAt: row.published_at,
      language: row.language,
      sectionId: Number(row.section_id),
      type: row.type,
      headline: row.headline,
      standfirst: row.standfirst,
      body: text.body,
      captions: text.captions,
      people: [...ownAuthors.map((author) => author.name), ...(row.byline ? [row.byline] : [])].join('\n'),
      tags: ownTags.map((tag) => [tag.name, ...parseStringList(tag.aliases)].join('\n')).join('\n'),
      tagIds: ownTags.map((tag) => Number(tag.id)),
      authorIds: ownAuthors.map((author) => Number(author.id)),
    });
  }
  return sources;
}

/** The body and caption texts of articles, for cutting snippets from what readers see. */
export async function loadSnippetSources(db: Executor, articleIds: readonly number[]): Promise<Map<number, BodyTexts>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db.selectFrom('articles').select(['id', 'body', 'hero_image_id', 'hero_caption']).where('id', 'in', [...new Set(articleIds)]).execute();
  return bodyTexts(db, rows);
}

/**
 * Search documents for bulk-generated articles (src/seed/bulk-seed.ts): built from the rows
 * the seeder already holds in memory and written in multi-row inserts, inside the seeder's
 * own batch transactions, rather than read back article by article as syncSearchDocument
 * does.
 *
 * On SQLite the FTS5 triggers stand aside while the load runs (a row in `search_bulk_load`)
 * and the index is rebuilt once at the end: measured at 100,000 articles, indexing row by
 * row through the triggers took ~15 s, the rebuild ~2.6 s. Articles written by a running
 * server meanwhile are indexed by that rebuild too. Should a load die half-way, the next
 * bulk load (or finishSearchBulkLoad) rebuilds the index and lets the triggers resume.
 */
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { BodyDocument } from '../articles/body/document.ts';
import { bodyToPlainText } from '../articles/body/text.ts';
import type { DialectName } from '../db/dialect.ts';
import { maxBoundParameters } from '../db/dialect.ts';
import type { Database, NewArticleRow } from '../db/schema.ts';
import { parseStoredJson, parseStringList } from '../shared/json.ts';
import { buildSearchDocument } from './document.ts';
import { preferredSortKey } from './sort-key.ts';
import { syncSearchDocument } from './sync.ts';

const COLUMNS_PER_DOCUMENT = 11;

/** Writes the search documents of freshly inserted published articles, batch by batch. */
export class SearchDocumentBatch {
  private constructor(
    private readonly tagTexts: ReadonlyMap<number, string>,
    private readonly authorNames: ReadonlyMap<number, string>,
    private readonly imageCaptions: ReadonlyMap<number, string>,
  ) {}

  /** Starts a bulk load: reads the names documents repeat (tags with aliases, authors, image captions) once. */
  static async start(db: Kysely<Database>, dialect: DialectName): Promise<SearchDocumentBatch> {
    if (dialect === 'sqlite') await sql`INSERT INTO search_bulk_load (started_at) VALUES (${new Date().toISOString()})`.execute(db);
    const tags = await db.selectFrom('tags').select(['id', 'name', 'aliases']).execute();
    const authors = await db.selectFrom('authors').select(['id', 'name']).execute();
    const images = await db.selectFrom('images').select(['id', 'caption']).where('caption', 'is not', null).execute();
    return new SearchDocumentBatch(
      new Map(tags.map((tag) => [Number(tag.id), [tag.name, ...parseStringList(tag.aliases)].join('\n')])),
      new Map(authors.map((author) => [Number(author.id), author.name])),
      new Map(images.flatMap((image) => (image.caption && image.caption.trim() !== '' ? [[Number(image.id), image.caption] as const] : []))),
    );
  }

  /** Inserts the documents of one batch; rows are matched to their ids by slug. */
  async insert(
    trx: Transaction<Database>,
    dialect: DialectName,
    inserted: readonly { id: number; published_at: string | null; slug: string }[],
    rows: readonly NewArticleRow[],
    authorRows: readonly { article_id: number; author_id: number; position: number }[],
    tagRows: readonly { article_id: number; tag_id: number; position: number }[],
  ): Promise<void> {
    const rowBySlug = new Map(rows.map((row) => [row.slug, row]));
    const authorsOf = groupIds(authorRows, (row) => row.author_id);
    const tagsOf = groupIds(tagRows, (row) => row.tag_id);
    const documents = [];
    for (const article of inserted) {
      const row = rowBySlug.get(article.slug);
      if (!row || row.status !== 'published' || !article.published_at) continue;
      const articleId = Number(article.id);
      const authorIds = authorsOf.get(articleId) ?? [];
      const tagIds = tagsOf.get(articleId) ?? [];
      const heroCaption = row.hero_caption ?? (row.hero_image_id ? this.imageCaptions.get(row.hero_image_id) : undefined);
      const fields = buildSearchDocument({
        articleId,
        isPublished: true,
        publishedAt: article.published_at,
        language: row.language,
        sectionId: row.section_id,
        type: row.type,
        headline: row.headline,
        standfirst: row.standfirst ?? '',
        body: bodyToPlainText(parseStoredJson<BodyDocument>(row.body, { type: 'doc', content: [] })),
        captions: heroCaption ?? '',
        people: [...authorIds.map((id) => this.authorNames.get(id) ?? ''), ...(row.byline ? [row.byline] : [])].filter((name) => name !== '').join('\n'),
        tags: tagIds.flatMap((id) => this.tagTexts.get(id) ?? []).join('\n'),
        tagIds,
        authorIds,
      });
      documents.push({ sort_key: preferredSortKey(article.published_at, articleId), article_id: articleId, published_at: article.published_at, ...fields });
    }
    // Ascending keys fill b-tree pages; the seeder writes newest first, and inserting in that
    // (descending) order left the table's pages half empty — twice the file size.
    documents.sort((a, b) => a.sort_key - b.sort_key);
    const chunk = Math.floor(maxBoundParameters(dialect) / COLUMNS_PER_DOCUMENT);
    for (let start = 0; start < documents.length; start += chunk) {
      const slice = documents.slice(start, start + chunk);
      const written = await trx
        .insertInto('search_documents')
        .values(slice)
        .onConflict((conflict) => conflict.doNothing())
        .returning('article_id')
        .execute();
      // A key already held (same second, ids 2^20 apart): let the one-by-one path find a free one.
      if (written.length < slice.length) {
        const done = new Set(written.map((row) => Number(row.article_id)));
        for (const document of slice) if (!done.has(document.article_id)) await syncSearchDocument(trx, document.article_id);
      }
    }
  }
}

function groupIds<T extends { article_id: number; position: number }>(rows: readonly T[], idOf: (row: T) => number): Map<number, number[]> {
  const grouped = new Map<number, number[]>();
  for (const row of [...rows].sort((a, b) => a.position - b.position)) {
    const list = grouped.get(row.article_id) ?? [];
    list.push(idOf(row));
    grouped.set(row.article_id, list);
  }
  return grouped;
}

/** Default size of FTS5's in-memory buffer of pending index entries. */
const FTS5_DEFAULT_HASH_SIZE = 1024 * 1024;

/**
 * Ends a bulk load. SQLite: rebuilds the FTS5 index from `search_documents` (with a large
 * buffer, so it writes fewer segments to merge), merges it into one segment so queries read
 * one b-tree per term, and lets the triggers resume — all in one transaction.
 */
export async function finishSearchBulkLoad(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') return;
  await db.transaction().execute(async (trx) => {
    await sql`INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', ${sql.lit(64 * FTS5_DEFAULT_HASH_SIZE)})`.execute(trx);
    await sql`INSERT INTO search_fts(search_fts) VALUES ('rebuild')`.execute(trx);
    await sql`INSERT INTO search_fts(search_fts) VALUES ('optimize')`.execute(trx);
    await sql`INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', ${sql.lit(FTS5_DEFAULT_HASH_SIZE)})`.execute(trx);
    await sql`DELETE FROM search_bulk_load`.execute(trx);
  });
}

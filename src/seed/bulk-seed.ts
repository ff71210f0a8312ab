/**
 * Generates large archives for benchmarks: up to millions of plausible articles spread
 * over the existing sections, authors and tags, written in multi-row inserts.
 * The text is assembled from our own word lists; it is filler for load, not for reading.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { changeContent } from '../content/content-version.ts';
import type { DialectName } from '../db/dialect.ts';
import { maxBoundParameters } from '../db/dialect.ts';
import type { Database, NewArticleRow } from '../db/schema.ts';
import { ARTICLE_TYPES } from '../articles/article-types.ts';
import { createRng } from './demo/prng.ts';
import { SearchDocumentBatch, finishSearchBulkLoad } from '../search/bulk.ts';
import { rebuildHubListings } from '../hubs/sync.ts';
import { rebuildSitemapMonths } from '../sitemaps/sync.ts';

const SUBJECTS = ['Ministers', 'Negotiators', 'Farmers', 'Engineers', 'Students', 'Port workers', 'Doctors', 'Mayors', 'Envoys', 'Researchers', 'Traders', 'Judges'];
const VERBS = ['weigh', 'reject', 'back', 'debate', 'question', 'prepare', 'delay', 'announce', 'review', 'challenge'];
const OBJECTS = ['water-sharing plan', 'border crossing deal', 'fuel subsidy reform', 'new election law', 'grain import tender', 'solar tender', 'rail link', 'university fees', 'housing scheme', 'fisheries accord'];
const PLACES = ['Amman', 'Beirut', 'Baghdad', 'Cairo', 'Tunis', 'Erbil', 'Muscat', 'Doha', 'Basra', 'Aleppo', 'Aqaba', 'Sfax'];
const SENTENCES = [
  'Officials said talks would continue next week after a first round ended without agreement.',
  'The proposal has divided opinion among residents, who say they were not consulted.',
  'Economists expect the measure to ease pressure on household budgets within a year.',
  'A spokesperson for the ministry declined to give a timetable for the next steps.',
  'Local groups have asked for the full text of the plan to be published before any vote.',
  'The decision follows months of negotiations between regional and national authorities.',
];

/** Options for a bulk run. */
export interface BulkSeedOptions {
  count: number;
  /** Called after each batch with the number of articles written so far. */
  onProgress?: (written: number) => void;
}

async function ensureTaxonomy(db: Kysely<Database>): Promise<{ sectionIds: number[]; authorIds: number[]; tagIds: number[]; imageIds: number[] }> {
  const now = new Date().toISOString();
  let sections = await db.selectFrom('sections').select('id').execute();
  if (sections.length === 0) {
    for (const [position, name] of ['News', 'Opinion', 'Analysis', 'Explainers', 'Features', 'Video'].entries()) {
      await db.insertInto('sections').values({ slug: name.toLowerCase(), name, name_translations: '{}', description: '', position, default_licensing_policy: null, created_at: now }).execute();
    }
    sections = await db.selectFrom('sections').select('id').execute();
  }
  let authors = await db.selectFrom('authors').select('id').execute();
  if (authors.length === 0) {
    for (let index = 1; index <= 12; index += 1) {
      await db.insertInto('authors').values({ slug: `correspondent-${index}`, name: `Correspondent ${index}`, title: 'Correspondent', bio: '', expertise: '[]', languages: '["en"]', location: '', image_id: null, created_at: now, updated_at: now }).execute();
    }
    authors = await db.selectFrom('authors').select('id').execute();
  }
  let tags = await db.selectFrom('tags').select('id').execute();
  if (tags.length === 0) {
    for (const place of PLACES) {
      await db.insertInto('tags').values({ kind: 'place', slug: place.toLowerCase(), name: place, aliases: '[]', description: null, country_code: null, parent_id: null, created_at: now }).execute();
    }
    tags = await db.selectFrom('tags').select('id').execute();
  }
  const images = await db.selectFrom('images').select('id').limit(50).execute();
  return { sectionIds: sections.map((r) => r.id), authorIds: authors.map((r) => r.id), tagIds: tags.map((r) => r.id), imageIds: images.map((r) => r.id) };
}

/** Writes `count` published articles; returns how many were written. */
export async function seedBulkArticles(db: Kysely<Database>, dialect: DialectName, options: BulkSeedOptions): Promise<number> {
  const taxonomy = await ensureTaxonomy(db);
  const rng = createRng(0x5eed + options.count);
  const random = () => rng.next();
  const pick = <T>(items: readonly T[]): T => rng.pick(items);
  const runId = Date.now().toString(36);
  const columnsPerArticle = 24;
  const batchSize = Math.min(2000, Math.floor(maxBoundParameters(dialect) / columnsPerArticle));
  // Newest article is a minute old; the archive reaches back roughly one minute per article.
  const newest = Date.now() - 60_000;
  const search = await SearchDocumentBatch.start(db, dialect);
  let written = 0;
  try {
    while (written < options.count) {
      const size = Math.min(batchSize, options.count - written);
      const rows: NewArticleRow[] = [];
      for (let index = 0; index < size; index += 1) {
        const serial = written + index;
        const place = pick(PLACES);
        const headline = `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} in ${place}`;
        const publishedAt = new Date(newest - serial * 60_000 - Math.floor(random() * 30_000)).toISOString();
        const body = {
          type: 'doc',
          content: [0, 1, 2].map(() => ({ type: 'paragraph', content: [{ type: 'text', text: `${pick(SENTENCES)} ${pick(SENTENCES)}` }] })),
        };
        rows.push({
          slug: `${headline.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${runId}-${serial}`,
          language: 'en',
          translation_group: null,
          headline,
          standfirst: `${pick(SENTENCES)}`,
          type: pick(ARTICLE_TYPES),
          section_id: pick(taxonomy.sectionIds),
          byline: null,
          dateline: place.toUpperCase(),
          body: JSON.stringify(body),
          hero_image_id: taxonomy.imageIds.length > 0 ? pick(taxonomy.imageIds) : null,
          hero_caption: null,
          hero_credit: null,
          hero_alt: null,
          sources: '[]',
          status: 'published',
          published_at: publishedAt,
          updated_at: null,
          created_at: publishedAt,
          modified_at: publishedAt,
          licensing_policy: null,
          seo_title: null,
          seo_description: null,
          word_count: 60,
        });
      }
      await changeContent(db, async (trx) => {
        const inserted = await trx.insertInto('articles').values(rows).returning(['id', 'published_at', 'slug']).execute();
        const authorRows = inserted.map((row) => ({ article_id: row.id, author_id: pick(taxonomy.authorIds), position: 0, listed_at: row.published_at }));
        const tagRows = inserted.flatMap((row) => {
          const chosen = new Set([pick(taxonomy.tagIds), pick(taxonomy.tagIds), pick(taxonomy.tagIds)]);
          return [...chosen].map((tagId, position) => ({ article_id: row.id, tag_id: tagId, position, language: 'en', listed_at: row.published_at }));
        });
        for (let start = 0; start < authorRows.length; start += 5000) await trx.insertInto('article_authors').values(authorRows.slice(start, start + 5000)).execute();
        for (let start = 0; start < tagRows.length; start += 5000) await trx.insertInto('article_tags').values(tagRows.slice(start, start + 5000)).execute();
        await search.insert(trx, dialect, inserted, rows, authorRows, tagRows);
      });
      written += size;
      options.onProgress?.(written);
    }
  } finally {
    // Even after a failed batch, so the search index is whole and its triggers never stay off.
    await finishSearchBulkLoad(db, dialect);
  // The other derived tables are filled in one set-based pass rather than per article.
  await rebuildHubListings(db);
  await rebuildSitemapMonths(db);
  }
  await sql`analyze`.execute(db);
  return written;
}

/**
 * Suggesting tags across the archive (`masthead tags:suggest`): articles in id order, in
 * batches, each analysed and stored in its own transaction. An article already analysed
 * at its current revision by the current analyser is skipped, so an interrupted run
 * picks up where it stopped and a second run costs little. Decisions already taken are
 * kept. The auto-tagging rule runs only when asked for (`autoTag`): applying it to years
 * of published articles is a deliberate act, not a side effect.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { loadGazetteer } from './gazetteer.ts';
import { ANALYSER_VERSION, analyseAndStore } from './refresh.ts';
import { loadTagIndex } from './tag-index.ts';

/** What to run over. */
export interface ArchiveOptions {
  /** One article, or every article when absent. */
  articleId?: number;
  /** Re-analyse articles that are up to date. */
  isForced?: boolean;
  /** Apply the auto-tagging rule (when the site settings enable it). */
  autoTag?: boolean;
  batchSize?: number;
  /** Called after each article with how many are done out of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Called when an article cannot be analysed; the run goes on. */
  onFailure?: (articleId: number, error: unknown) => void;
}

/** What a run did. */
export interface ArchiveSummary {
  total: number;
  analysed: number;
  /** Already analysed at their current revision. */
  upToDate: number;
  failed: number;
  /** Suggestions the analysed articles received. */
  suggestions: number;
  autoTagged: number;
  seconds: number;
}

/** Runs the analysis over the archive (or one article). */
export async function suggestAcrossArchive(db: Kysely<Database>, options: ArchiveOptions = {}): Promise<ArchiveSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 200;
  let totalQuery = db.selectFrom('articles').select((eb) => eb.fn.countAll<string | number>().as('n'));
  if (options.articleId !== undefined) totalQuery = totalQuery.where('id', '=', options.articleId);
  const total = Number((await totalQuery.executeTakeFirstOrThrow()).n);
  const summary: ArchiveSummary = { total, analysed: 0, upToDate: 0, failed: 0, suggestions: 0, autoTagged: 0, seconds: 0 };
  // Loaded once for the run: the tags (a run adds none) and the gazetteer.
  const [tags, gazetteer] = await Promise.all([loadTagIndex(db), loadGazetteer()]);
  let after = 0;
  let done = 0;
  for (;;) {
    let query = db
      .selectFrom('articles')
      .leftJoin('article_suggestion_state as state', 'state.article_id', 'articles.id')
      .select(['articles.id', 'articles.revision', 'state.revision as analysed_revision', 'state.analyser_version'])
      .where('articles.id', '>', after)
      .orderBy('articles.id')
      .limit(batchSize);
    if (options.articleId !== undefined) query = query.where('articles.id', '=', options.articleId);
    const batch = await query.execute();
    if (batch.length === 0) break;
    for (const row of batch) {
      const id = Number(row.id);
      after = id;
      const isUpToDate = row.analysed_revision !== null && Number(row.analysed_revision) === Number(row.revision) && Number(row.analyser_version) === ANALYSER_VERSION;
      if (isUpToDate && !options.isForced) {
        summary.upToDate += 1;
      } else {
        try {
          const outcome = await analyseAndStore(db, id, { tags, gazetteer, mayAutoTag: options.autoTag === true });
          summary.analysed += 1;
          summary.suggestions += outcome?.suggested ?? 0;
          summary.autoTagged += outcome?.autoTagged.length ?? 0;
        } catch (error) {
          summary.failed += 1;
          options.onFailure?.(id, error);
        }
      }
      done += 1;
      options.onProgress?.(done, total);
    }
    if (batch.length < batchSize) break;
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

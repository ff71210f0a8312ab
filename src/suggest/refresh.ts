/**
 * Keeping an article's suggestions in step with its text: analyse, then store what was
 * found beside the decisions already taken. Pending suggestions the text no longer
 * supports are dropped; accepted and rejected ones stay, so a rejected suggestion is
 * never offered again for that article. When the newsroom has switched on auto-tagging
 * for places, existing place and country tags the text names are added to the article
 * at once, as a revision of its own, and recorded in its activity.
 */
import type { Kysely, Transaction } from 'kysely';
import { changeContent } from '../content/content-version.ts';
import type { Database } from '../db/schema.ts';
import { recordActivity } from '../newsroom/activity.ts';
import { recordRevision } from '../newsroom/revisions.ts';
import { readFields, writeFields } from '../newsroom/snapshot.ts';
import { createLogger } from '../shared/logger.ts';
import type { Logger } from '../shared/logger.ts';
import { isoNow } from '../shared/time.ts';
import { loadSiteSettings } from '../site/settings.ts';
import type { Suggestion } from './analyse.ts';
import { articleText } from './article-text.ts';
import { loadGazetteer } from './gazetteer.ts';
import type { Gazetteer } from './gazetteer.ts';
import { loadTagIndex } from './tag-index.ts';
import type { IndexedTag, TagIndex } from './tag-index.ts';

/** Bumped when the analysis changes enough that stored suggestions should be recomputed. */
export const ANALYSER_VERSION = 1;
/** Auto-tagging adds a place only when the analysis is at least this sure of it. */
export const AUTO_TAG_MIN_CONFIDENCE = 0.8;
/** An article carries at most this many tags (the editor's limit); auto-tagging stops there. */
const MAX_TAGS = 60;

/** What one refresh did. */
export interface RefreshOutcome {
  suggested: number;
  /** Tags added by the auto-tagging rule. */
  autoTagged: IndexedTag[];
}

/** What a refresh may reuse (the CLI loads the tags once for a whole run). */
export interface RefreshOptions {
  tags?: TagIndex;
  gazetteer?: Gazetteer;
  /** Whether the auto-tagging rule may run (off for read-only refreshes). Default: on. */
  mayAutoTag?: boolean;
}

let logger: Logger = createLogger('warn');

/** Routes the suggestion module's log lines through the app's logger. */
export function useSuggestionLogger(next: Logger): void {
  logger = next;
}

/**
 * Re-analyses an article after a save. Never throws: a save must not fail because the
 * analysis did, so problems are logged and the article simply keeps its old suggestions.
 */
export async function refreshSuggestions(db: Kysely<Database>, articleId: number, options: RefreshOptions = {}): Promise<RefreshOutcome | null> {
  try {
    return await analyseAndStore(db, articleId, options);
  } catch (error) {
    logger.error('tag suggestions: analysis failed; the save itself succeeded', { articleId, error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

/** Analyses an article and stores its suggestions; null when the article does not exist. Throws on failure. */
export async function analyseAndStore(db: Kysely<Database>, articleId: number, options: RefreshOptions = {}): Promise<RefreshOutcome | null> {
  const row = await db.selectFrom('articles').select(['revision', 'status', 'published_at']).where('id', '=', articleId).executeTakeFirst();
  const fields = row ? await readFields(db, articleId) : null;
  if (!row || !fields) return null;
  const tags = options.tags ?? (await loadTagIndex(db));
  const gazetteer = options.gazetteer ?? (await loadGazetteer());
  // compromise takes a second or two to load: only processes that analyse pay for it, on first use.
  const { analyseArticle } = await import('./analyse.ts');
  const suggestions = analyseArticle(articleText(fields), tags, gazetteer);
  const revision = Number(row.revision);
  await db.transaction().execute((trx) => storeSuggestions(trx, articleId, revision, suggestions, new Set(fields.tagIds)));
  const settings = options.mayAutoTag === false ? null : await loadSiteSettings(db);
  const autoTagged = settings?.autoTagPlaces ? await autoTagPlaces(db, articleId, revision, tags) : [];
  return { suggested: suggestions.length, autoTagged };
}

/** Writes the analysis beside the decisions already taken, in one transaction. */
async function storeSuggestions(trx: Transaction<Database>, articleId: number, revision: number, suggestions: Suggestion[], onArticle: Set<number>): Promise<void> {
  const now = isoNow();
  const existing = await trx.selectFrom('tag_suggestions').select(['id', 'name_key', 'tag_id', 'status']).where('article_id', '=', articleId).execute();
  const byKey = new Map(existing.map((row) => [row.name_key, row]));
  // A decision on a name also holds for the tag created from it later, and the other way round.
  const decidedTags = new Set(existing.filter((row) => row.status !== 'pending' && row.tag_id !== null).map((row) => Number(row.tag_id)));
  const seen = new Set<string>();
  for (const suggestion of suggestions) {
    if (seen.has(suggestion.key)) continue;
    seen.add(suggestion.key);
    const stored = byKey.get(suggestion.key);
    const values = { kind: suggestion.kind, name: suggestion.name, tag_id: suggestion.tagId, country_code: suggestion.countryCode, reason: suggestion.reason, confidence: Math.round(suggestion.confidence * 100), mentions: suggestion.mentions, updated_at: now };
    if (stored) {
      // A decided suggestion keeps its decision; it only learns its tag if one has appeared.
      const update = stored.status === 'pending' ? values : { tag_id: stored.tag_id ?? suggestion.tagId, updated_at: now };
      await trx.updateTable('tag_suggestions').set(update).where('id', '=', stored.id).execute();
      continue;
    }
    if (suggestion.tagId !== null && (onArticle.has(suggestion.tagId) || decidedTags.has(suggestion.tagId))) continue;
    await trx
      .insertInto('tag_suggestions')
      .values({ article_id: articleId, name_key: suggestion.key, status: 'pending', decided_by: null, decided_at: null, created_at: now, ...values })
      .execute();
  }
  const gone = existing.filter((row) => row.status === 'pending' && !seen.has(row.name_key)).map((row) => row.id);
  if (gone.length > 0) await trx.deleteFrom('tag_suggestions').where('id', 'in', gone).execute();
  await trx
    .insertInto('article_suggestion_state')
    .values({ article_id: articleId, revision, analyser_version: ANALYSER_VERSION, analysed_at: now })
    .onConflict((oc) => oc.column('article_id').doUpdateSet({ revision, analyser_version: ANALYSER_VERSION, analysed_at: now }))
    .execute();
}

/**
 * The auto-tagging rule: pending suggestions of existing place and country tags, sure
 * enough, are added to the article as a revision of its own (by nobody: the rule), but
 * only if nobody saved since the analysed revision. Returns the tags added.
 */
async function autoTagPlaces(db: Kysely<Database>, articleId: number, revision: number, tags: TagIndex): Promise<IndexedTag[]> {
  const rows = await db
    .selectFrom('tag_suggestions')
    .select(['id', 'tag_id'])
    .where('article_id', '=', articleId)
    .where('status', '=', 'pending')
    .where('kind', 'in', ['place', 'country'])
    .where('tag_id', 'is not', null)
    .where('confidence', '>=', Math.round(AUTO_TAG_MIN_CONFIDENCE * 100))
    .orderBy('confidence', 'desc')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const state = await db.selectFrom('articles').select(['status', 'published_at', 'revision']).where('id', '=', articleId).executeTakeFirst();
  const fields = await readFields(db, articleId);
  if (!state || !fields || Number(state.revision) !== revision) return [];
  const room = Math.max(0, MAX_TAGS - fields.tagIds.length);
  const chosen = rows.filter((row) => !fields.tagIds.includes(Number(row.tag_id))).slice(0, room);
  const added = chosen.map((row) => tags.byId(Number(row.tag_id))).filter((tag): tag is IndexedTag => tag !== undefined);
  if (added.length === 0) return [];
  const next = { ...fields, tagIds: [...fields.tagIds, ...added.map((tag) => tag.id)] };
  const now = isoNow();
  const names = added.map((tag) => tag.name).join(', ');
  // A live article's tags show on its page and on hub pages: that is a content change.
  const write = <T>(work: (trx: Transaction<Database>) => Promise<T>) => (state.status === 'published' ? changeContent(db, work) : db.transaction().execute(work));
  const done = await write(async (trx) => {
    const bumped = await trx.updateTable('articles').set({ revision: revision + 1 }).where('id', '=', articleId).where('revision', '=', revision).executeTakeFirst();
    if (Number(bumped.numUpdatedRows) === 0) return false;
    await writeFields(trx, articleId, next, { status: state.status, publishedAt: state.published_at, modifiedAt: now });
    await recordRevision(trx, { articleId, revision: revision + 1, kind: 'save', fields: next, userId: null, note: `Tags added by the auto-tagging rule for places: ${names}` });
    await recordActivity(trx, { articleId, userId: null, action: 'auto_tagged', note: `Added the place tags ${names} (auto-tagging for places is on in the site settings)`, details: { tagIds: added.map((tag) => tag.id), revision: revision + 1 } });
    await trx
      .updateTable('tag_suggestions')
      .set({ status: 'accepted', decided_by: null, decided_at: now, updated_at: now })
      .where('id', 'in', chosen.map((row) => row.id))
      .execute();
    await trx.updateTable('article_suggestion_state').set({ revision: revision + 1 }).where('article_id', '=', articleId).execute();
    return true;
  });
  return done ? added : [];
}

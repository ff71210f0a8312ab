/**
 * Reading an article's suggestions and deciding on them. Accepting records the decision
 * and returns the tag (creating it first when it is new, which needs `taxonomy.create`);
 * the tag joins the article when the article is next saved — by the editor, which adds
 * it to its list, or here when the caller names the revision it has (see routes.ts).
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { can, canEditArticle } from '../accounts/policy.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import type { Database, TagSuggestionStatus } from '../db/schema.ts';
import { PublicError } from '../http/errors.tsx';
import { loadState } from '../newsroom/editing.ts';
import { findOrCreateTag } from '../newsroom/tags.ts';
import type { TagSummary } from '../newsroom/tags.ts';
import { parseStoredJson } from '../shared/json.ts';
import { isoNow } from '../shared/time.ts';
import type { SuggestionList, SuggestionView } from './types.ts';

type SuggestionRow = {
  id: number;
  kind: SuggestionView['kind'];
  name: string;
  tag_id: number | null;
  country_code: string | null;
  reason: string;
  confidence: number;
  mentions: number;
  status: TagSuggestionStatus;
};

const COLUMNS = ['id', 'kind', 'name', 'tag_id', 'country_code', 'reason', 'confidence', 'mentions', 'status'] as const;

function view(row: SuggestionRow): SuggestionView {
  return {
    id: Number(row.id),
    kind: row.kind,
    name: row.name,
    tagId: row.tag_id === null ? null : Number(row.tag_id),
    isNew: row.tag_id === null,
    countryCode: row.country_code,
    reason: row.reason,
    confidence: Number(row.confidence) / 100,
    mentions: Number(row.mentions),
    status: row.status,
  };
}

/** The suggestions still waiting for a decision (tags the article already has left out), and the tags the auto-tagging rule added. */
export async function listSuggestions(db: Kysely<Database>, articleId: number): Promise<SuggestionList> {
  const article = await db.selectFrom('articles').select('revision').where('id', '=', articleId).executeTakeFirst();
  if (!article) throw new PublicError(404, 'No article has that id.');
  const state = await db.selectFrom('article_suggestion_state').select('revision').where('article_id', '=', articleId).executeTakeFirst();
  const onArticle = new Set((await db.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId).execute()).map((row) => Number(row.tag_id)));
  const pending = await db
    .selectFrom('tag_suggestions')
    .select(COLUMNS)
    .where('article_id', '=', articleId)
    .where('status', '=', 'pending')
    .orderBy('confidence', 'desc')
    .orderBy('mentions', 'desc')
    .orderBy('id')
    .execute();
  const byRule = await db
    .selectFrom('tag_suggestions')
    .innerJoin('tags', 'tags.id', 'tag_suggestions.tag_id')
    .select(['tags.id', 'tags.kind', 'tags.name'])
    .where('tag_suggestions.article_id', '=', articleId)
    .where('tag_suggestions.status', '=', 'accepted')
    .where('tag_suggestions.decided_by', 'is', null)
    .orderBy('tag_suggestions.id')
    .execute();
  const lastRule = await db.selectFrom('article_activity').select('details').where('article_id', '=', articleId).where('action', '=', 'auto_tagged').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const ruleRevision = lastRule ? Number(parseStoredJson<{ revision?: unknown }>(lastRule.details, {}).revision) : NaN;
  return {
    articleId,
    revision: Number(article.revision),
    autoTaggedRevision: ruleRevision === Number(article.revision) ? ruleRevision : null,
    analysedRevision: state ? Number(state.revision) : null,
    suggestions: pending.filter((row) => row.tag_id === null || !onArticle.has(Number(row.tag_id))).map(view),
    autoTagged: byRule.filter((row) => onArticle.has(Number(row.id))).map((row) => ({ id: Number(row.id), kind: row.kind, name: row.name })),
  };
}

/** The outcome of a decision. */
export interface Decision {
  suggestion: SuggestionView;
  /** For an accepted suggestion: the tag to add to the article. */
  tag: TagSummary | null;
  /** Whether accepting created the tag. */
  isTagCreated: boolean;
}

/** Accepts or rejects one of an article's suggestions. */
export async function decideSuggestion(db: Kysely<Database>, actor: SessionUser, articleId: number, suggestionId: number, decision: 'accept' | 'reject'): Promise<Decision> {
  const state = await loadState(db, articleId);
  if (!canEditArticle(actor, state)) throw new PublicError(403, 'Your role does not allow changing this article’s tags in its current state.');
  const row = await db.selectFrom('tag_suggestions').select(COLUMNS).where('id', '=', suggestionId).where('article_id', '=', articleId).executeTakeFirst();
  if (!row) throw new PublicError(404, 'That suggestion does not belong to this article.');
  const now = isoNow();
  if (decision === 'reject') {
    await db.updateTable('tag_suggestions').set({ status: 'rejected', decided_by: actor.id, decided_at: now, updated_at: now }).where('id', '=', row.id).execute();
    return { suggestion: view({ ...row, status: 'rejected' }), tag: null, isTagCreated: false };
  }
  const { tag, created } = await tagFor(db, actor, row);
  await db.updateTable('tag_suggestions').set({ status: 'accepted', tag_id: tag.id, decided_by: actor.id, decided_at: now, updated_at: now }).where('id', '=', row.id).execute();
  return { suggestion: view({ ...row, tag_id: tag.id, status: 'accepted' }), tag, isTagCreated: created };
}

/** The suggestion's tag: the existing one, or a new one (a country with its code, a place under its country's tag). */
async function tagFor(db: Kysely<Database>, actor: SessionUser, row: SuggestionRow): Promise<{ tag: TagSummary; created: boolean }> {
  if (row.tag_id !== null) {
    const existing = await db.selectFrom('tags').select(['id', 'kind', 'name', 'slug']).where('id', '=', row.tag_id).executeTakeFirst();
    if (existing) return { tag: { ...existing, id: Number(existing.id) }, created: false };
  }
  if (row.kind === 'country' && row.country_code) {
    // The country may exist under another name ("Türkiye" for "Turkey"): one tag per country code.
    const sameCode = await db.selectFrom('tags').select(['id', 'kind', 'name', 'slug']).where('kind', '=', 'country').where(sql<boolean>`upper(country_code) = ${row.country_code.toUpperCase()}`).executeTakeFirst();
    if (sameCode) return { tag: { ...sameCode, id: Number(sameCode.id) }, created: false };
  }
  if (!can(actor, 'taxonomy.create')) throw new PublicError(403, `“${row.name}” is not a tag yet, and your role cannot create tags; ask an editor.`);
  const result = await findOrCreateTag(db, { kind: row.kind, name: row.name }, actor.id);
  if (result.created && row.country_code) {
    if (row.kind === 'country') {
      await db.updateTable('tags').set({ country_code: row.country_code.toUpperCase() }).where('id', '=', result.tag.id).execute();
    } else if (row.kind === 'place') {
      const country = await db.selectFrom('tags').select('id').where('kind', '=', 'country').where(sql<boolean>`upper(country_code) = ${row.country_code.toUpperCase()}`).executeTakeFirst();
      if (country) await db.updateTable('tags').set({ parent_id: Number(country.id) }).where('id', '=', result.tag.id).execute();
    }
  }
  return result;
}

/**
 * Suggested tags in the Admin API (docs/ADMIN-API.md, "Suggested tags"):
 * `GET /admin/api/articles/:id/suggestions` and
 * `POST /admin/api/articles/:id/suggestions/:suggestionId {decision, baseRevision?}`.
 * Reading needs the right to read the article; deciding, the right to edit it (and to
 * create tags, for a suggestion that is not a tag yet). The rules live in the policy
 * module and decisions.ts; this file translates HTTP.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, AppEnv } from '../app-context.ts';
import { ApiFailure, apiJson, apiUser, idParam, readJson } from '../admin/api-support.ts';
import { ConflictError, loadEditable, readableState, saveArticle } from '../newsroom/editing.ts';
import { readFields } from '../newsroom/snapshot.ts';
import { decideSuggestion, listSuggestions } from './decisions.ts';
import { ANALYSER_VERSION, analyseAndStore, useSuggestionLogger } from './refresh.ts';
import type { DecisionAnswer } from './types.ts';

const decisionSchema = z.object({
  decision: z.enum(['accept', 'reject']),
  /** Accepting with the revision the caller has also saves the tag onto the article (optimistic, like any save). */
  baseRevision: z.number().int().positive().optional(),
});

/** Registers the routes. */
export function registerSuggestionRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  useSuggestionLogger(ctx.logger);

  app.get('/admin/api/articles/:id/suggestions', async (c) => {
    const id = idParam(c);
    await readableState(ctx.db, await apiUser(c, ctx), id);
    // An article saved before suggestions existed (or under an older analyser) is analysed now — reading never auto-tags.
    const state = await ctx.db.selectFrom('article_suggestion_state').select('analyser_version').where('article_id', '=', id).executeTakeFirst();
    if (!state || Number(state.analyser_version) !== ANALYSER_VERSION) await analyseAndStore(ctx.db, id, { mayAutoTag: false });
    return apiJson(c, await listSuggestions(ctx.db, id));
  });

  app.post('/admin/api/articles/:id/suggestions/:suggestionId', async (c) => {
    const id = idParam(c);
    const suggestionId = idParam(c, 'suggestionId');
    const user = await apiUser(c, ctx);
    const request = await readJson(c, decisionSchema);
    const decision = await decideSuggestion(ctx.db, user, id, suggestionId, request.decision);
    let revision: number | null = null;
    if (decision.tag && request.baseRevision !== undefined) {
      const fields = await readFields(ctx.db, id);
      if (fields && !fields.tagIds.includes(decision.tag.id)) {
        try {
          await saveArticle(ctx.db, user, id, { baseRevision: request.baseRevision, autosave: false, minorEdit: true, fields: { ...fields, tagIds: [...fields.tagIds, decision.tag.id] } });
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          const current = await loadEditable(ctx.db, await ctx.catalog(), user, id);
          throw new ApiFailure(409, { error: 'conflict', message: `${error.message} The suggestion was accepted; add the tag to the current version.`, current, keptRevisionId: error.keptRevisionId });
        }
      }
      revision = (await readableState(ctx.db, user, id)).revision;
    }
    const answer: DecisionAnswer = { suggestion: decision.suggestion, tag: decision.tag ? { id: decision.tag.id, kind: decision.tag.kind, name: decision.tag.name } : null, revision };
    return apiJson(c, answer);
  });
}

/**
 * The articles Admin API: create, read, save (optimistic), workflow steps, corrections,
 * revisions, translations, and the tag lookups the editor uses. Every rule is decided
 * by src/accounts/policy.ts through the newsroom module; this file only translates
 * HTTP to those calls and their outcomes to JSON.
 */
import type { Context, Hono, Input } from 'hono';
import { z } from 'zod';
import type { AppContext, AppEnv } from '../../app-context.ts';
import { can } from '../../accounts/policy.ts';
import { ARTICLE_TYPES } from '../../articles/article-types.ts';
import { LANGUAGES } from '../../i18n/languages.ts';
import { listActivity } from '../../newsroom/activity.ts';
import { addReaderNote } from '../../newsroom/corrections.ts';
import { correctionRequestSchema, saveRequestSchema, workflowRequestSchema } from '../../newsroom/editable.ts';
import { ConflictError, createDraft, deleteArticle, linkTranslation, loadEditable, readableState, restoreRevision, saveArticle, unlinkTranslation } from '../../newsroom/editing.ts';
import { listNewsroomArticles } from '../../newsroom/listing.ts';
import { getRevision, listRevisions } from '../../newsroom/revisions.ts';
import { TAG_KINDS, findOrCreateTag, searchTags } from '../../newsroom/tags.ts';
import { takeWorkflowStep } from '../../newsroom/workflow.ts';
import { ApiFailure, apiJson, apiUser, fail, idParam, readJson } from '../api-support.ts';
import { clientIp } from '../session-middleware.ts';

type AnyContext = Context<AppEnv, string, Input>;

const createSchema = z.object({
  language: z.enum(Object.keys(LANGUAGES) as [string, ...string[]]).default('en'),
  sectionId: z.number().int().positive().optional(),
  type: z.enum(ARTICLE_TYPES).default('news'),
  headline: z.string().trim().max(300).optional(),
});

const STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'] as const;

/** Runs a call that may be refused as stale, turning ConflictError into a 409 with the current article. */
async function withConflicts<T>(c: AnyContext, app: AppContext, articleId: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const user = await apiUser(c, app);
    const current = await loadEditable(app.db, await app.catalog(), user, articleId);
    throw new ApiFailure(409, { error: 'conflict', message: error.message, current, keptRevisionId: error.keptRevisionId });
  }
}

/** Registers /admin/api/articles… and /admin/api/tags. */
export function registerArticleApi(app: Hono<AppEnv>, ctx: AppContext): void {
  const editable = async (c: AnyContext, id: number) => loadEditable(ctx.db, await ctx.catalog(), await apiUser(c, ctx), id);

  app.get('/admin/api/articles', async (c) => {
    const user = await apiUser(c, ctx);
    const status = c.req.query('status');
    if (status !== undefined && status !== '' && !(STATUSES as readonly string[]).includes(status)) throw fail.badRequest(`status must be one of ${STATUSES.join(', ')}`);
    const page = await listNewsroomArticles(ctx.db, user, {
      q: c.req.query('q'),
      status: status ? (status as (typeof STATUSES)[number]) : undefined,
      mine: c.req.query('mine') === '1',
      after: c.req.query('after'),
    });
    if (!page) throw fail.badRequest('The "after" cursor is not one this API made.');
    return apiJson(c, page);
  });

  app.post('/admin/api/articles', async (c) => {
    const user = await apiUser(c, ctx);
    const input = await readJson(c, createSchema);
    const catalog = await ctx.catalog();
    const sectionId = input.sectionId ?? catalog.sections[0]?.id;
    if (sectionId === undefined) throw fail.validation(['sectionId: create a section first']);
    const id = await createDraft(ctx.db, user, { language: input.language, sectionId, type: input.type, headline: input.headline });
    return apiJson(c, await loadEditable(ctx.db, catalog, user, id), 201);
  });

  app.get('/admin/api/articles/:id', async (c) => apiJson(c, await editable(c, idParam(c))));

  app.put('/admin/api/articles/:id', async (c) => {
    const id = idParam(c);
    const user = await apiUser(c, ctx);
    const request = await readJson(c, saveRequestSchema);
    const outcome = await withConflicts(c, ctx, id, () => saveArticle(ctx.db, user, id, request));
    return apiJson(c, { ...outcome, article: await editable(c, id) });
  });

  app.delete('/admin/api/articles/:id', async (c) => {
    const id = idParam(c);
    await deleteArticle(ctx.db, await apiUser(c, ctx), id, clientIp(c));
    return c.body(null, 204, { 'cache-control': 'no-store' });
  });

  app.post('/admin/api/articles/:id/workflow', async (c) => {
    const id = idParam(c);
    const user = await apiUser(c, ctx);
    const request = await readJson(c, workflowRequestSchema);
    await withConflicts(c, ctx, id, () => takeWorkflowStep(ctx.db, user, id, request, clientIp(c)));
    return apiJson(c, { article: await editable(c, id) });
  });

  app.post('/admin/api/articles/:id/corrections', async (c) => {
    const id = idParam(c);
    const user = await apiUser(c, ctx);
    const note = await readJson(c, correctionRequestSchema);
    await addReaderNote(ctx.db, user, id, note, clientIp(c), ctx);
    return apiJson(c, { article: await editable(c, id) }, 201);
  });

  app.get('/admin/api/articles/:id/revisions', async (c) => {
    const id = idParam(c);
    await readableState(ctx.db, await apiUser(c, ctx), id);
    return apiJson(c, { revisions: await listRevisions(ctx.db, id) });
  });

  app.get('/admin/api/articles/:id/revisions/:revisionId', async (c) => {
    const id = idParam(c);
    await readableState(ctx.db, await apiUser(c, ctx), id);
    const revision = await getRevision(ctx.db, id, idParam(c, 'revisionId'));
    if (!revision) throw fail.notFound('That revision does not belong to this article.');
    return apiJson(c, revision);
  });

  app.post('/admin/api/articles/:id/revisions/:revisionId/restore', async (c) => {
    const id = idParam(c);
    const user = await apiUser(c, ctx);
    const { baseRevision } = await readJson(c, z.object({ baseRevision: z.number().int().positive() }));
    const outcome = await withConflicts(c, ctx, id, () => restoreRevision(ctx.db, user, id, idParam(c, 'revisionId'), baseRevision));
    return apiJson(c, { ...outcome, article: await editable(c, id) });
  });

  app.get('/admin/api/articles/:id/activity', async (c) => {
    const id = idParam(c);
    await readableState(ctx.db, await apiUser(c, ctx), id);
    return apiJson(c, { activity: await listActivity(ctx.db, id) });
  });

  app.post('/admin/api/articles/:id/translations', async (c) => {
    const id = idParam(c);
    const user = await apiUser(c, ctx);
    const { articleId } = await readJson(c, z.object({ articleId: z.number().int().positive() }));
    await linkTranslation(ctx.db, user, id, articleId);
    return apiJson(c, { article: await editable(c, id) });
  });

  app.delete('/admin/api/articles/:id/translations/:otherId', async (c) => {
    const id = idParam(c);
    const user = await apiUser(c, ctx);
    await unlinkTranslation(ctx.db, user, id, idParam(c, 'otherId'));
    return apiJson(c, { article: await editable(c, id) });
  });

  app.get('/admin/api/tags', async (c) => {
    await apiUser(c, ctx);
    const kind = c.req.query('kind');
    if (kind !== undefined && kind !== '' && !(TAG_KINDS as readonly string[]).includes(kind)) throw fail.badRequest(`kind must be one of ${TAG_KINDS.join(', ')}`);
    return apiJson(c, { tags: await searchTags(ctx.db, c.req.query('q') ?? '', kind ? (kind as (typeof TAG_KINDS)[number]) : undefined) });
  });

  app.post('/admin/api/tags', async (c) => {
    const user = await apiUser(c, ctx);
    if (!can(user, 'taxonomy.create')) throw fail.forbidden('Your role cannot create tags; ask an editor.');
    const input = await readJson(c, z.unknown());
    const { tag, created } = await findOrCreateTag(ctx.db, input, user.id);
    return apiJson(c, { tag }, created ? 201 : 200);
  });
}

/**
 * The review workflow: draft → in review → scheduled or published → unpublished (and
 * back). Each step checks who may take it from which state, runs in one transaction
 * with the article's revision as a guard, and leaves an entry in the history (and, for
 * what readers see, in the audit log).
 */
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../accounts/audit.ts';
import { can, canPublishArticle, canReadArticle, canSubmitArticle, isAtLeast } from '../accounts/policy.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import { syncListing } from '../articles/commands.ts';
import type { ArticleStatus, Database } from '../db/schema.ts';
import { PublicError } from '../http/errors.tsx';
import { isoNow } from '../shared/time.ts';
import { ValidationError } from '../shared/validation.ts';
import { recordActivity } from './activity.ts';
import type { workflowRequestSchema } from './editable.ts';
import { ConflictError, loadState, writeArticle } from './editing.ts';
import type { ArticleState } from './editing.ts';
import { publicationProblems, submissionProblems } from './readiness.ts';
import { readFields } from './snapshot.ts';
import type { z } from 'zod';

/** A workflow request as the API receives it. */
export type WorkflowRequest = z.output<typeof workflowRequestSchema>;

/** Where each step may start from. */
const FROM: Record<WorkflowRequest['action'], readonly ArticleStatus[]> = {
  submit: ['draft', 'unpublished'],
  send_back: ['in_review', 'scheduled'],
  approve: ['in_review'],
  publish: ['draft', 'in_review', 'scheduled', 'unpublished'],
  schedule: ['draft', 'in_review', 'unpublished', 'scheduled'],
  unschedule: ['scheduled'],
  unpublish: ['published'],
  assign: ['draft', 'in_review', 'scheduled', 'published', 'unpublished'],
};

const STATUS_WORDS: Record<ArticleStatus, string> = {
  draft: 'a draft',
  in_review: 'in review',
  scheduled: 'scheduled',
  published: 'published',
  unpublished: 'unpublished',
};

function forbidden(): never {
  throw new PublicError(403, 'Your role does not allow this step for this article.');
}

function mayTake(actor: SessionUser, state: ArticleState, action: WorkflowRequest['action'], publishing: boolean): boolean {
  switch (action) {
    case 'submit':
      return canSubmitArticle(actor, state);
    case 'send_back':
      return can(actor, 'article.review') && canReadArticle(actor, state);
    case 'approve':
      return can(actor, 'article.review') && canPublishArticle(actor, state);
    case 'assign':
      return can(actor, 'article.assign');
    default:
      return publishing && canPublishArticle(actor, state);
  }
}

async function assigneeProblem(db: Kysely<Database>, assigneeId: number | null | undefined): Promise<string | null> {
  if (assigneeId === undefined || assigneeId === null) return null;
  const user = await db.selectFrom('users').select(['role', 'status']).where('id', '=', assigneeId).executeTakeFirst();
  if (!user || user.status !== 'active') return 'assigneeId: no such active account';
  if (!isAtLeast(user.role, 'editor')) return 'assigneeId: articles are assigned to editors';
  return null;
}

function scheduledTime(at: string | undefined, now: string): string {
  const time = at === undefined ? Number.NaN : Date.parse(at);
  if (Number.isNaN(time)) throw new ValidationError(['at: give the date and time to publish']);
  if (time <= Date.parse(now)) throw new ValidationError(['at: the time to publish must be in the future']);
  if (time > Date.parse(now) + 5 * 366 * 86_400_000) throw new ValidationError(['at: is more than five years ahead']);
  return new Date(time).toISOString();
}

/** Takes one workflow step; returns the new status. */
export async function takeWorkflowStep(db: Kysely<Database>, actor: SessionUser, articleId: number, request: WorkflowRequest, ip: string | null = null): Promise<ArticleStatus> {
  const state = await loadState(db, articleId);
  const publishing = ['approve', 'publish', 'schedule', 'unschedule', 'unpublish'].includes(request.action);
  if (!mayTake(actor, state, request.action, publishing)) forbidden();
  if (!FROM[request.action].includes(state.status)) {
    throw new ValidationError([`status: the article is ${STATUS_WORDS[state.status]}, so it cannot be ${request.action.replace('_', ' ')}${request.action.endsWith('e') ? 'd' : 'ed'} now`]);
  }
  if (state.revision !== request.baseRevision) throw new ConflictError(0, state.revision);

  const now = isoNow();
  const fields = await readFields(db, articleId);
  if (!fields) throw new PublicError(404, 'No article has that id.');
  const note = request.note?.trim() || null;
  const scheduleAt = request.action === 'schedule' || (request.action === 'approve' && request.at) ? scheduledTime(request.at, now) : null;

  let target: ArticleStatus;
  let activity: string;
  switch (request.action) {
    case 'submit': {
      const problems = [...submissionProblems(fields), ...[await assigneeProblem(db, request.assigneeId)].filter((p): p is string => p !== null)];
      if (problems.length > 0) throw new ValidationError(problems);
      target = 'in_review';
      activity = 'submitted';
      break;
    }
    case 'send_back':
      if (!note) throw new ValidationError(['note: say what needs to change before sending it back']);
      target = 'draft';
      activity = 'sent_back';
      break;
    case 'approve':
    case 'publish':
    case 'schedule': {
      const problems = await publicationProblems(db, fields);
      if (problems.length > 0) throw new ValidationError(problems);
      target = scheduleAt ? 'scheduled' : 'published';
      activity = request.action === 'approve' ? 'approved' : scheduleAt ? 'scheduled' : 'published';
      break;
    }
    case 'unschedule':
      target = 'draft';
      activity = 'unscheduled';
      break;
    case 'unpublish':
      target = 'unpublished';
      activity = 'unpublished';
      break;
    case 'assign': {
      const problem = await assigneeProblem(db, request.assigneeId ?? null);
      if (problem) throw new ValidationError([problem]);
      target = state.status;
      activity = 'assigned';
      break;
    }
  }

  const live = state.status === 'published' || target === 'published';
  await writeArticle(db, live, async (trx: Transaction<Database>) => {
    const publishedAt = target === 'published' ? (state.publishedAt && state.status !== 'scheduled' ? state.publishedAt : now) : target === 'scheduled' ? scheduleAt : state.status === 'scheduled' ? null : state.publishedAt;
    const assignee = request.action === 'assign' || (request.action === 'submit' && request.assigneeId !== undefined) ? (request.assigneeId ?? null) : state.assigneeId;
    const updated = await trx
      .updateTable('articles')
      .set({
        status: target,
        published_at: publishedAt,
        scheduled_at: target === 'scheduled' ? scheduleAt : null,
        assignee_id: assignee,
        modified_at: now,
        revision: (eb) => eb('revision', '+', 1),
      })
      .where('id', '=', articleId)
      .where('revision', '=', request.baseRevision)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new ConflictError(0, state.revision + 1);
    await syncListing(trx, articleId);
    await recordActivity(trx, {
      articleId,
      userId: actor.id,
      action: activity,
      note,
      details: { from: state.status, to: target, ...(scheduleAt ? { at: scheduleAt } : {}), ...(assignee !== state.assigneeId ? { assigneeId: assignee } : {}) },
    });
    if (live || target === 'scheduled') {
      await recordAudit(trx, { actorUserId: actor.id, action: `article.${activity}`, subjectType: 'article', subjectId: articleId, details: { from: state.status, to: target, ...(scheduleAt ? { at: scheduleAt } : {}) }, ip });
    }
  });
  return target;
}

/**
 * Publishes every scheduled article whose time has come. Safe to run from several
 * processes at once: each article is taken by a conditional update, so it is
 * published exactly once. Returns the ids published.
 */
export async function publishDueArticles(db: Kysely<Database>, now: string = isoNow()): Promise<number[]> {
  const due = await db.selectFrom('articles').select('id').where('status', '=', 'scheduled').where('scheduled_at', '<=', now).orderBy('scheduled_at').limit(100).execute();
  const published: number[] = [];
  for (const { id } of due) {
    const articleId = Number(id);
    const done = await writeArticle(db, true, async (trx) => {
      const taken = await trx
        .updateTable('articles')
        .set({ status: 'published', scheduled_at: null, modified_at: now, revision: (eb) => eb('revision', '+', 1) })
        .where('id', '=', articleId)
        .where('status', '=', 'scheduled')
        .where('scheduled_at', '<=', now)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 0) return false;
      await syncListing(trx, articleId);
      await recordActivity(trx, { articleId, userId: null, action: 'published', note: 'Published at its scheduled time.', details: { scheduled: true } });
      await recordAudit(trx, { actorUserId: null, action: 'article.published', subjectType: 'article', subjectId: articleId, details: { scheduled: true } });
      return true;
    });
    if (done) published.push(articleId);
  }
  return published;
}

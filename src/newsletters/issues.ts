/**
 * Newsletter issues as the desk writes them: drafts with a subject, preheader, intro and an
 * ordered list of published articles; digests filled from what a section or tag published
 * since the list's last issue; scheduling and cancelling. Only drafts and scheduled issues
 * change here: once sending starts the issue belongs to the delivery engine (sending.ts).
 * Every command validates first and writes in one transaction, so nothing is half-written.
 */
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../accounts/audit.ts';
import type { Database } from '../db/schema.ts';
import type { NewsletterIssueStatus, NewsletterIssuesTable } from '../db/schema-newsletters.ts';
import { format, formatDate, messagesFor } from '../i18n/index.ts';
import { likePattern } from '../newsroom/listing.ts';
import { parseStoredJson } from '../shared/json.ts';
import { isoNow } from '../shared/time.ts';
import { ValidationError, parseOrThrow } from '../shared/validation.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Longest subject (mail clients cut far earlier; this is a hard stop, not a style rule). */
export const MAX_SUBJECT = 200;
/** Longest preheader. */
export const MAX_PREHEADER = 250;
/** Most articles one issue may carry. */
export const MAX_ITEMS = 30;
/** Most articles a digest picks. */
export const DIGEST_LIMIT = 12;
/** How far back a list's first digest looks. */
export const DIGEST_DEFAULT_DAYS = 7;

/** Statuses in which the desk may still change an issue. */
export const EDITABLE_STATUSES: readonly NewsletterIssueStatus[] = ['draft', 'scheduled'];

/** One article in an issue, with the editor's optional line about it. */
export interface IssueItem {
  articleId: number;
  blurb?: string;
}

/** An issue as the admin shows it. */
export interface IssueRecord {
  id: number;
  newsletterId: number;
  subject: string;
  preheader: string;
  intro: string;
  items: IssueItem[];
  kind: 'manual' | 'digest';
  digestSource: { sectionId?: number; tagId?: number; since: string } | null;
  status: NewsletterIssueStatus;
  scheduledAt: string | null;
  recipients: number;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The issue does not exist (404). */
export class IssueNotFoundError extends Error {
  constructor(message = 'No newsletter issue has that number.') {
    super(message);
    this.name = 'IssueNotFoundError';
  }
}

/** The issue is past the point where this change is possible (409). */
export class IssueStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IssueStateError';
  }
}

// C0 controls, DEL and the Unicode line/paragraph separators: none belongs in a one-line field,
// and CR/LF in a subject would be a header injection attempt.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f\u2028\u2029]/;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f]/;

const oneLine = (max: number) =>
  z
    .string()
    .refine((value) => !CONTROL_CHARACTERS.test(value), { message: 'must be one line, without line breaks or control characters' })
    .transform((value) => value.trim())
    .pipe(z.string().max(max, { message: `must be at most ${max} characters` }));

const paragraphs = (max: number) =>
  z
    .string()
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .refine((value) => !CONTROL_EXCEPT_NEWLINE.test(value), { message: 'must not contain control characters' })
    .pipe(z.string().max(max, { message: `must be at most ${max} characters` }));

const itemSchema = z.object({
  articleId: z.number().int().positive(),
  blurb: paragraphs(600).optional(),
});

/** What the compose form saves. */
export const issueInputSchema = z.object({
  subject: oneLine(MAX_SUBJECT).pipe(z.string().min(1, { message: 'is required' })),
  preheader: oneLine(MAX_PREHEADER).default(''),
  intro: paragraphs(5000).default(''),
  items: z
    .array(itemSchema)
    .max(MAX_ITEMS, { message: `may hold at most ${MAX_ITEMS} articles` })
    .default([])
    .refine((items) => new Set(items.map((item) => item.articleId)).size === items.length, { message: 'lists an article twice' }),
});

/** Validated compose input. */
export type IssueInput = z.output<typeof issueInputSchema>;

/** Where a digest takes its articles from. */
export const digestSourceSchema = z.union([z.object({ sectionId: z.number().int().positive() }), z.object({ tagId: z.number().int().positive() })]);

/** Who is acting, for the audit log. */
export interface IssueActor {
  userId: number | null;
  ip?: string | null;
}

function toRecord(row: Selectable<NewsletterIssuesTable>): IssueRecord {
  return {
    id: row.id,
    newsletterId: row.newsletter_id,
    subject: row.subject,
    preheader: row.preheader,
    intro: row.intro,
    items: parseStoredJson<IssueItem[]>(row.items, []).filter((item) => Number.isSafeInteger(item.articleId)),
    kind: row.kind,
    digestSource: parseStoredJson<IssueRecord['digestSource']>(row.digest_source, null),
    status: row.status,
    scheduledAt: row.scheduled_at,
    recipients: row.recipients,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Reads one issue, or null. */
export async function getIssue(db: Db, issueId: number): Promise<IssueRecord | null> {
  const row = await db.selectFrom('newsletter_issues').selectAll().where('id', '=', issueId).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Reads one issue or throws IssueNotFoundError. */
export async function requireIssue(db: Db, issueId: number): Promise<IssueRecord> {
  const issue = await getIssue(db, issueId);
  if (!issue) throw new IssueNotFoundError();
  return issue;
}

/** The issues of a list, newest first. */
export async function listIssues(db: Db, newsletterId: number, limit = 200): Promise<IssueRecord[]> {
  const rows = await db.selectFrom('newsletter_issues').selectAll().where('newsletter_id', '=', newsletterId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toRecord);
}

/** Refuses items that are not published articles (an unpublished story must not go out by mail). */
async function checkPublished(db: Db, items: readonly IssueItem[]): Promise<void> {
  if (items.length === 0) return;
  const ids = items.map((item) => item.articleId);
  const rows = await db.selectFrom('articles').select('id').where('id', 'in', ids).where('status', '=', 'published').execute();
  const found = new Set(rows.map((row) => row.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw new ValidationError([`items: article ${missing.join(', ')} is not a published article`]);
}

async function requireList(db: Db, newsletterId: number): Promise<{ id: number; name: string; language: string }> {
  const list = await db.selectFrom('newsletters').select(['id', 'name', 'language']).where('id', '=', newsletterId).executeTakeFirst();
  if (!list) throw new IssueNotFoundError('No newsletter has that number.');
  return list;
}

/** Creates a draft issue of a list; returns its id. */
export async function createIssue(db: Kysely<Database>, newsletterId: number, input: unknown, actor: IssueActor): Promise<number> {
  const values = parseOrThrow(issueInputSchema, input);
  await requireList(db, newsletterId);
  await checkPublished(db, values.items);
  const now = isoNow();
  const row = await db
    .insertInto('newsletter_issues')
    .values({ newsletter_id: newsletterId, subject: values.subject, preheader: values.preheader, intro: values.intro, items: JSON.stringify(values.items), kind: 'manual', digest_source: null, status: 'draft', scheduled_at: null, frozen: null, recipients: 0, started_at: null, finished_at: null, created_by: actor.userId, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Runs a change on an issue that must still be editable, inside one transaction; the status is
 * checked again in the UPDATE itself, so a send that started meanwhile wins and this is refused.
 */
async function changeEditable(db: Kysely<Database>, issueId: number, change: (trx: Transaction<Database>, issue: IssueRecord) => Promise<Updateable<NewsletterIssuesTable> | null>, after?: (trx: Transaction<Database>, issue: IssueRecord) => Promise<void>): Promise<IssueRecord> {
  return db.transaction().execute(async (trx) => {
    const issue = await requireIssue(trx, issueId);
    if (!EDITABLE_STATUSES.includes(issue.status)) throw new IssueStateError(`This issue is ${issue.status}; only drafts and scheduled issues can be changed.`);
    const values = await change(trx, issue);
    if (values) {
      const result = await trx
        .updateTable('newsletter_issues')
        .set({ ...values, updated_at: isoNow() })
        .where('id', '=', issueId)
        .where('status', 'in', [...EDITABLE_STATUSES])
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new IssueStateError('This issue started sending meanwhile; it can no longer be changed.');
    }
    if (after) await after(trx, issue);
    return requireIssue(trx, issueId);
  });
}

/** Saves the compose form of a draft or scheduled issue. */
export async function updateIssue(db: Kysely<Database>, issueId: number, input: unknown): Promise<IssueRecord> {
  const values = parseOrThrow(issueInputSchema, input);
  return changeEditable(db, issueId, async (trx) => {
    await checkPublished(trx, values.items);
    return { subject: values.subject, preheader: values.preheader, intro: values.intro, items: JSON.stringify(values.items) };
  });
}

/** A change to the order of an issue's articles, as the compose form's buttons send it. */
export type ItemAction = { kind: 'add' | 'remove' | 'up' | 'down'; articleId: number };

/** Reads `add:12`, `up:12`… (null for a plain save or anything else). */
export function parseItemAction(value: string): ItemAction | null {
  const match = /^(add|remove|up|down):([1-9][0-9]{0,9})$/.exec(value);
  if (!match) return null;
  return { kind: match[1] as ItemAction['kind'], articleId: Number(match[2]) };
}

/** The items after one add/remove/move (adding an article already there changes nothing). */
export function applyItemAction(items: readonly IssueItem[], action: ItemAction): IssueItem[] {
  const out = [...items];
  const from = out.findIndex((item) => item.articleId === action.articleId);
  if (action.kind === 'add') {
    if (from === -1) out.push({ articleId: action.articleId });
    return out;
  }
  if (from === -1) return out;
  if (action.kind === 'remove') {
    out.splice(from, 1);
    return out;
  }
  const to = action.kind === 'up' ? from - 1 : from + 1;
  if (to < 0 || to >= out.length) return out;
  const [moved] = out.splice(from, 1);
  if (moved) out.splice(to, 0, moved);
  return out;
}

/** Deletes an issue that never went out (draft or cancelled). */
export async function deleteIssue(db: Kysely<Database>, issueId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const issue = await requireIssue(trx, issueId);
    if (issue.status !== 'draft' && issue.status !== 'cancelled') throw new IssueStateError(`This issue is ${issue.status}; only drafts and cancelled issues can be deleted.`);
    await trx.deleteFrom('newsletter_issues').where('id', '=', issueId).where('status', 'in', ['draft', 'cancelled']).execute();
  });
}

/** What a scheduled or sent issue needs: something to read. */
function checkSendable(issue: IssueRecord): void {
  if (issue.items.length === 0 && issue.intro.trim() === '') throw new ValidationError(['items: add at least one article or an introduction before sending']);
}

const scheduleSchema = z.object({
  at: z.iso.datetime({ offset: true, message: 'must be a date and time' }),
});

/** Schedules an issue for `at` (ISO, in the future); the delivery engine starts it when due. */
export async function scheduleIssue(db: Kysely<Database>, issueId: number, at: string, actor: IssueActor, now = new Date()): Promise<IssueRecord> {
  const parsed = parseOrThrow(scheduleSchema, { at });
  const when = new Date(parsed.at);
  if (when.getTime() <= now.getTime()) throw new ValidationError(['scheduled_at: must be in the future']);
  const scheduledAt = when.toISOString();
  return changeEditable(
    db,
    issueId,
    (_trx, issue) => {
      checkSendable(issue);
      return Promise.resolve({ status: 'scheduled' as const, scheduled_at: scheduledAt });
    },
    (trx, issue) => recordAudit(trx, { actorUserId: actor.userId, action: 'newsletter_issue.scheduled', subjectType: 'newsletter_issue', subjectId: issueId, details: { newsletterId: issue.newsletterId, scheduledAt }, ip: actor.ip ?? null }),
  );
}

/** Takes a scheduled issue back to draft. */
export async function unscheduleIssue(db: Kysely<Database>, issueId: number, actor: IssueActor): Promise<IssueRecord> {
  return changeEditable(
    db,
    issueId,
    (_trx, issue) => {
      if (issue.status !== 'scheduled') throw new IssueStateError('This issue is not scheduled.');
      return Promise.resolve({ status: 'draft' as const, scheduled_at: null });
    },
    (trx, issue) => recordAudit(trx, { actorUserId: actor.userId, action: 'newsletter_issue.unscheduled', subjectType: 'newsletter_issue', subjectId: issueId, details: { newsletterId: issue.newsletterId }, ip: actor.ip ?? null }),
  );
}

/** Cancels a draft or scheduled issue: it will never be sent (it can still be deleted). */
export async function cancelIssue(db: Kysely<Database>, issueId: number, actor: IssueActor): Promise<IssueRecord> {
  return changeEditable(
    db,
    issueId,
    () => Promise.resolve({ status: 'cancelled' as const, scheduled_at: null }),
    (trx, issue) => recordAudit(trx, { actorUserId: actor.userId, action: 'newsletter_issue.cancelled', subjectType: 'newsletter_issue', subjectId: issueId, details: { newsletterId: issue.newsletterId }, ip: actor.ip ?? null }),
  );
}

/** Checks an issue can be sent now (used by the admin before calling startSending). */
export async function checkIssueSendable(db: Db, issueId: number): Promise<IssueRecord> {
  const issue = await requireIssue(db, issueId);
  if (!EDITABLE_STATUSES.includes(issue.status)) throw new IssueStateError(`This issue is ${issue.status}; it cannot be sent again.`);
  checkSendable(issue);
  return issue;
}

/** When a list's next digest starts: its last issue's start, or a week ago. */
export async function digestSince(db: Db, newsletterId: number, now = new Date()): Promise<string> {
  const last = await db
    .selectFrom('newsletter_issues')
    .select('started_at')
    .where('newsletter_id', '=', newsletterId)
    .where('status', 'in', ['sending', 'sent'])
    .where('started_at', 'is not', null)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.started_at ?? new Date(now.getTime() - DIGEST_DEFAULT_DAYS * 86_400_000).toISOString();
}

/** The published articles of a section or tag, in the list's language, since `since`, newest first. */
export async function digestArticles(db: Db, source: z.output<typeof digestSourceSchema>, language: string, since: string, limit = DIGEST_LIMIT): Promise<number[]> {
  let query = db.selectFrom('articles').select('articles.id').where('articles.status', '=', 'published').where('articles.language', '=', language).where('articles.published_at', '>', since);
  if ('sectionId' in source) query = query.where('articles.section_id', '=', source.sectionId);
  else query = query.where((eb) => eb.exists(eb.selectFrom('article_tags').select('article_tags.article_id').whereRef('article_tags.article_id', '=', 'articles.id').where('article_tags.tag_id', '=', source.tagId)));
  const rows = await query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).execute();
  return rows.map((row) => row.id);
}

/**
 * The default subject and preheader of a digest, for readers' inboxes (the desk edits both
 * before sending): the list's name and the day in the list's language ("The Daily Briefing —
 * 7 December 2026"), and the lead story's headline as the preview line.
 */
async function digestTexts(db: Db, list: { name: string; language: string }, articleIds: readonly number[], now: Date): Promise<{ subject: string; preheader: string }> {
  const clean = (text: string, max: number) => text.replace(new RegExp(CONTROL_CHARACTERS.source, 'g'), ' ').trim().slice(0, max).trim();
  const subject = format(messagesFor(list.language).newsletters.digestSubject, { list: list.name, date: formatDate(now.toISOString(), list.language) });
  const lead = articleIds[0] === undefined ? undefined : await db.selectFrom('articles').select('headline').where('id', '=', articleIds[0]).executeTakeFirst();
  return { subject: clean(subject, MAX_SUBJECT), preheader: clean(lead?.headline ?? '', MAX_PREHEADER) };
}

/** Creates a digest draft from a section or a tag; returns its id. An empty digest is refused. */
export async function createDigest(db: Kysely<Database>, newsletterId: number, sourceInput: unknown, actor: IssueActor, now = new Date()): Promise<number> {
  const source = parseOrThrow(digestSourceSchema, sourceInput);
  const list = await requireList(db, newsletterId);
  let sourceName: string | undefined;
  if ('sectionId' in source) sourceName = (await db.selectFrom('sections').select('name').where('id', '=', source.sectionId).executeTakeFirst())?.name;
  else sourceName = (await db.selectFrom('tags').select('name').where('id', '=', source.tagId).executeTakeFirst())?.name;
  if (sourceName === undefined) throw new ValidationError(['source: no such section or tag']);
  const since = await digestSince(db, newsletterId, now);
  const ids = await digestArticles(db, source, list.language, since);
  if (ids.length === 0) throw new ValidationError([`source: ${sourceName} has published nothing in this list’s language since ${since.slice(0, 10)}`]);
  const stamp = isoNow();
  const { subject, preheader } = await digestTexts(db, list, ids, now);
  const row = await db
    .insertInto('newsletter_issues')
    .values({ newsletter_id: newsletterId, subject, preheader, intro: '', items: JSON.stringify(ids.map((articleId) => ({ articleId }))), kind: 'digest', digest_source: JSON.stringify({ ...source, since }), status: 'draft', scheduled_at: null, frozen: null, recipients: 0, started_at: null, finished_at: null, created_by: actor.userId, created_at: stamp, updated_at: stamp })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A published article as the article picker lists it. */
export interface ArticleChoice {
  id: number;
  headline: string;
  language: string;
  publishedAt: string | null;
}

/** Published articles whose headline contains `q` (newest first), for the compose page's picker. */
export async function searchPublishedArticles(db: Db, q: string, language: string | null, limit = 20): Promise<ArticleChoice[]> {
  let query = db.selectFrom('articles').select(['id', 'headline', 'language', 'published_at']).where('status', '=', 'published');
  if (language) query = query.where('language', '=', language);
  const term = q.trim().slice(0, 200);
  if (term !== '') query = query.where(sql<boolean>`lower(headline) like ${likePattern(term)} escape '\\'`);
  const rows = await query.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({ id: row.id, headline: row.headline, language: row.language, publishedAt: row.published_at }));
}

/** Headlines and states of the articles an issue lists, for the compose page. */
export async function itemArticles(db: Db, items: readonly IssueItem[]): Promise<Map<number, ArticleChoice & { isPublished: boolean }>> {
  if (items.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'headline', 'language', 'published_at', 'status'])
    .where(
      'id',
      'in',
      items.map((item) => item.articleId),
    )
    .execute();
  return new Map(rows.map((row) => [row.id, { id: row.id, headline: row.headline, language: row.language, publishedAt: row.published_at, isPublished: row.status === 'published' }]));
}

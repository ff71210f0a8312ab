/**
 * Creating, loading and saving articles in the newsroom. Saves are optimistic: each
 * names the revision it was based on, and a save based on anything but the current
 * revision is refused — and kept as a revision of its own, so nobody's words are lost
 * and nothing is silently overwritten.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ArticleFacts } from '../accounts/policy.ts';
import { can, canDeleteArticle, canEditArticle, canPublishArticle, canReadArticle, canSubmitArticle } from '../accounts/policy.ts';
import { recordAudit } from '../accounts/audit.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import { readingMinutes } from '../articles/body/render.ts';
import { afterArticleWrite } from '../content/article-hooks.ts';
import { changeContent } from '../content/content-version.ts';
import type { Database, RevisionKind } from '../db/schema.ts';
import { PublicError } from '../http/errors.tsx';
import { isoNow } from '../shared/time.ts';
import { ValidationError } from '../shared/validation.ts';
import type { SiteCatalog } from '../site/chrome.ts';
import { articleUrl } from '../site/urls.ts';
import { recordActivity } from './activity.ts';
import type { EditableArticle, EditableFields } from './editable.ts';
import { PLACEHOLDER_SLUG_PREFIX } from './readiness.ts';
import { slugify } from './slugs.ts';
import { getRevision, recordRevision } from './revisions.ts';
import { checkFields, readFields, referenceProblems, writeFields } from './snapshot.ts';
import { refreshSuggestions } from '../suggest/refresh.ts';
import type { StoredFields } from './snapshot.ts';

/** A save refused because someone saved a newer version first. */
export class ConflictError extends Error {
  constructor(
    readonly keptRevisionId: number,
    readonly currentRevision: number,
  ) {
    super(`Someone else saved a newer version of this article (revision ${currentRevision}) while you were editing. Your version was kept in the history; nothing was overwritten.`);
    this.name = 'ConflictError';
  }
}

/** An article's permission facts plus its revision and publication times. */
export interface ArticleState extends ArticleFacts {
  id: number;
  revision: number;
  publishedAt: string | null;
  scheduledAt: string | null;
  language: string;
}

/** Runs a write: with a content-version bump when readers can see the article, else a plain transaction. */
export async function writeArticle<T>(db: Kysely<Database>, live: boolean, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return live ? changeContent(db, work) : db.transaction().execute(work);
}

/** The state of an article, or a 404. */
export async function loadState(db: Kysely<Database> | Transaction<Database>, articleId: number): Promise<ArticleState> {
  const row = await db
    .selectFrom('articles')
    .select(['id', 'status', 'revision', 'created_by', 'assignee_id', 'published_at', 'scheduled_at', 'language'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!row) throw new PublicError(404, 'No article has that id.');
  return {
    id: Number(row.id),
    status: row.status,
    revision: Number(row.revision),
    createdBy: row.created_by === null ? null : Number(row.created_by),
    assigneeId: row.assignee_id === null ? null : Number(row.assignee_id),
    publishedAt: row.published_at,
    scheduledAt: row.scheduled_at,
    language: row.language,
  };
}

/** The state of an article the actor may read (404 when it does not exist, 403 when it is not theirs to see). */
export async function readableState(db: Kysely<Database>, actor: SessionUser, articleId: number): Promise<ArticleState> {
  const state = await loadState(db, articleId);
  if (!canReadArticle(actor, state)) throw new PublicError(403, 'This article is not yours to open.');
  return state;
}

/** Creates an empty draft owned by the actor; returns its id. */
export async function createDraft(
  db: Kysely<Database>,
  actor: SessionUser,
  input: { language: string; sectionId: number; type: string; headline?: string },
): Promise<number> {
  if (!can(actor, 'article.create')) throw new PublicError(403, 'Your role cannot create articles.');
  const now = isoNow();
  const author = await db.selectFrom('users').select('author_id').where('id', '=', actor.id).executeTakeFirst();
  // A working headline gives the draft its address at once (when it is free); otherwise a placeholder waits for one.
  const fromHeadline = slugify(input.headline ?? '');
  const taken = fromHeadline === '' || (await db.selectFrom('articles').select('id').where('language', '=', input.language).where('slug', '=', fromHeadline).executeTakeFirst()) !== undefined;
  const fields = checkFields({
    slug: taken ? `${PLACEHOLDER_SLUG_PREFIX}${randomBytes(5).toString('hex')}` : fromHeadline,
    language: input.language as EditableFields['language'],
    headline: input.headline ?? '',
    standfirst: '',
    type: input.type as EditableFields['type'],
    sectionId: input.sectionId,
    authorIds: author?.author_id ? [Number(author.author_id)] : [],
    byline: null,
    dateline: null,
    body: { type: 'doc', content: [{ type: 'paragraph' }] },
    heroImageId: null,
    heroCaption: null,
    heroCredit: null,
    heroAlt: null,
    sources: [],
    tagIds: [],
    licensingPolicy: null,
    seoTitle: null,
    seoDescription: null,
  });
  const problems = await referenceProblems(db, fields, null);
  if (problems.length > 0) throw new ValidationError(problems);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('articles')
      .values({
        slug: fields.slug,
        language: fields.language,
        translation_group: null,
        headline: fields.headline,
        standfirst: '',
        type: fields.type,
        section_id: fields.sectionId,
        byline: null,
        dateline: null,
        body: JSON.stringify(fields.body),
        hero_image_id: null,
        hero_caption: null,
        hero_credit: null,
        hero_alt: null,
        sources: '[]',
        status: 'draft',
        published_at: null,
        updated_at: null,
        created_at: now,
        modified_at: now,
        licensing_policy: null,
        seo_title: null,
        seo_description: null,
        word_count: 0,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const articleId = Number(row.id);
    await writeFields(trx, articleId, fields, { status: 'draft', publishedAt: null, modifiedAt: now });
    await recordActivity(trx, { articleId, userId: actor.id, action: 'created' });
    await recordRevision(trx, { articleId, revision: 1, kind: 'create', fields, userId: actor.id });
    return articleId;
  });
}

/** What a save did. */
export interface SaveOutcome {
  revision: number;
  revisionId: number;
  /** False when an autosave of a published article was kept as a revision without changing the live page. */
  applied: boolean;
}

/**
 * Saves a whole version of an article. `baseRevision` must be the article's current
 * revision; otherwise the version is kept as a `conflict` revision and ConflictError
 * is thrown. Autosaves of a published article are kept as revisions only: readers see
 * changes when someone presses Update.
 */
export async function saveArticle(
  db: Kysely<Database>,
  actor: SessionUser,
  articleId: number,
  request: { baseRevision: number; autosave: boolean; minorEdit: boolean; fields: EditableFields; foldInto?: number },
  kind: 'save' | 'restore' = 'save',
): Promise<SaveOutcome> {
  const fields = checkFields(request.fields);
  const state = await loadState(db, articleId);
  if (!canEditArticle(actor, state)) throw new PublicError(403, 'Your role does not allow editing this article in its current state.');
  const problems = await referenceProblems(db, fields, articleId);
  if (problems.length > 0) throw new ValidationError(problems);

  const keepConflict = async (currentRevision: number): Promise<never> => {
    const keptRevisionId = await db.transaction().execute(async (trx) => {
      const id = await recordRevision(trx, {
        articleId,
        revision: request.baseRevision,
        kind: 'conflict',
        fields,
        userId: actor.id,
        note: `Refused: based on revision ${request.baseRevision}, but revision ${currentRevision} had been saved.`,
      });
      await recordActivity(trx, { articleId, userId: actor.id, action: 'conflict', details: { baseRevision: request.baseRevision, currentRevision, keptRevisionId: id } });
      return id;
    });
    throw new ConflictError(keptRevisionId, currentRevision);
  };

  if (state.revision !== request.baseRevision) return keepConflict(state.revision);

  if (state.status === 'published' && request.autosave) {
    const revisionId = await recordRevision(db, { articleId, revision: state.revision, kind: 'autosave', fields, userId: actor.id, note: 'Not yet live', foldInto: request.foldInto });
    return { revision: state.revision, revisionId, applied: false };
  }

  const now = isoNow();
  const outcome = await writeArticle(db, state.status === 'published', async (trx) => {
    const bumped = await trx
      .updateTable('articles')
      .set({ revision: (eb) => eb('revision', '+', 1) })
      .where('id', '=', articleId)
      .where('revision', '=', request.baseRevision)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) === 0) return null;
    const current = await loadState(trx, articleId);
    const substantive = current.status === 'published' && !request.minorEdit;
    await writeFields(trx, articleId, fields, { status: current.status, publishedAt: current.publishedAt, modifiedAt: now, ...(substantive ? { updatedAt: now } : {}) });
    const revisionKind: RevisionKind = kind === 'restore' ? 'restore' : request.autosave ? 'autosave' : 'save';
    const revisionId = await recordRevision(trx, { articleId, revision: current.revision, kind: revisionKind, fields, userId: actor.id, foldInto: request.foldInto });
    if (!request.autosave) {
      await recordActivity(trx, { articleId, userId: actor.id, action: kind === 'restore' ? 'restored' : 'saved', details: { revision: current.revision, minorEdit: request.minorEdit } });
    }
    return { revision: current.revision, revisionId, applied: true };
  });
  if (!outcome) {
    const latest = await loadState(db, articleId);
    return keepConflict(latest.revision);
  }
  if (!request.autosave) await refreshSuggestions(db, articleId);
  return outcome;
}

/** Restores a revision's fields as a new revision. */
export async function restoreRevision(db: Kysely<Database>, actor: SessionUser, articleId: number, revisionId: number, baseRevision: number): Promise<SaveOutcome> {
  const revision = await getRevision(db, articleId, revisionId);
  if (!revision) throw new PublicError(404, 'That revision does not belong to this article.');
  return saveArticle(db, actor, articleId, { baseRevision, autosave: false, minorEdit: false, fields: await withoutVanished(db, articleId, revision.fields) }, 'restore');
}

/** An old version's references, minus tags, authors and photos deleted (or merged away) since it was saved. */
async function withoutVanished(db: Kysely<Database>, articleId: number, fields: StoredFields): Promise<StoredFields> {
  const tags = fields.tagIds.length > 0 ? new Set((await db.selectFrom('tags').select('id').where('id', 'in', fields.tagIds).execute()).map((row) => Number(row.id))) : new Set<number>();
  const authors = fields.authorIds.length > 0 ? new Set((await db.selectFrom('authors').select('id').where('id', 'in', fields.authorIds).execute()).map((row) => Number(row.id))) : new Set<number>();
  const hero = fields.heroImageId === null ? undefined : await db.selectFrom('images').select('id').where('id', '=', fields.heroImageId).executeTakeFirst();
  const section = await db.selectFrom('sections').select('id').where('id', '=', fields.sectionId).executeTakeFirst();
  const current = section ? null : await db.selectFrom('articles').select('section_id').where('id', '=', articleId).executeTakeFirst();
  return {
    ...fields,
    tagIds: fields.tagIds.filter((id) => tags.has(id)),
    authorIds: fields.authorIds.filter((id) => authors.has(id)),
    heroImageId: hero ? fields.heroImageId : null,
    sectionId: section ? fields.sectionId : (current?.section_id ?? fields.sectionId),
  };
}

/** Links two articles in different languages as translations of each other. */
export async function linkTranslation(db: Kysely<Database>, actor: SessionUser, articleId: number, otherId: number): Promise<void> {
  if (articleId === otherId) throw new ValidationError(['articleId: an article cannot be its own translation']);
  const [mine, other] = [await loadState(db, articleId), await loadState(db, otherId)];
  if (!canEditArticle(actor, mine) || !canReadArticle(actor, other)) throw new PublicError(403, 'Your role does not allow linking these articles.');
  if (mine.language === other.language) throw new ValidationError(['articleId: a translation must be in another language']);
  const rows = await db.selectFrom('articles').select(['id', 'translation_group', 'language']).where('id', 'in', [articleId, otherId]).execute();
  const group = rows.find((row) => row.id === otherId)?.translation_group ?? rows.find((row) => row.id === articleId)?.translation_group ?? randomUUID();
  const live = mine.status === 'published' || other.status === 'published';
  await writeArticle(db, live, async (trx) => {
    const members = await trx.selectFrom('articles').select(['id', 'language']).where('translation_group', '=', group).execute();
    const languages = new Set(members.filter((member) => member.id !== articleId && member.id !== otherId).map((member) => member.language));
    if (languages.has(mine.language) || languages.has(other.language)) throw new ValidationError(['articleId: that translation group already has an article in this language']);
    await trx.updateTable('articles').set({ translation_group: group, modified_at: isoNow() }).where('id', 'in', [articleId, otherId]).execute();
    for (const id of [articleId, otherId]) await afterArticleWrite(trx, id);
    await recordActivity(trx, { articleId, userId: actor.id, action: 'translation_linked', details: { articleId: otherId } });
    await recordActivity(trx, { articleId: otherId, userId: actor.id, action: 'translation_linked', details: { articleId } });
  });
}

/** Takes an article out of its translation group. */
export async function unlinkTranslation(db: Kysely<Database>, actor: SessionUser, articleId: number, otherId: number): Promise<void> {
  const [mine, other] = [await loadState(db, articleId), await loadState(db, otherId)];
  if (!canEditArticle(actor, mine)) throw new PublicError(403, 'Your role does not allow changing this article.');
  const rows = await db.selectFrom('articles').select(['id', 'translation_group']).where('id', 'in', [articleId, otherId]).execute();
  const group = rows.find((row) => row.id === articleId)?.translation_group;
  if (!group || rows.find((row) => row.id === otherId)?.translation_group !== group) throw new PublicError(404, 'Those articles are not linked.');
  await writeArticle(db, mine.status === 'published' || other.status === 'published', async (trx) => {
    await trx.updateTable('articles').set({ translation_group: null, modified_at: isoNow() }).where('id', '=', otherId).execute();
    const left = await trx.selectFrom('articles').select('id').where('translation_group', '=', group).execute();
    if (left.length < 2) await trx.updateTable('articles').set({ translation_group: null }).where('translation_group', '=', group).execute();
    for (const id of [articleId, otherId, ...left.map((row) => Number(row.id))]) await afterArticleWrite(trx, id);
    await recordActivity(trx, { articleId, userId: actor.id, action: 'translation_unlinked', details: { articleId: otherId } });
  });
}

/** The article as the editor and the Admin API see it. */
export async function loadEditable(db: Kysely<Database>, catalog: SiteCatalog, actor: SessionUser, articleId: number): Promise<EditableArticle> {
  const state = await readableState(db, actor, articleId);
  const fields = await readFields(db, articleId);
  const row = await db.selectFrom('articles').select(['translation_group', 'updated_at', 'modified_at', 'word_count']).where('id', '=', articleId).executeTakeFirstOrThrow();
  if (!fields) throw new PublicError(404, 'No article has that id.');
  const translations = row.translation_group
    ? await db
        .selectFrom('articles')
        .select(['id', 'language', 'headline', 'status'])
        .where('translation_group', '=', row.translation_group)
        .where('id', '!=', articleId)
        .orderBy('language')
        .execute()
    : [];
  const corrections = await db.selectFrom('article_corrections').select(['id', 'kind', 'body', 'created_at']).where('article_id', '=', articleId).orderBy('created_at').orderBy('id').execute();
  const section = catalog.sectionsById.get(fields.sectionId);
  const wordCount = Number(row.word_count);
  const latest = state.status === 'published'
    ? await db.selectFrom('article_revisions').select(['id', 'kind', 'user_id', 'revision', 'created_at']).where('article_id', '=', articleId).orderBy('id', 'desc').limit(1).executeTakeFirst()
    : undefined;
  const pendingAutosave = latest && latest.kind === 'autosave' && latest.user_id === actor.id && Number(latest.revision) === state.revision ? { revisionId: Number(latest.id), savedAt: latest.created_at } : null;
  return {
    id: articleId,
    revision: state.revision,
    status: state.status,
    fields,
    translationGroup: row.translation_group,
    translations: translations.map((t) => ({ id: Number(t.id), language: t.language, headline: t.headline, status: t.status })),
    createdBy: state.createdBy,
    assigneeId: state.assigneeId,
    scheduledAt: state.scheduledAt,
    publishedAt: state.publishedAt,
    updatedAt: row.updated_at,
    modifiedAt: row.modified_at,
    wordCount,
    readingMinutes: readingMinutes(wordCount),
    corrections: corrections.map((c) => ({ id: Number(c.id), kind: c.kind, body: c.body, createdAt: c.created_at })),
    url: section ? articleUrl(fields.language, section.slug, fields.slug) : '',
    previewUrl: `/admin/articles/${articleId}/preview`,
    pendingAutosave,
    permissions: {
      edit: canEditArticle(actor, state),
      submit: canSubmitArticle(actor, state),
      review: can(actor, 'article.review'),
      publish: canPublishArticle(actor, state),
      assign: can(actor, 'article.assign'),
      correct: can(actor, 'article.addCorrection'),
      delete: canDeleteArticle(actor, { ...state, everPublished: wasPublished(state) }),
    },
  };
}

/** Whether readers have ever seen the article (a scheduled time is not a publication). */
function wasPublished(state: ArticleState): boolean {
  return state.publishedAt !== null && state.status !== 'scheduled';
}

/**
 * Deletes an article that is not live. The audit log keeps its last version, so a
 * deletion made by mistake can still be recovered by hand.
 */
export async function deleteArticle(db: Kysely<Database>, actor: SessionUser, articleId: number, ip: string | null = null): Promise<void> {
  const state = await loadState(db, articleId);
  const row = await db.selectFrom('articles').select(['headline', 'created_at']).where('id', '=', articleId).executeTakeFirstOrThrow();
  if (!canDeleteArticle(actor, { ...state, everPublished: wasPublished(state) })) {
    throw new PublicError(403, state.status === 'published' || state.status === 'scheduled' ? 'Unpublish or unschedule the article before deleting it.' : 'Your role does not allow deleting this article.');
  }
  const fields = await readFields(db, articleId);
  await writeArticle(db, state.publishedAt !== null, async (trx) => {
    await trx.deleteFrom('articles').where('id', '=', articleId).where('revision', '=', state.revision).execute();
    await recordAudit(trx, { actorUserId: actor.id, action: 'article.deleted', subjectType: 'article', subjectId: articleId, details: { headline: row.headline, status: state.status, lastVersion: fields }, ip });
  });
}

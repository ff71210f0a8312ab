/**
 * Revisions: every save keeps the whole editable article as it was saved, so any two
 * versions can be compared and any one restored. Autosaves by the same person in a
 * quiet stretch of typing are folded into one revision, so the history stays readable.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, RevisionKind } from '../db/schema.ts';
import { parseStoredJson } from '../shared/json.ts';
import { isoNow } from '../shared/time.ts';
import type { StoredFields } from './snapshot.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Autosaves closer together than this (same person, same editing session, nothing in between) share a revision. */
const AUTOSAVE_FOLD_MS = 10 * 60 * 1000;

/** A revision as listed in the history. */
export interface RevisionSummary {
  id: number;
  revision: number;
  kind: RevisionKind;
  createdAt: string;
  note: string | null;
  user: { id: number; name: string } | null;
}

/** A revision with the article fields it holds. */
export interface RevisionDetail extends RevisionSummary {
  fields: StoredFields;
}

/** Keeps a version of an article; returns the revision's id. */
export async function recordRevision(
  db: Executor,
  entry: { articleId: number; revision: number; kind: RevisionKind; fields: StoredFields; userId: number | null; note?: string | null; foldInto?: number },
): Promise<number> {
  const now = isoNow();
  const snapshot = JSON.stringify(entry.fields);
  if (entry.kind === 'autosave' && entry.foldInto !== undefined) {
    const latest = await db
      .selectFrom('article_revisions')
      .select(['id', 'kind', 'user_id', 'created_at'])
      .where('article_id', '=', entry.articleId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const sameSession = latest !== undefined && Number(latest.id) === entry.foldInto;
    if (latest && sameSession && latest.kind === 'autosave' && latest.user_id === entry.userId && Date.parse(now) - Date.parse(latest.created_at) < AUTOSAVE_FOLD_MS) {
      await db.updateTable('article_revisions').set({ snapshot, revision: entry.revision, created_at: now }).where('id', '=', latest.id).execute();
      return Number(latest.id);
    }
  }
  const row = await db
    .insertInto('article_revisions')
    .values({ article_id: entry.articleId, revision: entry.revision, kind: entry.kind, snapshot, user_id: entry.userId, created_at: now, note: entry.note ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The revisions of an article, newest first. */
export async function listRevisions(db: Executor, articleId: number, limit = 500): Promise<RevisionSummary[]> {
  const rows = await db
    .selectFrom('article_revisions')
    .leftJoin('users', 'users.id', 'article_revisions.user_id')
    .select(['article_revisions.id', 'article_revisions.revision', 'article_revisions.kind', 'article_revisions.created_at', 'article_revisions.note', 'users.id as user_id', 'users.name as user_name'])
    .where('article_revisions.article_id', '=', articleId)
    .orderBy('article_revisions.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    revision: Number(row.revision),
    kind: row.kind,
    createdAt: row.created_at,
    note: row.note,
    user: row.user_id === null ? null : { id: Number(row.user_id), name: row.user_name ?? '' },
  }));
}

/** One revision of an article (null when it does not belong to that article). */
export async function getRevision(db: Executor, articleId: number, revisionId: number): Promise<RevisionDetail | null> {
  const row = await db
    .selectFrom('article_revisions')
    .leftJoin('users', 'users.id', 'article_revisions.user_id')
    .select([
      'article_revisions.id', 'article_revisions.revision', 'article_revisions.kind', 'article_revisions.created_at', 'article_revisions.note',
      'article_revisions.snapshot', 'users.id as user_id', 'users.name as user_name',
    ])
    .where('article_revisions.article_id', '=', articleId)
    .where('article_revisions.id', '=', revisionId)
    .executeTakeFirst();
  if (!row) return null;
  const fields = parseStoredJson<StoredFields | null>(row.snapshot, null);
  if (!fields) return null;
  return {
    id: Number(row.id),
    revision: Number(row.revision),
    kind: row.kind,
    createdAt: row.created_at,
    note: row.note,
    user: row.user_id === null ? null : { id: Number(row.user_id), name: row.user_name ?? '' },
    fields,
  };
}

/** The activity history of an article: who moved it, sent it back, scheduled or corrected it, and why. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { parseStoredJson } from '../shared/json.ts';
import { isoNow } from '../shared/time.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** One entry of an article's history. */
export interface ActivityEntry {
  id: number;
  at: string;
  action: string;
  note: string | null;
  details: Record<string, unknown>;
  user: { id: number; name: string } | null;
}

/** Appends an entry to an article's history. */
export async function recordActivity(
  db: Executor,
  entry: { articleId: number; userId: number | null; action: string; note?: string | null; details?: Record<string, unknown>; at?: string },
): Promise<void> {
  await db
    .insertInto('article_activity')
    .values({
      article_id: entry.articleId,
      at: entry.at ?? isoNow(),
      user_id: entry.userId,
      action: entry.action,
      note: entry.note ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** The history of an article, newest first (at most `limit` entries). */
export async function listActivity(db: Executor, articleId: number, limit = 200): Promise<ActivityEntry[]> {
  const rows = await db
    .selectFrom('article_activity')
    .leftJoin('users', 'users.id', 'article_activity.user_id')
    .select(['article_activity.id', 'article_activity.at', 'article_activity.action', 'article_activity.note', 'article_activity.details', 'users.id as user_id', 'users.name as user_name'])
    .where('article_activity.article_id', '=', articleId)
    .orderBy('article_activity.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at,
    action: row.action,
    note: row.note,
    details: parseStoredJson<Record<string, unknown>>(row.details, {}),
    user: row.user_id === null ? null : { id: Number(row.user_id), name: row.user_name ?? '' },
  }));
}

/** Words for each action, as the history shows them. */
export const ACTIVITY_LABELS: Record<string, string> = {
  created: 'created the draft',
  saved: 'saved changes',
  submitted: 'submitted it for review',
  sent_back: 'sent it back',
  approved: 'approved it',
  scheduled: 'scheduled it',
  unscheduled: 'cancelled the schedule',
  published: 'published it',
  unpublished: 'unpublished it',
  assigned: 'changed the assignment',
  corrected: 'added a note for readers',
  restored: 'restored an earlier revision',
  conflict: 'tried to save over a newer version (kept as a revision)',
  translation_linked: 'linked a translation',
  translation_unlinked: 'unlinked a translation',
  auto_tagged: 'added place tags by the auto-tagging rule',
};

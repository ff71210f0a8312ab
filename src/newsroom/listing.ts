/**
 * The newsroom's lists of articles: the article list (filters, search by headline,
 * keyset pages) and the inbox — what waits for the signed-in person.
 */
import { sql } from 'kysely';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { can } from '../accounts/policy.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import type { ArticleStatus, Database } from '../db/schema.ts';
import { articleUrl } from '../site/urls.ts';

/** A row of an article list. */
export interface NewsroomArticle {
  id: number;
  headline: string;
  status: ArticleStatus;
  language: string;
  sectionName: string;
  modifiedAt: string;
  scheduledAt: string | null;
  publishedAt: string | null;
  createdBy: string | null;
  assignee: string | null;
  /** The public address (live only when published). */
  url: string;
  /** For work sent back: the editor's note. */
  note?: string;
}

/** Filters of the article list. */
export interface ListFilters {
  q?: string;
  status?: ArticleStatus;
  mine?: boolean;
  language?: string;
  after?: string;
  limit?: number;
}

type Query = SelectQueryBuilder<Database, 'articles', object>;

function select(db: Kysely<Database>) {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('users as creators', 'creators.id', 'articles.created_by')
    .leftJoin('users as assignees', 'assignees.id', 'articles.assignee_id')
    .select([
      'articles.id', 'articles.headline', 'articles.status', 'articles.language', 'sections.name as section_name', 'articles.modified_at',
      'articles.scheduled_at', 'articles.published_at', 'creators.name as creator_name', 'assignees.name as assignee_name',
      'articles.slug', 'sections.slug as section_slug',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];

function toItem(row: Row): NewsroomArticle {
  return {
    id: Number(row.id),
    headline: row.headline,
    status: row.status,
    language: row.language,
    sectionName: row.section_name,
    modifiedAt: row.modified_at,
    scheduledAt: row.scheduled_at,
    publishedAt: row.published_at,
    createdBy: row.creator_name,
    assignee: row.assignee_name,
    url: articleUrl(row.language, row.section_slug, row.slug),
  };
}

/** Limits a query to articles the actor may open: everything for editors, else their own and those assigned to them. */
function visibleTo<Q extends Query>(query: Q, actor: SessionUser): Q {
  if (can(actor, 'article.readAny')) return query;
  return query.where((eb) => eb.or([eb('articles.created_by', '=', actor.id), eb('articles.assignee_id', '=', actor.id)])) as Q;
}

/** Escapes LIKE wildcards so a search for "50%" means the characters (used with `escape '\\'`). */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function encodeCursor(row: { modifiedAt: string; id: number }): string {
  return Buffer.from(`${row.modifiedAt}|${row.id}`).toString('base64url');
}

function decodeCursor(raw: string): { modifiedAt: string; id: number } | null {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(raw)) return null;
  const [modifiedAt = '', id = ''] = Buffer.from(raw, 'base64url').toString().split('|');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(modifiedAt) || !/^[1-9]\d{0,9}$/.test(id)) return null;
  return { modifiedAt, id: Number(id) };
}

/** Articles for the article list, most recently changed first. A bad cursor yields null. */
export async function listNewsroomArticles(db: Kysely<Database>, actor: SessionUser, filters: ListFilters): Promise<{ items: NewsroomArticle[]; next: string | null } | null> {
  const limit = Math.min(Math.max(filters.limit ?? 30, 1), 100);
  let query = visibleTo(select(db), actor);
  if (filters.status) query = query.where('articles.status', '=', filters.status);
  if (filters.language) query = query.where('articles.language', '=', filters.language);
  if (filters.mine) query = query.where('articles.created_by', '=', actor.id);
  const q = filters.q?.trim();
  if (q) query = query.where(sql<boolean>`lower(articles.headline) like ${likePattern(q.slice(0, 200))} escape '\\'`);
  if (filters.after) {
    const cursor = decodeCursor(filters.after);
    if (!cursor) return null;
    query = query.where((eb) =>
      eb.or([eb('articles.modified_at', '<', cursor.modifiedAt), eb.and([eb('articles.modified_at', '=', cursor.modifiedAt), eb('articles.id', '<', cursor.id)])]),
    );
  }
  const rows = await query.orderBy('articles.modified_at', 'desc').orderBy('articles.id', 'desc').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map(toItem);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? encodeCursor(last) : null };
}

/** One group of the inbox. */
export interface InboxGroup {
  title: string;
  empty: string;
  items: NewsroomArticle[];
}

/** What waits for the actor: reviews and assignments for editors, their own work for everyone. */
export async function loadInbox(db: Kysely<Database>, actor: SessionUser): Promise<InboxGroup[]> {
  const groups: InboxGroup[] = [];
  const recent = (query: ReturnType<typeof select>) => query.orderBy('articles.modified_at', 'desc').orderBy('articles.id', 'desc').limit(25).execute();
  if (can(actor, 'article.review')) {
    groups.push({
      title: 'Assigned to you',
      empty: 'Nothing is assigned to you.',
      items: (await recent(select(db).where('articles.assignee_id', '=', actor.id).where('articles.status', 'in', ['in_review', 'draft', 'unpublished']))).map(toItem),
    });
    groups.push({
      title: 'Waiting for review',
      empty: 'No article is waiting for review.',
      items: (await recent(select(db).where('articles.status', '=', 'in_review'))).map(toItem),
    });
    groups.push({
      title: 'Scheduled',
      empty: 'Nothing is scheduled.',
      items: (await select(db).where('articles.status', '=', 'scheduled').orderBy('articles.scheduled_at').limit(25).execute()).map(toItem),
    });
  }
  const sentBack = await db
    .selectFrom('article_activity')
    .innerJoin('articles', 'articles.id', 'article_activity.article_id')
    .select(['articles.id', 'article_activity.note'])
    .where('articles.created_by', '=', actor.id)
    .where('articles.status', '=', 'draft')
    .where('article_activity.action', '=', 'sent_back')
    .orderBy('article_activity.id')
    .execute();
  // The latest note per article wins (rows come oldest first).
  const notes = new Map(sentBack.map((row) => [Number(row.id), row.note ?? '']));
  const sentBackIds = [...notes.keys()];
  groups.push({
    title: 'Sent back to you',
    empty: 'Nothing has been sent back to you.',
    items: sentBackIds.length > 0 ? (await recent(select(db).where('articles.id', 'in', sentBackIds))).map((row) => ({ ...toItem(row), note: notes.get(Number(row.id)) })) : [],
  });
  groups.push({
    title: 'Your drafts',
    empty: 'You have no drafts.',
    items: (await recent(select(db).where('articles.created_by', '=', actor.id).where('articles.status', 'in', ['draft', 'unpublished']))).map(toItem).filter((item) => !sentBackIds.includes(item.id)),
  });
  groups.push({
    title: 'Your work in review or scheduled',
    empty: 'None of your work is in review.',
    items: (await recent(select(db).where('articles.created_by', '=', actor.id).where('articles.status', 'in', ['in_review', 'scheduled']))).map(toItem),
  });
  return groups;
}

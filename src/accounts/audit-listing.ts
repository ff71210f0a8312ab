/**
 * Reading the audit log for the admin page: newest first, a keyset walk down the primary
 * key (`id < before`), so an old page costs what the first does and no page counts rows.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { parseStoredJson } from '../shared/json.ts';

/** A person as the audit page names them. */
export interface AuditPerson {
  id: number;
  name: string;
  email: string;
}

/** One audit entry with the people it mentions. */
export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  /** Who did it; null for the system or someone not signed in (or an account since deleted). */
  actor: AuditPerson | null;
  subjectType: string | null;
  subjectId: string | null;
  /** The subject when it is an account that still exists. */
  subjectUser: AuditPerson | null;
  details: Record<string, unknown>;
  ip: string | null;
}

/** Which entries to list. */
export interface AuditQuery {
  limit: number;
  /** Only entries older than this id (the previous page's last). */
  before?: number;
  /** Only actions starting with this text (`user.` lists every account event). */
  actionPrefix?: string;
  /** Only entries this account did or was the subject of. */
  userId?: number;
}

/** One page of entries, and where the next starts (null on the last page). */
export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: number | null;
}

/** The shape an action prefix filter must have: the lowercase dotted names actions use. */
export const ACTION_PREFIX = /^[a-z][a-z0-9_.]{0,63}$/;

/** Largest page a caller may ask for. */
export const MAX_AUDIT_PAGE_SIZE = 200;

/** Lists audit entries newest first, filtered and paged as asked. */
export async function listAuditEntries(db: Kysely<Database>, query: AuditQuery): Promise<AuditPage> {
  const limit = Math.min(Math.max(Math.trunc(query.limit), 1), MAX_AUDIT_PAGE_SIZE);
  const { before, actionPrefix, userId } = query;
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users as actor', 'actor.id', 'audit_log.actor_user_id')
    // subject_id is text (subjects are not all accounts), so the join compares as text on both databases.
    .leftJoin('users as subject', (join) =>
      join.on('audit_log.subject_type', '=', 'user').on(sql<string>`cast(subject.id as text)`, '=', sql.ref<string>('audit_log.subject_id')),
    )
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.subject_type',
      'audit_log.subject_id',
      'audit_log.details',
      'audit_log.ip',
      'actor.id as actor_id',
      'actor.name as actor_name',
      'actor.email as actor_email',
      'subject.id as subject_user_id',
      'subject.name as subject_name',
      'subject.email as subject_email',
    ])
    .$if(before !== undefined, (q) => q.where('audit_log.id', '<', before ?? 0))
    // A prefix compared by substr rather than LIKE: no wildcards to escape, and the same case-sensitive match on both databases.
    .$if(actionPrefix !== undefined, (q) => q.where(sql<string>`substr(audit_log.action, 1, ${actionPrefix?.length ?? 0})`, '=', actionPrefix ?? ''))
    .$if(userId !== undefined, (q) =>
      q.where((eb) => eb.or([eb('audit_log.actor_user_id', '=', userId ?? 0), eb.and([eb('audit_log.subject_type', '=', 'user'), eb('audit_log.subject_id', '=', String(userId))])])),
    )
    .orderBy('audit_log.id', 'desc')
    // One extra row tells whether an older page exists without counting.
    .limit(limit + 1)
    .execute();
  const entries = rows.slice(0, limit).map(
    (row): AuditEntry => ({
      id: Number(row.id),
      at: row.at,
      action: row.action,
      actor: row.actor_id !== null && row.actor_name !== null && row.actor_email !== null ? { id: row.actor_id, name: row.actor_name, email: row.actor_email } : null,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      subjectUser: row.subject_user_id !== null && row.subject_name !== null && row.subject_email !== null ? { id: row.subject_user_id, name: row.subject_name, email: row.subject_email } : null,
      details: toRecord(parseStoredJson<unknown>(row.details, {})),
      ip: row.ip,
    }),
  );
  const last = entries.at(-1);
  return { entries, nextBefore: rows.length > limit && last ? last.id : null };
}

function toRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}

/** The audit log: who did what, when, from where. Admins read it; nothing deletes from it. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isoNow } from '../shared/time.ts';

/** One audited event. */
export interface AuditEvent {
  actorUserId: number | null;
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Appends an event to the audit log. */
export async function recordAudit(db: Kysely<Database> | Transaction<Database>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: isoNow(),
      actor_user_id: event.actorUserId,
      action: event.action,
      subject_type: event.subjectType ?? null,
      subject_id: event.subjectId === undefined ? null : String(event.subjectId),
      details: JSON.stringify(event.details ?? {}),
      ip: event.ip ?? null,
    })
    .execute();
}

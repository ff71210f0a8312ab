/**
 * Reading the mail outbox for the admin pages. Listing is a keyset walk down
 * `mail_outbox(created_at, id)`, newest first, so an old page costs what the first does.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, MailOutboxTable } from '../db/schema.ts';
import { parseStoredJson } from '../shared/json.ts';

/** One outbox message as a list shows it (no bodies). */
export interface OutboxSummary {
  id: number;
  createdAt: string;
  purpose: string;
  to: string;
  subject: string;
  status: 'stored' | 'sent' | 'failed';
  sentAt: string | null;
  /** Why SMTP refused it, credentials already removed; null unless `failed`. */
  error: string | null;
  messageId: string;
}

/** One outbox message in full, for its own page. */
export interface OutboxMessage extends OutboxSummary {
  from: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}

/** Where the next page starts: the last listed message's time and id. */
export interface OutboxCursor {
  at: string;
  id: number;
}

/** One page of the outbox, and the cursor of the next page (null on the last page). */
export interface OutboxPage {
  messages: OutboxSummary[];
  next: OutboxCursor | null;
}

/** Largest page a caller may ask for; keeps an admin URL from loading the whole table. */
export const MAX_OUTBOX_PAGE_SIZE = 100;

const SUMMARY_COLUMNS = ['id', 'created_at', 'purpose', 'to_address', 'subject', 'status', 'sent_at', 'error', 'message_id'] as const;

/** Lists outbox messages newest first, `limit` at a time, strictly before `before` when given. */
export async function listOutbox(db: Kysely<Database>, options: { limit: number; before?: OutboxCursor }): Promise<OutboxPage> {
  const limit = Number.isFinite(options.limit) ? Math.min(Math.max(Math.trunc(options.limit), 1), MAX_OUTBOX_PAGE_SIZE) : MAX_OUTBOX_PAGE_SIZE;
  const { before } = options;
  let query = db.selectFrom('mail_outbox').select(SUMMARY_COLUMNS);
  if (before) query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(before.at, before.id)));
  // One extra row tells whether a next page exists without counting the table.
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const messages = rows.slice(0, limit).map(toSummary);
  const last = messages.at(-1);
  return { messages, next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null };
}

/** One outbox message with its bodies and headers; null when there is none with that id. */
export async function getOutboxMessage(db: Kysely<Database>, id: number): Promise<OutboxMessage | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const row = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    ...toSummary(row),
    from: row.from_address,
    text: row.text_body,
    html: row.html_body,
    headers: parseHeaders(row.headers),
  };
}

function toSummary(row: Pick<Selectable<MailOutboxTable>, (typeof SUMMARY_COLUMNS)[number]>): OutboxSummary {
  return {
    id: Number(row.id),
    createdAt: row.created_at,
    purpose: row.purpose,
    to: row.to_address,
    subject: row.subject,
    status: row.status,
    sentAt: row.sent_at,
    error: row.error,
    messageId: row.message_id,
  };
}

// The mailer wrote this JSON, but a hand-edited or damaged row must still render.
function parseHeaders(text: string): Record<string, string> {
  const value = parseStoredJson<unknown>(text, {});
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

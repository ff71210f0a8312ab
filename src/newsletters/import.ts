/**
 * Importing subscribers into one list from a CSV file (consent given elsewhere: at an
 * event, through an old system). Columns: `email` and `consent` are required, `name` and
 * `consented_at` optional, in any order. A row is imported as a confirmed subscription
 * with source `import` and the consent text stored; rows that are not plausible
 * (bad or over-long address, no consent, a repeat within the file, line breaks or control
 * characters) are listed with their line and reason. Readers who left this list themselves
 * (unsubscribed, complained) or whose mail bounced are not put back by an import.
 *
 * A file without the required columns is refused whole. The valid rows are written in one
 * transaction: all of them, or nothing when the database fails.
 */
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../accounts/audit.ts';
import type { ActingContext } from '../accounts/user-management.ts';
import type { Database } from '../db/schema.ts';
import { hasControlCharacters } from '../mail/address.ts';
import { CsvSyntaxError, parseCsv } from './csv.ts';
import { NewsletterNotFoundError, getNewsletter } from './lists.ts';
import { MAX_EMAIL_LENGTH, checkEmail, storedSpellings } from './subscribers.ts';

/** Largest file accepted, in bytes. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Most rows one file may hold. */
export const MAX_IMPORT_ROWS = 100_000;

/** The file as a whole cannot be imported (answered 400; nothing is written). */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** One refused row. */
export interface RejectedRow {
  line: number;
  email: string;
  reason: string;
}

/** What an import did. */
export interface ImportReport {
  imported: number;
  alreadySubscribed: number;
  rejected: RejectedRow[];
}

/** Answers that mean "no consent" in the consent column. */
const NO_CONSENT = new Set(['', 'no', 'n', 'false', '0', 'non', 'لا']);

/** A checked row with its line in the file (1 for a reader added by hand). */
export interface ValidRow {
  line: number;
  email: string;
  name: string | null;
  consent: string;
  consentedAt: string | null;
}

/** One reader as typed or read from a file: the four cells an import row has. */
export interface ReaderCells {
  email: string;
  name: string;
  consent: string;
  consentedAt: string;
}

/** A row that passed the checks, or the field at fault and why (the same rules for a file row and for one reader added by hand). */
export type CheckedRow = { ok: true; row: Omit<ValidRow, 'line'> } | { ok: false; field: 'email' | 'name' | 'consent' | 'consented_at'; reason: string };

/** Checks one reader: a plausible address, consent that is not empty or "no", lengths, a date in the past. */
export function checkReaderRow(cells: ReaderCells): CheckedRow {
  const name = cells.name.trim();
  const consent = cells.consent.trim();
  const consentedAt = cells.consentedAt.trim();
  const refuse = (field: Extract<CheckedRow, { ok: false }>['field'], reason: string): CheckedRow => ({ ok: false, field, reason });
  for (const [field, value] of [['email', cells.email], ['name', name], ['consent', consent], ['consented_at', consentedAt]] as const) {
    if (hasControlCharacters(value)) return refuse(field, 'contains a line break or control character');
  }
  const email = checkEmail(cells.email);
  if (!email.ok) return refuse('email', email.problem === 'too-long' ? `address longer than ${MAX_EMAIL_LENGTH} characters` : 'not a valid email address');
  if (NO_CONSENT.has(consent.toLowerCase())) return refuse('consent', 'no consent given');
  if (consent.length > 500) return refuse('consent', 'consent text longer than 500 characters');
  if (name.length > 120) return refuse('name', 'name longer than 120 characters');
  let consentedIso: string | null = null;
  if (consentedAt !== '') {
    const time = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(consentedAt) ? Date.parse(consentedAt) : Number.NaN;
    if (Number.isNaN(time) || time > Date.now() + 86_400_000) return refuse('consented_at', 'consented_at is not a date like 2026-10-03');
    consentedIso = new Date(time).toISOString();
  }
  return { ok: true, row: { email: email.email, name: name === '' ? null : name, consent, consentedAt: consentedIso } };
}

/** Reads the file into valid rows and refusals (no database work). Throws ImportFileError for a file that cannot be used at all. */
export function readImportFile(text: string): { rows: ValidRow[]; rejected: RejectedRow[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ImportFileError(`The file is not valid CSV (${error.message}). Nothing was imported.`);
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw new ImportFileError('The file is empty. Nothing was imported.');
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  const repeated = columns.find((name, index) => name !== '' && columns.indexOf(name) !== index);
  if (repeated) throw new ImportFileError(`The column “${repeated}” appears twice in the first line. Nothing was imported.`);
  const at = (name: string) => columns.indexOf(name);
  if (at('email') === -1) throw new ImportFileError('The first line must name the columns, and one must be “email”. Nothing was imported.');
  if (at('consent') === -1) {
    throw new ImportFileError('The file has no “consent” column. Say for every row how the person agreed to receive this newsletter (for example “Signed up at the Amman book fair, 2026-10-03”). Nothing was imported.');
  }
  if (data.length > MAX_IMPORT_ROWS) throw new ImportFileError(`The file has more than ${MAX_IMPORT_ROWS} rows; split it. Nothing was imported.`);

  const rows: ValidRow[] = [];
  const rejected: RejectedRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of data) {
    if (record.fields.every((field) => field.trim() === '')) continue;
    const cell = (name: string) => {
      const index = at(name);
      return index === -1 ? '' : (record.fields[index] ?? '');
    };
    const rawEmail = cell('email');
    const shown = rawEmail.length > 80 ? `${rawEmail.slice(0, 80)}…` : rawEmail;
    const refuse = (reason: string) => rejected.push({ line: record.line, email: shown.replace(/[\u0000-\u001f\u007f]/g, ' '), reason });
    const checked = checkReaderRow({ email: rawEmail, name: cell('name'), consent: cell('consent'), consentedAt: cell('consented_at') });
    if (!checked.ok) {
      refuse(checked.reason);
      continue;
    }
    const key = checked.row.email.toLowerCase();
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      refuse(`duplicate of line ${first}`);
      continue;
    }
    firstLineOf.set(key, record.line);
    rows.push({ line: record.line, ...checked.row });
  }
  return { rows, rejected };
}

const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) out.push(items.slice(start, start + CHUNK));
  return out;
}

/** Imports a CSV file into a list; see the module comment for the rules. */
export async function importSubscribers(db: Kysely<Database>, acting: ActingContext, newsletterId: number, text: string, now = new Date().toISOString()): Promise<ImportReport> {
  const list = await getNewsletter(db, newsletterId);
  if (!list) throw new NewsletterNotFoundError();
  const { rows, rejected } = readImportFile(text);
  const report = await db.transaction().execute((trx) => writeConsentedRows(trx, newsletterId, list.language, rows, now));
  const all = [...rejected, ...report.rejected].sort((a, b) => a.line - b.line);
  await recordAudit(db, {
    actorUserId: acting.actor.id,
    action: 'newsletter.subscribers_imported',
    subjectType: 'newsletter',
    subjectId: newsletterId,
    details: { imported: report.imported, alreadySubscribed: report.alreadySubscribed, rejected: all.length },
    ip: acting.ip,
  });
  return { imported: report.imported, alreadySubscribed: report.alreadySubscribed, rejected: all };
}

/** How consented rows came in: the subscription's source and the event recorded (`imported` from a file, `added` by hand). */
export interface RowOrigin {
  source: 'import' | 'admin';
  event: 'imported' | 'added';
}

const FROM_FILE: RowOrigin = { source: 'import', event: 'imported' };

/**
 * Writes checked rows into a list inside the caller's transaction: new and pending readers
 * become confirmed with their consent stored; confirmed ones are counted; readers who left
 * (unsubscribed, complained) or bounced are refused, never put back.
 */
export async function writeConsentedRows(trx: Transaction<Database>, newsletterId: number, language: string, rows: ValidRow[], now: string, origin: RowOrigin = FROM_FILE): Promise<ImportReport> {
  const rejected: RejectedRow[] = [];
  let imported = 0;
  let alreadySubscribed = 0;
  for (const typed of chunks(rows)) {
    // A reader already stored under another case of the address is that reader (see storedSpellings).
    const spellings = await storedSpellings(trx, typed.map((row) => row.email));
    const batch = typed.map((row) => ({ ...row, email: spellings.get(row.email.toLowerCase()) ?? row.email }));
    await trx
      .insertInto('subscribers')
      .values(batch.map((row) => ({ email: row.email, name: row.name, language, created_at: now, updated_at: now, link_version: 1 })))
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    const subscribers = await trx.selectFrom('subscribers').select(['id', 'email']).where('email', 'in', batch.map((row) => row.email)).execute();
    const idOf = new Map(subscribers.map((s) => [s.email, Number(s.id)]));
    const ids = [...idOf.values()];
    const existing = await trx.selectFrom('subscriptions').select(['subscriber_id', 'status']).where('newsletter_id', '=', newsletterId).where('subscriber_id', 'in', ids).execute();
    const statusOf = new Map(existing.map((s) => [Number(s.subscriber_id), s.status]));
    const inserts = [];
    const events = [];
    for (const row of batch) {
      const subscriberId = idOf.get(row.email);
      if (subscriberId === undefined) throw new Error(`imported subscriber ${row.line} vanished`);
      const status = statusOf.get(subscriberId);
      const confirmedAt = row.consentedAt ?? now;
      if (status === 'confirmed') {
        alreadySubscribed += 1;
      } else if (status === 'unsubscribed' || status === 'complained') {
        rejected.push({ line: row.line, email: row.email, reason: 'left this newsletter earlier; only they can sign up again' });
      } else if (status === 'bounced') {
        rejected.push({ line: row.line, email: row.email, reason: 'mail to this address bounced earlier' });
      } else {
        if (status === 'pending') {
          await trx
            .updateTable('subscriptions')
            .set({ status: 'confirmed', source: origin.source, consent: row.consent, confirmed_at: confirmedAt, updated_at: now })
            .where('subscriber_id', '=', subscriberId)
            .where('newsletter_id', '=', newsletterId)
            .execute();
        } else {
          inserts.push({ subscriber_id: subscriberId, newsletter_id: newsletterId, status: 'confirmed' as const, source: origin.source, consent: row.consent, created_at: now, confirmed_at: confirmedAt, updated_at: now });
        }
        events.push({ newsletter_id: newsletterId, subscriber_id: subscriberId, kind: origin.event, issue_id: null, at: now });
        imported += 1;
      }
    }
    if (inserts.length > 0) await trx.insertInto('subscriptions').values(inserts).execute();
    if (events.length > 0) await trx.insertInto('subscription_events').values(events).execute();
  }
  return { imported, alreadySubscribed, rejected };
}

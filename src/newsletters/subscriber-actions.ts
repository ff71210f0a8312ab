/**
 * What staff may do to one reader of a list (the subscribers admin): add one reader with a
 * consent note, under exactly the CSV import's rules (import.ts); unsubscribe them from the
 * list; record a complaint; and erase them, with the same erasure the reader's own
 * preferences page runs. Each is audited without the reader's address (an erased reader must
 * not live on in the audit log). No HTTP here; the routes check the policy.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../accounts/audit.ts';
import type { ActingContext } from '../accounts/user-management.ts';
import type { Database } from '../db/schema.ts';
import type { SubscriptionStatus } from '../db/schema-newsletters.ts';
import { ValidationError } from '../shared/validation.ts';
import { checkReaderRow, writeConsentedRows } from './import.ts';
import type { ReaderCells } from './import.ts';
import { NewsletterNotFoundError, getNewsletter } from './lists.ts';
import { eraseSubscriber, unsubscribeOne } from './reader-account.ts';
import { markComplained, storedSpellings } from './subscribers.ts';

/** The action cannot be done to this reader as they stand (answered 409 with the message). */
export class SubscriberConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubscriberConflictError';
  }
}

/** The reader is not on this list (answered 404). */
export class SubscriberNotFoundError extends Error {
  constructor() {
    super('No reader with that number is on this newsletter.');
    this.name = 'SubscriberNotFoundError';
  }
}

/** One reader of a list, as the confirmation pages show them. */
export interface ListReader {
  subscriberId: number;
  email: string;
  status: SubscriptionStatus;
  /** How many lists they are on (erasure removes them from all). */
  listCount: number;
}

/** The reader `subscriberId` on list `newsletterId`; throws SubscriberNotFoundError. */
export async function readerOnList(db: Kysely<Database>, newsletterId: number, subscriberId: number): Promise<ListReader> {
  const row = await db
    .selectFrom('subscriptions')
    .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
    .select(['subscribers.id', 'subscribers.email', 'subscriptions.status'])
    .where('subscriptions.newsletter_id', '=', newsletterId)
    .where('subscriptions.subscriber_id', '=', subscriberId)
    .executeTakeFirst();
  if (!row) throw new SubscriberNotFoundError();
  const lists = await db.selectFrom('subscriptions').select((eb) => eb.fn.countAll<number>().as('n')).where('subscriber_id', '=', subscriberId).executeTakeFirstOrThrow();
  return { subscriberId: Number(row.id), email: row.email, status: row.status, listCount: Number(lists.n) };
}

/** What adding one reader did. */
export type AddOutcome = 'added' | 'already-subscribed';

/**
 * Adds one reader who agreed elsewhere (consent note required, as in a CSV import): confirmed
 * at once, source `admin`. A reader who left this list or whose mail bounced is refused
 * (SubscriberConflictError), never silently put back; bad fields are a ValidationError.
 */
export async function addReader(db: Kysely<Database>, acting: ActingContext, newsletterId: number, cells: ReaderCells, now = new Date().toISOString()): Promise<AddOutcome> {
  const list = await getNewsletter(db, newsletterId);
  if (!list) throw new NewsletterNotFoundError();
  const checked = checkReaderRow(cells);
  if (!checked.ok) throw new ValidationError([`${checked.field}: ${checked.reason}`]);
  const row = { line: 1, ...checked.row };
  const report = await db.transaction().execute((trx) => writeConsentedRows(trx, newsletterId, list.language, [row], now, { source: 'admin', event: 'added' }));
  const refusal = report.rejected[0];
  if (refusal) throw new SubscriberConflictError(`This reader was not added: ${refusal.reason}.`);
  const outcome: AddOutcome = report.imported === 1 ? 'added' : 'already-subscribed';
  if (outcome === 'added') {
    const stored = (await storedSpellings(db, [row.email])).get(row.email.toLowerCase()) ?? row.email;
    const subscriber = await db.selectFrom('subscribers').select('id').where('email', '=', stored).executeTakeFirstOrThrow();
    await audit(db, acting, 'newsletter.subscriber_added', newsletterId, Number(subscriber.id));
  }
  return outcome;
}

/** Unsubscribes a reader from this list for them (they asked by phone or letter); they may sign up again themselves. */
export async function unsubscribeReader(db: Kysely<Database>, acting: ActingContext, newsletterId: number, subscriberId: number): Promise<void> {
  await readerOnList(db, newsletterId, subscriberId);
  if (!(await unsubscribeOne(db, subscriberId, newsletterId, null))) throw new SubscriberConflictError('This reader no longer receives this newsletter.');
  await audit(db, acting, 'newsletter.subscriber_unsubscribed', newsletterId, subscriberId);
}

/** Records a complaint that reached the desk another way (a forwarded report, a reader's angry reply). */
export async function markReaderComplained(db: Kysely<Database>, acting: ActingContext, newsletterId: number, subscriberId: number): Promise<void> {
  await readerOnList(db, newsletterId, subscriberId);
  if (!(await markComplained(db, subscriberId, newsletterId))) throw new SubscriberConflictError('This reader no longer receives this newsletter; a complaint changes nothing.');
  await audit(db, acting, 'newsletter.subscriber_complained', newsletterId, subscriberId);
}

/** Erases a reader everywhere (every list, their address, their links), keeping only counts: the preferences page's "erase me". */
export async function eraseReader(db: Kysely<Database>, acting: ActingContext, newsletterId: number, subscriberId: number): Promise<void> {
  await readerOnList(db, newsletterId, subscriberId);
  await eraseSubscriber(db, subscriberId);
  await audit(db, acting, 'newsletter.subscriber_erased', newsletterId, subscriberId);
}

async function audit(db: Kysely<Database>, acting: ActingContext, action: string, newsletterId: number, subscriberId: number): Promise<void> {
  await recordAudit(db, { actorUserId: acting.actor.id, action, subjectType: 'newsletter', subjectId: newsletterId, details: { subscriberId }, ip: acting.ip });
}

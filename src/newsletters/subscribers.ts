/**
 * Subscribers and their subscriptions: the operations other parts of the platform share.
 * Delivery walks `confirmedRecipients` and reports bounces and complaints through
 * `markBounced` / `markComplained`; the sign-up, preferences and admin pages build on the rest.
 * Every status change writes a `subscription_events` row, so counts over time survive erasure.
 */
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SubscriptionStatus } from '../db/schema-newsletters.ts';
import { isPlausibleAddress } from '../mail/address.ts';
import type { Newsletter } from './lists.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The next `limit` confirmed recipients of a list after `afterSubscriberId`, in subscriber
 * order (a keyset walk: start at 0, continue from the last id returned).
 */
export async function confirmedRecipients(db: Kysely<Database>, newsletterId: number, afterSubscriberId: number, limit: number): Promise<{ subscriberId: number; email: string; linkVersion: number }[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
    .select(['subscribers.id as subscriberId', 'subscribers.email as email', 'subscribers.link_version as linkVersion'])
    .where('subscriptions.newsletter_id', '=', newsletterId)
    .where('subscriptions.status', '=', 'confirmed')
    .where('subscriptions.subscriber_id', '>', afterSubscriberId)
    .orderBy('subscriptions.subscriber_id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ subscriberId: Number(row.subscriberId), email: row.email, linkVersion: Number(row.linkVersion) }));
}

/** Appends one event to a list's history. */
export async function recordEvent(db: Db, newsletterId: number, subscriberId: number | null, kind: string, at: string, issueId: number | null = null): Promise<void> {
  await db.insertInto('subscription_events').values({ newsletter_id: newsletterId, subscriber_id: subscriberId, kind, issue_id: issueId, at }).execute();
}

/**
 * Moves one subscription to `status` and records the event `kind`. Returns whether anything
 * changed (no subscription, or already in that status: nothing is written).
 */
export async function changeSubscriptionStatus(db: Db, subscriberId: number, newsletterId: number, status: SubscriptionStatus, kind: string, at: string, issueId: number | null = null): Promise<boolean> {
  const result = await db
    .updateTable('subscriptions')
    .set({ status, updated_at: at })
    .where('subscriber_id', '=', subscriberId)
    .where('newsletter_id', '=', newsletterId)
    .where('status', '!=', status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await recordEvent(db, newsletterId, subscriberId, kind, at, issueId);
  return true;
}

/** A hard bounce: the list stops sending to this reader until they sign up again. */
export async function markBounced(db: Kysely<Database> | Transaction<Database>, subscriberId: number, newsletterId: number, at?: string): Promise<void> {
  await changeSubscriptionStatus(db, subscriberId, newsletterId, 'bounced', 'bounced', at ?? new Date().toISOString());
}

/**
 * A spam complaint (a feedback-loop report, or staff recording one): the list stops sending
 * to this reader. Only a reader who still receives or awaits the list is moved; one who
 * already left (unsubscribed, bounced) stays as they are, so the growth chart does not count
 * them twice. `issueId` credits the issue complained about. Returns whether anything changed.
 */
export async function markComplained(db: Kysely<Database> | Transaction<Database>, subscriberId: number, newsletterId: number, at?: string, issueId: number | null = null): Promise<boolean> {
  const now = at ?? new Date().toISOString();
  // One conditional update: two reports of the same complaint arriving together record one event.
  const result = await db
    .updateTable('subscriptions')
    .set({ status: 'complained', updated_at: now })
    .where('subscriber_id', '=', subscriberId)
    .where('newsletter_id', '=', newsletterId)
    .where('status', 'in', ['confirmed', 'pending'])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await recordEvent(db, newsletterId, subscriberId, 'complained', now, issueId);
  return true;
}

// --- Addresses -----------------------------------------------------------------

/** Longest address accepted (RFC 5321's path limit less the angle brackets). */
export const MAX_EMAIL_LENGTH = 254;

/** Trims an address and lower-cases its domain; the local part is kept as given (it may be case-sensitive). */
export function normaliseEmail(raw: string): string {
  const trimmed = raw.trim();
  const at = trimmed.lastIndexOf('@');
  return at === -1 ? trimmed : `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/** A typed address checked: the normalised address, or why it was refused. */
export function checkEmail(raw: unknown): { ok: true; email: string } | { ok: false; problem: 'invalid' | 'too-long' } {
  if (typeof raw !== 'string') return { ok: false, problem: 'invalid' };
  const email = normaliseEmail(raw);
  if (email.length > MAX_EMAIL_LENGTH) return { ok: false, problem: 'too-long' };
  if (!isPlausibleAddress(email)) return { ok: false, problem: 'invalid' };
  return { ok: true, email };
}

// --- Sign-up and confirmation --------------------------------------------------

/** A subscriber as the reader pages need them. */
export interface SubscriberRef {
  id: number;
  email: string;
  name: string | null;
  language: string;
  linkVersion: number;
}

/** What a sign-up did: which chosen lists now await confirmation, which were already confirmed. */
export interface SignupOutcome {
  subscriber: SubscriberRef;
  pending: Newsletter[];
  alreadyConfirmed: Newsletter[];
}

function subscriberRef(row: { id: number; email: string; name: string | null; language: string; link_version: number }): SubscriberRef {
  return { id: Number(row.id), email: row.email, name: row.name, language: row.language, linkVersion: Number(row.link_version) };
}

/**
 * How each of these addresses is already stored, keyed by its lower-cased form. The local
 * part is kept as typed (RFC 5321 lets it be case-sensitive), but no mail system in use
 * treats `Ana@` and `ana@` as two mailboxes: a reader is one subscriber whatever the case,
 * so one person never gets two copies, and one who left is never signed up again by a
 * variant. Where several spellings are stored already, the exact one, else the oldest.
 */
export async function storedSpellings(db: Kysely<Database>, emails: readonly string[]): Promise<Map<string, string>> {
  const spellings = new Map<string, string>();
  if (emails.length === 0) return spellings;
  const lowered = [...new Set(emails.map((email) => email.toLowerCase()))];
  const rows = await db.selectFrom('subscribers').select(['email']).where(sql<string>`lower(email)`, 'in', lowered).orderBy('id').execute();
  const exact = new Set(emails);
  for (const { email } of rows) {
    const key = email.toLowerCase();
    if (!spellings.has(key) || exact.has(email)) spellings.set(key, email);
  }
  return spellings;
}

/** The subscriber with this (normalised) address, whatever its case, creating it when absent; safe when two requests race. */
async function subscriberFor(trx: Transaction<Database>, typed: string, language: string, name: string | null, now: string): Promise<SubscriberRef> {
  const email = (await storedSpellings(trx, [typed])).get(typed.toLowerCase()) ?? typed;
  await trx
    .insertInto('subscribers')
    .values({ email, name, language, created_at: now, updated_at: now, link_version: 1 })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  const row = await trx.selectFrom('subscribers').select(['id', 'email', 'name', 'language', 'link_version']).where('email', '=', email).executeTakeFirstOrThrow();
  return subscriberRef(row);
}

/**
 * Records a sign-up for the chosen lists: new and lapsed (unsubscribed, bounced,
 * complained) subscriptions become `pending` until the reader confirms by mail; confirmed
 * ones stay confirmed. One transaction. The caller decides what mail to send.
 */
export async function signUp(db: Kysely<Database>, input: { email: string; language: string; lists: readonly Newsletter[]; source: string }, now = new Date().toISOString()): Promise<SignupOutcome> {
  return db.transaction().execute(async (trx) => {
    const subscriber = await subscriberFor(trx, input.email, input.language, null, now);
    const existing = await trx
      .selectFrom('subscriptions')
      .select(['newsletter_id', 'status'])
      .where('subscriber_id', '=', subscriber.id)
      .where('newsletter_id', 'in', input.lists.map((list) => list.id))
      .execute();
    const pending: Newsletter[] = [];
    const alreadyConfirmed: Newsletter[] = [];
    for (const list of input.lists) {
      const current = existing.find((row) => row.newsletter_id === list.id);
      if (current?.status === 'confirmed') {
        alreadyConfirmed.push(list);
        continue;
      }
      pending.push(list);
      if (current?.status === 'pending') {
        // Asked again: a fresh confirmation link goes out, and the wait before an unconfirmed
        // sign-up is purged (purge-unconfirmed-task.ts) starts again from now.
        await trx.updateTable('subscriptions').set({ updated_at: now }).where('subscriber_id', '=', subscriber.id).where('newsletter_id', '=', list.id).execute();
        continue;
      }
      if (current) {
        await trx.updateTable('subscriptions').set({ status: 'pending', source: input.source, updated_at: now }).where('subscriber_id', '=', subscriber.id).where('newsletter_id', '=', list.id).execute();
      } else {
        await trx.insertInto('subscriptions').values({ subscriber_id: subscriber.id, newsletter_id: list.id, status: 'pending', source: input.source, consent: null, created_at: now, confirmed_at: null, updated_at: now }).execute();
      }
      await recordEvent(trx, list.id, subscriber.id, 'signed_up', now);
    }
    return { subscriber, pending, alreadyConfirmed };
  });
}

/** A subscriber by id, or null. */
export async function findSubscriber(db: Kysely<Database>, id: number): Promise<SubscriberRef | null> {
  const row = await db.selectFrom('subscribers').select(['id', 'email', 'name', 'language', 'link_version']).where('id', '=', id).executeTakeFirst();
  return row ? subscriberRef(row) : null;
}

/** The lists a subscriber's subscriptions are in a status, in display order. */
export async function listsInStatus(db: Kysely<Database>, subscriberId: number, status: SubscriptionStatus): Promise<Newsletter[]> {
  return db
    .selectFrom('newsletters')
    .innerJoin('subscriptions', 'subscriptions.newsletter_id', 'newsletters.id')
    .selectAll('newsletters')
    .where('subscriptions.subscriber_id', '=', subscriberId)
    .where('subscriptions.status', '=', status)
    .orderBy('newsletters.position')
    .orderBy('newsletters.id')
    .execute();
}

/** Confirms every pending subscription of a subscriber (the confirmation link); returns the lists confirmed. */
export async function confirmPending(db: Kysely<Database>, subscriberId: number, now = new Date().toISOString()): Promise<Newsletter[]> {
  return db.transaction().execute(async (trx) => {
    const lists = await trx
      .selectFrom('newsletters')
      .innerJoin('subscriptions', 'subscriptions.newsletter_id', 'newsletters.id')
      .selectAll('newsletters')
      .where('subscriptions.subscriber_id', '=', subscriberId)
      .where('subscriptions.status', '=', 'pending')
      .orderBy('newsletters.position')
      .orderBy('newsletters.id')
      .execute();
    for (const list of lists) {
      const result = await trx
        .updateTable('subscriptions')
        .set({ status: 'confirmed', confirmed_at: now, updated_at: now })
        .where('subscriber_id', '=', subscriberId)
        .where('newsletter_id', '=', list.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) await recordEvent(trx, list.id, subscriberId, 'confirmed', now);
    }
    return lists;
  });
}

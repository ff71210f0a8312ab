/**
 * What a reader can do through the signed links in our mail, without an account: prove
 * who they are (`readerOfLink`), choose their lists, unsubscribe from one or all, download
 * their data, and erase themselves. A link works only while it carries the subscriber's
 * current `link_version`; erasure deletes the row, so every earlier link stops working.
 */
import type { Kysely, Transaction } from 'kysely';
import { forgetRateLimits } from '../accounts/rate-limit.ts';
import type { Database } from '../db/schema.ts';
import type { SubscriptionStatus } from '../db/schema-newsletters.ts';
import type { LinkSigner } from '../shared/signed-links.ts';
import { ValidationError } from '../shared/validation.ts';
import { inLanguageFirst } from './lists.ts';
import type { Newsletter } from './lists.ts';
import { subscriberOfLink } from './links.ts';
import { addressRateLimitKeys } from './signup.ts';
import { changeSubscriptionStatus, findSubscriber, recordEvent } from './subscribers.ts';
import type { SubscriberRef } from './subscribers.ts';

// Outbox mail about newsletters (signup.ts's confirmations, message.ts's copies and test
// copies): what erasure deletes. Account and syndication mail to the same address is not the reader's.
const NEWSLETTER_MAIL_PURPOSES = ['newsletter_confirmation', 'newsletter', 'newsletter_test'];

/** The reader a link names, or why the link is refused (`invalid`: forged, mangled, superseded or erased). */
export type LinkReader = { ok: true; subscriber: SubscriberRef; newsletterId: number | null; issueId: number | null } | { ok: false; reason: 'expired' | 'invalid' };

/** Checks a newsletter link of a purpose and finds its subscriber at the same link version. */
export async function readerOfLink(db: Kysely<Database>, links: LinkSigner, purpose: string, token: string | undefined): Promise<LinkReader> {
  const check = await links.verify(purpose, token);
  if (!check.ok) return { ok: false, reason: check.reason === 'expired' ? 'expired' : 'invalid' };
  const claim = subscriberOfLink(check);
  if (!claim) return { ok: false, reason: 'invalid' };
  const subscriber = await findSubscriber(db, claim.subscriberId);
  // An older version is refused exactly like a forged link: it was deliberately revoked.
  if (!subscriber || subscriber.linkVersion !== claim.linkVersion) return { ok: false, reason: 'invalid' };
  return { ok: true, subscriber, newsletterId: claim.newsletterId, issueId: claim.issueId };
}

/** One line of the preferences page: a list and where the reader stands with it (null: never subscribed). */
export interface PreferenceLine {
  newsletter: Newsletter;
  status: SubscriptionStatus | null;
}

/**
 * Every public list, plus private lists the reader is on, with the reader's status on each:
 * the lists in `languageFirst` (the reader's edition) first, then the others, each in list order.
 */
export async function preferenceLines(db: Kysely<Database>, subscriberId: number, languageFirst?: string): Promise<PreferenceLine[]> {
  const [all, subscriptions] = await Promise.all([
    db.selectFrom('newsletters').selectAll().orderBy('position').orderBy('id').execute(),
    db.selectFrom('subscriptions').select(['newsletter_id', 'status']).where('subscriber_id', '=', subscriberId).execute(),
  ]);
  const statusOf = new Map(subscriptions.map((row) => [row.newsletter_id, row.status]));
  const lists = languageFirst ? inLanguageFirst(all, languageFirst) : all;
  return lists
    .filter((list) => list.visibility === 'public' || statusOf.has(list.id))
    .map((newsletter) => ({ newsletter, status: statusOf.get(newsletter.id) ?? null }));
}

/**
 * Saves the preferences form: ticked lists become confirmed (the link proves the reader
 * holds the mailbox, so no further confirmation is asked), unticked confirmed or pending
 * ones become unsubscribed. A list the page did not offer is refused (ValidationError).
 */
export async function savePreferences(db: Kysely<Database>, subscriberId: number, wanted: readonly number[], now = new Date().toISOString()): Promise<void> {
  const lines = await preferenceLines(db, subscriberId);
  const offered = new Set(lines.map((line) => line.newsletter.id));
  if (wanted.some((id) => !offered.has(id))) throw new ValidationError(['newsletter: one of the chosen newsletters is not offered here']);
  const wants = new Set(wanted);
  await db.transaction().execute(async (trx) => {
    for (const { newsletter, status } of lines) {
      if (wants.has(newsletter.id) && status !== 'confirmed') {
        if (status === null) {
          await trx.insertInto('subscriptions').values({ subscriber_id: subscriberId, newsletter_id: newsletter.id, status: 'confirmed', source: 'preferences', consent: null, created_at: now, confirmed_at: now, updated_at: now }).execute();
        } else {
          await trx.updateTable('subscriptions').set({ status: 'confirmed', confirmed_at: now, updated_at: now }).where('subscriber_id', '=', subscriberId).where('newsletter_id', '=', newsletter.id).execute();
        }
        await recordEvent(trx, newsletter.id, subscriberId, 'confirmed', now);
      } else if (!wants.has(newsletter.id) && (status === 'confirmed' || status === 'pending')) {
        await changeSubscriptionStatus(trx, subscriberId, newsletter.id, 'unsubscribed', 'unsubscribed', now);
      }
    }
  });
}

/** Unsubscribes from every list the reader receives or awaits. */
export async function unsubscribeAll(db: Kysely<Database>, subscriberId: number, now = new Date().toISOString()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const active = await trx.selectFrom('subscriptions').select('newsletter_id').where('subscriber_id', '=', subscriberId).where('status', 'in', ['confirmed', 'pending']).execute();
    for (const { newsletter_id } of active) await changeSubscriptionStatus(trx, subscriberId, newsletter_id, 'unsubscribed', 'unsubscribed', now);
  });
}

/**
 * Unsubscribes from one list (the one-click link); `issueId` credits the issue whose link
 * was used. Returns whether anything changed (a second click changes nothing).
 */
export async function unsubscribeOne(db: Kysely<Database>, subscriberId: number, newsletterId: number, issueId: number | null, now = new Date().toISOString()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('subscriptions').select('status').where('subscriber_id', '=', subscriberId).where('newsletter_id', '=', newsletterId).executeTakeFirst();
    if (current?.status !== 'confirmed' && current?.status !== 'pending') return false;
    return changeSubscriptionStatus(trx, subscriberId, newsletterId, 'unsubscribed', 'unsubscribed', now, issueId);
  });
}

/** Everything stored about one reader (and nothing about anyone else), for "download my data". */
export async function readerData(db: Kysely<Database>, subscriberId: number): Promise<Record<string, unknown> | null> {
  const subscriber = await db.selectFrom('subscribers').select(['id', 'email', 'name', 'language', 'created_at', 'updated_at']).where('id', '=', subscriberId).executeTakeFirst();
  if (!subscriber) return null;
  const subscriptions = await db
    .selectFrom('subscriptions')
    .innerJoin('newsletters', 'newsletters.id', 'subscriptions.newsletter_id')
    .select(['newsletters.name as newsletter', 'newsletters.slug', 'subscriptions.status', 'subscriptions.source', 'subscriptions.consent', 'subscriptions.created_at', 'subscriptions.confirmed_at', 'subscriptions.updated_at'])
    .where('subscriptions.subscriber_id', '=', subscriberId)
    .orderBy('newsletters.id')
    .execute();
  const events = await db
    .selectFrom('subscription_events')
    .innerJoin('newsletters', 'newsletters.id', 'subscription_events.newsletter_id')
    .select(['newsletters.slug as newsletter', 'subscription_events.kind', 'subscription_events.at'])
    .where('subscription_events.subscriber_id', '=', subscriberId)
    .orderBy('subscription_events.id')
    .execute();
  const deliveries = await db
    .selectFrom('newsletter_deliveries')
    .innerJoin('newsletter_issues', 'newsletter_issues.id', 'newsletter_deliveries.issue_id')
    .select(['newsletter_issues.subject as issue', 'newsletter_deliveries.status', 'newsletter_deliveries.sent_at'])
    .where('newsletter_deliveries.subscriber_id', '=', subscriberId)
    .orderBy('newsletter_deliveries.id')
    .execute();
  return { exportedAt: new Date().toISOString(), subscriber: { ...subscriber, id: Number(subscriber.id) }, subscriptions, events, deliveries };
}

/**
 * Erases a reader: one anonymous `erased` event per list they had, their address taken off
 * delivery records, the newsletter mail kept for them in the outbox (confirmations, copies
 * of issues) deleted, the rate limits keyed by their address forgotten, then the subscriber
 * row deleted (subscriptions go with it; their past events and deliveries keep counting,
 * without a link to anyone). One transaction.
 */
export async function eraseSubscriber(db: Kysely<Database>, subscriberId: number, now = new Date().toISOString()): Promise<void> {
  await db.transaction().execute((trx) => eraseSubscriberIn(trx, subscriberId, now));
}

/** Erasure inside a transaction the caller holds (also used to remove readers with nothing left). */
export async function eraseSubscriberIn(trx: Transaction<Database>, subscriberId: number, now: string): Promise<void> {
  const subscriber = await trx.selectFrom('subscribers').select('email').where('id', '=', subscriberId).executeTakeFirst();
  if (subscriber) {
    const address = subscriber.email.toLowerCase();
    await trx.deleteFrom('mail_outbox').where((eb) => eb(eb.fn('lower', ['to_address']), '=', address)).where('purpose', 'in', NEWSLETTER_MAIL_PURPOSES).execute();
    const keys = addressRateLimitKeys(address);
    await forgetRateLimits(trx, [keys.signups, keys.mails]);
  }
  const subscriptions = await trx.selectFrom('subscriptions').select('newsletter_id').where('subscriber_id', '=', subscriberId).execute();
  await trx.updateTable('newsletter_deliveries').set({ email: null, subscriber_id: null }).where('subscriber_id', '=', subscriberId).execute();
  await trx.updateTable('subscription_events').set({ subscriber_id: null }).where('subscriber_id', '=', subscriberId).execute();
  await trx.deleteFrom('subscriptions').where('subscriber_id', '=', subscriberId).execute();
  await trx.deleteFrom('subscribers').where('id', '=', subscriberId).execute();
  for (const { newsletter_id } of subscriptions) await recordEvent(trx, newsletter_id, null, 'erased', now);
}

/**
 * The inbound mail intake: what a message sent to one of our addresses does. Both entry
 * points (smtp-listener.ts and pipe.ts for `masthead mail:receive --stdin`) call
 * `classifyRecipient` for the envelope recipient and then `processInboundMail`.
 *
 * - `unsubscribe+SUB.LIST.SEAL@…` (the List-Unsubscribe mailto of every issue): a valid seal
 *   unsubscribes that reader from that list with `unsubscribeOne`, the command the one-click
 *   POST runs, so the event and the issue's stats count it the same way.
 * - a configured feedback address: an ARF complaint whose embedded original is one of our
 *   deliveries marks that reader `complained` on that list.
 * - anything else does nothing.
 *
 * Every message ends in one log line with what was done and why, never an address, a seal
 * or a Message-ID (they identify a reader).
 */
import type { AppContext } from '../../app-context.ts';
import { checkUnsubscribeMailbox } from '../message.ts';
import { unsubscribeOne } from '../reader-account.ts';
import { markComplained } from '../subscribers.ts';
import { readFeedbackReport, messageIdOf, messageIdsIn } from './feedback-report.ts';
import { readMessage } from './mime-reader.ts';

/** What an envelope recipient is to us. */
export type RecipientClass =
  | { kind: 'unsubscribe'; subscriberId: number; newsletterId: number }
  | { kind: 'feedback' }
  /** A well-formed unsubscribe address whose seal does not hold. */
  | { kind: 'forged' }
  /** A sealed address whose reader or list no longer exists (erased, deleted). */
  | { kind: 'stale' }
  | { kind: 'unknown' };

/** A recipient whose mail is taken in. */
export type AcceptedRecipient = Extract<RecipientClass, { kind: 'unsubscribe' | 'feedback' }>;

/** Whether mail to a recipient of this class is accepted (the listener refuses the rest at RCPT). */
export function isAccepted(recipient: RecipientClass): recipient is AcceptedRecipient {
  return recipient.kind === 'unsubscribe' || recipient.kind === 'feedback';
}

/** What processing a message did. */
export interface InboundOutcome {
  action: 'unsubscribed' | 'complained' | 'none';
  /** Why, in a few fixed words (for the log and the CLI; never personal data). */
  reason: string;
  newsletterId: number | null;
  issueId: number | null;
}

/** Reads an envelope address (`<a@b>` or `a@b`) and tells what it is to us. */
export async function classifyRecipient(app: AppContext, address: string): Promise<RecipientClass> {
  const bare = address.trim().replace(/^<(.*)>$/, '$1');
  const at = bare.lastIndexOf('@');
  if (at <= 0 || bare.length > 320) return { kind: 'unknown' };
  if (app.config.inbound.feedbackAddresses.includes(bare.toLowerCase())) return { kind: 'feedback' };
  const local = bare.slice(0, at);
  if (!/^unsubscribe\+/i.test(local)) return { kind: 'unknown' };
  const sealed = await checkUnsubscribeMailbox(app, local);
  if (!sealed) return { kind: 'forged' };
  const subscription = await app.db.selectFrom('subscriptions').select('status').where('subscriber_id', '=', sealed.subscriberId).where('newsletter_id', '=', sealed.newsletterId).executeTakeFirst();
  return subscription ? { kind: 'unsubscribe', ...sealed } : { kind: 'stale' };
}

/** Processes one message for one accepted recipient, and logs what it did. */
export async function processInboundMail(app: AppContext, recipient: AcceptedRecipient, raw: Buffer): Promise<InboundOutcome> {
  const outcome = recipient.kind === 'unsubscribe' ? await unsubscribeByMail(app, recipient, raw) : await complaintByMail(app, raw);
  app.logger.info('inbound mail processed', { recipient: recipient.kind, action: outcome.action, reason: outcome.reason, newsletterId: outcome.newsletterId, issueId: outcome.issueId });
  return outcome;
}

/** The log's words for a recipient that is not taken in. */
export function refusalReason(kind: 'forged' | 'stale' | 'unknown'): string {
  return kind === 'forged' ? 'unsubscribe seal does not hold' : kind === 'stale' ? 'reader or list no longer exists' : 'not one of our addresses';
}

async function unsubscribeByMail(app: AppContext, recipient: Extract<RecipientClass, { kind: 'unsubscribe' }>, raw: Buffer): Promise<InboundOutcome> {
  const { subscriberId, newsletterId } = recipient;
  const issueId = await creditedIssue(app, subscriberId, newsletterId, raw);
  const isChanged = await unsubscribeOne(app.db, subscriberId, newsletterId, issueId);
  return { action: isChanged ? 'unsubscribed' : 'none', reason: isChanged ? 'mailto unsubscribe' : 'mailto unsubscribe: already not subscribed', newsletterId, issueId };
}

/**
 * The issue an emailed unsubscription is credited to: the one it replies to when it says so
 * (In-Reply-To/References naming one of this reader's deliveries), else the last issue of the
 * list sent to the reader, which is the one a mail client's "unsubscribe" button sits on.
 */
async function creditedIssue(app: AppContext, subscriberId: number, newsletterId: number, raw: Buffer): Promise<number | null> {
  const headers = readMessage(raw, { maxDepth: 0, maxParts: 1 }).headers;
  const referenced = [...headers.all('in-reply-to'), ...headers.all('references')].flatMap(messageIdsIn);
  const base = app.db
    .selectFrom('newsletter_deliveries')
    .innerJoin('newsletter_issues', 'newsletter_issues.id', 'newsletter_deliveries.issue_id')
    .select('newsletter_deliveries.issue_id')
    .where('newsletter_deliveries.subscriber_id', '=', subscriberId)
    .where('newsletter_issues.newsletter_id', '=', newsletterId);
  if (referenced.length > 0) {
    const replied = await base.where('newsletter_deliveries.message_id', 'in', referenced).executeTakeFirst();
    if (replied) return Number(replied.issue_id);
  }
  const latest = await base.where('newsletter_deliveries.status', '=', 'sent').orderBy('newsletter_deliveries.sent_at', 'desc').orderBy('newsletter_deliveries.id', 'desc').limit(1).executeTakeFirst();
  return latest ? Number(latest.issue_id) : null;
}

async function complaintByMail(app: AppContext, raw: Buffer): Promise<InboundOutcome> {
  const none = (reason: string, newsletterId: number | null = null): InboundOutcome => ({ action: 'none', reason, newsletterId, issueId: null });
  const report = readFeedbackReport(readMessage(raw));
  if (!report) return none('not a feedback report');
  if (!report.isComplaint) return none(`feedback type "${report.feedbackType}" is not a complaint`);
  const target = await reportedDelivery(app, report.originalMessageId, report.unsubscribeMailboxes);
  if (!target) return none('the report names none of our deliveries');
  if (target.subscriberId === null) return none('the reader was erased', target.newsletterId);
  const isChanged = await markComplained(app.db, target.subscriberId, target.newsletterId, undefined, target.issueId);
  return { action: isChanged ? 'complained' : 'none', reason: isChanged ? 'feedback-loop complaint' : 'feedback-loop complaint: reader had already left the list', newsletterId: target.newsletterId, issueId: target.issueId };
}

/** Which delivery a report is about: by the original's Message-ID, else by the sealed unsubscribe mailbox it carried. */
async function reportedDelivery(app: AppContext, messageId: string | null, mailboxes: string[]): Promise<{ subscriberId: number | null; newsletterId: number; issueId: number | null } | null> {
  const id = messageId ? messageIdOf(messageId) : null;
  if (id) {
    const delivery = await app.db
      .selectFrom('newsletter_deliveries')
      .innerJoin('newsletter_issues', 'newsletter_issues.id', 'newsletter_deliveries.issue_id')
      .select(['newsletter_deliveries.subscriber_id', 'newsletter_deliveries.issue_id', 'newsletter_issues.newsletter_id'])
      .where('newsletter_deliveries.message_id', '=', id)
      .executeTakeFirst();
    if (delivery) return { subscriberId: delivery.subscriber_id === null ? null : Number(delivery.subscriber_id), newsletterId: Number(delivery.newsletter_id), issueId: Number(delivery.issue_id) };
  }
  for (const mailbox of mailboxes.slice(0, 5)) {
    const sealed = await checkUnsubscribeMailbox(app, mailbox);
    if (sealed) return { ...sealed, issueId: null };
  }
  return null;
}

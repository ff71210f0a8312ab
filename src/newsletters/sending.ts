/**
 * Sending issues: the contract the admin pages call, and the first half of the delivery
 * engine. Starting a send freezes the issue and writes one delivery record per confirmed
 * subscriber BEFORE anything is sent; the sender loop (delivery.ts) then works through
 * those records. Every step can be cut short by a crash and taken up again:
 *
 *   1. freeze, then one conditional update: draft/scheduled → sending, with the frozen issue
 *      (so two clicks, or two processes starting a scheduled issue, start it once);
 *   2. write delivery records in subscriber order, in batches; the unique (issue, subscriber)
 *      pair makes a repeated batch harmless, and a restart resumes after the highest
 *      subscriber already written (`completeRecipientList`, which the sender also runs);
 *   3. store the number of recipients.
 */
import type { AppContext } from '../app-context.ts';
import { asciiDomainOf, isPlausibleAddress } from '../mail/address.ts';
import { ValidationError } from '../shared/validation.ts';
import { isoNow } from '../shared/time.ts';
import type { FrozenIssue } from './frozen.ts';
import { buildMessage, newMessageId, senderProblem } from './message.ts';
import { freezeIssue } from './render.ts';
import { confirmedRecipients } from './subscribers.ts';
import { createNewsletterTransport } from './transport.ts';

/** Recipients read and written per batch while writing delivery records. */
const DEFAULT_WRITE_BATCH = 2_000;

// Issues whose recipient list this process is writing right now; the sender leaves their
// completion to the writer instead of walking the same list a second time.
const writing = new Map<number, number>();
// Senders in this process, woken when an issue starts so it goes out without waiting for a poll.
const startListeners = new Set<() => void>();

/** Calls `listener` whenever this process starts sending an issue; returns how to stop listening. */
export function onSendingStarted(listener: () => void): () => void {
  startListeners.add(listener);
  return () => startListeners.delete(listener);
}

/** True while this process writes the delivery records of `issueId`. */
export function isWritingRecipients(issueId: number): boolean {
  return (writing.get(issueId) ?? 0) > 0;
}

/** How delivery records are written: batch size, and a hook after each batch (tests use it to stop a start part-way). */
export interface WriteOptions {
  batchSize?: number;
  onBatch?: (written: number) => Promise<void> | void;
}

/** Starts sending an issue now: freezes it and writes one delivery record per confirmed subscriber. Returns the number of recipients. */
export async function startSending(app: AppContext, issueId: number, actorUserId: number | null, options: WriteOptions = {}): Promise<number> {
  const issue = await app.db.selectFrom('newsletter_issues').select(['id', 'status']).where('id', '=', issueId).executeTakeFirst();
  if (!issue) throw new ValidationError(['This issue does not exist.']);
  if (issue.status !== 'draft' && issue.status !== 'scheduled') throw new ValidationError([`This issue is ${issue.status} and cannot be sent again.`]);
  const frozen = await freezeIssue(app, issueId);
  const problem = senderProblem(frozen);
  if (problem) throw new ValidationError([`Cannot send: ${problem}.`]);
  const now = isoNow();
  const started = await app.db
    .updateTable('newsletter_issues')
    .set({ status: 'sending', frozen: JSON.stringify(frozen), started_at: now, updated_at: now, recipients: 0 })
    .where('id', '=', issueId)
    .where('status', 'in', ['draft', 'scheduled'])
    .executeTakeFirst();
  if (Number(started.numUpdatedRows) === 0) throw new ValidationError(['This issue is already being sent.']);
  app.logger.info('newsletter sending started', { issueId, newsletterId: frozen.newsletterId, actorUserId });
  // Senders may start on the first records while the rest are still being written.
  for (const listener of startListeners) listener();
  return completeRecipientList(app, issueId, options);
}

/** Reads an issue's frozen form; null unless sending has started. */
export async function readFrozenIssue(app: AppContext, issueId: number): Promise<FrozenIssue | null> {
  const row = await app.db.selectFrom('newsletter_issues').select('frozen').where('id', '=', issueId).executeTakeFirst();
  if (!row?.frozen) return null;
  return JSON.parse(row.frozen) as FrozenIssue;
}

/**
 * Writes the delivery records an issue still lacks, from the highest subscriber already
 * written onwards, then stores the number of recipients; returns it. Safe to run again at
 * any time and from several processes at once (existing pairs are skipped by the unique key).
 */
export async function completeRecipientList(app: AppContext, issueId: number, options: WriteOptions = {}): Promise<number> {
  writing.set(issueId, (writing.get(issueId) ?? 0) + 1);
  try {
    const frozen = await readFrozenIssue(app, issueId);
    if (!frozen) throw new Error(`issue ${issueId} has not been frozen`);
    const batchSize = options.batchSize ?? DEFAULT_WRITE_BATCH;
    const last = await app.db
      .selectFrom('newsletter_deliveries')
      .select((eb) => eb.fn.max('subscriber_id').as('last'))
      .where('issue_id', '=', issueId)
      .executeTakeFirst();
    let after = Number(last?.last ?? 0);
    let written = 0;
    for (;;) {
      const recipients = await confirmedRecipients(app.db, frozen.newsletterId, after, batchSize);
      if (recipients.length === 0) break;
      await app.db
        .insertInto('newsletter_deliveries')
        .values(recipients.map((recipient) => ({
          issue_id: issueId,
          subscriber_id: recipient.subscriberId,
          email: recipient.email,
          status: 'pending' as const,
          attempts: 0,
          message_id: newMessageId(frozen, recipient.subscriberId),
        })))
        .onConflict((conflict) => conflict.columns(['issue_id', 'subscriber_id']).doNothing())
        .execute();
      written += recipients.length;
      after = recipients.at(-1)?.subscriberId ?? after;
      await options.onBatch?.(written);
      if (recipients.length < batchSize) break;
    }
    const count = await app.db.selectFrom('newsletter_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('issue_id', '=', issueId).executeTakeFirstOrThrow();
    const recipients = Number(count.n);
    await app.db.updateTable('newsletter_issues').set({ recipients }).where('id', '=', issueId).execute();
    return recipients;
  } finally {
    const left = (writing.get(issueId) ?? 1) - 1;
    if (left > 0) writing.set(issueId, left);
    else writing.delete(issueId);
  }
}

/** Sends one copy of an issue (as it would be sent now) to `to`, marked as a test; no delivery record, no stats. */
export async function sendTestCopy(app: AppContext, issueId: number, to: string): Promise<void> {
  const address = to.trim();
  if (!isPlausibleAddress(address)) throw new ValidationError(['to: must be a single email address like editor@example.org']);
  const frozen = await freezeIssue(app, issueId);
  const problem = senderProblem(frozen);
  if (problem) throw new ValidationError([`Cannot send: ${problem}.`]);
  // Links that look like the real ones but belong to nobody: following them shows the
  // "this link does not work" page instead of unsubscribing the editor.
  const example = (kind: string) => `${app.config.publicUrl}/newsletters/${kind}/test-copy`;
  const links = {
    unsubscribeUrl: example('unsubscribe'),
    preferencesUrl: example('preferences'),
    // A test copy counts no opens.
    openPixelUrl: null,
    unsubscribeMailbox: `unsubscribe+test@${asciiDomainOf(frozen.fromAddress) ?? 'localhost'}`,
  };
  const message = buildMessage(frozen, address, links, newMessageId({ ...frozen, issueId }, 0), { isTest: true });
  const transport = createNewsletterTransport(app.config, app.db);
  try {
    const outcome = await transport.send(message);
    if (outcome.kind !== 'sent') throw new ValidationError([`The mail server did not take the test copy: ${outcome.response}`]);
  } finally {
    await transport.close();
  }
}

/**
 * The newsletter sender: a loop that works through delivery records until every copy of
 * every issue being sent is sent, bounced, failed or skipped; it also starts scheduled
 * issues when due and, hourly, purges sign-ups never confirmed (purge-unconfirmed-task.ts). It runs inside the web server
 * (NEWSLETTER_SEND_IN_SERVER, the default) or in `masthead worker` processes (PostgreSQL).
 *
 * Durability: the records were written before anything was sent (sending.ts). A worker
 * claims a batch by setting `sending`, `claimed_by` and a lease; on PostgreSQL through
 * `SELECT … FOR UPDATE SKIP LOCKED`, so several workers share one issue without overlap.
 * Each outcome is committed as soon as the server has answered (successes in tiny groups,
 * whatever arrived while the previous group was being written). A worker that dies leaves
 * its claims behind; another takes them over when their lease runs out, and on start a
 * process reclaims at once the claims it can prove are dead (on SQLite, all of them: one
 * process per database).
 *
 * In-doubt messages. Between the server's 250 and our commit there is a window of a few
 * milliseconds; a crash inside it leaves a copy claimed `sending` although it was
 * delivered, and it is sent again after the restart. The resend carries the SAME
 * Message-ID (fixed when the record was written), which many receiving systems use to
 * collapse duplicates; it is still possible that such a reader sees the issue twice. No
 * SMTP client can close this window completely: the protocol has no way to ask "did you
 * already take message X?". Copies held by the server but not yet answered with 250 when
 * the connection drops were not taken, and resending them is correct.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../app-context.ts';
import { isoNow } from '../shared/time.ts';
import { claimDeliveries } from './claims.ts';
import type { ClaimedDelivery } from './claims.ts';
import type { FrozenIssue } from './frozen.ts';
import { buildMessage, linksFor } from './message.ts';
import { completeRecipientList, isWritingRecipients, onSendingStarted, readFrozenIssue, startSending } from './sending.ts';
import { UNCONFIRMED_RETENTION_DAYS, purgeUnconfirmedSignups } from './purge-unconfirmed-task.ts';
import { markBounced } from './subscribers.ts';
import type { NewsletterTransport, SendOutcome } from './transport.ts';
import { createNewsletterTransport, createRateLimiter } from './transport.ts';

/** How the sender runs; the defaults suit production, tests shorten the waits. */
export interface SenderOptions {
  /** Name written to `claimed_by`; defaults to host:pid:random, which lets a restart recognise its dead claims. */
  workerId?: string;
  /** How long a claim holds before another worker may take it over (renewed while the worker lives). */
  leaseSeconds?: number;
  /** Deliveries claimed per query. */
  batchSize?: number;
  /** Messages handed to SMTP at once; defaults to twice the connection count. */
  inFlight?: number;
  /** First retry delay; later ones are 4×, 20× and 120× it (30 s, 2 min, 10 min, 1 h by default). */
  retryBaseMs?: number;
  /** Attempts before a temporarily failing copy is given up as `failed`. */
  maxAttempts?: number;
  /** How often an idle sender looks for new work and due scheduled issues. */
  pollMs?: number;
  /** How often unconfirmed sign-ups are purged (PurgeUnconfirmedTask); the first run is at start. */
  purgeEveryMs?: number;
}

/** A running sender. */
export interface NewsletterSender {
  readonly workerId: string;
  /** Stops claiming, lets messages in flight finish and records them, releases unsent claims. */
  stop(): Promise<void>;
}

const RETRY_FACTORS = [1, 4, 20, 120];
const LONG_AGO = '1970-01-01T00:00:00.000Z';
const bootId = randomBytes(3).toString('hex');

/** Starts the sender loop. */
export function startNewsletterSender(app: AppContext, options: SenderOptions = {}): NewsletterSender {
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${bootId}`;
  const leaseMs = (options.leaseSeconds ?? 120) * 1000;
  const batchSize = options.batchSize ?? 500;
  const maxInFlight = Math.max(1, options.inFlight ?? app.config.newsletter.smtpConnections * 2);
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const pollMs = options.pollMs ?? 1_000;
  const purgeEveryMs = options.purgeEveryMs ?? 3_600_000;
  const { db, logger } = app;
  const transport: NewsletterTransport = createNewsletterTransport(app.config, db);
  const limiter = createRateLimiter(app.config.newsletter.ratePerSecond);
  const frozenIssues = new Map<number, FrozenIssue>();
  const listsCompleted = new Set<number>();
  let stopped = false;
  let wake: (() => void) | null = null;
  const stopListening = onSendingStarted(() => wake?.());

  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const leaseUntil = () => new Date(Date.now() + leaseMs).toISOString();

  // Claims live while this worker lives: renew them well before they run out.
  const renewal = setInterval(() => {
    db.updateTable('newsletter_deliveries')
      .set({ lease_until: leaseUntil() })
      .where('claimed_by', '=', workerId)
      .where('status', '=', 'sending')
      .execute()
      .catch((error: unknown) => logger.warn('newsletter lease renewal failed', { error: String(error) }));
  }, Math.max(1_000, leaseMs / 3));
  renewal.unref();

  async function frozenIssue(issueId: number): Promise<FrozenIssue | null> {
    let issue = frozenIssues.get(issueId);
    if (!issue) {
      issue = (await readFrozenIssue(app, issueId)) ?? undefined;
      if (issue) frozenIssues.set(issueId, issue);
    }
    return issue ?? null;
  }

  async function reclaimDeadClaims(): Promise<void> {
    if (app.dialect === 'sqlite') {
      // One process per SQLite database: whatever is claimed now was claimed by a process that is gone.
      await db.updateTable('newsletter_deliveries').set({ lease_until: LONG_AGO }).where('status', '=', 'sending').execute();
      return;
    }
    const holders = await db.selectFrom('newsletter_deliveries').select('claimed_by').distinct().where('status', '=', 'sending').where('claimed_by', 'like', `${os.hostname()}:%`).execute();
    const dead = holders.map((row) => row.claimed_by).filter((holder): holder is string => holder !== null && holder !== workerId && isDeadLocalWorker(holder));
    if (dead.length > 0) {
      await db.updateTable('newsletter_deliveries').set({ lease_until: LONG_AGO }).where('status', '=', 'sending').where('claimed_by', 'in', dead).execute();
      logger.info('newsletter claims of stopped workers taken over', { workers: dead });
    }
  }

  async function startDueIssues(): Promise<void> {
    const due = await db.selectFrom('newsletter_issues').select('id').where('status', '=', 'scheduled').where('scheduled_at', '<=', isoNow()).orderBy('scheduled_at').limit(10).execute();
    for (const { id } of due) {
      try {
        await startSending(app, id, null);
      } catch (error) {
        // Another process started it first, or it cannot be sent; either way the message says why.
        logger.warn('scheduled newsletter issue not started', { issueId: id, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  async function claim(): Promise<ClaimedDelivery[]> {
    const issues = await db.selectFrom('newsletter_issues').select('id').where('status', '=', 'sending').orderBy('id').execute();
    for (const { id } of issues) {
      const claimed = await claimFrom(id);
      if (claimed.length > 0) return claimed;
    }
    return [];
  }

  async function claimFrom(issueId: number): Promise<ClaimedDelivery[]> {
    const issue = await frozenIssue(issueId);
    if (!issue) return [];
    return db.transaction().execute((trx) => claimDeliveries(trx, app.dialect, { issueId, newsletterId: issue.newsletterId, workerId, batchSize, now: isoNow(), leaseUntil: leaseUntil() }));
  }

  // Successes are written in groups: the answers that arrived in the same turn of the event
  // loop (the write waits for setImmediate, which adds no timer delay: it runs as soon as the
  // answers already read from the sockets are handled), then whatever arrived while that
  // group was being committed. On SQLite, whose writes block the loop, the first part is what
  // makes groups of more than one; the window between the server's 250 and our commit stays
  // that of one loop turn.
  let sentQueue: { id: number; response: string }[] = [];
  let sentFlush: Promise<void> | null = null;
  function recordSent(id: number, response: string): Promise<void> {
    sentQueue.push({ id, response });
    sentFlush ??= (async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (sentQueue.length > 0) {
        const group = sentQueue;
        sentQueue = [];
        await writeSent(group);
      }
    })().finally(() => {
      sentFlush = null;
    });
    return sentFlush;
  }

  async function writeSent(group: { id: number; response: string }[]): Promise<void> {
    const at = isoNow();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await db
          .updateTable('newsletter_deliveries')
          .set((eb) => ({
            status: 'sent',
            sent_at: at,
            claimed_by: null,
            lease_until: null,
            next_attempt_at: null,
            attempts: eb('attempts', '+', 1),
            last_response: sql<string>`case ${sql.join(group.map((entry) => sql`when id = ${entry.id} then ${entry.response}`), sql` `)} else last_response end`,
          }))
          .where('id', 'in', group.map((entry) => entry.id))
          .execute();
        return;
      } catch (error) {
        // The server has the messages: losing this write means resending them after the lease, so insist a little.
        if (attempt >= 5) {
          logger.error('newsletter deliveries sent but not recorded; they will be sent again', { ids: group.map((entry) => entry.id), error: String(error) });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  async function recordOutcome(delivery: ClaimedDelivery, issue: FrozenIssue, outcome: SendOutcome): Promise<void> {
    if (outcome.kind === 'sent') return recordSent(delivery.id, outcome.response);
    const mine = db.updateTable('newsletter_deliveries').where('id', '=', delivery.id).where('status', '=', 'sending').where('claimed_by', '=', workerId);
    const released = { claimed_by: null, lease_until: null, last_response: outcome.response, attempts: delivery.attempts + 1 };
    if (outcome.kind === 'temporary') {
      const attempts = delivery.attempts + 1;
      if (attempts >= maxAttempts) {
        await mine.set({ ...released, status: 'failed', next_attempt_at: null }).execute();
        return;
      }
      await mine.set({ ...released, status: 'retry', next_attempt_at: new Date(Date.now() + retryDelayMs(attempts, retryBaseMs)).toISOString() }).execute();
      return;
    }
    if (outcome.kind === 'rejected') {
      await mine.set({ ...released, status: 'failed', next_attempt_at: null }).execute();
      return;
    }
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('newsletter_deliveries').set({ ...released, status: 'bounced', next_attempt_at: null }).where('id', '=', delivery.id).execute();
      if (delivery.subscriberId !== null) await markBounced(trx, delivery.subscriberId, issue.newsletterId);
    });
  }

  async function skip(delivery: ClaimedDelivery, reason: string): Promise<void> {
    await db
      .updateTable('newsletter_deliveries')
      .set({ status: 'skipped', claimed_by: null, lease_until: null, next_attempt_at: null, last_response: reason })
      .where('id', '=', delivery.id)
      .where('claimed_by', '=', workerId)
      .execute();
  }

  async function deliver(delivery: ClaimedDelivery): Promise<void> {
    const issue = await frozenIssue(delivery.issueId);
    if (!issue) return;
    if (delivery.subscriberId === null || delivery.email === null || delivery.linkVersion === null) return skip(delivery, 'the reader was erased before this copy was sent');
    if (delivery.subscriptionStatus !== 'confirmed') return skip(delivery, `the reader's subscription is ${delivery.subscriptionStatus ?? 'gone'}`);
    let outcome: SendOutcome;
    try {
      const links = await linksFor(app, issue, delivery.subscriberId, delivery.linkVersion);
      const message = buildMessage(issue, delivery.email, links, delivery.messageId);
      await limiter.take();
      outcome = await transport.send(message);
    } catch (error) {
      // Building failed (a malformed address that slipped past sign-up): retrying cannot help.
      outcome = { kind: 'rejected', response: `not sent: ${error instanceof Error ? error.message : String(error)}` };
    }
    await recordOutcome(delivery, issue, outcome);
  }

  /** Marks finished issues `sent`; completes recipient lists that a crash left half-written. */
  async function finishIssues(): Promise<void> {
    const issues = await db.selectFrom('newsletter_issues').select('id').where('status', '=', 'sending').execute();
    for (const { id } of issues) {
      if (isWritingRecipients(id)) continue;
      if (!listsCompleted.has(id)) {
        await completeRecipientList(app, id);
        listsCompleted.add(id);
      }
      const open = await db.selectFrom('newsletter_deliveries').select('id').where('issue_id', '=', id).where('status', 'in', ['pending', 'retry', 'sending']).limit(1).executeTakeFirst();
      if (open) continue;
      const now = isoNow();
      const finished = await db.updateTable('newsletter_issues').set({ status: 'sent', finished_at: now, updated_at: now }).where('id', '=', id).where('status', '=', 'sending').executeTakeFirst();
      if (Number(finished.numUpdatedRows) > 0) logger.info('newsletter issue sent', { issueId: id });
      frozenIssues.delete(id);
      listsCompleted.delete(id);
    }
  }

  // Housekeeping beside the sending: a failure is logged and tried again next time, and never holds up a send.
  async function purgeUnconfirmed(): Promise<void> {
    try {
      const purged = await purgeUnconfirmedSignups(db);
      if (purged.subscriptions > 0) logger.info('unconfirmed newsletter sign-ups purged', { ...purged, olderThanDays: UNCONFIRMED_RETENTION_DAYS });
    } catch (error) {
      logger.warn('purging unconfirmed newsletter sign-ups failed; will retry', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  async function run(): Promise<void> {
    await reclaimDeadClaims();
    const inFlight = new Set<Promise<void>>();
    let lastDueCheck = 0;
    let lastPurge = 0;
    while (!stopped) {
      let batch: ClaimedDelivery[] = [];
      try {
        if (Date.now() - lastDueCheck >= pollMs) {
          lastDueCheck = Date.now();
          await startDueIssues();
        }
        if (Date.now() - lastPurge >= purgeEveryMs) {
          lastPurge = Date.now();
          await purgeUnconfirmed();
        }
        batch = await claim();
        if (batch.length === 0) {
          await Promise.all(inFlight);
          await finishIssues();
          if (!stopped) await idle(pollMs);
          continue;
        }
        let next = 0;
        for (; next < batch.length && !stopped; next += 1) {
          while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
          const delivery = batch[next];
          if (!delivery) continue;
          const sending: Promise<void> = deliver(delivery)
            .catch((error: unknown) => logger.error('newsletter delivery could not be recorded', { deliveryId: delivery.id, error: String(error) }))
            .finally(() => inFlight.delete(sending));
          inFlight.add(sending);
        }
        if (next < batch.length) await release(batch.slice(next).map((delivery) => delivery.id));
      } catch (error) {
        logger.error('newsletter sender pass failed; will retry', { error: error instanceof Error ? error.message : String(error) });
        if (!stopped) await idle(pollMs);
      }
    }
    await Promise.all(inFlight);
    await sentFlush;
  }

  // Claims taken but never handed to SMTP go back to the queue at once.
  async function release(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await db.updateTable('newsletter_deliveries').set({ lease_until: LONG_AGO }).where('id', 'in', ids).where('claimed_by', '=', workerId).where('status', '=', 'sending').execute();
  }

  const running = run().catch((error: unknown) => logger.error('newsletter sender stopped', { error: error instanceof Error ? error.message : String(error) }));

  return {
    workerId,
    async stop() {
      stopped = true;
      stopListening();
      wake?.();
      await running;
      clearInterval(renewal);
      await transport.close();
    },
  };
}

/** Delay before the next attempt after `attempts` failed ones, for a base delay. Exported for tests. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return baseMs * (RETRY_FACTORS[attempts - 1] ?? RETRY_FACTORS.at(-1) ?? 1);
}

// host:pid:boot — a claim of this host whose process is gone, or of an earlier life of this
// very pid (a container restarted with the same pid), belongs to nobody.
function isDeadLocalWorker(holder: string): boolean {
  const [, pidText, boot] = holder.split(':');
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return boot !== bootId;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

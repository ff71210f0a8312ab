/**
 * How newsletter messages leave Masthead. With SMTP_URL: a pooled nodemailer transport
 * (several connections kept open, many messages per connection, DKIM-signed when DKIM is
 * configured). Without it: every message is written to `mail_outbox` (status `stored`,
 * purpose `newsletter`) so a fresh install shows the whole flow in /admin/outbox.
 *
 * The transactional mailer (src/mail/mailer.ts) sends one message at a time and records
 * every message in the outbox first; bulk sending cannot afford either, so it has this
 * transport of its own. The durable record of a newsletter message is its delivery row.
 */
import type { Kysely } from 'kysely';
import { createTransport } from 'nodemailer';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { dkimOption } from '../mail/dkim.ts';
import { describeDeliveryError } from '../mail/redact.ts';
import { isoNow } from '../shared/time.ts';
import type { NewsletterMessage } from './message.ts';
import { formatFrom } from './message.ts';

/**
 * What happened to one message:
 * - `sent`: the server answered 250 (or the outbox kept it);
 * - `temporary`: a 4xx answer, or no answer at all (connection, timeout, authentication): try again later;
 * - `bounced`: the server refused the recipient with a 5xx at RCPT TO: the address does not take mail;
 * - `rejected`: a 5xx for this message elsewhere (DATA): it will not be taken, but the reader's address is not at fault.
 */
export type SendOutcome =
  | { kind: 'sent'; response: string }
  | { kind: 'temporary' | 'bounced' | 'rejected'; response: string };

/** Sends newsletter messages; `close` waits for nothing and releases the connections. */
export interface NewsletterTransport {
  /** Where messages go, for logs: `smtp` or `outbox`. */
  readonly mode: 'smtp' | 'outbox';
  send(message: NewsletterMessage): Promise<SendOutcome>;
  close(): Promise<void>;
}

// Generous but bounded: a hung server must not hold a delivery's lease for long.
const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };


/** Sorts an SMTP failure into the outcome kinds above. Exported for tests. */
export function classifySmtpError(error: unknown): 'temporary' | 'bounced' | 'rejected' {
  const { responseCode, command, code } = (error ?? {}) as { responseCode?: unknown; command?: unknown; code?: unknown };
  if (typeof responseCode !== 'number' || responseCode < 500 || responseCode > 599) return 'temporary';
  // A refused login or sender is the installation's problem, not the reader's: retry (and
  // eventually fail) rather than mark every reader of the list as bounced.
  if (code === 'EAUTH' || command === 'MAIL FROM') return 'temporary';
  if (command === 'RCPT TO') return 'bounced';
  return 'rejected';
}

/** Creates the transport the configuration asks for. */
export function createNewsletterTransport(config: Config, db: Kysely<Database>): NewsletterTransport {
  return config.smtpUrl ? createSmtpTransport(config, config.smtpUrl) : createOutboxTransport(db);
}

function createSmtpTransport(config: Config, smtpUrl: string): NewsletterTransport {
  const transport = createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: config.newsletter.smtpConnections,
    // Connections are reused for the whole send; reconnecting every 100 messages (the default) costs a handshake each time.
    maxMessages: 100_000,
    ...SMTP_TIMEOUTS,
    // No message content may make nodemailer read a local file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    maxRecipients: 1,
    ...dkimOption(config.dkim),
  });
  return {
    mode: 'smtp',
    async send(message) {
      try {
        // The message is composed already (mime.ts); nodemailer sends it as it is (and DKIM-signs it).
        const info = (await transport.sendMail({
          envelope: { from: message.from.address, to: [message.to] },
          raw: message.raw,
        })) as { response?: unknown };
        return { kind: 'sent', response: oneLine(typeof info.response === 'string' ? info.response : '250 accepted') };
      } catch (error) {
        return { kind: classifySmtpError(error), response: describeDeliveryError(error, smtpUrl) };
      }
    },
    close() {
      transport.close();
      return Promise.resolve();
    },
  };
}

function createOutboxTransport(db: Kysely<Database>): NewsletterTransport {
  return {
    mode: 'outbox',
    async send(message) {
      const at = isoNow();
      await db
        .insertInto('mail_outbox')
        .values({
          created_at: at,
          purpose: message.purpose,
          to_address: message.to,
          from_address: formatFrom(message.from),
          subject: message.subject,
          text_body: message.text,
          html_body: message.html,
          headers: JSON.stringify({ ...message.headers, ...(message.replyTo ? { 'Reply-To': message.replyTo } : {}) }),
          message_id: message.messageId,
          status: 'stored',
          sent_at: null,
          error: null,
        })
        .execute();
      return { kind: 'sent', response: 'stored in the outbox (SMTP_URL is not set)' };
    },
    close: () => Promise.resolve(),
  };
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 500 ? `${line.slice(0, 499)}…` : line;
}

/**
 * A token bucket: at most `perSecond` messages a second on average, with bursts of up to
 * one second's worth. `perSecond` 0 switches it off.
 */
export function createRateLimiter(perSecond: number, now: () => number = () => performance.now()): { take(): Promise<void> } {
  if (perSecond <= 0) return { take: () => Promise.resolve() };
  const capacity = Math.max(1, perSecond);
  let tokens = capacity;
  let last = now();
  // Callers are served in order: each waits for the one before it, so a burst of waiters
  // cannot all see the same refill.
  let queue: Promise<void> = Promise.resolve();
  const takeOne = async (): Promise<void> => {
    for (;;) {
      const current = now();
      tokens = Math.min(capacity, tokens + ((current - last) / 1000) * perSecond);
      last = current;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(((1 - tokens) / perSecond) * 1000)));
    }
  };
  return {
    take() {
      const turn = queue.then(takeOne);
      queue = turn;
      return turn;
    },
  };
}

/**
 * The one way Masthead sends email. Every message is first written to `mail_outbox` (the
 * durable record the admin outbox shows), then handed to SMTP when SMTP_URL is set.
 * Nothing else in the code base talks to nodemailer.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createTransport } from 'nodemailer';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../shared/logger.ts';
import { isoNow } from '../shared/time.ts';
import { ValidationError, parseOrThrow } from '../shared/validation.ts';
import { asciiDomainOf, hasControlCharacters, isPlausibleAddress, parseSender } from './address.ts';
import { dkimOption } from './dkim.ts';
import type { DkimSettings } from './dkim.ts';
import { describeDeliveryError } from './redact.ts';

/** A message to send: one recipient, a plain-text body, optionally HTML and extra headers. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the mail is for (`invitation`, `password_reset`…): stored, logged, filterable. */
  purpose: string;
  headers?: Record<string, string>;
  replyTo?: string;
  /** Who the mail is from when not MAIL_FROM (a newsletter's confirmation comes from the newsletter): `Name <address>` or an address. */
  from?: string;
}

/** The outcome of `send`: the outbox row, its Message-ID, and whether SMTP took it. */
export interface SentMail {
  id: number;
  messageId: string;
  status: 'stored' | 'sent' | 'failed';
}

/** Sends mail through the outbox; `close` releases the SMTP transport. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): Promise<void>;
}

/** SMTP refused or could not take a message; the outbox row is marked `failed`. The message holds no credentials. */
export class MailDeliveryError extends Error {
  constructor(
    readonly outboxId: number,
    readonly messageId: string,
    reason: string,
  ) {
    super(`Mail delivery failed for outbox message ${outboxId}: ${reason}`);
    this.name = 'MailDeliveryError';
  }
}

// These are set from the message itself; letting `headers` set them would allow a second
// recipient list or a forged sender to slip past the address checks.
const RESERVED_HEADERS = new Set([
  'to', 'cc', 'bcc', 'from', 'sender', 'reply-to', 'subject', 'message-id', 'date', 'return-path',
  'mime-version', 'content-type', 'content-transfer-encoding',
]);

// Checked by hand rather than with a zod key schema so the message names the header.
function headerProblem(name: string, value: string): string | null {
  if (!/^[!-9;-~]{1,76}$/.test(name)) return 'header names must be printable ASCII without spaces, colons or line breaks';
  if (RESERVED_HEADERS.has(name.toLowerCase())) return 'is set by the mailer itself, not through headers';
  if (hasControlCharacters(value)) return 'must not contain line breaks or control characters';
  if (value.length > 998) return 'must be at most 998 characters';
  return null;
}

const singleLine = () => z.string().refine((value) => !hasControlCharacters(value), 'must not contain line breaks or control characters');

const outgoingMailSchema = z.object({
  to: z.string().refine((value) => isPlausibleAddress(value), 'must be a single email address like reader@example.org'),
  subject: singleLine().pipe(z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters')),
  text: z.string().min(1, 'is required'),
  html: z.string().min(1, 'must not be empty when given').optional(),
  purpose: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1–64 letters, digits, _ . : or -'),
  headers: z
    .record(z.string(), z.string())
    .superRefine((headers, context) => {
      for (const [name, value] of Object.entries(headers)) {
        const problem = headerProblem(name, value);
        if (problem) context.addIssue({ code: 'custom', path: [name], message: problem });
      }
    })
    .optional(),
  replyTo: z.string().refine((value) => isPlausibleAddress(value), 'must be a single email address like desk@example.org').optional(),
  from: z.string().refine((value) => parseSender(value) !== null, 'must be an address like news@example.org or "Name <news@example.org>"').optional(),
});

// Generous bounds: a hung SMTP server must not hold an invitation request for minutes
// (nodemailer waits 2 minutes to connect and 10 minutes of silence by default).
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** Creates the mailer; with `smtpUrl` null, mail is only kept in the outbox (status `stored`). */
export function createMailer(
  db: Kysely<Database>,
  options: { smtpUrl: string | null; from: string; logger?: Logger; messageIdDomain?: string; dkim?: DkimSettings | null },
): Mailer {
  const sender = parseSender(options.from);
  if (!sender) throw new ValidationError([`from: must be an address like news@example.org or "Name <news@example.org>"`]);
  const idDomain = options.messageIdDomain ?? asciiDomainOf(sender.address);
  if (!idDomain || !/^[A-Za-z0-9.-]+$/.test(idDomain)) throw new ValidationError(['messageIdDomain: must be a host name like example.org']);
  const { smtpUrl, logger } = options;
  // File and URL access are off so no message content can make nodemailer read a local
  // file or fetch a URL; one recipient per message is all Masthead ever sends.
  const smtp = smtpUrl
    ? { url: smtpUrl, transport: createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS, disableFileAccess: true, disableUrlAccess: true, maxRecipients: 1, ...dkimOption(options.dkim ?? null) }) }
    : null;
  let isClosed = false;

  return {
    async send(input) {
      if (isClosed) throw new Error('mailer is closed');
      const mail = parseOrThrow(outgoingMailSchema, input);
      // Reply-To is kept with the other headers so the outbox shows everything that was sent.
      const headers = { ...mail.headers, ...(mail.replyTo ? { 'Reply-To': mail.replyTo } : {}) };
      const from = mail.from ? (parseSender(mail.from) ?? sender) : sender;
      const messageId = `<${randomBytes(16).toString('hex')}@${idDomain}>`;
      const createdAt = isoNow();
      // The row is written before SMTP is tried, and outside any transaction with it, so a
      // crash or a slow server never loses the record nor holds a database lock.
      const row = await db
        .insertInto('mail_outbox')
        .values({
          created_at: createdAt,
          purpose: mail.purpose,
          to_address: mail.to,
          from_address: mail.from ?? options.from,
          subject: mail.subject,
          text_body: mail.text,
          html_body: mail.html ?? null,
          headers: JSON.stringify(headers),
          message_id: messageId,
          status: 'stored',
          sent_at: null,
          error: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      const logFields = { purpose: mail.purpose, messageId, outboxId: id };

      if (!smtp) {
        logger?.info('mail stored', { ...logFields, status: 'stored' });
        return { id, messageId, status: 'stored' };
      }

      try {
        await smtp.transport.sendMail({
          from: from.name ? { name: from.name, address: from.address } : from.address,
          to: mail.to,
          replyTo: mail.replyTo,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.headers,
          messageId,
          date: new Date(createdAt),
        });
      } catch (error) {
        const reason = describeDeliveryError(error, smtp.url);
        await db.updateTable('mail_outbox').set({ status: 'failed', error: reason }).where('id', '=', id).execute();
        logger?.warn('mail delivery failed', { ...logFields, status: 'failed', reason });
        throw new MailDeliveryError(id, messageId, reason);
      }
      await db.updateTable('mail_outbox').set({ status: 'sent', sent_at: isoNow(), error: null }).where('id', '=', id).execute();
      logger?.info('mail sent', { ...logFields, status: 'sent' });
      return { id, messageId, status: 'sent' };
    },

    close() {
      isClosed = true;
      smtp?.transport.close();
      return Promise.resolve();
    },
  };
}

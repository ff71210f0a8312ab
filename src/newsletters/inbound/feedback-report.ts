/**
 * Feedback-loop reports (ARF, RFC 5965): a mailbox provider tells the sender that a reader
 * pressed "this is spam". The report is `multipart/report; report-type=feedback-report` with
 * a human-readable part, a `message/feedback-report` part (Feedback-Type: abuse, …) and the
 * original message (`message/rfc822`) or only its headers (`text/rfc822-headers`). What we
 * need from it is which of our messages was reported: its Message-ID, and its
 * List-Unsubscribe mailto, which carries the reader and list under a seal.
 */
import type { MimePart } from './mime-reader.ts';
import { readHeaderBlock, walkParts } from './mime-reader.ts';

/** Feedback types that are a reader's complaint (RFC 5965 §7.3); `not-spam`, `virus`, `other` are not. */
const COMPLAINT_TYPES = new Set(['abuse', 'fraud']);

/** What a feedback report says about the reported message. */
export interface FeedbackReport {
  /** Feedback-Type, lower-cased (`abuse`, `fraud`, `not-spam`, …). */
  feedbackType: string;
  /** Whether the type means the reader complained about the mail. */
  isComplaint: boolean;
  /** The Message-ID of the reported message (`<…@…>`), when the report carries it. */
  originalMessageId: string | null;
  /** The local parts of `unsubscribe+…` mailto addresses in the reported message's List-Unsubscribe. */
  unsubscribeMailboxes: string[];
}

/** Reads the first feedback report in a message; null when the message is not one (a bounce, a reply, spam). */
export function readFeedbackReport(message: MimePart): FeedbackReport | null {
  for (const part of walkParts(message)) {
    if (part.contentType.type !== 'multipart/report' || part.contentType.params['report-type']?.toLowerCase() !== 'feedback-report') continue;
    const machine = part.children.find((child) => child.contentType.type === 'message/feedback-report');
    if (!machine) continue;
    const fields = readHeaderBlock(`${machine.body.toString('latin1')}\r\n\r\n`).headers;
    const feedbackType = (fields.get('feedback-type') ?? '').toLowerCase();
    // Feedback-Type is the one field every report must have (RFC 5965 §3.1).
    if (!/^[a-z0-9-]{1,40}$/.test(feedbackType)) return null;
    const original = part.children.find((child) => child.contentType.type === 'message/rfc822' || child.contentType.type === 'message/global' || child.contentType.type === 'text/rfc822-headers')?.children[0] ?? null;
    const messageId = original?.headers.get('message-id') ?? null;
    return {
      feedbackType,
      isComplaint: COMPLAINT_TYPES.has(feedbackType),
      originalMessageId: messageId ? messageIdOf(messageId) : null,
      unsubscribeMailboxes: original ? mailtoMailboxes(original.headers.all('list-unsubscribe')) : [],
    };
  }
  return null;
}

/** The `<…@…>` token of a Message-ID field (comments and spaces dropped), or null. */
export function messageIdOf(value: string): string | null {
  return /<[!-;=?-~]{1,250}@[!-;=?-~]{1,250}>/.exec(value)?.[0] ?? null;
}

/** The `<…@…>` Message-IDs in an In-Reply-To or References field. */
export function messageIdsIn(value: string): string[] {
  return [...value.matchAll(/<[!-;=?-~]{1,250}@[!-;=?-~]{1,250}>/g)].map((match) => match[0]).slice(0, 20);
}

function mailtoMailboxes(values: string[]): string[] {
  const found: string[] = [];
  for (const value of values) {
    for (const match of value.matchAll(/<mailto:([^@>\s]{1,64})@[^>?\s]+(?:\?[^>]*)?>/gi)) {
      const local = safeDecode(match[1] ?? '');
      if (local !== null && /^unsubscribe\+/i.test(local)) found.push(local);
    }
  }
  return found;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

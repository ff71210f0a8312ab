/**
 * One newsletter message for one reader: the frozen issue with the reader's own links filled
 * in, and the headers mailbox providers expect of bulk mail — RFC 8058 one-click
 * List-Unsubscribe (an https link and a mailto), List-Unsubscribe-Post, RFC 2919 List-Id,
 * the delivery's fixed Message-ID, Precedence and Feedback-ID.
 *
 * Every value that reaches a header was checked when the list was saved; it is cleaned here
 * again (control characters removed, addresses re-checked) because a header is the one place
 * where a stray line break becomes an injected header.
 */
import { randomBytes } from 'node:crypto';
import { openPixelUrl } from './render.ts';
import type { AppContext } from '../app-context.ts';
import { asciiDomainOf, hasControlCharacters, isPlausibleAddress } from '../mail/address.ts';
import type { FrozenIssue, RecipientLinks } from './frozen.ts';
import { personalize } from './frozen.ts';
import { preferencesUrl, unsubscribeUrl } from './links.ts';
import { isSameToken } from '../shared/same-token.ts';
import { encodedWords, prepareIssueBody, quotedString, rawMessage } from './mime.ts';

/** Everything a transport needs to send one message. */
export interface NewsletterMessage {
  from: { name: string; address: string };
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  /** Extra headers: List-Unsubscribe, List-Unsubscribe-Post, List-Id, Precedence, Feedback-ID. */
  headers: Record<string, string>;
  messageId: string;
  date: Date;
  /** `newsletter`, or `newsletter_test` for a test copy (kept in the outbox when SMTP is off). */
  purpose: 'newsletter' | 'newsletter_test';
  /** The whole message as SMTP sends it (mime.ts: the issue's parts encoded once, this reader's links filled in). */
  raw: string;
}

/** A reader's links in one message: the page links plus the mailto unsubscribe address. */
export interface MessageLinks extends RecipientLinks {
  /** `unsubscribe+…@sender-domain`: the List-Unsubscribe mailto for clients that do not POST. */
  unsubscribeMailbox: string;
}

/** Purpose of the short seal in the mailto unsubscribe address. */
const MAILBOX_PURPOSE = 'newsletter-unsubscribe-mailbox';
// Local parts may have 64 characters; the full link token is longer, so the mailbox carries
// the subscriber and list ids and the first 22 characters (132 bits) of the token's seal.
const MAILBOX_SEAL_LENGTH = 22;

/** Removes control characters (CR and LF above all) from text bound for a header. */
export function headerText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** `Name <address>` as it is shown in the outbox. */
export function formatFrom(from: { name: string; address: string }): string {
  return from.name ? `${quotedString(from.name)} <${from.address}>` : from.address;
}

/** Why an issue's sender cannot be used, or null when it can (checked before sending starts). */
export function senderProblem(issue: FrozenIssue): string | null {
  if (!isPlausibleAddress(issue.fromAddress, { allowSingleLabelDomain: true })) return `the newsletter's sender address "${headerText(issue.fromAddress)}" is not a valid address`;
  if (issue.replyTo !== null && issue.replyTo !== '' && !isPlausibleAddress(issue.replyTo, { allowSingleLabelDomain: true })) return `the newsletter's reply-to address "${headerText(issue.replyTo)}" is not a valid address`;
  if (!asciiDomainOf(issue.fromAddress)) return 'the newsletter\'s sender address has no usable domain';
  return null;
}

/**
 * A Message-ID for one reader's copy of an issue, fixed when its delivery record is written:
 * a resend after a crash carries the same one, so receivers that collapse duplicates by
 * Message-ID show the reader one message.
 */
export function newMessageId(issue: FrozenIssue, subscriberId: number): string {
  const domain = asciiDomainOf(issue.fromAddress) ?? 'localhost';
  return `<issue-${issue.issueId}.${subscriberId}.${randomBytes(6).toString('hex')}@${domain}>`;
}

/** Signs one reader's links for one issue. */
export async function linksFor(app: AppContext, issue: FrozenIssue, subscriberId: number, linkVersion: number): Promise<MessageLinks> {
  // The open pixel is one per issue: opens are counted per issue and hour, never per reader.
  const [unsubscribe, preferences, seal, pixel] = await Promise.all([
    unsubscribeUrl(app, subscriberId, issue.newsletterId, linkVersion, issue.issueId),
    preferencesUrl(app, subscriberId, linkVersion),
    mailboxSeal(app, subscriberId, issue.newsletterId),
    issue.trackOpens ? openPixelUrl(app, issue.issueId) : null,
  ]);
  return {
    unsubscribeUrl: unsubscribe,
    preferencesUrl: preferences,
    openPixelUrl: pixel,
    unsubscribeMailbox: `unsubscribe+${subscriberId}.${issue.newsletterId}.${seal}@${asciiDomainOf(issue.fromAddress) ?? 'localhost'}`,
  };
}

// Signing is deterministic (no expiry), so whoever reads the unsubscribe mailbox can check
// an address by signing the same payload again (see `checkUnsubscribeMailbox`).
async function mailboxSeal(app: AppContext, subscriberId: number, newsletterId: number): Promise<string> {
  const token = await app.links.sign(MAILBOX_PURPOSE, { s: subscriberId, n: newsletterId }, null);
  return token.slice(token.indexOf('.') + 1, token.indexOf('.') + 1 + MAILBOX_SEAL_LENGTH);
}

/**
 * Reads the local part of a mailto unsubscribe address (`unsubscribe+12.3.SEAL`) and checks
 * its seal; for the inbound mailbox (src/newsletters/inbound). Null when it is not one of ours.
 * The seal is compared without regard to case, in constant time: some mail servers fold the
 * local part to lower case on the way in, and 22 case-folded characters still carry over
 * 110 bits.
 */
export async function checkUnsubscribeMailbox(app: AppContext, localPart: string): Promise<{ subscriberId: number; newsletterId: number } | null> {
  const match = /^unsubscribe\+(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{1,64})$/i.exec(localPart);
  if (!match) return null;
  const subscriberId = Number(match[1]);
  const newsletterId = Number(match[2]);
  if (!Number.isSafeInteger(subscriberId) || !Number.isSafeInteger(newsletterId) || subscriberId < 1 || newsletterId < 1) return null;
  const expected = await mailboxSeal(app, subscriberId, newsletterId);
  return isSameToken((match[3] ?? '').toLowerCase(), expected.toLowerCase()) ? { subscriberId, newsletterId } : null;
}

// Issues whose sender was checked already: the check reads the domain through punycode, once per issue is enough.
const checkedSenders = new WeakSet<FrozenIssue>();

/** Builds one reader's message from the frozen issue. */
export function buildMessage(issue: FrozenIssue, to: string, links: MessageLinks, messageId: string, options: { isTest?: boolean } = {}): NewsletterMessage {
  if (!isPlausibleAddress(to)) throw new Error('recipient address is not a valid address');
  const problem = checkedSenders.has(issue) ? null : senderProblem(issue);
  if (problem) throw new Error(problem);
  checkedSenders.add(issue);
  if (hasControlCharacters(messageId) || !/^<[!-~]+@[A-Za-z0-9.-]+>$/.test(messageId)) throw new Error('Message-ID is malformed');
  const subject = headerText(issue.subject);
  const headers: Record<string, string> = {
    'List-Unsubscribe': `<${headerUrl(links.unsubscribeUrl)}>, <mailto:${links.unsubscribeMailbox}?subject=unsubscribe>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `${listIdPhrase(issue.listName)} <${headerText(issue.listId).replace(/[^A-Za-z0-9.-]/g, '')}>`,
    Precedence: 'bulk',
    // Gmail's feedback loop groups complaints by these fields (campaign:list:type:sender).
    'Feedback-ID': `${issue.issueId}:${issue.newsletterId}:newsletter:masthead`,
  };
  const envelope = {
    from: { name: headerText(issue.fromName), address: issue.fromAddress },
    to,
    replyTo: issue.replyTo ? issue.replyTo : null,
    subject: options.isTest ? `[Test] ${subject}` : subject,
    headers,
    messageId,
    date: new Date(),
  };
  // SMTP sends `raw`; the personalised text and HTML are made only when asked for (the outbox).
  let personalised: { html: string; text: string } | null = null;
  const body = () => (personalised ??= personalize(issue, links));
  return {
    ...envelope,
    get text() {
      return body().text;
    },
    get html() {
      return body().html;
    },
    purpose: options.isTest ? 'newsletter_test' : 'newsletter',
    raw: rawMessage(prepareIssueBody(issue), envelope, links),
  };
}

// Our own signed URLs are plain ASCII; anything else would break the angle-bracket list.
function headerUrl(url: string): string {
  if (!/^https?:\/\/[!-~]+$/.test(url) || /[<>,\s]/.test(url)) throw new Error('unsubscribe URL is not a plain http(s) URL');
  return url;
}

/** The List-Id's display phrase: a quoted string for ASCII names; encoded words (which may not sit inside quotes) otherwise, on one line. */
function listIdPhrase(name: string): string {
  const clean = headerText(name);
  return /^[ -~]*$/.test(clean) ? quotedString(clean) : encodedWords(clean).join(' ');
}

/**
 * The raw RFC 5322 / MIME text of newsletter messages, built fast enough for bulk sending.
 *
 * Composing a 30 KB issue with a general-purpose library costs 1–3 ms a message, mostly
 * quoted-printable encoding the same HTML again for every reader. Here the issue's text
 * and HTML are encoded once (`prepareIssueBody`), with each per-reader placeholder kept
 * whole on a line of its own between soft line breaks; a reader's message is then the
 * headers plus the prepared parts with that reader's links encoded into the gaps, which is
 * string concatenation. The output is ordinary multipart/alternative mail with
 * quoted-printable parts of at most 76 characters a line.
 */
import { randomBytes } from 'node:crypto';
import type { FrozenIssue, RecipientLinks } from './frozen.ts';
import { PLACEHOLDER } from './frozen.ts';

type Slot = keyof typeof PLACEHOLDER;

/** An encoded body part: quoted-printable text with gaps for the reader's links. */
type EncodedPart = (string | { slot: Slot })[];

/** An issue's text and HTML parts, quoted-printable encoded once. */
export interface PreparedBody {
  text: EncodedPart;
  html: EncodedPart;
}

const MAX_LINE = 76;
const SLOT_BY_VALUE = new Map<string, Slot>(Object.entries(PLACEHOLDER).map(([slot, value]) => [value, slot as Slot]));
const PLACEHOLDER_PATTERN = new RegExp(`(${Object.values(PLACEHOLDER).join('|')})`);

/**
 * Quoted-printable (RFC 2045 §6.7) of one stretch of text, starting at the beginning of a
 * line; `\n` becomes a hard CRLF line break. Returns the encoded text and the length of its last line.
 */
function encodeQuotedPrintable(value: string, startColumn = 0): { encoded: string; column: number } {
  const bytes = Buffer.from(value.replace(/\r\n?/g, '\n'), 'utf8');
  let out = '';
  let column = startColumn;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index] as number;
    if (byte === 0x0a) {
      out += '\r\n';
      column = 0;
      continue;
    }
    const next = bytes[index + 1];
    // Spaces and tabs are literal except at the end of a line, where transports may drop them.
    const atLineEnd = next === undefined || next === 0x0a;
    const literal = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !atLineEnd);
    const piece = literal ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (column + piece.length > MAX_LINE - 1) {
      out += '=\r\n';
      column = 0;
    }
    out += piece;
    column += piece.length;
  }
  return { encoded: out, column };
}

/** Encodes a body with its placeholders left as gaps, each on a line of its own. */
function prepare(body: string): EncodedPart {
  const part: EncodedPart = [];
  let column = 0;
  for (const piece of body.split(PLACEHOLDER_PATTERN)) {
    const slot = SLOT_BY_VALUE.get(piece);
    if (slot) {
      part.push(column === 0 ? '' : '=\r\n', { slot }, '=\r\n');
      column = 0;
      continue;
    }
    const { encoded, column: end } = encodeQuotedPrintable(piece, column);
    part.push(encoded);
    column = end;
  }
  return part;
}

const prepared = new WeakMap<FrozenIssue, PreparedBody>();

/** The issue's parts, encoded once per frozen issue object. */
export function prepareIssueBody(issue: FrozenIssue): PreparedBody {
  let body = prepared.get(issue);
  if (!body) {
    body = { text: prepare(issue.text), html: prepare(issue.html) };
    prepared.set(issue, body);
  }
  return body;
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Fills a part's gaps with one reader's links (each encoded, wrapped, on lines of its own). */
function fill(part: EncodedPart, values: Record<Slot, string>): string {
  let out = '';
  for (const piece of part) {
    out += typeof piece === 'string' ? piece : encodeQuotedPrintable(values[piece.slot]).encoded;
  }
  return out;
}

/**
 * RFC 2047 encoded words for text that is not plain ASCII, each at most 75 characters and
 * never splitting a character's bytes; ASCII comes back as one unencoded word.
 */
export function encodedWords(value: string): string[] {
  if (/^[ -~]*$/.test(value)) return [value];
  const words: string[] = [];
  let chunk = '';
  for (const character of value) {
    if (Buffer.byteLength(chunk + character) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += character;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`);
}

/** A header value as encoded words, folded between them. */
export function encodeHeaderWords(value: string): string {
  return encodedWords(value).join('\r\n ');
}

/** An RFC 5322 quoted string. */
export function quotedString(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** `"Name" <address>`, the name encoded when it is not ASCII. */
export function mailbox(name: string, address: string): string {
  if (!name) return address;
  if (/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+( [A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(name)) return `${name} <${address}>`;
  const phrase = /^[ -~]*$/.test(name) ? quotedString(name) : encodeHeaderWords(name);
  return `${phrase} <${address}>`;
}

/** RFC 5322 date: `Sat, 28 Nov 2026 01:20:00 +0000`. */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

// Boundaries only need to be absent from the parts (quoted-printable never yields "=_"
// at a line start followed by this prefix); a per-process random prefix and a counter do.
const BOUNDARY_PREFIX = randomBytes(9).toString('base64url');
let boundaryCount = 0;

/** The pieces of one reader's message; every header value was checked by buildMessage. */
export interface RawMessageInput {
  from: { name: string; address: string };
  to: string;
  replyTo: string | null;
  subject: string;
  messageId: string;
  date: Date;
  /** Further headers in order (List-Unsubscribe, List-Id…), values single-line ASCII. */
  headers: Record<string, string>;
}

/** One reader's complete message, ready for SMTP DATA. */
export function rawMessage(body: PreparedBody, input: RawMessageInput, links: RecipientLinks): string {
  for (const value of [input.to, input.replyTo ?? '', input.messageId, input.from.address]) {
    if (/[\r\n]/.test(value)) throw new Error('a header value holds a line break');
  }
  boundaryCount += 1;
  const boundary = `=_masthead_${BOUNDARY_PREFIX}_${boundaryCount.toString(36)}`;
  const lines = [
    `From: ${mailbox(input.from.name, input.from.address)}`,
    `To: ${input.to}`,
    ...(input.replyTo ? [`Reply-To: ${input.replyTo}`] : []),
    `Subject: ${encodeHeaderWords(input.subject)}`,
    `Date: ${rfc5322Date(input.date)}`,
    `Message-ID: ${input.messageId}`,
    ...Object.entries(input.headers).map(([name, value]) => {
      // A header is where a stray line break becomes an injected header: only printable ASCII passes.
      if (!/^[A-Za-z0-9-]+$/.test(name) || !/^[ -~]*$/.test(value) || value.length > 900) throw new Error(`header ${name} is not printable ASCII`);
      return `${name}: ${value.replaceAll(', <', ',\r\n <')}`;
    }),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const textValues = { unsubscribeUrl: links.unsubscribeUrl, preferencesUrl: links.preferencesUrl, openPixelUrl: links.openPixelUrl ?? '' };
  const htmlValues = { unsubscribeUrl: escapeAttribute(links.unsubscribeUrl), preferencesUrl: escapeAttribute(links.preferencesUrl), openPixelUrl: links.openPixelUrl ? escapeAttribute(links.openPixelUrl) : '' };
  const part = (type: string, encoded: string) => `--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${encoded}\r\n`;
  return `${lines.join('\r\n')}\r\n\r\n${part('text/plain', fill(body.text, textValues))}${part('text/html', fill(body.html, htmlValues))}--${boundary}--\r\n`;
}

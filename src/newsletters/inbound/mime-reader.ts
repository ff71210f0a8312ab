/**
 * A small, strict reader of RFC 5322 / MIME messages for the inbound mailbox: header fields,
 * Content-Type parameters, multipart bodies, transfer encodings, and embedded messages
 * (`message/rfc822`, `text/rfc822-headers`) read as messages of their own.
 *
 * Why not a general mail parser: feedback-loop reports are matched on the headers of the
 * message they embed, and general parsers fold a `message/rfc822` part into the text body
 * and drop exactly those headers. This reader keeps every part's headers, decodes only what
 * the intake reads, and stops at fixed depth and part limits, so a hostile message costs
 * little and cannot recurse without end.
 */

/** A message's or a part's header fields: lower-cased names, unfolded values, in order. */
export class HeaderFields {
  constructor(private readonly fields: readonly { name: string; value: string }[]) {}

  /** Every value of a field, top first (the topmost Delivered-To is the most recent hop). */
  all(name: string): string[] {
    const wanted = name.toLowerCase();
    return this.fields.filter((field) => field.name === wanted).map((field) => field.value);
  }

  /** The first value of a field, or null. */
  get(name: string): string | null {
    return this.all(name)[0] ?? null;
  }
}

/** A Content-Type: lower-cased `type/subtype` and its parameters (lower-cased names). */
export interface ContentType {
  type: string;
  params: Record<string, string>;
}

/** One node of a message: its headers, its decoded body, and what it contains. */
export interface MimePart {
  headers: HeaderFields;
  contentType: ContentType;
  /** The body after Content-Transfer-Encoding is undone (multipart bodies: the raw body). */
  body: Buffer;
  /** The parts of a multipart body, or the one embedded message of a `message/rfc822` part. */
  children: MimePart[];
}

/** Limits on how much of a message is read. */
export interface ReadLimits {
  /** Nesting of multiparts and embedded messages. */
  maxDepth: number;
  /** Parts over the whole message. */
  maxParts: number;
}

const DEFAULT_LIMITS: ReadLimits = { maxDepth: 6, maxParts: 64 };

/** Reads a whole message. Never throws on malformed input: what cannot be read is left as an opaque part. */
export function readMessage(raw: Buffer | string, limits: ReadLimits = DEFAULT_LIMITS): MimePart {
  // latin1 keeps one character per byte, so offsets stay byte offsets and bodies decode exactly.
  const text = typeof raw === 'string' ? Buffer.from(raw, 'utf8').toString('latin1') : raw.toString('latin1');
  const budget = { parts: limits.maxParts };
  return readEntity(text, 0, limits.maxDepth, budget, 'text/plain');
}

/** Splits header text into fields (unfolded) and returns where the body starts. */
export function readHeaderBlock(text: string): { headers: HeaderFields; bodyStart: number } {
  const end = /\r?\n\r?\n/.exec(text);
  const head = end ? text.slice(0, end.index) : text;
  const bodyStart = end ? end.index + end[0].length : text.length;
  const fields: { name: string; value: string }[] = [];
  for (const line of head.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[!-9;-~]+$/.test(name)) continue;
    fields.push({ name, value: line.slice(colon + 1).replace(/[ \t]+/g, ' ').trim() });
  }
  return { headers: new HeaderFields(fields), bodyStart };
}

/** Reads `type/subtype; name=value; name="quoted value"`; a missing or unreadable type is `fallback`. */
export function parseContentType(value: string | null, fallback = 'text/plain'): ContentType {
  if (!value) return { type: fallback, params: {} };
  const [first = '', ...rest] = splitOutsideQuotes(value, ';');
  const type = first.trim().toLowerCase();
  const params: Record<string, string> = {};
  for (const piece of rest) {
    const equals = piece.indexOf('=');
    if (equals <= 0) continue;
    const name = piece.slice(0, equals).trim().toLowerCase();
    let paramValue = piece.slice(equals + 1).trim();
    if (paramValue.startsWith('"') && paramValue.endsWith('"') && paramValue.length >= 2) paramValue = paramValue.slice(1, -1).replace(/\\(.)/g, '$1');
    if (name !== '' && !(name in params)) params[name] = paramValue;
  }
  return { type: /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : fallback, params };
}

function splitOutsideQuotes(value: string, separator: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let isQuoted = false;
  for (let index = 0; index < value.length; index++) {
    const ch = value[index] ?? '';
    if (ch === '\\' && isQuoted) {
      current += ch + (value[index + 1] ?? '');
      index += 1;
      continue;
    }
    if (ch === '"') isQuoted = !isQuoted;
    if (ch === separator && !isQuoted) {
      pieces.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  pieces.push(current);
  return pieces;
}

function readEntity(text: string, start: number, depth: number, budget: { parts: number }, defaultType: string): MimePart {
  budget.parts -= 1;
  const entity = start === 0 ? text : text.slice(start);
  const { headers, bodyStart } = readHeaderBlock(entity);
  const contentType = parseContentType(headers.get('content-type'), defaultType);
  const rawBody = entity.slice(bodyStart);
  const part: MimePart = { headers, contentType, body: Buffer.alloc(0), children: [] };
  if (contentType.type.startsWith('multipart/')) {
    part.body = Buffer.from(rawBody, 'latin1');
    const boundary = contentType.params.boundary;
    if (!boundary || depth <= 0) return part;
    // In multipart/digest the default type of a part is message/rfc822 (RFC 2046 §5.1.5).
    const childDefault = contentType.type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    for (const section of splitMultipart(rawBody, boundary)) {
      if (budget.parts <= 0) break;
      part.children.push(readEntity(section, 0, depth - 1, budget, childDefault));
    }
    return part;
  }
  part.body = decodeTransfer(rawBody, headers.get('content-transfer-encoding'));
  if ((contentType.type === 'message/rfc822' || contentType.type === 'message/global') && depth > 0 && budget.parts > 0) {
    part.children.push(readEntity(part.body.toString('latin1'), 0, depth - 1, budget, 'text/plain'));
  } else if (contentType.type === 'text/rfc822-headers' && budget.parts > 0) {
    // Only the original's header block: read it as a message without a body.
    budget.parts -= 1;
    part.children.push({ headers: readHeaderBlock(`${part.body.toString('latin1')}\r\n\r\n`).headers, contentType: { type: 'text/plain', params: {} }, body: Buffer.alloc(0), children: [] });
  }
  return part;
}

/** The sections of a multipart body between its boundary lines (preamble and epilogue dropped). */
function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const lines = body.split(/\r?\n/);
  const sections: string[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current) sections.push(current.join('\r\n'));
      if (trimmed.endsWith('--') && trimmed !== delimiter) return sections;
      current = [];
      continue;
    }
    current?.push(line);
  }
  // No closing delimiter: keep what was there (a truncated report still names its original).
  if (current && current.length > 0) sections.push(current.join('\r\n'));
  return sections;
}

function decodeTransfer(body: string, encoding: string | null): Buffer {
  switch ((encoding ?? '7bit').trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return Buffer.from(body, 'latin1');
  }
}

function decodeQuotedPrintable(body: string): Buffer {
  const text = body.replace(/[ \t]+(?=\r?\n)/g, '').replace(/=\r?\n/g, '');
  const bytes = Buffer.alloc(text.length);
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    const hex = text.slice(index + 1, index + 3);
    if (text[index] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes[length++] = parseInt(hex, 16);
      index += 2;
    } else {
      bytes[length++] = text.charCodeAt(index) & 0xff;
    }
  }
  return bytes.subarray(0, length);
}

/** Every part of a message, depth first (the message itself first). */
export function* walkParts(part: MimePart): Generator<MimePart> {
  yield part;
  for (const child of part.children) yield* walkParts(child);
}

/** The bare addresses in an address header (`"Name" <a@b>, c@d` → `a@b`, `c@d`), lower-cased domain kept as given. */
export function addressesIn(value: string): string[] {
  const found: string[] = [];
  for (const piece of splitOutsideQuotes(value.replace(/\([^()]*\)/g, ' '), ',')) {
    const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(piece);
    const bare = bracketed ? bracketed[1] : /^\s*([^\s<>"]+@[^\s<>"]+)\s*$/.exec(piece)?.[1];
    if (bare) found.push(bare);
  }
  return found;
}

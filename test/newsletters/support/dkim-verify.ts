/**
 * A small DKIM verifier (RFC 6376, relaxed/relaxed, rsa-sha256) for tests: it recomputes
 * the body hash and checks the signature over the canonicalized signed headers with the
 * public key, the way a receiving server does (minus the DNS lookup).
 */
import { createHash, createVerify } from 'node:crypto';

/** The outcome: the signature's tags and whether body hash and signature hold. */
export interface DkimCheck {
  tags: Record<string, string>;
  signedHeaders: string[];
  bodyHashMatches: boolean;
  signatureValid: boolean;
}

interface HeaderField {
  name: string;
  /** The whole field as received, folding included, without the final CRLF. */
  raw: string;
}

function splitMessage(raw: string): { fields: HeaderField[]; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? '' : raw.slice(end + 4);
  const fields: HeaderField[] = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && fields.length > 0) {
      const last = fields[fields.length - 1]!;
      last.raw += `\r\n${line}`;
    } else {
      fields.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), raw: line });
    }
  }
  return { fields, body };
}

/** Relaxed header canonicalization of one field. */
function relaxedHeader(field: HeaderField): string {
  const value = field.raw.slice(field.raw.indexOf(':') + 1).replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim();
  return `${field.name}:${value}`;
}

/** Relaxed body canonicalization. */
function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}

/** Verifies the (first) DKIM-Signature of a raw message with a PEM public key. */
export function verifyDkim(raw: string, publicKeyPem: string): DkimCheck {
  const { fields, body } = splitMessage(raw);
  const signatureField = fields.find((field) => field.name === 'dkim-signature');
  if (!signatureField) throw new Error('no DKIM-Signature header');
  const tagText = signatureField.raw.slice(signatureField.raw.indexOf(':') + 1).replace(/\r\n[ \t]+/g, ' ');
  const tags = Object.fromEntries(
    tagText
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.slice(0, part.indexOf('=')).trim(), part.slice(part.indexOf('=') + 1).replace(/\s+/g, '')]),
  );
  if (tags.c !== 'relaxed/relaxed' || tags.a !== 'rsa-sha256') throw new Error(`unsupported DKIM form c=${tags.c} a=${tags.a}`);
  const bodyHash = createHash('sha256').update(relaxedBody(body), 'utf8').digest('base64');
  const signedHeaders = (tags.h ?? '').split(':').map((name) => name.trim().toLowerCase());
  // Each name in h= takes the next field of that name from the bottom up.
  const used = new Map<string, number>();
  const lines: string[] = [];
  for (const name of signedHeaders) {
    const candidates = fields.filter((field) => field.name === name && field !== signatureField);
    const taken = used.get(name) ?? 0;
    const field = candidates[candidates.length - 1 - taken];
    used.set(name, taken + 1);
    if (field) lines.push(`${relaxedHeader(field)}\r\n`);
  }
  // The signature field itself, with the b= value emptied and no final CRLF.
  const unsigned = relaxedHeader({ name: 'dkim-signature', raw: signatureField.raw.replace(/(\bb=)[^;]*/, '$1') });
  const verifier = createVerify('RSA-SHA256');
  verifier.update(lines.join('') + unsigned, 'utf8');
  return { tags, signedHeaders, bodyHashMatches: bodyHash === tags.bh, signatureValid: verifier.verify(publicKeyPem, tags.b ?? '', 'base64') };
}

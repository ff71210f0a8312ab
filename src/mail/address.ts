/**
 * Email address checks for outgoing mail. Deliberately stricter than RFC 5322: Masthead
 * only ever mails one known person at a time, so anything that could be read as a list,
 * a display name, a comment or a second header line is refused rather than interpreted.
 */
import { domainToASCII } from 'node:url';

// Dot-atom local part (RFC 5322 §3.2.3) without quoted strings: quotes, commas, angle
// brackets and parentheses are exactly what address parsers split or reinterpret.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Letters of any script are allowed in the domain (IDN; nodemailer punycodes it). Recipients
// need at least two labels (a bare host name is never a real newsroom reader); the sender
// may be `no-reply@localhost`, the default MAIL_FROM when PUBLIC_URL is unset.
const DOMAIN_LABEL = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?$/u;
// C0 controls (CR and LF above all) and DEL; a tab is harmless inside a header value.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** True when a header value or address holds CR, LF or another control character (header injection). */
export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

/** True for one bare address like `reader@example.org`: no display name, list, comment or whitespace. */
export function isPlausibleAddress(value: string, options: { allowSingleLabelDomain?: boolean } = {}): boolean {
  if (value.length > 254 || hasControlCharacters(value)) return false;
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  const labels = domain.split('.');
  const minimumLabels = options.allowSingleLabelDomain ? 1 : 2;
  return labels.length >= minimumLabels && labels.every((label) => DOMAIN_LABEL.test(label)) && domainToASCII(domain) !== '';
}

/** A sender split into its display name (if any) and its address. */
export interface Sender {
  name: string | null;
  address: string;
}

/** Reads `news@example.org` or `Name <news@example.org>` (the MAIL_FROM forms); null when it is neither. */
export function parseSender(value: string): Sender | null {
  if (hasControlCharacters(value)) return null;
  const named = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(value);
  const name = named ? named[1]!.replace(/^"(.*)"$/, '$1').trim() : null;
  const address = named ? named[2]!.trim() : value.trim();
  if (!isPlausibleAddress(address, { allowSingleLabelDomain: true })) return null;
  return { name: name === '' ? null : name, address };
}

/** The ASCII (punycode) form of an address's domain, for Message-IDs; null when it has none. */
export function asciiDomainOf(address: string): string | null {
  const domain = domainToASCII(address.slice(address.lastIndexOf('@') + 1));
  return domain === '' ? null : domain;
}

/** Turns an SMTP failure into a reason that is safe to store, log and show: no credentials, one line. */
import { redactUrl } from '../config.ts';

const MAX_REASON_LENGTH = 500;

/**
 * Describes a delivery error with every form of the SMTP password removed. Servers and
 * libraries sometimes echo the connection URL or the AUTH exchange, and the reason ends up
 * in the outbox row, the log and the admin page.
 */
export function describeDeliveryError(error: unknown, smtpUrl: string): string {
  let reason = error instanceof Error ? error.message : String(error);
  reason = reason.split(smtpUrl).join(redactUrl(smtpUrl));
  for (const secret of secretsOf(smtpUrl)) reason = reason.split(secret).join('***');
  // Any other credentials-bearing URL (a redirect, a proxy) loses its userinfo too.
  reason = reason.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@');
  reason = reason.replace(/\s+/g, ' ').trim() || 'unknown error';
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason;
}

// The password as written in the URL, decoded, and base64-encoded as AUTH PLAIN/LOGIN send it;
// longest first so a shorter form never leaves part of a longer one behind.
function secretsOf(smtpUrl: string): string[] {
  let encoded: string;
  let user: string;
  try {
    const url = new URL(smtpUrl);
    encoded = url.password;
    user = url.username;
  } catch {
    return [];
  }
  if (!encoded) return [];
  const decoded = safeDecode(encoded);
  const forms = [
    encoded,
    decoded,
    Buffer.from(decoded).toString('base64'),
    Buffer.from(`\u0000${safeDecode(user)}\u0000${decoded}`).toString('base64'),
  ];
  return [...new Set(forms)].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Comparing secrets (CSRF tokens, double-submit cookies) without leaking them through timing. */
import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a submitted token equals the expected one, in constant time. Lengths are compared
 * as bytes: a submitted value with multi-byte characters can match the expected one in
 * characters but not in bytes, and `timingSafeEqual` throws on buffers of different sizes.
 */
export function isSameToken(submitted: string | null | undefined, expected: string | null | undefined): boolean {
  if (!submitted || !expected) return false;
  const given = Buffer.from(submitted, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

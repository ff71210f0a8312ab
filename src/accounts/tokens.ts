/** Random tokens for cookies and links; only their SHA-256 is stored. */
import { createHash, randomBytes } from 'node:crypto';

/** A new unguessable token (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

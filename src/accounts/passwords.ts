/**
 * Password hashing with scrypt, a memory-hard function built into Node: a stolen
 * database costs an attacker 32 MiB of memory per guess.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/** Shortest and longest passwords accepted. */
export const PASSWORD_LIMITS = { min: 12, max: 200 } as const;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128 · N · r bytes (32 MiB here); 64 MiB leaves room without allowing absurd stored parameters.
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_LIMITS.min) return `must be at least ${PASSWORD_LIMITS.min} characters`;
  if (password.length > PASSWORD_LIMITS.max) return `must be at most ${PASSWORD_LIMITS.max} characters`;
  return null;
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash || password.length > PASSWORD_LIMITS.max) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return expected.length === key.length && timingSafeEqual(expected, key);
}

/** A hash of a random password, verified against when an account does not exist, so failures take as long either way. */
export const DUMMY_HASH_PROMISE: Promise<string> = hashPassword(randomBytes(18).toString('base64url'));

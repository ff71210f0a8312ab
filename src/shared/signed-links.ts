/**
 * Signed links for people who have no account: newsletter confirmation and preferences,
 * a licensee's delivery page. A link carries its purpose, a small payload and an expiry,
 * sealed with HMAC-SHA256 under a key the app keeps in `app_secrets` (made on first use,
 * shared by every process) or takes from MASTHEAD_SECRET. Nothing is stored per link.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** What a link may carry: short strings and whole numbers. */
export type LinkPayload = Record<string, string | number>;

/** Why a link was refused: its seal does not match (forged or mangled), or its time is up. */
export type LinkRefusal = 'forged' | 'expired';

/** The outcome of checking a link. */
export type LinkCheck = { ok: true; payload: LinkPayload } | { ok: false; reason: LinkRefusal };

/** Makes and checks signed link tokens. */
export interface LinkSigner {
  /** A token for `purpose` carrying `payload`, valid until `expiresAt` (null: no expiry). */
  sign(purpose: string, payload: LinkPayload, expiresAt: Date | null): Promise<string>;
  /** Checks a token made for `purpose`; a token made for another purpose is `forged`. */
  verify(purpose: string, token: string | undefined | null, now?: Date): Promise<LinkCheck>;
}

const SECRET_NAME = 'link-signing-key';
const MAX_TOKEN_LENGTH = 2000;

function seal(key: Buffer, purpose: string, body: string): string {
  return createHmac('sha256', key).update(`${purpose}\n${body}`).digest('base64url');
}

/** Reads the signing key, creating it once for the whole installation. */
async function loadKey(db: Kysely<Database>): Promise<Buffer> {
  const fresh = randomBytes(32).toString('base64url');
  // Two processes starting together both try; the first insert wins and both read it back.
  await db
    .insertInto('app_secrets')
    .values({ name: SECRET_NAME, value: fresh, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('app_secrets').select('value').where('name', '=', SECRET_NAME).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}

/** A signer whose key is `secret` when given (MASTHEAD_SECRET), else the installation's own key. */
export function createLinkSigner(db: Kysely<Database>, secret: string | null = null): LinkSigner {
  let key: Promise<Buffer> | null = secret ? Promise.resolve(Buffer.from(secret, 'utf8')) : null;
  const getKey = () => {
    key ??= loadKey(db).catch((error: unknown) => {
      key = null;
      throw error;
    });
    return key;
  };

  return {
    async sign(purpose, payload, expiresAt) {
      const body = Buffer.from(JSON.stringify({ ...payload, _e: expiresAt ? Math.floor(expiresAt.getTime() / 1000) : 0 })).toString('base64url');
      return `${body}.${seal(await getKey(), purpose, body)}`;
    },

    async verify(purpose, token, now = new Date()) {
      if (!token || token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: 'forged' };
      const [body, mac] = token.split('.') as [string, string];
      const expected = Buffer.from(seal(await getKey(), purpose, body));
      const given = Buffer.from(mac);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return { ok: false, reason: 'forged' };
      }
      if (!decoded || typeof decoded !== 'object' || Array.isArray(decoded)) return { ok: false, reason: 'forged' };
      const { _e: expires, ...payload } = decoded as Record<string, unknown>;
      if (typeof expires !== 'number') return { ok: false, reason: 'forged' };
      if (expires !== 0 && expires * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
      for (const value of Object.values(payload)) if (typeof value !== 'string' && typeof value !== 'number') return { ok: false, reason: 'forged' };
      return { ok: true, payload: payload as LinkPayload };
    },
  };
}

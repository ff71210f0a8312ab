/**
 * Single-use account tokens behind emailed links (invitations, password resets). The
 * random token travels only in the link; the database keeps its SHA-256, so a leaked
 * table opens no accounts. A token is consumed by one conditional update, so of two
 * requests racing with the same link exactly one wins, on SQLite and PostgreSQL alike.
 */
import type { Kysely, Transaction } from 'kysely';
import type { AccountTokensTable, Database } from '../db/schema.ts';
import { dialectOf } from '../db/dialect.ts';
import type { Mailer, OutgoingMail } from '../mail/mailer.ts';
import type { Logger } from '../shared/logger.ts';
import { isoHoursFrom, isoNow } from '../shared/time.ts';
import { newToken, tokenHash } from './tokens.ts';

/** What a token is for. */
export type AccountTokenKind = AccountTokensTable['kind'];

/** How long each kind of link works: a week to accept an invitation, an hour to reset a password. */
export const TOKEN_LIFETIME_HOURS: Readonly<Record<AccountTokenKind, number>> = { invitation: 24 * 7, password_reset: 1 };

/** The account status a token's user must have for the link to work. */
const REQUIRED_STATUS: Readonly<Record<AccountTokenKind, 'invited' | 'active'>> = { invitation: 'invited', password_reset: 'active' };

/** Why a link cannot be used, as the page explaining it needs to know. */
export type UnusableReason = 'used' | 'expired' | 'unknown';

/** A link that cannot be used (any more); routes answer it with a 4xx page, never a 500. */
export class UnusableTokenError extends Error {
  constructor(readonly reason: UnusableReason) {
    super(`account token is ${reason}`);
    this.name = 'UnusableTokenError';
  }
}

/** What a link leads to, looked up without using it up. */
export type TokenLookup = { state: 'usable'; user: { id: number; email: string; name: string }; expiresAt: string } | { state: UnusableReason };

/** Whether a string could be a token this server issued (43 base64url characters); nothing else is looked up. */
export function isTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/**
 * Issues a token for a user, deleting any unused one of the same kind first, so only the
 * newest link works. Runs inside the caller's transaction; on PostgreSQL the user's row
 * is locked first, so two concurrent issues cannot both leave a live token behind.
 */
export async function issueAccountToken(trx: Transaction<Database>, kind: AccountTokenKind, userId: number, createdBy: number | null): Promise<{ token: string; expiresAt: string }> {
  await trx
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .$if(dialectOf(trx) === 'postgres', (query) => query.forUpdate())
    .execute();
  await trx.deleteFrom('account_tokens').where('user_id', '=', userId).where('kind', '=', kind).where('used_at', 'is', null).execute();
  const token = newToken();
  const now = isoNow();
  const expiresAt = isoHoursFrom(now, TOKEN_LIFETIME_HOURS[kind]);
  await trx
    .insertInto('account_tokens')
    .values({ kind, token_hash: tokenHash(token), user_id: userId, created_by: createdBy, created_at: now, expires_at: expiresAt, used_at: null })
    .execute();
  return { token, expiresAt };
}

/** Finds out whether a link works and whose it is, without using it. */
export async function lookUpAccountToken(db: Kysely<Database>, kind: AccountTokenKind, token: string): Promise<TokenLookup> {
  if (!isTokenShaped(token)) return { state: 'unknown' };
  const row = await db
    .selectFrom('account_tokens')
    .innerJoin('users', 'users.id', 'account_tokens.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.status', 'account_tokens.expires_at', 'account_tokens.used_at'])
    .where('account_tokens.token_hash', '=', tokenHash(token))
    .where('account_tokens.kind', '=', kind)
    .executeTakeFirst();
  // A link for an account that has since been disabled (or already activated) is as good as unknown.
  if (!row || row.status !== REQUIRED_STATUS[kind]) return { state: row?.used_at ? 'used' : 'unknown' };
  if (row.used_at) return { state: 'used' };
  if (row.expires_at <= isoNow()) return { state: 'expired' };
  return { state: 'usable', user: { id: row.id, email: row.email, name: row.name }, expiresAt: row.expires_at };
}

/**
 * Uses a token up and returns its user's id; throws UnusableTokenError when it was already
 * used, has expired or never existed. One conditional update decides: a second request
 * (even one running at the same moment) finds `used_at` set and changes nothing.
 */
export async function consumeAccountToken(trx: Transaction<Database>, kind: AccountTokenKind, token: string): Promise<number> {
  const now = isoNow();
  const row = isTokenShaped(token)
    ? await trx
        .updateTable('account_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash(token))
        .where('kind', '=', kind)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('user_id')
        .executeTakeFirst()
    : undefined;
  if (row) return Number(row.user_id);
  const existing = isTokenShaped(token)
    ? await trx.selectFrom('account_tokens').select(['used_at']).where('token_hash', '=', tokenHash(token)).where('kind', '=', kind).executeTakeFirst()
    : undefined;
  throw new UnusableTokenError(!existing ? 'unknown' : existing.used_at ? 'used' : 'expired');
}

/** Deletes a user's unused links of every kind (the account was disabled). */
export async function revokeAccountTokens(trx: Transaction<Database>, userId: number): Promise<void> {
  await trx.deleteFrom('account_tokens').where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

/** What the commands that email links need: the database, the mailer and the words and address of the site. */
export interface AccountMailContext {
  db: Kysely<Database>;
  mailer: Mailer;
  logger: Logger;
  /** The site's public base URL, without a trailing slash. */
  publicUrl: string;
  siteName: string;
}

/** How an emailed message fared: sent by SMTP, kept in the outbox (no SMTP configured), or refused. */
export type Delivery = 'sent' | 'stored' | 'failed';

/** The address of a link: `/admin/invite/<token>` or `/admin/reset/<token>` on the public site. */
export function accountLinkUrl(publicUrl: string, kind: AccountTokenKind, token: string): string {
  return `${publicUrl}/admin/${kind === 'invitation' ? 'invite' : 'reset'}/${token}`;
}

/** A link's expiry as people read it in an email: `2026-12-04 21:00 UTC`. */
export function readableExpiry(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * Sends an account email and reports how it went instead of throwing: the account change
 * it belongs to is already committed, and the outbox keeps the message either way.
 */
export async function sendAccountMail(context: AccountMailContext, mail: OutgoingMail): Promise<Delivery> {
  try {
    const sent = await context.mailer.send({ ...mail, headers: { 'Auto-Submitted': 'auto-generated', ...mail.headers } });
    return sent.status;
  } catch (error) {
    context.logger.warn('account email not sent', { purpose: mail.purpose, error: error instanceof Error ? error.message : String(error) });
    return 'failed';
  }
}

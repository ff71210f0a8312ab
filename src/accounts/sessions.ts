/** Server-side sessions: the cookie holds a random token, the database its hash and the CSRF token. */
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.ts';
import { isoHoursFrom, isoNow } from '../shared/time.ts';
import { newToken, tokenHash } from './tokens.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'masthead_session';
/** How long a session lives without use. */
export const SESSION_IDLE_HOURS = 24 * 14;

/** A valid session and its user. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  status: 'active' | 'invited' | 'disabled';
  csrfToken: string;
  tokenHash: string;
}

/** Starts a session; returns the cookie token (only ever sent to the browser). */
export async function createSession(db: Kysely<Database>, userId: number, client: { ip: string | null; userAgent: string | null }): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const now = isoNow();
  await db
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), user_id: userId, csrf_token: csrfToken, created_at: now, last_seen_at: now, expires_at: isoHoursFrom(now, SESSION_IDLE_HOURS), ip: client.ip, user_agent: client.userAgent?.slice(0, 300) ?? null })
    .execute();
  await db.updateTable('users').set({ last_login_at: now }).where('id', '=', userId).execute();
  return { token, csrfToken };
}

/** The user behind a cookie token, if the session is live and the account active; extends idle expiry. */
export async function findSession(db: Kysely<Database>, token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const hash = tokenHash(token);
  const now = isoNow();
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.status', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at'])
    .where('sessions.token_hash', '=', hash)
    .executeTakeFirst();
  if (!row || row.expires_at <= now || row.status !== 'active') return null;
  // Touch at most every ten minutes: a write per request would serialise reads on SQLite.
  if (Date.parse(now) - Date.parse(row.last_seen_at) > 600_000) {
    await db.updateTable('sessions').set({ last_seen_at: now, expires_at: isoHoursFrom(now, SESSION_IDLE_HOURS) }).where('token_hash', '=', hash).execute();
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role, status: row.status, csrfToken: row.csrf_token, tokenHash: hash };
}

/** Ends one session. */
export async function destroySession(db: Kysely<Database>, hash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hash).execute();
}

/** Ends every session of a user ("sign out everywhere", password change, role change). */
export async function destroyAllSessions(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/**
 * Admin request plumbing: who is signed in, CSRF checks on every state-changing form,
 * the session cookie's attributes, and the client address for rate limits and audit.
 */
import { isIP } from 'node:net';
import type { Context, Input } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppContext, AppEnv } from '../app-context.ts';
import { SESSION_COOKIE, SESSION_IDLE_HOURS, findSession } from '../accounts/sessions.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import { newToken } from '../accounts/tokens.ts';
import { PublicError } from '../http/errors.tsx';
import { can } from '../accounts/policy.ts';
import type { Action } from '../accounts/policy.ts';
import { isSameToken } from '../shared/same-token.ts';

/** Cookie carrying the CSRF token of forms shown before anyone is signed in (setup, sign-in). */
export const FORM_CSRF_COOKIE = 'masthead_form_csrf';

type AnyContext = Context<AppEnv, string, Input>;

/** Whether cookies must be Secure: whenever the site's public address is https. */
function isSecure(app: AppContext): boolean {
  return app.config.publicUrl.startsWith('https:');
}

/** The signed-in user of this request, looked up once. */
export async function currentUser(c: AnyContext, app: AppContext): Promise<SessionUser | null> {
  const known = c.get('user');
  if (known !== undefined) return known;
  const user = await findSession(app.db, getCookie(c, SESSION_COOKIE));
  c.set('user', user);
  return user;
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over https, scoped to the site. */
export function setSessionCookie(c: AnyContext, app: AppContext, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: isSecure(app), path: '/', maxAge: SESSION_IDLE_HOURS * 3600 });
}

/** Removes the session cookie. */
export function clearSessionCookie(c: AnyContext, app: AppContext): void {
  setCookie(c, SESSION_COOKIE, '', { httpOnly: true, sameSite: 'Lax', secure: isSecure(app), path: '/', maxAge: 0 });
}

/** The CSRF token for a form shown to someone not signed in (double-submit cookie). */
export function formCsrfToken(c: AnyContext, app: AppContext): string {
  const existing = getCookie(c, FORM_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = newToken();
  setCookie(c, FORM_CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: isSecure(app), path: '/admin' });
  return token;
}

/** Refuses a form post whose CSRF token does not match the session's (or, signed out, the form cookie's). */
export function checkCsrf(c: AnyContext, submitted: unknown, user: SessionUser | null): void {
  const token = typeof submitted === 'string' ? submitted : undefined;
  const expected = user ? user.csrfToken : getCookie(c, FORM_CSRF_COOKIE);
  if (!isSameToken(token, expected)) throw new PublicError(403, 'This form has expired or did not come from this site. Reload the page and try again.');
}

/**
 * The client's address, for rate limits and the audit log: the socket's peer, or, behind
 * `TRUST_PROXY` reverse proxies, the X-Forwarded-For entry that the outermost trusted proxy
 * added. Entries left of that are whatever the client claimed, so they are never believed.
 */
export function clientIp(c: AnyContext): string | null {
  const incoming = c.env?.incoming as { socket?: { remoteAddress?: string }; headers?: Record<string, string | string[] | undefined> } | undefined;
  return resolveClientIp(incoming?.socket?.remoteAddress ?? null, incoming?.headers?.['x-forwarded-for'], c.var.trustProxyHops ?? 0);
}

/** The client's address from the socket's peer and X-Forwarded-For, believing `hops` proxies. Exported for tests. */
export function resolveClientIp(peer: string | null, forwardedFor: string | string[] | undefined, hops: number): string | null {
  if (hops === 0 || peer === null || forwardedFor === undefined) return peer;
  // Repeated headers are one list, in order (RFC 9110 §5.3).
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const chain = [...forwarded, peer];
  const client = chain[Math.max(0, chain.length - 1 - hops)] ?? peer;
  // Only an address is an address: a proxy passing junk through must not make every junk value its own client.
  return isIP(client) === 0 ? peer : client;
}

/**
 * The signed-in staff member allowed `action`, for an admin page: a redirect to sign in
 * when nobody is, the form's CSRF token checked on posts, and a 403 with `refusal` otherwise.
 */
export async function staffMember(c: AnyContext, app: AppContext, action: Action, options: { form?: Record<string, unknown> | null; refusal: string }): Promise<SessionUser | Response> {
  const user = await currentUser(c, app);
  if (!user) return c.redirect('/admin/login', 303);
  if (options.form) checkCsrf(c, options.form.csrf, user);
  if (!can(user, action)) throw new PublicError(403, options.refusal);
  return user;
}

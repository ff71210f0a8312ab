/**
 * Guards for forms anyone may post (newsletter sign-up, republishing requests).
 *
 * - Cross-site posts are refused: a browser always names the page a POST came from (`Origin`,
 *   or `Sec-Fetch-Site`), and it must be this site. Forms inside cached pages cannot carry a
 *   per-visitor token, so this origin check is their CSRF defence; forms on pages rendered
 *   per visitor also carry a double-submit token (`publicFormToken`).
 * - A honeypot field that people never see: a bot that fills it is answered as if all went
 *   well, and nothing is done.
 * - Rate limits per address and per client, kept in the database (`hitRateLimit`).
 */
import type { Context, Input } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppContext, AppEnv } from '../app-context.ts';
import { hitRateLimit } from '../accounts/rate-limit.ts';
import { newToken } from '../accounts/tokens.ts';
import { PublicError } from './errors.tsx';
import { isSameToken } from '../shared/same-token.ts';

type AnyContext = Context<AppEnv, string, Input>;

/** Name of the hidden field people leave empty. */
export const HONEYPOT_FIELD = 'website';

/** Cookie of the double-submit token for public forms. */
export const PUBLIC_FORM_COOKIE = 'masthead_public_form';

/** Refuses a post that a browser says came from another site. */
export function checkSameOrigin(c: AnyContext, app: AppContext): void {
  const fetchSite = c.req.header('sec-fetch-site');
  if (fetchSite === 'cross-site') throw new PublicError(403, 'This form can only be sent from this site. Open the page on this site and try again.');
  const origin = c.req.header('origin');
  if (!origin || origin === 'null' && fetchSite === 'same-origin') return;
  const allowed = new Set<string>([new URL(app.config.publicUrl).origin]);
  const host = c.req.header('host');
  if (host) allowed.add(`${new URL(c.req.url).protocol}//${host}`);
  if (!allowed.has(origin)) throw new PublicError(403, 'This form can only be sent from this site. Open the page on this site and try again.');
}

/** Whether the honeypot field was filled in (a bot): answer as if it worked and do nothing. */
export function isHoneypotFilled(form: Record<string, unknown>): boolean {
  const value = form[HONEYPOT_FIELD];
  return typeof value === 'string' && value.trim() !== '';
}

/** The double-submit token of a public form on a page rendered for this visitor (sets its cookie). */
export function publicFormToken(c: AnyContext, app: AppContext): string {
  const existing = getCookie(c, PUBLIC_FORM_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = newToken();
  setCookie(c, PUBLIC_FORM_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: app.config.publicUrl.startsWith('https:'), path: '/' });
  return token;
}

/** Refuses a post whose double-submit token does not match its cookie. */
export function checkPublicFormToken(c: AnyContext, submitted: unknown): void {
  const cookie = getCookie(c, PUBLIC_FORM_COOKIE);
  const token = typeof submitted === 'string' ? submitted : '';
  if (!isSameToken(token, cookie)) {
    throw new PublicError(403, 'This form has expired or did not come from this site. Reload the page and try again.');
  }
}

/** Counts one attempt under each key; a 429 naming the wait when any is over its limit. */
export async function limitPublicForm(app: AppContext, limits: { key: string; limit: number; windowSeconds: number }[]): Promise<void> {
  for (const { key, limit, windowSeconds } of limits) {
    const result = await hitRateLimit(app.db, key, limit, windowSeconds);
    if (!result.allowed) {
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      throw new PublicError(429, `Too many attempts. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
    }
  }
}

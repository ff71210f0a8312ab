/**
 * The signed links in newsletter mail. Readers have no account: a link proves who they are
 * for one purpose. Links carry the subscriber's `link_version`, so erasing a reader (or
 * asking for fresh links) makes every earlier link stop working.
 */
import type { AppContext } from '../app-context.ts';
import { absoluteUrl } from '../site/urls.ts';
import type { LinkCheck, LinkPayload } from '../shared/signed-links.ts';

/** Purposes of newsletter links (a token made for one is refused by the others). */
export const NEWSLETTER_LINK = {
  confirm: 'newsletter-confirm',
  preferences: 'newsletter-preferences',
  unsubscribe: 'newsletter-unsubscribe',
} as const;

/** How long a confirmation link works. */
export const CONFIRMATION_HOURS = 48;

/** How long preferences and unsubscribe links in mail keep working (old issues stay in inboxes). */
export const MAIL_LINK_DAYS = 400;

/** Link in the confirmation mail: confirms the pending subscriptions of this subscriber. */
export async function confirmationUrl(app: AppContext, subscriberId: number, linkVersion: number, now = new Date()): Promise<string> {
  const token = await app.links.sign(NEWSLETTER_LINK.confirm, { s: subscriberId, v: linkVersion }, new Date(now.getTime() + CONFIRMATION_HOURS * 3600_000));
  return absoluteUrl(app.config.publicUrl, `/newsletters/confirm/${token}`);
}

/** The preferences page of a subscriber (every email links to it). */
export async function preferencesUrl(app: AppContext, subscriberId: number, linkVersion: number, now = new Date()): Promise<string> {
  const token = await app.links.sign(NEWSLETTER_LINK.preferences, { s: subscriberId, v: linkVersion }, new Date(now.getTime() + MAIL_LINK_DAYS * 86_400_000));
  return absoluteUrl(app.config.publicUrl, `/newsletters/preferences/${token}`);
}

/**
 * The one-click unsubscribe link of one list (RFC 8058): a POST unsubscribes without
 * cookies or login, a GET shows a page with a button. `issueId` (optional) lets the issue's
 * stats count the unsubscription.
 */
export async function unsubscribeUrl(app: AppContext, subscriberId: number, newsletterId: number, linkVersion: number, issueId: number | null = null, now = new Date()): Promise<string> {
  const payload: LinkPayload = { s: subscriberId, n: newsletterId, v: linkVersion };
  if (issueId) payload.i = issueId;
  const token = await app.links.sign(NEWSLETTER_LINK.unsubscribe, payload, new Date(now.getTime() + MAIL_LINK_DAYS * 86_400_000));
  return absoluteUrl(app.config.publicUrl, `/newsletters/unsubscribe/${token}`);
}

/** Reads the subscriber id and link version out of a checked link (null when it lacks them). */
export function subscriberOfLink(check: LinkCheck): { subscriberId: number; linkVersion: number; newsletterId: number | null; issueId: number | null } | null {
  if (!check.ok) return null;
  const { s, v, n, i } = check.payload;
  if (typeof s !== 'number' || typeof v !== 'number') return null;
  return { subscriberId: s, linkVersion: v, newsletterId: typeof n === 'number' ? n : null, issueId: typeof i === 'number' ? i : null };
}

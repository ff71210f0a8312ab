/**
 * Newsletter sign-up from any public form (/newsletters, the article promo, an embedded
 * form on another site): reads and checks the form, applies the rate limits, records the
 * pending subscriptions and mails the confirmation link.
 *
 * The answer never tells whether an address was known: every accepted form gets the same
 * page, whatever the address's state, and the mail (confirmation, or "you are already
 * subscribed" with the preferences link) goes out in the background so response times do
 * not differ either. At most MAIL_PER_HOUR mails go to one address per hour; beyond that
 * the form still answers the same and nothing is sent, so the form cannot be used to
 * flood someone's inbox.
 */
import type { AppContext } from '../app-context.ts';
import { hitRateLimit } from '../accounts/rate-limit.ts';
import { limitPublicForm } from '../http/public-forms.ts';
import { format, messagesFor } from '../i18n/index.ts';
import { isLanguageCode } from '../i18n/languages.ts';
import { escapeHtml } from '../shared/escape.ts';
import { localizeSettings } from '../site/settings.ts';
import { confirmationUrl, preferencesUrl } from './links.ts';
import type { Newsletter } from './lists.ts';
import { formatFrom } from './message.ts';
import { checkEmail, signUp } from './subscribers.ts';
import type { SignupOutcome } from './subscribers.ts';

/** Confirmation mails one address may receive per hour. */
export const MAIL_PER_HOUR = 3;
/** Sign-up attempts per address per hour (beyond: 429). */
export const ADDRESS_ATTEMPTS_PER_HOUR = 10;
/** Sign-up attempts per client address per 15 minutes (beyond: 429). */
export const CLIENT_ATTEMPTS_PER_QUARTER = 30;

/** The rate-limit keys that name a reader's address (forgotten when the reader is erased). */
export function addressRateLimitKeys(email: string): { signups: string; mails: string } {
  const address = email.toLowerCase();
  return { signups: `newsletter-signup:address:${address}`, mails: `newsletter-mail:${address}` };
}

/** Where a sign-up came from (stored as the subscription's source). */
export type SignupSource = 'form' | 'promo' | 'embed';

/** A problem with a sign-up form, shown next to the form. */
export type SignupProblem = 'invalidEmail' | 'emailTooLong' | 'chooseOne' | 'unknownList';

/** The sign-up form as typed, for showing it again. */
export interface SignupForm {
  email: string;
  listIds: number[];
  language: string;
  source: SignupSource;
  /** Whether a `newsletter` value was not a list number at all (a tampered form). */
  hasBadListValue: boolean;
}

/** Reads the posted form (unknown fields ignored, nothing trusted). */
export function readSignupForm(body: Record<string, unknown>): SignupForm {
  const email = typeof body.email === 'string' ? body.email.slice(0, 1000) : '';
  const raw = body.newsletter;
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const isListValue = (value: unknown): value is string => typeof value === 'string' && /^[1-9][0-9]{0,9}$/.test(value);
  const listIds = [...new Set(values.filter(isListValue).map(Number))].slice(0, 50);
  const language = typeof body.language === 'string' && isLanguageCode(body.language) ? body.language : 'en';
  const source: SignupSource = body.source === 'promo' || body.source === 'embed' ? body.source : 'form';
  return { email, listIds, language, source, hasBadListValue: !values.every(isListValue) };
}

/** Checks the form against the public lists; the problems, or the lists and normalised address. */
export function checkSignupForm(form: SignupForm, publicLists: readonly Newsletter[]): { ok: true; email: string; lists: Newsletter[] } | { ok: false; problems: SignupProblem[] } {
  const problems: SignupProblem[] = [];
  const email = checkEmail(form.email);
  if (!email.ok) problems.push(email.problem === 'too-long' ? 'emailTooLong' : 'invalidEmail');
  const lists = form.listIds.map((id) => publicLists.find((list) => list.id === id));
  if (form.hasBadListValue || lists.some((list) => !list)) problems.push('unknownList');
  else if (form.listIds.length === 0) problems.push('chooseOne');
  if (problems.length > 0 || !email.ok) return { ok: false, problems };
  return { ok: true, email: email.email, lists: lists.filter((list): list is Newsletter => list !== undefined) };
}

/** Counts a form post from a client (429 beyond the limit); done before anything else is looked at. */
export async function limitClient(app: AppContext, ip: string | null): Promise<void> {
  await limitPublicForm(app, [{ key: `newsletter-signup:ip:${ip ?? 'unknown'}`, limit: CLIENT_ATTEMPTS_PER_QUARTER, windowSeconds: 900 }]);
}

const inFlight = new Set<Promise<void>>();

/**
 * Records a checked sign-up and mails the reader in the background. Throws PublicError(429)
 * when the address has tried too often.
 */
export async function requestSubscription(app: AppContext, input: { email: string; lists: Newsletter[]; language: string; source: SignupSource }): Promise<void> {
  await limitPublicForm(app, [{ key: addressRateLimitKeys(input.email).signups, limit: ADDRESS_ATTEMPTS_PER_HOUR, windowSeconds: 3600 }]);
  const outcome = await signUp(app.db, { email: input.email, language: input.language, lists: input.lists, source: input.source });
  const work = mailAfterSignup(app, outcome, input.language).catch((error: unknown) => {
    app.logger.error('newsletter sign-up mail failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
  inFlight.add(work);
  void work.finally(() => inFlight.delete(work));
}

/** Waits for sign-up mail still being sent (for an orderly shutdown, and for tests that read the outbox). */
export async function settleSignupMail(): Promise<void> {
  await Promise.all([...inFlight]);
}

async function mailAfterSignup(app: AppContext, outcome: SignupOutcome, pageLanguage: string): Promise<void> {
  const { subscriber } = outcome;
  const allowed = await hitRateLimit(app.db, addressRateLimitKeys(subscriber.email).mails, MAIL_PER_HOUR, 3600);
  if (!allowed.allowed) return;
  const language = outcome.pending[0]?.language ?? outcome.alreadyConfirmed[0]?.language ?? pageLanguage;
  const site = localizeSettings((await app.catalog()).site, language).name;
  // The mail comes from the newsletter the reader asked for, as its issues will: a reader
  // should recognise the sender, and it is signed for that sender's domain like the issues.
  const list = outcome.pending[0] ?? outcome.alreadyConfirmed[0];
  const replyTo = list?.reply_to ?? undefined;
  const from = list ? formatFrom({ name: list.sender_name, address: list.sender_address }) : undefined;
  const mail =
    outcome.pending.length > 0
      ? confirmationMail(language, site, outcome.pending, await confirmationUrl(app, subscriber.id, subscriber.linkVersion))
      : alreadySubscribedMail(language, site, outcome.alreadyConfirmed, await preferencesUrl(app, subscriber.id, subscriber.linkVersion));
  await app.mailer.send({ to: subscriber.email, ...mail, ...(replyTo ? { replyTo } : {}), ...(from ? { from } : {}) });
}

/** One line of text for a header: control characters (CR, LF…) become spaces. */
function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

function listLines(lists: readonly Newsletter[]): string[] {
  return lists.map((list) => `- ${list.name}${list.cadence ? ` (${list.cadence})` : ''}`);
}

function mailHtml(language: string, paragraphs: string[], lists: readonly Newsletter[], link: { href: string; label: string }, after: string[]): string {
  const dir = language === 'ar' ? 'rtl' : 'ltr';
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  return [
    `<!doctype html><html lang="${escapeHtml(language)}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>`,
    `<body style="margin:0;padding:24px;background:#f5f2ee;color:#1b1a19;font-family:Georgia,serif;font-size:17px;line-height:1.5">`,
    `<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-top:4px solid #8a1c2b">`,
    ...paragraphs.map(p),
    `<ul style="margin:0 0 16px;padding-inline-start:20px">${lists.map((list) => `<li><strong>${escapeHtml(list.name)}</strong>${list.cadence ? ` — ${escapeHtml(list.cadence)}` : ''}</li>`).join('')}</ul>`,
    `<p style="margin:0 0 16px"><a href="${escapeHtml(link.href)}" style="display:inline-block;padding:12px 20px;background:#8a1c2b;color:#ffffff;text-decoration:none;font-family:Arial,sans-serif;font-weight:bold">${escapeHtml(link.label)}</a></p>`,
    `<p style="margin:0 0 16px;font-size:14px;color:#5e5955;word-break:break-all">${escapeHtml(link.href)}</p>`,
    ...after.map(p),
    `</div></body></html>`,
  ].join('\n');
}

/** The confirmation mail: which lists, the link, and what to do if it was not you. */
export function confirmationMail(language: string, site: string, lists: readonly Newsletter[], link: string): { subject: string; text: string; html: string; purpose: string } {
  const t = messagesFor(language).newsletters;
  const intro = format(t.mailConfirmIntro, { site });
  return {
    subject: oneLine(format(t.mailConfirmSubject, { site })),
    text: [intro, '', ...listLines(lists), '', t.mailConfirmAction, link, '', t.mailConfirmIgnore, '', site].join('\n'),
    html: mailHtml(language, [intro], lists, { href: link, label: t.mailConfirmButton }, [t.mailConfirmIgnore, site]),
    purpose: 'newsletter_confirmation',
  };
}

/** The mail to a reader who signed up again for lists they already receive: a way to manage them instead. */
export function alreadySubscribedMail(language: string, site: string, lists: readonly Newsletter[], link: string): { subject: string; text: string; html: string; purpose: string } {
  const t = messagesFor(language).newsletters;
  return {
    subject: oneLine(format(t.mailAlreadySubject, { site })),
    text: [t.mailAlreadyIntro, '', ...listLines(lists), '', t.mailAlreadyAction, link, '', site].join('\n'),
    html: mailHtml(language, [t.mailAlreadyIntro], lists, { href: link, label: t.manageLink }, [site]),
    purpose: 'newsletter_confirmation',
  };
}

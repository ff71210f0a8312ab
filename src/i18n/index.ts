/** Message catalogues by language, with `{name}` interpolation. */
import { ar } from './messages/ar.ts';
import { en } from './messages/en.ts';
import type { Messages } from './messages/en.ts';
import { fr } from './messages/fr.ts';

export type { Messages } from './messages/en.ts';

const CATALOGUES: Record<string, Messages> = { en, ar, fr };

/** The catalogue for a language, English when there is none. */
export function messagesFor(language: string): Messages {
  return CATALOGUES[language] ?? en;
}

/** Fills `{name}` placeholders in a message. */
export function format(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building an Intl.DateTimeFormat costs far more than using one: keep one per locale and style.
function formatter(language: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}|${withTime}`;
  let cached = formatters.get(key);
  if (!cached) {
    const locale = language === 'ar' ? 'ar-u-nu-latn' : language === 'fr' ? 'fr-FR' : 'en-GB';
    cached = new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' } : { dateStyle: 'long', timeZone: 'UTC' });
    formatters.set(key, cached);
  }
  return cached;
}

// Formatting a date costs microseconds and a page shows a dozen; the same published
// times recur on every page, so keep recent results (bounded; cleared when full).
const formatted = new Map<string, string>();

function memoised(key: string, make: () => string): string {
  let value = formatted.get(key);
  if (value === undefined) {
    if (formatted.size >= 20_000) formatted.clear();
    value = make();
    formatted.set(key, value);
  }
  return value;
}

/** Formats an ISO time for readers in a language, in UTC (the newsroom's time zone setting comes later). */
export function formatDateTime(iso: string, language: string): string {
  return memoised(`t|${language}|${iso}`, () => `${formatter(language, true).format(new Date(iso))} UTC`);
}

/** Formats an ISO time as a date only. */
export function formatDate(iso: string, language: string): string {
  return memoised(`d|${language}|${iso}`, () => formatter(language, false).format(new Date(iso)));
}

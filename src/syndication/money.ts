/**
 * Money as the republishing flows keep it: integer minor units of an ISO 4217 currency,
 * never floats. Decimal text typed by people ("125.50", "1.5") is turned into integers by
 * string arithmetic, and integers are shown through Intl.NumberFormat from a decimal
 * string, so no value ever passes through a binary fraction.
 */

/**
 * Currencies a rate card may use, with their minor-unit exponent (ISO 4217). The table is
 * explicit rather than read from Intl: ICU's display digits differ from ISO for some
 * currencies (it shows IQD with none), and the exponent decides what a stored integer means.
 */
export const CURRENCY_EXPONENTS = {
  USD: 2, EUR: 2, GBP: 2, CHF: 2, CAD: 2, AUD: 2,
  AED: 2, SAR: 2, QAR: 2, EGP: 2, LBP: 2, MAD: 2, TRY: 2, ILS: 2, DZD: 2,
  JPY: 0, KRW: 0, ISK: 0,
  KWD: 3, BHD: 3, JOD: 3, OMR: 3, TND: 3, LYD: 3, IQD: 3,
} as const satisfies Record<string, 0 | 2 | 3>;

/** A currency code from the table above. */
export type CurrencyCode = keyof typeof CURRENCY_EXPONENTS;

/** The currency codes, for selects and validation. */
export const CURRENCY_CODES = Object.keys(CURRENCY_EXPONENTS) as CurrencyCode[];

/** Largest amount a rate card or quote may hold, in minor units (keeps every product of the pricing inside safe integers). */
export const MAX_MINOR = 10_000_000_000;

/** Largest multiplier, in basis points (×10). */
export const MAX_BASIS_POINTS = 100_000;

/** Basis points of ×1.00. */
export const BASIS_POINTS_ONE = 10_000;

/** Whether a code is a currency rate cards may use. */
export function isCurrencyCode(value: string): value is CurrencyCode {
  return Object.hasOwn(CURRENCY_EXPONENTS, value);
}

/** Digits after the decimal point of a currency (0 for JPY, 2 for USD, 3 for KWD). */
export function currencyExponent(currency: string): number {
  return isCurrencyCode(currency) ? CURRENCY_EXPONENTS[currency] : 2;
}

/** The outcome of reading decimal text: the integer, or a sentence saying what is wrong. */
export type DecimalParse = { ok: true; value: number } | { ok: false; problem: string };

/**
 * Reads non-negative decimal text into an integer scaled by 10^places ("125.5" with 2 places
 * is 12550), exactly: digits are shifted as text, never multiplied as floats.
 */
export function parseScaledDecimal(text: string, places: number, max: number): DecimalParse {
  const value = text.trim().replace(/,/g, '');
  if (value === '') return { ok: false, problem: 'is required' };
  if (value.startsWith('-')) return { ok: false, problem: 'cannot be negative' };
  const match = /^(\d{1,16})(?:\.(\d*))?$/.exec(value) ?? /^()\.(\d+)$/.exec(value);
  if (!match) return { ok: false, problem: 'must be a number like 125.50' };
  const whole = match[1] ?? '';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > places) {
    return { ok: false, problem: places === 0 ? 'cannot have decimals' : `can have at most ${places} decimal${places === 1 ? '' : 's'}` };
  }
  const scaled = BigInt(`${whole || '0'}${fraction.padEnd(places, '0')}`);
  if (scaled > BigInt(max)) return { ok: false, problem: `is too large (at most ${formatScaled(max, places)})` };
  return { ok: true, value: Number(scaled) };
}

/** Reads an amount typed in a currency's major unit ("125.50" USD → 12550; "1.250" KWD → 1250). */
export function parseMoney(text: string, currency: string): DecimalParse {
  return parseScaledDecimal(text, currencyExponent(currency), MAX_MINOR);
}

/** Reads a multiplier typed as a decimal ("1.5" → 15000 basis points); at most 4 decimals. */
export function parseMultiplier(text: string): DecimalParse {
  return parseScaledDecimal(text, 4, MAX_BASIS_POINTS);
}

/** An integer scaled by 10^places as plain decimal text (12550, 2 → "125.50"). */
export function formatScaled(value: number, places: number): string {
  const negative = value < 0;
  const digits = String(Math.abs(Math.trunc(value))).padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative ? `-${text}` : text;
}

/** Minor units as the decimal text an input shows (12550 USD → "125.50"). */
export function minorToDecimal(minor: number, currency: string): string {
  return formatScaled(minor, currencyExponent(currency));
}

/** Basis points as the multiplier an input shows (15000 → "1.5", 10000 → "1"). */
export function basisPointsToDecimal(bp: number): string {
  return formatScaled(bp, 4).replace(/\.?0+$/, '');
}

/** Minor units as money for people, in a locale ("$125.50", "KWD 1.250", "¥1,250"). */
export function formatMoney(minor: number, currency: string, locale = 'en-GB'): string {
  const exponent = currencyExponent(currency);
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
  // A decimal string is formatted exactly (Intl.NumberFormat v3); Number(minor / 10^n) could not be.
  return format.format(formatScaled(minor, exponent) as unknown as number);
}

/** A multiplier for people ("×1.5"). */
export function formatMultiplier(bp: number): string {
  return `×${basisPointsToDecimal(bp)}`;
}

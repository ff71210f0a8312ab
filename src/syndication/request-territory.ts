/**
 * Territories of republishing licences and when two of them overlap, in one place (the
 * request form, the exclusivity check and the admin's approval all ask this module).
 *
 * A territory is stored as text: `worldwide`, `regional:mena` (the Middle East and North
 * Africa), `national:JO` or `local:JO` (a place inside one country). The scope before the
 * colon picks the rate card's multiplier; the country makes overlap decidable:
 * - `worldwide` overlaps everything;
 * - `regional:mena` overlaps itself and every national or local territory in a MENA country;
 * - national and local territories overlap when they name the same country (a local licence
 *   cannot say which city it excludes, so it is treated as covering its whole country).
 */
import { countries } from 'countries-list';

/** Scopes of a territory, smallest first; the rate card has a multiplier for each. */
export const TERRITORY_SCOPES = ['local', 'national', 'regional', 'worldwide'] as const;

/** One scope. */
export type TerritoryScope = (typeof TERRITORY_SCOPES)[number];

/** The one region the `regional` scope covers. */
export const REGION = 'mena';

/** Countries of the Middle East and North Africa (ISO 3166-1 alpha-2). */
export const MENA_COUNTRIES: ReadonlySet<string> = new Set([
  'AE', 'BH', 'DZ', 'EG', 'IL', 'IQ', 'IR', 'JO', 'KW', 'LB', 'LY', 'MA', 'OM', 'PS', 'QA', 'SA', 'SD', 'SY', 'TN', 'TR', 'YE',
]);

/** A parsed territory. */
export type Territory = { scope: 'worldwide' } | { scope: 'regional'; region: typeof REGION } | { scope: 'local' | 'national'; country: string };

/** Whether a value is a two-letter country code we know. */
export function isCountryCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value) && Object.hasOwn(countries, value);
}

/** Country codes and English names, sorted by name (for the form's select). */
export function countryChoices(): { code: string; name: string }[] {
  return Object.entries(countries)
    .map(([code, data]) => ({ code, name: data.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** The English name of a country code (the code itself when unknown). */
export function countryName(code: string): string {
  return Object.hasOwn(countries, code) ? countries[code as keyof typeof countries].name : code;
}

/** Builds the stored text of a territory from the form's scope and country; null when they do not fit together. */
export function territoryKey(scope: string, country: string): string | null {
  if (scope === 'worldwide') return 'worldwide';
  if (scope === 'regional') return `regional:${REGION}`;
  if ((scope === 'national' || scope === 'local') && isCountryCode(country)) return `${scope}:${country}`;
  return null;
}

/** Reads stored territory text; null for anything this module did not make. */
export function parseTerritory(value: string): Territory | null {
  if (value === 'worldwide') return { scope: 'worldwide' };
  if (value === `regional:${REGION}`) return { scope: 'regional', region: REGION };
  const match = /^(local|national):([A-Z]{2})$/.exec(value);
  if (match && isCountryCode(match[2] ?? '')) return { scope: match[1] as 'local' | 'national', country: match[2] ?? '' };
  return null;
}

/** The scope of stored territory text (for the rate card); null when unreadable. */
export function territoryScope(value: string): TerritoryScope | null {
  return parseTerritory(value)?.scope ?? null;
}

/**
 * Whether two stored territories overlap. Text this module cannot read overlaps everything:
 * an unknown territory must block an exclusive licence rather than slip past it.
 */
export function territoriesOverlap(a: string, b: string): boolean {
  const left = parseTerritory(a);
  const right = parseTerritory(b);
  if (!left || !right) return true;
  if (left.scope === 'worldwide' || right.scope === 'worldwide') return true;
  if (left.scope === 'regional' && right.scope === 'regional') return true;
  if (left.scope === 'regional') return MENA_COUNTRIES.has((right as { country: string }).country);
  if (right.scope === 'regional') return MENA_COUNTRIES.has(left.country);
  return left.country === right.country;
}

/** A territory for people: "Worldwide", "Middle East and North Africa", "Jordan (national)", "Jordan (local)". */
export function territoryLabel(value: string): string {
  const territory = parseTerritory(value);
  if (!territory) return value;
  if (territory.scope === 'worldwide') return 'Worldwide';
  if (territory.scope === 'regional') return 'Middle East and North Africa';
  return `${countryName(territory.country)} (${territory.scope})`;
}

/**
 * The rate card editor's form: a card shown as text fields (amounts as decimals in the
 * card's currency, multipliers as decimals like "1.5") and the same fields read back into a
 * card with exact string arithmetic. Problems name the field in words the editor sees.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { CURRENCY_CODES, basisPointsToDecimal, isCurrencyCode, minorToDecimal, parseMoney, parseMultiplier } from '../../syndication/money.ts';
import type { DecimalParse } from '../../syndication/money.ts';
import { rateCardSchema } from '../../syndication/rate-card.ts';
import type { RateCard, RateOverride } from '../../syndication/rate-card.ts';
import { TERRITORY_SCOPES } from '../../syndication/request-territory.ts';
import { AUDIENCE_BANDS, MEDIA, audienceLabel, mediumLabel, scopeLabel } from '../../syndication/texts.ts';

/** The form as text, by field name. */
export type RateCardFormValues = Record<string, string>;

/** Blank rows offered for new outlet types and overrides. */
export const BLANK_ROWS = 2;

/** Most rows the form reads (more are ignored, never looped over without bound). */
const MAX_ROWS = 200;

/** The multiplier tables of the form: field prefix, heading, and each key with its label. */
export const MULTIPLIER_GROUPS = [
  { prefix: 'medium', heading: 'Medium', keys: MEDIA.map((key) => [key, mediumLabel(key)] as const) },
  { prefix: 'territory', heading: 'Territory', keys: TERRITORY_SCOPES.map((key) => [key, scopeLabel(key)] as const) },
  { prefix: 'audience', heading: 'Audience size', keys: AUDIENCE_BANDS.map((key) => [key, audienceLabel(key)] as const) },
] as const;

/** A card as form values, with blank rows to add outlet types and overrides. */
export function rateCardFormValues(card: RateCard): RateCardFormValues {
  const money = (minor: number) => minorToDecimal(minor, card.currency);
  const values: RateCardFormValues = {
    currency: card.currency,
    minimum: money(card.minimumMinor),
    translation: basisPointsToDecimal(card.translationBp),
    nonExclusive: basisPointsToDecimal(card.exclusivity.nonExclusive),
    exclusive: basisPointsToDecimal(card.exclusivity.exclusive),
  };
  for (const key of MEDIA) values[`medium.${key}`] = basisPointsToDecimal(card.medium[key]);
  for (const key of TERRITORY_SCOPES) values[`territory.${key}`] = basisPointsToDecimal(card.territory[key]);
  for (const key of AUDIENCE_BANDS) values[`audience.${key}`] = basisPointsToDecimal(card.audience[key]);
  card.outletTypes.forEach((type, index) => {
    values[`outlet.${index}.key`] = type.key;
    values[`outlet.${index}.label`] = type.label;
    values[`outlet.${index}.base`] = money(type.baseMinor);
  });
  card.overrides.forEach((override, index) => {
    values[`override.${index}.section`] = override.scope === 'section' ? String(override.id) : '';
    values[`override.${index}.article`] = override.scope === 'article' ? String(override.id) : '';
    values[`override.${index}.fixed`] = override.fixedMinor === null ? '' : money(override.fixedMinor);
    for (const [key, minor] of Object.entries(override.baseMinor)) values[`override.${index}.base.${key}`] = money(minor);
  });
  return values;
}

/** How many outlet-type and override rows the values hold (for drawing the form). */
export function rowCounts(values: RateCardFormValues): { outlets: number; overrides: number } {
  const highest = (prefix: string) => {
    let count = 0;
    for (const name of Object.keys(values)) {
      const match = new RegExp(`^${prefix}\\.(\\d{1,3})\\.`).exec(name);
      if (match) count = Math.max(count, Number(match[1]) + 1);
    }
    return Math.min(count, MAX_ROWS);
  };
  return { outlets: highest('outlet'), overrides: highest('override') };
}

/** Keeps the text fields of a posted form (files and the CSRF token dropped). */
export function postedValues(form: Record<string, unknown>): RateCardFormValues {
  const values: RateCardFormValues = {};
  for (const [name, value] of Object.entries(form)) {
    if (typeof value === 'string' && name !== 'csrf' && name.length <= 80) values[name] = value.slice(0, 400);
  }
  return values;
}

/** Reads the form into a card; every problem names its field. */
export function readRateCardForm(values: RateCardFormValues, sectionIds: ReadonlySet<number>): { ok: true; card: RateCard } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const text = (name: string) => (values[name] ?? '').trim();
  const currencyText = text('currency');
  if (!isCurrencyCode(currencyText)) problems.push(`Currency: choose one of ${CURRENCY_CODES.join(', ')}`);
  const currency = isCurrencyCode(currencyText) ? currencyText : 'USD';

  const take = (label: string, result: DecimalParse): number => {
    if (result.ok) return result.value;
    problems.push(`${label}: ${result.problem}`);
    return 0;
  };
  const money = (label: string, name: string) => take(label, parseMoney(text(name), currency));
  const multiplier = (label: string, name: string) => take(label, parseMultiplier(text(name)));

  const outletTypes: RateCard['outletTypes'] = [];
  const counts = rowCounts(values);
  for (let index = 0; index < counts.outlets; index += 1) {
    const key = text(`outlet.${index}.key`);
    const label = text(`outlet.${index}.label`);
    const base = text(`outlet.${index}.base`);
    if (key === '' && label === '' && base === '') continue;
    const row = `Outlet type ${index + 1}`;
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(key)) problems.push(`${row} key: use lower-case letters, digits and hyphens, starting with a letter (up to 32)`);
    if (label === '' || label.length > 80 || /[\r\n]/.test(label)) problems.push(`${row} name: give a name of up to 80 characters on one line`);
    outletTypes.push({ key, label, baseMinor: money(`${row} base fee`, `outlet.${index}.base`) });
  }
  if (outletTypes.length === 0) problems.push('Outlet types: keep at least one');
  const keys = outletTypes.map((type) => type.key);
  if (new Set(keys).size !== keys.length) problems.push('Outlet types: each needs its own key');

  const table = <K extends string>(prefix: string, heading: string, entries: readonly (readonly [K, string])[]) =>
    Object.fromEntries(entries.map(([key, label]) => [key, multiplier(`${heading}: ${label}`, `${prefix}.${key}`)])) as Record<K, number>;
  const [medium, territory, audience] = MULTIPLIER_GROUPS;

  const overrides: RateOverride[] = [];
  for (let index = 0; index < counts.overrides; index += 1) {
    const section = text(`override.${index}.section`);
    const article = text(`override.${index}.article`);
    const fixed = text(`override.${index}.fixed`);
    const row = `Override ${index + 1}`;
    const baseMinor: Record<string, number> = {};
    for (const key of keys) {
      const value = text(`override.${index}.base.${key}`);
      if (value !== '') baseMinor[key] = money(`${row} base fee for ${key}`, `override.${index}.base.${key}`);
    }
    if (section === '' && article === '') {
      if (fixed !== '' || Object.keys(baseMinor).length > 0) problems.push(`${row}: choose a section or give an article number`);
      continue;
    }
    if (section !== '' && article !== '') {
      problems.push(`${row}: choose a section or an article, not both`);
      continue;
    }
    const id = Number(section || article);
    if (!/^[1-9]\d{0,9}$/.test(section || article)) {
      problems.push(`${row}: ${section ? 'choose a section from the list' : 'the article number must be digits'}`);
      continue;
    }
    if (section && !sectionIds.has(id)) problems.push(`${row}: that section no longer exists`);
    if (fixed === '' && Object.keys(baseMinor).length === 0) problems.push(`${row}: give a fixed fee or at least one base fee`);
    overrides.push({ scope: section ? 'section' : 'article', id, baseMinor, fixedMinor: fixed === '' ? null : money(`${row} fixed fee`, `override.${index}.fixed`) });
  }

  const card = {
    currency,
    outletTypes,
    medium: table(medium.prefix, medium.heading, medium.keys),
    territory: table(territory.prefix, territory.heading, territory.keys),
    audience: table(audience.prefix, audience.heading, audience.keys),
    exclusivity: { nonExclusive: multiplier('Non-exclusive', 'nonExclusive'), exclusive: multiplier('Exclusive', 'exclusive') },
    translationBp: multiplier('Translation', 'translation'),
    minimumMinor: money('Minimum fee', 'minimum'),
    overrides,
  };
  if (problems.length > 0) return { ok: false, problems };
  const checked = rateCardSchema.safeParse(card);
  if (!checked.success) return { ok: false, problems: checked.error.issues.map((issue) => `${issue.path.join(' ')}: ${issue.message}`) };
  return { ok: true, card: checked.data };
}

/** The article numbers among overrides that name no article. */
export async function missingOverrideArticles(db: Kysely<Database>, card: RateCard): Promise<number[]> {
  const ids = card.overrides.filter((override) => override.scope === 'article').map((override) => override.id);
  if (ids.length === 0) return [];
  const found = await db.selectFrom('articles').select('id').where('id', 'in', ids).execute();
  const known = new Set(found.map((row) => row.id));
  return ids.filter((id) => !known.has(id));
}

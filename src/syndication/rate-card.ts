/**
 * The rate card and the instant quote. A card is versioned (one `rate_cards` row per save,
 * the newest in force; each quote names the row it used) and priced with integers only.
 *
 * Pricing, in order:
 * 1. base fee of the outlet type (minor units), from the winning override when it sets one;
 * 2. multipliers in basis points (10000 = ×1.00): medium, territory scope, audience band,
 *    exclusivity, then translation (when the requester publishes in another language than
 *    the article's); each step is `round_half_up(amount × bp / 10000)` so every line of the
 *    breakdown shows an amount the requester can check by hand;
 * 3. or, when the winning override sets a fixed fee, that fee instead of 1–2;
 * 4. the minimum fee last, as its own line when it raises the total.
 * Overrides: an article's override beats its section's; only one override applies.
 * The translation surcharge is a multiplier (12500 = +25%), so it scales with the fee.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { parseStoredJson } from '../shared/json.ts';
import { BASIS_POINTS_ONE, CURRENCY_CODES, MAX_BASIS_POINTS, MAX_MINOR } from './money.ts';
import { TERRITORY_SCOPES, territoryScope } from './request-territory.ts';
import { AUDIENCE_BANDS, MEDIA, audienceLabel, languageName, mediumLabel, scopeLabel } from './texts.ts';

const minor = z.number().int().min(0).max(MAX_MINOR);
const basisPoints = z.number().int().min(0).max(MAX_BASIS_POINTS);
const outletKey = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be lower-case letters, digits and hyphens (up to 32)');

/** A table of basis points with exactly the given keys. */
function multiplierTable<const K extends readonly string[]>(keys: K) {
  return z.object(Object.fromEntries(keys.map((key) => [key, basisPoints])) as { [P in K[number]]: typeof basisPoints });
}

/** An override of a section or one article: its own base fees (per outlet type) and/or a fixed fee. */
export const rateOverrideSchema = z.object({
  scope: z.enum(['section', 'article']),
  id: z.number().int().positive(),
  baseMinor: z.record(outletKey, minor).default({}),
  fixedMinor: minor.nullable().default(null),
});

/** The card as stored in `rate_cards.card`. */
export const rateCardSchema = z
  .object({
    currency: z.enum(CURRENCY_CODES),
    outletTypes: z.array(z.object({ key: outletKey, label: z.string().trim().min(1).max(80), baseMinor: minor })).min(1).max(20),
    medium: multiplierTable(MEDIA),
    territory: multiplierTable(TERRITORY_SCOPES),
    audience: multiplierTable(AUDIENCE_BANDS),
    exclusivity: z.object({ nonExclusive: basisPoints, exclusive: basisPoints }),
    translationBp: basisPoints,
    minimumMinor: minor,
    overrides: z.array(rateOverrideSchema).max(500).default([]),
  })
  .superRefine((card, ctx) => {
    const keys = card.outletTypes.map((type) => type.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', path: ['outletTypes'], message: 'each outlet type needs its own key' });
    const scopes = card.overrides.map((override) => `${override.scope}:${override.id}`);
    if (new Set(scopes).size !== scopes.length) ctx.addIssue({ code: 'custom', path: ['overrides'], message: 'a section or article can have only one override' });
  });

/** A rate card. */
export type RateCard = z.output<typeof rateCardSchema>;

/** One override row. */
export type RateOverride = z.output<typeof rateOverrideSchema>;

/** The card used until the newsroom saves its own (USD). */
export const DEFAULT_RATE_CARD: RateCard = {
  currency: 'USD',
  outletTypes: [
    { key: 'nonprofit', label: 'Non-profit outlet', baseMinor: 7_500 },
    { key: 'commercial', label: 'Commercial outlet', baseMinor: 25_000 },
    { key: 'student', label: 'Student publication', baseMinor: 2_500 },
    { key: 'broadcaster', label: 'Broadcaster', baseMinor: 40_000 },
  ],
  medium: { web: 10_000, print: 12_500, broadcast: 15_000, newsletter: 7_500 },
  territory: { local: 7_500, national: 10_000, regional: 15_000, worldwide: 20_000 },
  audience: { 'under-10k': 7_500, '10k-100k': 10_000, '100k-1m': 15_000, 'over-1m': 20_000 },
  exclusivity: { nonExclusive: 10_000, exclusive: 30_000 },
  translationBp: 12_500,
  minimumMinor: 5_000,
  overrides: [],
};

/** What a quote depends on from the request. */
export interface QuoteRequest {
  outletType: string;
  medium: string;
  /** Stored territory text (`national:JO`…); its scope picks the multiplier. */
  territory: string;
  audienceBand: string;
  exclusive: boolean;
  /** Language the requester will publish in. */
  language: string;
}

/** What a quote depends on from the article. */
export interface QuoteArticle {
  sectionId: number;
  articleId: number;
  articleLanguage: string;
}

/** One line of a quote's breakdown. */
export type QuoteLine =
  | { kind: 'base' | 'fixed' | 'minimum'; label: string; amountMinor: number }
  | { kind: 'multiplier'; label: string; multiplierBp: number; subtotalMinor: number };

/** An instant, indicative quote. */
export interface Quote {
  totalMinor: number;
  currency: string;
  lines: QuoteLine[];
}

/** A request names an outlet type, medium, scope or band the card does not have. */
export class UnknownRateError extends RangeError {
  constructor(what: string) {
    super(`The rate card has no rate for ${what}.`);
    this.name = 'UnknownRateError';
  }
}

/** `round_half_up(amount × bp / 10000)` in BigInt (amounts and multipliers are never negative). */
export function applyBasisPoints(amountMinor: number, bp: number): number {
  const product = BigInt(amountMinor) * BigInt(bp);
  const result = (product + BigInt(BASIS_POINTS_ONE / 2)) / BigInt(BASIS_POINTS_ONE);
  if (result > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('The quote is too large to compute.');
  return Number(result);
}

/** The override that applies to an article: its own, else its section's, else none. */
export function overrideFor(card: RateCard, article: { sectionId: number; articleId: number }): RateOverride | null {
  return (
    card.overrides.find((override) => override.scope === 'article' && override.id === article.articleId) ??
    card.overrides.find((override) => override.scope === 'section' && override.id === article.sectionId) ??
    null
  );
}

function lookup<T extends Record<string, number>>(table: T, key: string, what: string): number {
  if (!Object.hasOwn(table, key)) throw new UnknownRateError(what);
  return table[key as keyof T] as number;
}

/** Prices a request with a card (integers only; see the module comment for the order and rounding). */
export function quoteFor(card: RateCard, request: QuoteRequest, article: QuoteArticle): Quote {
  const outlet = card.outletTypes.find((type) => type.key === request.outletType);
  if (!outlet) throw new UnknownRateError(`outlet type "${request.outletType}"`);
  const override = overrideFor(card, article);
  const lines: QuoteLine[] = [];
  let total: number;

  if (override?.fixedMinor !== null && override?.fixedMinor !== undefined) {
    total = override.fixedMinor;
    lines.push({ kind: 'fixed', label: override.scope === 'article' ? 'Fixed fee for this article' : 'Fixed fee for this section', amountMinor: total });
  } else {
    const overriddenBase = override?.baseMinor[outlet.key];
    total = overriddenBase ?? outlet.baseMinor;
    const baseNote = overriddenBase === undefined ? '' : override?.scope === 'article' ? ', rate for this article' : ', rate for this section';
    lines.push({ kind: 'base', label: `Base fee: ${outlet.label}${baseNote}`, amountMinor: total });
    const scope = territoryScope(request.territory);
    if (!scope) throw new UnknownRateError(`territory "${request.territory}"`);
    const steps: [string, number][] = [
      [`Medium: ${mediumLabel(request.medium)}`, lookup(card.medium, request.medium, `medium "${request.medium}"`)],
      [`Territory: ${scopeLabel(scope)}`, lookup(card.territory, scope, `territory "${scope}"`)],
      [`Audience: ${audienceLabel(request.audienceBand)}`, lookup(card.audience, request.audienceBand, `audience "${request.audienceBand}"`)],
      request.exclusive ? ['Exclusive licence', card.exclusivity.exclusive] : ['Non-exclusive licence', card.exclusivity.nonExclusive],
    ];
    if (request.language !== article.articleLanguage) steps.push([`Translation into ${languageName(request.language)}`, card.translationBp]);
    for (const [label, bp] of steps) {
      total = applyBasisPoints(total, bp);
      lines.push({ kind: 'multiplier', label, multiplierBp: bp, subtotalMinor: total });
    }
  }

  if (total < card.minimumMinor) {
    total = card.minimumMinor;
    lines.push({ kind: 'minimum', label: 'Minimum fee applies', amountMinor: total });
  }
  return { totalMinor: total, currency: card.currency, lines };
}

/** The card in force: the newest row (with who saved it), or the default card when none was saved. */
export interface CurrentRateCard {
  id: number | null;
  card: RateCard;
  createdAt: string | null;
  createdByName: string | null;
}

/** Reads the card in force; the default card (id null) when none was saved or the newest no longer parses. */
export async function currentRateCard(db: Kysely<Database>): Promise<CurrentRateCard> {
  const row = await db
    .selectFrom('rate_cards')
    .leftJoin('users', 'users.id', 'rate_cards.created_by')
    .select(['rate_cards.id', 'rate_cards.card', 'rate_cards.created_at', 'users.name as created_by_name'])
    .orderBy('rate_cards.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { id: null, card: DEFAULT_RATE_CARD, createdAt: null, createdByName: null };
  const parsed = rateCardSchema.safeParse(parseStoredJson<unknown>(row.card, null));
  // An unreadable row must not be named by quotes made with the default card: id null makes the next request save the default as a new version.
  if (!parsed.success) return { id: null, card: DEFAULT_RATE_CARD, createdAt: row.created_at, createdByName: row.created_by_name };
  return { id: row.id, card: parsed.data, createdAt: row.created_at, createdByName: row.created_by_name };
}

/** Reads one stored version (what a quote was made with); null when it is missing or unreadable. */
export async function rateCardById(db: Kysely<Database>, id: number): Promise<RateCard | null> {
  const row = await db.selectFrom('rate_cards').select('card').where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const parsed = rateCardSchema.safeParse(parseStoredJson<unknown>(row.card, null));
  return parsed.success ? parsed.data : null;
}

/** Saves a card as a new version (history is never rewritten); returns its id. */
export async function saveRateCard(db: Kysely<Database>, card: RateCard, userId: number | null, now: string): Promise<number> {
  const valid = rateCardSchema.parse(card);
  const row = await db
    .insertInto('rate_cards')
    .values({ currency: valid.currency, card: JSON.stringify(valid), created_by: userId, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

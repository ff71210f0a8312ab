/** Rate card arithmetic: a table of requests with their exact fees in minor units, and the breakdown lines. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RATE_CARD, applyBasisPoints, quoteFor, rateCardSchema } from '../../src/syndication/rate-card.ts';
import type { QuoteRequest, RateCard } from '../../src/syndication/rate-card.ts';

/** A card whose multipliers are all ×1 and without a minimum, so one change at a time can be tested. */
function flatCard(changes: Partial<RateCard> = {}): RateCard {
  return rateCardSchema.parse({
    currency: 'USD',
    outletTypes: [{ key: 'commercial', label: 'Commercial', baseMinor: 10_000 }],
    medium: { web: 10_000, print: 10_000, broadcast: 10_000, newsletter: 10_000 },
    territory: { local: 10_000, national: 10_000, regional: 10_000, worldwide: 10_000 },
    audience: { 'under-10k': 10_000, '10k-100k': 10_000, '100k-1m': 10_000, 'over-1m': 10_000 },
    exclusivity: { nonExclusive: 10_000, exclusive: 10_000 },
    translationBp: 10_000,
    minimumMinor: 0,
    overrides: [],
    ...changes,
  });
}

const BASE: QuoteRequest = { outletType: 'commercial', medium: 'web', territory: 'national:JO', audienceBand: '10k-100k', exclusive: false, language: 'en' };
const ARTICLE = { sectionId: 7, articleId: 99, articleLanguage: 'en' };

const withOverrides = (overrides: RateCard['overrides']) => ({ ...DEFAULT_RATE_CARD, overrides });

const CASES: { name: string; card: RateCard; request?: Partial<QuoteRequest>; article?: Partial<typeof ARTICLE>; total: number }[] = [
  { name: 'base fee only (flat card)', card: flatCard(), total: 10_000 },
  { name: 'default card, every multiplier ×1', card: DEFAULT_RATE_CARD, total: 25_000 },
  { name: 'non-profit base', card: DEFAULT_RATE_CARD, request: { outletType: 'nonprofit' }, total: 7_500 },
  { name: 'medium: print ×1.25', card: DEFAULT_RATE_CARD, request: { medium: 'print' }, total: 31_250 },
  { name: 'medium: newsletter ×0.75', card: DEFAULT_RATE_CARD, request: { medium: 'newsletter' }, total: 18_750 },
  { name: 'territory: worldwide ×2', card: DEFAULT_RATE_CARD, request: { territory: 'worldwide' }, total: 50_000 },
  { name: 'territory: regional ×1.5', card: DEFAULT_RATE_CARD, request: { territory: 'regional:mena' }, total: 37_500 },
  { name: 'territory: local ×0.75', card: DEFAULT_RATE_CARD, request: { territory: 'local:LB' }, total: 18_750 },
  { name: 'audience: over 1M ×2', card: DEFAULT_RATE_CARD, request: { audienceBand: 'over-1m' }, total: 50_000 },
  { name: 'exclusive ×3', card: DEFAULT_RATE_CARD, request: { exclusive: true }, total: 75_000 },
  { name: 'translation ×1.25 when the language differs', card: DEFAULT_RATE_CARD, request: { language: 'ar' }, total: 31_250 },
  { name: 'no translation when both are Arabic', card: DEFAULT_RATE_CARD, request: { language: 'ar' }, article: { articleLanguage: 'ar' }, total: 25_000 },
  {
    name: 'combined: broadcaster, broadcast, worldwide, over 1M, exclusive, translated',
    card: DEFAULT_RATE_CARD,
    request: { outletType: 'broadcaster', medium: 'broadcast', territory: 'worldwide', audienceBand: 'over-1m', exclusive: true, language: 'fr' },
    // 40000 ×1.5 = 60000 ×2 = 120000 ×2 = 240000 ×3 = 720000 ×1.25 = 900000
    total: 900_000,
  },
  { name: 'rounding: 1 ×1.5 is 2 (half up)', card: flatCard({ outletTypes: [{ key: 'commercial', label: 'C', baseMinor: 1 }], medium: { web: 15_000, print: 10_000, broadcast: 10_000, newsletter: 10_000 } }), total: 2 },
  {
    name: 'rounding at each step: 1 ×1.5 ×1.5 is 3 (once at the end would be 2)',
    card: flatCard({ outletTypes: [{ key: 'commercial', label: 'C', baseMinor: 1 }], medium: { web: 15_000, print: 10_000, broadcast: 10_000, newsletter: 10_000 }, territory: { local: 10_000, national: 15_000, regional: 10_000, worldwide: 10_000 } }),
    total: 3,
  },
  { name: 'rounding: 1 ×1.25 is 1 (below half)', card: flatCard({ outletTypes: [{ key: 'commercial', label: 'C', baseMinor: 1 }], translationBp: 12_500 }), request: { language: 'ar' }, total: 1 },
  {
    name: 'student newsletter, local, small audience: 2500 → 1875 → 1406 → 1055 (1054.5 rounds up), then the minimum 5000',
    card: DEFAULT_RATE_CARD,
    request: { outletType: 'student', medium: 'newsletter', territory: 'local:JO', audienceBand: 'under-10k' },
    total: 5_000,
  },
  { name: 'minimum does not lower a larger fee', card: flatCard({ minimumMinor: 9_999 }), total: 10_000 },
  { name: 'section override of the base fee', card: withOverrides([{ scope: 'section', id: 7, baseMinor: { commercial: 40_000 }, fixedMinor: null }]), total: 40_000 },
  { name: 'section override leaves other outlet types alone', card: withOverrides([{ scope: 'section', id: 7, baseMinor: { commercial: 40_000 }, fixedMinor: null }]), request: { outletType: 'nonprofit' }, total: 7_500 },
  { name: 'override of another section does not apply', card: withOverrides([{ scope: 'section', id: 8, baseMinor: { commercial: 40_000 }, fixedMinor: null }]), total: 25_000 },
  {
    name: 'article override beats its section’s',
    card: withOverrides([
      { scope: 'section', id: 7, baseMinor: { commercial: 40_000 }, fixedMinor: null },
      { scope: 'article', id: 99, baseMinor: { commercial: 12_000 }, fixedMinor: null },
    ]),
    request: { medium: 'print' },
    total: 15_000,
  },
  {
    name: 'article fixed fee ignores multipliers',
    card: withOverrides([{ scope: 'article', id: 99, baseMinor: {}, fixedMinor: 123_456 }]),
    request: { exclusive: true, territory: 'worldwide', language: 'ar' },
    total: 123_456,
  },
  { name: 'fixed fee under the minimum is raised to it', card: withOverrides([{ scope: 'section', id: 7, baseMinor: {}, fixedMinor: 1_000 }]), total: 5_000 },
  {
    name: 'JPY (no decimals): ¥1001 ×1.5 = ¥1502',
    card: flatCard({ currency: 'JPY', outletTypes: [{ key: 'commercial', label: 'C', baseMinor: 1_001 }], medium: { web: 15_000, print: 10_000, broadcast: 10_000, newsletter: 10_000 } }),
    total: 1_502,
  },
  {
    name: 'KWD (3 decimals): 75.500 ×1.25 ×1.5 = 141.563 (141.5625 rounds up)',
    card: flatCard({ currency: 'KWD', outletTypes: [{ key: 'commercial', label: 'C', baseMinor: 75_500 }], medium: { web: 12_500, print: 10_000, broadcast: 10_000, newsletter: 10_000 }, territory: { local: 10_000, national: 15_000, regional: 10_000, worldwide: 10_000 } }),
    total: 141_563,
  },
];

for (const example of CASES) {
  test(`quote: ${example.name}`, () => {
    const quote = quoteFor(example.card, { ...BASE, ...example.request }, { ...ARTICLE, ...example.article });
    assert.equal(quote.totalMinor, example.total);
    assert.equal(quote.currency, example.card.currency);
    assert.ok(Number.isInteger(quote.totalMinor));
  });
}

test('the breakdown names each step, with the minimum as its own last line', () => {
  const quote = quoteFor(DEFAULT_RATE_CARD, { ...BASE, outletType: 'student', medium: 'newsletter', territory: 'local:JO', audienceBand: 'under-10k', language: 'ar' }, ARTICLE);
  assert.deepEqual(
    quote.lines.map((line) => [line.kind, line.label, line.kind === 'multiplier' ? [line.multiplierBp, line.subtotalMinor] : line.amountMinor]),
    [
      ['base', 'Base fee: Student publication', 2_500],
      ['multiplier', 'Medium: Email newsletter', [7_500, 1_875]],
      ['multiplier', 'Territory: Local', [7_500, 1_406]],
      ['multiplier', 'Audience: Under 10,000', [7_500, 1_055]],
      ['multiplier', 'Non-exclusive licence', [10_000, 1_055]],
      ['multiplier', 'Translation into Arabic', [12_500, 1_319]],
      ['minimum', 'Minimum fee applies', 5_000],
    ],
  );
});

test('huge amounts are computed in BigInt and refused past safe integers', () => {
  assert.equal(applyBasisPoints(10_000_000_000, 100_000), 100_000_000_000);
  assert.equal(applyBasisPoints(9_000_000_000_000, 10_000), 9_000_000_000_000);
  assert.throws(() => applyBasisPoints(Number.MAX_SAFE_INTEGER, 20_000), RangeError);
});

test('unknown keys are refused rather than priced as zero', () => {
  assert.throws(() => quoteFor(DEFAULT_RATE_CARD, { ...BASE, outletType: 'pirate' }, ARTICLE), RangeError);
  assert.throws(() => quoteFor(DEFAULT_RATE_CARD, { ...BASE, medium: 'skywriting' }, ARTICLE), RangeError);
  assert.throws(() => quoteFor(DEFAULT_RATE_CARD, { ...BASE, territory: 'mars' }, ARTICLE), RangeError);
});

test('the card schema refuses floats, negatives, duplicate keys and duplicate overrides', () => {
  const good = JSON.parse(JSON.stringify(DEFAULT_RATE_CARD)) as RateCard;
  assert.ok(rateCardSchema.safeParse(good).success);
  assert.equal(rateCardSchema.safeParse({ ...good, minimumMinor: 12.5 }).success, false);
  assert.equal(rateCardSchema.safeParse({ ...good, minimumMinor: -1 }).success, false);
  assert.equal(rateCardSchema.safeParse({ ...good, currency: 'XXX' }).success, false);
  assert.equal(rateCardSchema.safeParse({ ...good, outletTypes: [...good.outletTypes, good.outletTypes[0]] }).success, false);
  const override = { scope: 'section', id: 3, baseMinor: {}, fixedMinor: 100 };
  assert.equal(rateCardSchema.safeParse({ ...good, overrides: [override, override] }).success, false);
  assert.equal(rateCardSchema.safeParse({ ...good, medium: { ...good.medium, web: 1.5 } }).success, false);
});

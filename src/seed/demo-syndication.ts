/**
 * The demo newsroom's syndication desk: the default rate card (USD) with one section
 * override (Analysis: its own base fees) and one article override (a fixed fee), two dozen
 * invented republishing requests on The Tamarisk's paid articles (six open, six with a
 * counter-offer, six approved with their licences, six declined) and their histories,
 * two licensees and a syndication partner with a standing licence, and a month of counted
 * views of the republished copies. Outlets and addresses are our own inventions on
 * example.org / example.com. Deterministic, so every fresh install looks the same. Run
 * after the articles exist; does nothing when requests already exist.
 *
 * No feed token is seeded: a token is a secret shown once, and one made here could be
 * shown to nobody. `masthead partner:token "Levant Press Exchange"` (or the partner's admin
 * page) makes one for the partner's feed.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { InvoiceStatus, SyndicationRequestStatus } from '../db/schema-syndication.ts';
import { referencePrefix } from '../syndication/licence-issue.ts';
import { standardTerms } from '../syndication/licence-terms.ts';
import { DEFAULT_RATE_CARD, quoteFor, saveRateCard } from '../syndication/rate-card.ts';
import type { RateCard, RateOverride } from '../syndication/rate-card.ts';
import { loadSiteSettings } from '../site/settings.ts';
import { absoluteUrl, articleUrl } from '../site/urls.ts';
import { createRng } from './demo/prng.ts';

/** Where the demo's licence terms point when the caller gives no public address. */
const DEMO_PUBLIC_URL = 'http://127.0.0.1:3000';

interface Outlet {
  name: string;
  organisation: string;
  email: string;
  url: string;
  type: 'nonprofit' | 'commercial' | 'student' | 'broadcaster';
  country: string;
}

/** The two licensees: every approved request comes from one of them. */
const LICENSEES: Outlet[] = [
  { name: 'Maya Khoury', organisation: 'Cedar Coast Review', email: 'maya.khoury@cedarcoast.example.org', url: 'https://cedarcoast.example.org', type: 'nonprofit', country: 'LB' },
  { name: 'Tom Ellery', organisation: 'Northbank Weekly', email: 'syndication@northbank.example.com', url: 'https://northbank.example.com', type: 'commercial', country: 'GB' },
];

const PARTNER = { name: 'Rana Aziz', organisation: 'Levant Press Exchange', email: 'partners@levantexchange.example.org', url: 'https://levantexchange.example.org' };

/** Outlets whose requests are still open, countered or declined. */
const ASKING: Outlet[] = [
  { name: 'Samir Haddad', organisation: 'Harbour Light Daily', email: 'samir@harbourlight.example.com', url: 'https://harbourlight.example.com', type: 'commercial', country: 'JO' },
  { name: 'Ines Moreau', organisation: 'Riverside Students’ Chronicle', email: 'editor@riverside-chronicle.example.org', url: 'https://riverside-chronicle.example.org', type: 'student', country: 'FR' },
  { name: 'Karim Nassar', organisation: 'Gulf Morning Radio', email: 'newsdesk@gulfmorning.example.com', url: 'https://gulfmorning.example.com', type: 'broadcaster', country: 'AE' },
  { name: 'Leila Mansour', organisation: 'Open Water Project', email: 'leila@openwater.example.org', url: 'https://openwater.example.org', type: 'nonprofit', country: 'EG' },
  { name: 'Daniel Brooks', organisation: 'The Plains Courier', email: 'd.brooks@plainscourier.example.com', url: 'https://plainscourier.example.com', type: 'commercial', country: 'US' },
  { name: 'Hana Yusuf', organisation: 'Atlas Evening Post', email: 'hana.yusuf@atlaspost.example.com', url: 'https://atlaspost.example.com', type: 'commercial', country: 'MA' },
];

const MEDIA = ['web', 'print', 'newsletter', 'web', 'broadcast', 'web'] as const;
const BANDS = ['under-10k', '10k-100k', '100k-1m', '10k-100k', 'over-1m', '10k-100k'] as const;

const MESSAGES = [
  'We would like to run this in our weekend edition, with your credit line and a link.',
  'Our readers follow water policy closely; we would publish it online in full.',
  'Could we translate this for our French-language readers?',
  'We plan a short series on the region and would like this as the opening piece.',
  '',
  'We would read an abridged version on air and link to it from our site.',
];

const COUNTER_NOTES = [
  'We can offer a lower fee for online use only, with the photos included.',
  'For print we would ask for the standard national rate; online is included.',
  'Happy to license this non-exclusively at this fee.',
];

const DECLINE_NOTES = [
  'This story is under review for a correction; we will not license it until that is settled.',
  'We have given exclusive rights for this story in your territory to another outlet.',
  'The photographs in this piece cannot be licensed onward, and the story does not stand without them.',
];

function day(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Seeds the syndication desk of the demo newsroom; returns how many requests and licences it made. */
export async function seedDemoSyndication(db: Kysely<Database>, options: { publicUrl?: string } = {}): Promise<{ requests: number; licences: number }> {
  const publicUrl = options.publicUrl ?? DEMO_PUBLIC_URL;
  const existing = await db.selectFrom('syndication_requests').select('id').limit(1).executeTakeFirst();
  if (existing) return { requests: 0, licences: 0 };
  const articles = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.headline', 'articles.language', 'articles.slug', 'articles.section_id', 'sections.slug as section_slug', 'articles.licensing_policy'])
    .where('articles.status', '=', 'published')
    .where((eb) =>
      eb.or([
        eb('articles.licensing_policy', '=', 'paid'),
        eb.and([eb('articles.licensing_policy', 'is', null), eb.or([eb('sections.default_licensing_policy', 'is', null), eb('sections.default_licensing_policy', '=', 'paid')])]),
      ]),
    )
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id')
    .limit(40)
    .execute();
  if (articles.length === 0) return { requests: 0, licences: 0 };

  const site = await loadSiteSettings(db);
  const prefix = referencePrefix(site.name);
  const random = createRng(2026);
  const now = new Date().toISOString();
  const card = await demoRateCard(db, articles);
  let requests = 0;
  let licences = 0;

  await db.transaction().execute(async (trx) => {
    const rateCardId = await saveRateCard(trx, card, null, day(now, -45) + 'T09:00:00.000Z');
    const licenseeIds: number[] = [];
    for (const outlet of LICENSEES) {
      const row = await trx.insertInto('licensees').values({ name: outlet.name, organisation: outlet.organisation, email: outlet.email, outlet_url: outlet.url, kind: 'licensee', created_at: day(now, -40) + 'T10:00:00.000Z' }).returning('id').executeTakeFirstOrThrow();
      licenseeIds.push(row.id);
    }
    const partner = await trx.insertInto('licensees').values({ name: PARTNER.name, organisation: PARTNER.organisation, email: PARTNER.email, outlet_url: PARTNER.url, kind: 'partner', created_at: day(now, -60) + 'T10:00:00.000Z' }).returning('id').executeTakeFirstOrThrow();

    const statuses: SyndicationRequestStatus[] = ['open', 'countered', 'approved', 'declined'];
    const invoiceOf: InvoiceStatus[] = ['paid', 'unpaid', 'waived', 'paid', 'unpaid', 'unpaid'];
    const issued: { id: number; articleId: number; referrers: string[] }[] = [];
    let sequence = 0;

    for (let index = 0; index < 24; index += 1) {
      const status = statuses[index % 4] ?? 'open';
      const round = Math.floor(index / 4);
      const article = articles[index % articles.length];
      if (!article) continue;
      const isApproved = status === 'approved';
      const outlet = isApproved ? (LICENSEES[round % 2] ?? LICENSEES[0]) : (ASKING[(index + round) % ASKING.length] ?? ASKING[0]);
      if (!outlet) continue;
      const medium = MEDIA[round] ?? 'web';
      const territory = outlet.country === 'GB' || outlet.country === 'US' || outlet.country === 'FR' ? `national:${outlet.country}` : round % 3 === 0 ? 'regional:mena' : `national:${outlet.country}`;
      const language = outlet.country === 'FR' && index % 2 === 0 ? 'fr' : article.language;
      const band = BANDS[round] ?? '10k-100k';
      const quote = quoteFor(card, { outletType: outlet.type, medium, territory, audienceBand: band, exclusive: false, language }, { sectionId: article.section_id, articleId: article.id, articleLanguage: article.language });
      // Open requests are recent; decided ones older, so the queue reads like a working desk.
      const createdAt = new Date(Date.parse(now) - (status === 'open' ? 1 + round * 1.5 : 6 + round * 5 + index * 0.3) * 86_400_000 - Math.floor(random.next() * 36_000_000)).toISOString();
      const periodStart = day(createdAt, 2);
      const periodEnd = day(createdAt, 2 + (isApproved && round === 5 ? 20 : 90));
      const offered = status === 'countered' || isApproved ? Math.max(card.minimumMinor, Math.round((quote.totalMinor * (round % 2 === 0 ? 0.8 : 1)) / 100) * 100) : null;
      const canonicalUrl = absoluteUrl(publicUrl, articleUrl(article.language, article.section_slug, article.slug));
      const terms = standardTerms({ siteName: site.name, headline: article.headline, articleLanguage: article.language, canonicalUrl, medium, territory, language, exclusive: false, validFrom: periodStart, validTo: periodEnd });
      const decidedAt = new Date(Date.parse(createdAt) + 26 * 3_600_000).toISOString();
      const row = await trx
        .insertInto('syndication_requests')
        .values({
          article_id: article.id,
          status,
          requester_name: outlet.name,
          requester_email: outlet.email,
          organisation: outlet.organisation,
          outlet_url: outlet.url,
          outlet_type: outlet.type,
          medium,
          territory,
          language,
          audience_band: band,
          exclusive: 0,
          period_start: periodStart,
          period_end: periodEnd,
          intended_date: round % 2 === 0 ? periodStart : null,
          message: MESSAGES[round] ?? '',
          rate_card_id: rateCardId,
          currency: card.currency,
          quote_minor: quote.totalMinor,
          quote_breakdown: JSON.stringify(quote.lines),
          offered_minor: offered,
          offered_terms: offered === null ? null : terms,
          created_at: createdAt,
          updated_at: status === 'open' ? createdAt : decidedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      requests += 1;
      const event = (kind: string, at: string, message: string | null, fee: number | null) => trx.insertInto('syndication_request_events').values({ request_id: row.id, kind, actor_user_id: null, message, fee_minor: fee, at }).execute();
      await event('submitted', createdAt, null, quote.totalMinor);
      if (status === 'countered') {
        await event('countered', decidedAt, COUNTER_NOTES[round % COUNTER_NOTES.length] ?? null, offered);
        await event('emailed', decidedAt, `Kept in the outbox: “An offer for republishing” to ${outlet.email}`, null);
      } else if (status === 'declined') {
        await event('declined', decidedAt, DECLINE_NOTES[round % DECLINE_NOTES.length] ?? null, null);
        await event('emailed', decidedAt, `Kept in the outbox: “Your request to republish” to ${outlet.email}`, null);
      } else if (isApproved) {
        sequence += 1;
        const number = String(sequence).padStart(4, '0');
        const year = decidedAt.slice(0, 4);
        const invoiceStatus = invoiceOf[round] ?? 'unpaid';
        const fee = invoiceStatus === 'waived' ? 0 : (offered ?? quote.totalMinor);
        const licence = await insertDemoLicence(trx, {
          reference: `${prefix}-${year}-${number}`, requestId: row.id, articleId: article.id, licenseeId: licenseeIds[round % 2] ?? 0, terms, fee, currency: card.currency, territory, medium, language,
          validFrom: periodStart, validTo: periodEnd, invoiceNumber: `INV-${year}-${number}`, invoiceStatus, createdAt: decidedAt,
        });
        licences += 1;
        await event('approved', decidedAt, `Licence ${prefix}-${year}-${number} issued (invoice INV-${year}-${number}, ${invoiceStatus}), valid ${periodStart} to ${periodEnd}.`, fee);
        await event('emailed', decidedAt, `Kept in the outbox: “Licence ${prefix}-${year}-${number}” to ${outlet.email}`, null);
        issued.push({ id: licence, articleId: article.id, referrers: [`${outlet.url}/world/${article.slug}`, `${outlet.url}/`, ''] });
      }
    }

    // The partner's standing licence: worldwide, online, on the newest paid story.
    const standing = articles[0];
    if (standing) {
      sequence += 1;
      const number = String(sequence).padStart(4, '0');
      const year = now.slice(0, 4);
      const validFrom = day(now, -30);
      const validTo = day(now, 335);
      const canonicalUrl = absoluteUrl(publicUrl, articleUrl(standing.language, standing.section_slug, standing.slug));
      const licence = await insertDemoLicence(trx, {
        reference: `${prefix}-${year}-${number}`, requestId: null, articleId: standing.id, licenseeId: partner.id,
        terms: standardTerms({ siteName: site.name, headline: standing.headline, articleLanguage: standing.language, canonicalUrl, medium: 'newsletter', territory: 'worldwide', language: standing.language, exclusive: false, validFrom, validTo }),
        fee: 120_000, currency: card.currency, territory: 'worldwide', medium: 'newsletter', language: standing.language, validFrom, validTo, invoiceNumber: `INV-${year}-${number}`, invoiceStatus: 'paid', createdAt: day(now, -31) + 'T12:00:00.000Z',
      });
      licences += 1;
      issued.push({ id: licence, articleId: standing.id, referrers: [`${PARTNER.url}/digest/${standing.slug}`, ''] });
    }

    // A month of counted views: a few hundred a day at most, most from the licensee's own article page.
    for (const licence of issued) {
      for (let ago = 29; ago >= 0; ago -= 1) {
        const date = day(now, -ago);
        for (const [position, referrer] of licence.referrers.entries()) {
          const views = Math.floor(random.next() * (position === 0 ? 180 : 25));
          if (views === 0) continue;
          await trx.insertInto('republication_views').values({ article_id: licence.articleId, licence_id: licence.id, day: date, referrer, views, counter_key: `${licence.articleId}:${licence.id}:${date}:${referrer}` }).execute();
        }
      }
    }
  });
  return { requests, licences };
}

/**
 * The default card plus what a desk typically adds: Analysis pieces cost more to license
 * (their own base fees for commercial outlets and broadcasters), and one story goes for a
 * fixed fee whatever the use.
 */
async function demoRateCard(db: Kysely<Database>, articles: { id: number }[]): Promise<RateCard> {
  const analysis = await db.selectFrom('sections').select('id').where('slug', '=', 'analysis').executeTakeFirst();
  const fixedFeeArticle = articles[2];
  const overrides: RateOverride[] = [];
  if (analysis) overrides.push({ scope: 'section', id: analysis.id, baseMinor: { commercial: 40_000, broadcaster: 60_000 }, fixedMinor: null });
  if (fixedFeeArticle) overrides.push({ scope: 'article', id: fixedFeeArticle.id, baseMinor: {}, fixedMinor: 15_000 });
  return { ...DEFAULT_RATE_CARD, overrides };
}

async function insertDemoLicence(
  trx: Transaction<Database>,
  licence: { reference: string; requestId: number | null; articleId: number; licenseeId: number; terms: string; fee: number; currency: string; territory: string; medium: string; language: string; validFrom: string; validTo: string; invoiceNumber: string; invoiceStatus: InvoiceStatus; createdAt: string },
): Promise<number> {
  const row = await trx
    .insertInto('licences')
    .values({
      reference: licence.reference,
      request_id: licence.requestId,
      article_id: licence.articleId,
      licensee_id: licence.licenseeId,
      terms: licence.terms,
      fee_minor: licence.fee,
      currency: licence.currency,
      territory: licence.territory,
      medium: licence.medium,
      language: licence.language,
      exclusive: 0,
      valid_from: licence.validFrom,
      valid_to: licence.validTo,
      invoice_number: licence.invoiceNumber,
      invoice_status: licence.invoiceStatus,
      revoked_at: null,
      created_by: null,
      created_at: licence.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

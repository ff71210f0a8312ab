/**
 * Republishing requests from other outlets: validating the public form, the exclusivity
 * rule, and storing a request with its instant quote (then emailing the requester a link to
 * follow it). No HTTP here; the routes in request-routes.tsx turn outcomes into pages.
 */
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import type { Database, LicensingPolicy } from '../db/schema.ts';
import { hasControlCharacters, isPlausibleAddress } from '../mail/address.ts';
import { isIsoDate, isoNow, yearsLater } from '../shared/time.ts';
import { articleUrl } from '../site/urls.ts';
import { requestStatusUrl } from './links.ts';
import { parseStoredJson } from '../shared/json.ts';
import { DEFAULT_RATE_CARD, currentRateCard, quoteFor, rateCardById, saveRateCard } from './rate-card.ts';
import type { Quote, QuoteLine, RateCard } from './rate-card.ts';
import { quoteMail } from './request-mail.tsx';
import { TERRITORY_SCOPES, territoriesOverlap, territoryKey } from './request-territory.ts';
import { AUDIENCE_BANDS, MEDIA, PUBLICATION_LANGUAGES, REQUESTER_EVENTS, REQUEST_FIELDS } from './texts.ts';
import type { FieldProblem, RequestField } from './texts.ts';

/** A published article as the request pages need it, with its licensing policy resolved. */
export interface RequestableArticle {
  id: number;
  headline: string;
  language: string;
  sectionId: number;
  /** Article's own policy, else its section's default, else paid (as the article page decides). */
  policy: LicensingPolicy;
  url: string;
}

/** Loads a published article; null when there is none (or its section is gone). */
export async function loadRequestableArticle(app: AppContext, articleId: number): Promise<RequestableArticle | null> {
  const row = await app.db
    .selectFrom('articles')
    .select(['id', 'headline', 'language', 'section_id', 'slug', 'licensing_policy'])
    .where('id', '=', articleId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!row) return null;
  const section = (await app.catalog()).sectionsById.get(row.section_id);
  if (!section) return null;
  return {
    id: row.id,
    headline: row.headline,
    language: row.language,
    sectionId: row.section_id,
    policy: row.licensing_policy ?? section.defaultLicensingPolicy ?? 'paid',
    url: articleUrl(row.language, section.slug, row.slug),
  };
}

/** A request that passed validation. */
export interface ValidRequest {
  name: string;
  email: string;
  organisation: string;
  outletUrl: string;
  outletType: string;
  medium: string;
  /** Stored territory text (see request-territory.ts). */
  territory: string;
  language: string;
  audienceBand: string;
  exclusive: boolean;
  periodStart: string;
  periodEnd: string;
  intendedDate: string | null;
  message: string;
}

/** Field problems of a refused form. */
export type RequestProblems = Partial<Record<RequestField, FieldProblem>>;

/** The form as text, field by field (what the page shows again after a refusal). */
export type RequestFormValues = Record<RequestField, string>;

/** The longest licence, in years. */
export const MAX_LICENCE_YEARS = 5;

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'required')
    .max(max, 'tooLong')
    .refine((value) => !hasControlCharacters(value), 'lineBreaks');

const choice = (options: readonly string[]) => z.string().refine((value) => options.includes(value), 'choice');

/** Reads the form's fields as text (missing fields are empty; files are ignored). */
export function requestFormValues(form: Record<string, unknown>): RequestFormValues {
  return Object.fromEntries(REQUEST_FIELDS.map((field) => [field, typeof form[field] === 'string' ? form[field] : ''])) as RequestFormValues;
}

/** Validates the form against the card in force; `today` is YYYY-MM-DD (UTC). */
export function parseRequestInput(form: Record<string, unknown>, card: RateCard, today: string): { ok: true; value: ValidRequest } | { ok: false; problems: RequestProblems } {
  const values = requestFormValues(form);
  const problems: RequestProblems = {};
  const fields = {
    name: oneLine(200),
    email: z.string().trim().min(1, 'required').max(254, 'tooLong').refine((value) => isPlausibleAddress(value), 'email'),
    organisation: oneLine(200),
    outletUrl: oneLine(500).refine((value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') && url.username === '' && url.password === '';
    }, 'url'),
    outletType: choice(card.outletTypes.map((type) => type.key)),
    medium: choice(MEDIA),
    territoryScope: choice(TERRITORY_SCOPES),
    language: choice(Object.keys(PUBLICATION_LANGUAGES)),
    audienceBand: choice(AUDIENCE_BANDS),
    exclusive: choice(['yes', 'no']),
    periodStart: z.string().trim().min(1, 'required').refine(isIsoDate, 'date'),
    periodEnd: z.string().trim().min(1, 'required').refine(isIsoDate, 'date'),
    intendedDate: z.string().trim().refine((value) => value === '' || isIsoDate(value), 'date'),
    message: z
      .string()
      .max(4000, 'tooLong')
      // Line breaks (and tabs) belong in a message; other control characters do not.
      .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value), 'controlCharacters'),
  } satisfies Partial<Record<RequestField, z.ZodType<string>>>;
  const parsed: Partial<Record<RequestField, string>> = {};
  for (const [field, schema] of Object.entries(fields) as [RequestField, z.ZodType<string>][]) {
    const result = schema.safeParse(values[field]);
    if (result.success) parsed[field] = result.data;
    else problems[field] = (result.error.issues[0]?.message ?? 'required') as FieldProblem;
  }

  const territory = parsed.territoryScope ? territoryKey(parsed.territoryScope, values.country.trim()) : null;
  if (parsed.territoryScope && !territory) problems.country = 'country';
  const { periodStart, periodEnd, intendedDate } = parsed;
  if (periodStart && periodStart < today) problems.periodStart = 'startPast';
  if (periodStart && periodEnd && !problems.periodStart) {
    if (periodEnd <= periodStart) problems.periodEnd = 'endBeforeStart';
    else if (periodEnd > yearsLater(periodStart, MAX_LICENCE_YEARS)) problems.periodEnd = 'periodTooLong';
  }
  if (intendedDate && periodStart && periodEnd && (intendedDate < periodStart || intendedDate > periodEnd)) problems.intendedDate = 'intendedOutside';

  if (Object.keys(problems).length > 0 || !territory) return { ok: false, problems };
  const valid = parsed as Record<RequestField, string>;
  return {
    ok: true,
    value: {
      name: valid.name,
      email: valid.email,
      organisation: valid.organisation,
      outletUrl: valid.outletUrl,
      outletType: valid.outletType,
      medium: valid.medium,
      territory,
      language: valid.language,
      audienceBand: valid.audienceBand,
      exclusive: valid.exclusive === 'yes',
      periodStart: valid.periodStart,
      periodEnd: valid.periodEnd,
      intendedDate: valid.intendedDate === '' ? null : valid.intendedDate,
      message: valid.message.replace(/\r\n?/g, '\n').trim(),
    },
  };
}

/** A licence standing in the way of a request. */
export interface ConflictingLicence {
  id: number;
  reference: string;
  territory: string;
  medium: string;
  exclusive: boolean;
  validFrom: string;
  validTo: string;
}

/** What exclusivity is checked for: a period of one article in a territory and medium. */
export interface ExclusivityQuery {
  articleId: number;
  /** Stored territory text. */
  territory: string;
  medium: string;
  /** First and last day (YYYY-MM-DD, inclusive). */
  from: string;
  to: string;
  /** Whether the request or licence being checked is itself exclusive (it then conflicts with every licence there). */
  exclusive: boolean;
  /** A licence to leave out (the one being re-checked). */
  excludeLicenceId?: number;
}

/**
 * The licence that blocks a request or a new licence, or null. Blocking: a licence of the
 * same article and medium, not revoked, whose period overlaps and whose territory overlaps
 * (request-territory.ts), that is exclusive, or any such licence when the new one is
 * exclusive. When several block, the one that ends last (so "until" is true).
 */
export async function exclusiveConflict(db: Kysely<Database> | Transaction<Database>, query: ExclusivityQuery): Promise<ConflictingLicence | null> {
  let select = db
    .selectFrom('licences')
    .select(['id', 'reference', 'territory', 'medium', 'exclusive', 'valid_from', 'valid_to'])
    .where('article_id', '=', query.articleId)
    .where('medium', '=', query.medium)
    .where('revoked_at', 'is', null)
    // Text comparison of ISO dates; a stored time of day after the date still sorts after it.
    .where('valid_to', '>=', query.from);
  if (query.excludeLicenceId !== undefined) select = select.where('id', '!=', query.excludeLicenceId);
  const rows = await select.execute();
  const blocking = rows
    .filter((row) => row.valid_from.slice(0, 10) <= query.to && row.valid_to.slice(0, 10) >= query.from)
    .filter((row) => (row.exclusive === 1 || query.exclusive) && territoriesOverlap(row.territory, query.territory))
    .sort((a, b) => b.valid_to.localeCompare(a.valid_to));
  const row = blocking[0];
  if (!row) return null;
  return { id: row.id, reference: row.reference, territory: row.territory, medium: row.medium, exclusive: row.exclusive === 1, validFrom: row.valid_from.slice(0, 10), validTo: row.valid_to.slice(0, 10) };
}

/** The day after a licence's last day: when the territory and medium are free again. */
export function availableFrom(conflict: ConflictingLicence): string {
  return new Date(Date.parse(`${conflict.validTo}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Why an article takes no requests: it is missing (or unpublished), free under Creative Commons, or not offered. */
export type Unavailable = 'missing' | 'cc' | 'none';

/** The outcome of `createRequest`. */
export type CreateRequestOutcome =
  | { ok: true; requestId: number; statusUrl: string; quote: Quote }
  | { ok: false; reason: 'unavailable'; unavailable: Unavailable }
  | { ok: false; reason: 'invalid'; problems: RequestProblems }
  | { ok: false; reason: 'conflict'; conflict: ConflictingLicence };

/**
 * Validates and stores a request (status `open`) with its instant quote and a `submitted`
 * event, then emails the requester the quote and the link to follow it. Nothing is written
 * when the article takes no requests, the form is refused, or a licence is in the way.
 */
export async function createRequest(app: AppContext, articleId: number, input: Record<string, unknown>): Promise<CreateRequestOutcome> {
  const article = await loadRequestableArticle(app, articleId);
  if (!article) return { ok: false, reason: 'unavailable', unavailable: 'missing' };
  if (article.policy !== 'paid') return { ok: false, reason: 'unavailable', unavailable: article.policy };
  const now = isoNow();
  const current = await currentRateCard(app.db);
  const parsed = parseRequestInput(input, current.card, now.slice(0, 10));
  if (!parsed.ok) return { ok: false, reason: 'invalid', problems: parsed.problems };
  const request = parsed.value;

  const conflict = await exclusiveConflict(app.db, { articleId, territory: request.territory, medium: request.medium, from: request.periodStart, to: request.periodEnd, exclusive: request.exclusive });
  if (conflict) return { ok: false, reason: 'conflict', conflict };

  const quote = quoteFor(current.card, request, { sectionId: article.sectionId, articleId, articleLanguage: article.language });
  const requestId = await app.db.transaction().execute(async (trx) => {
    // Quotes name the card version they used; the default card becomes a stored version the first time it prices one.
    const rateCardId = current.id ?? (await saveRateCard(trx, DEFAULT_RATE_CARD, null, now));
    const row = await trx
      .insertInto('syndication_requests')
      .values({
        article_id: articleId, status: 'open',
        requester_name: request.name, requester_email: request.email, organisation: request.organisation, outlet_url: request.outletUrl,
        outlet_type: request.outletType, medium: request.medium, territory: request.territory, language: request.language,
        audience_band: request.audienceBand, exclusive: request.exclusive ? 1 : 0,
        period_start: request.periodStart, period_end: request.periodEnd, intended_date: request.intendedDate, message: request.message,
        rate_card_id: rateCardId, currency: quote.currency, quote_minor: quote.totalMinor, quote_breakdown: JSON.stringify(quote.lines),
        offered_minor: null, offered_terms: null, created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('syndication_request_events').values({ request_id: row.id, kind: 'submitted', actor_user_id: null, message: null, fee_minor: quote.totalMinor, at: now }).execute();
    return row.id;
  });

  const statusUrl = await requestStatusUrl(app, requestId);
  const site = (await app.catalog()).site;
  const mail = quoteMail({ siteName: site.name, article, request, quote, statusUrl });
  try {
    await app.mailer.send({ to: request.email, subject: mail.subject, text: mail.text, html: mail.html, purpose: 'syndication_quote' });
  } catch (error) {
    // The request stands (the page shows the same link); the outbox keeps the failed message for the newsroom.
    app.logger.warn('syndication quote mail failed', { requestId, error: error instanceof Error ? error.message : String(error) });
  }
  return { ok: true, requestId, statusUrl, quote };
}

/** A request as its requester sees it. */
export interface RequestStatus {
  id: number;
  status: string;
  requesterName: string;
  organisation: string;
  outletUrl: string;
  outletTypeLabel: string;
  medium: string;
  territory: string;
  language: string;
  audienceBand: string;
  exclusive: boolean;
  periodStart: string;
  periodEnd: string;
  intendedDate: string | null;
  currency: string;
  quoteMinor: number;
  lines: QuoteLine[];
  offeredMinor: number | null;
  offeredTerms: string | null;
  createdAt: string;
  article: { headline: string; url: string | null; language: string };
  /** Only kinds meant for the requester (texts.ts REQUESTER_EVENTS). */
  events: { kind: string; at: string; feeMinor: number | null }[];
}

/** A request as its requester's status page shows it; null when there is no such request. */
export async function loadRequestStatus(app: AppContext, requestId: number): Promise<RequestStatus | null> {
  const row = await app.db.selectFrom('syndication_requests').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!row) return null;
  const articleRow = await app.db.selectFrom('articles').select(['headline', 'language', 'slug', 'section_id', 'status']).where('id', '=', row.article_id).executeTakeFirst();
  const section = articleRow ? (await app.catalog()).sectionsById.get(articleRow.section_id) : undefined;
  const card = await rateCardById(app.db, row.rate_card_id);
  const events = await app.db
    .selectFrom('syndication_request_events')
    .select(['kind', 'at', 'fee_minor'])
    .where('request_id', '=', requestId)
    .where('kind', 'in', Object.keys(REQUESTER_EVENTS))
    .orderBy('id')
    .execute();
  return {
    id: row.id,
    status: row.status,
    requesterName: row.requester_name,
    organisation: row.organisation,
    outletUrl: row.outlet_url,
    outletTypeLabel: card?.outletTypes.find((type) => type.key === row.outlet_type)?.label ?? row.outlet_type,
    medium: row.medium,
    territory: row.territory,
    language: row.language,
    audienceBand: row.audience_band,
    exclusive: row.exclusive === 1,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    intendedDate: row.intended_date,
    currency: row.currency,
    quoteMinor: row.quote_minor,
    lines: parseStoredJson<QuoteLine[]>(row.quote_breakdown, []),
    offeredMinor: row.offered_minor,
    offeredTerms: row.offered_terms,
    createdAt: row.created_at,
    article: {
      headline: articleRow?.headline ?? 'A story no longer available',
      url: articleRow?.status === 'published' && section ? articleUrl(articleRow.language, section.slug, articleRow.slug) : null,
      language: articleRow?.language ?? 'en',
    },
    events: events.map((event) => ({ kind: event.kind, at: event.at, feeMinor: event.fee_minor })),
  };
}

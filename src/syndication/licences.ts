/**
 * Licences after they are issued: the desk's list (keyset-paged, filtered by invoice
 * status), one licence in full, invoice status, revocation, the licences in force for an
 * article (correction notices go to their holders), and licences granted directly to a
 * licensee or partner without a request.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { recordAudit } from '../accounts/audit.ts';
import type { Database } from '../db/schema.ts';
import type { InvoiceStatus } from '../db/schema-syndication.ts';
import { isoNow } from '../shared/time.ts';
import { parseOrThrow } from '../shared/validation.ts';
import { LicenceRefusal, checkExclusivity, checkLicencePeriod, insertLicence, isoDaySchema, licensedArticle, withNumberRetry } from './licence-issue.ts';
import type { DeskActor } from './licence-issue.ts';
import { standardTerms } from './licence-terms.ts';
import { CURRENCY_CODES, MAX_MINOR } from './money.ts';
import { parseTerritory } from './request-territory.ts';
import { MEDIA, PUBLICATION_LANGUAGES } from './texts.ts';

/** Invoice states, in the order the admin offers them. */
export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['unpaid', 'paid', 'waived'];

/** A licence as lists and pages show it. */
export interface LicenceSummary {
  id: number;
  reference: string;
  requestId: number | null;
  articleId: number;
  headline: string;
  licenseeId: number;
  licenseeName: string;
  organisation: string;
  email: string;
  licenseeKind: 'licensee' | 'partner';
  feeMinor: number;
  currency: string;
  territory: string;
  medium: string;
  language: string;
  isExclusive: boolean;
  validFrom: string;
  validTo: string;
  invoiceNumber: string;
  invoiceStatus: InvoiceStatus;
  revokedAt: string | null;
  createdAt: string;
}

/** A licence in full (its terms too). */
export interface LicenceDetail extends LicenceSummary {
  terms: string;
  outletUrl: string;
}

/** Whether a licence may be used on a day (YYYY-MM-DD): started, not ended, not revoked. */
export function isLicenceInForce(licence: { validFrom: string; validTo: string; revokedAt: string | null }, day: string): boolean {
  return licence.revokedAt === null && licence.validFrom <= day && licence.validTo >= day;
}

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('licences')
    .innerJoin('articles', 'articles.id', 'licences.article_id')
    .innerJoin('licensees', 'licensees.id', 'licences.licensee_id')
    .select([
      'licences.id', 'licences.reference', 'licences.request_id', 'licences.article_id', 'articles.headline', 'licences.licensee_id', 'licensees.name as licensee_name',
      'licensees.organisation', 'licensees.email', 'licensees.kind as licensee_kind', 'licensees.outlet_url', 'licences.fee_minor', 'licences.currency', 'licences.territory',
      'licences.medium', 'licences.language', 'licences.exclusive', 'licences.valid_from', 'licences.valid_to', 'licences.invoice_number', 'licences.invoice_status',
      'licences.revoked_at', 'licences.created_at', 'licences.terms',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toDetail(row: Row): LicenceDetail {
  return {
    id: row.id,
    reference: row.reference,
    requestId: row.request_id,
    articleId: row.article_id,
    headline: row.headline,
    licenseeId: row.licensee_id,
    licenseeName: row.licensee_name,
    organisation: row.organisation,
    email: row.email,
    licenseeKind: row.licensee_kind,
    feeMinor: row.fee_minor,
    currency: row.currency,
    territory: row.territory,
    medium: row.medium,
    language: row.language,
    isExclusive: row.exclusive === 1,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    invoiceNumber: row.invoice_number,
    invoiceStatus: row.invoice_status,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
    terms: row.terms,
    outletUrl: row.outlet_url,
  };
}

/** A page marker of the licence list: the last row's creation time and id. */
export interface LicenceCursor {
  createdAt: string;
  id: number;
}

/** Filters of the licence list. */
export interface LicenceFilters {
  invoiceStatus?: InvoiceStatus | null;
  articleId?: number | null;
  after?: LicenceCursor | null;
  limit?: number;
}

/** Licences, newest first, one page at a time (keyset on creation time and id). */
export async function listLicences(db: Kysely<Database>, filters: LicenceFilters = {}): Promise<{ licences: LicenceDetail[]; next: LicenceCursor | null }> {
  const limit = filters.limit ?? 50;
  let query = baseQuery(db);
  if (filters.invoiceStatus) query = query.where('licences.invoice_status', '=', filters.invoiceStatus);
  if (filters.articleId) query = query.where('licences.article_id', '=', filters.articleId);
  const after = filters.after;
  if (after) {
    query = query.where((eb) => eb.or([eb('licences.created_at', '<', after.createdAt), eb.and([eb('licences.created_at', '=', after.createdAt), eb('licences.id', '<', after.id)])]));
  }
  const rows = await query.orderBy('licences.created_at', 'desc').orderBy('licences.id', 'desc').limit(limit + 1).execute();
  const licences = rows.slice(0, limit).map(toDetail);
  const last = licences.at(-1);
  return { licences, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** One licence in full; null when there is none. */
export async function getLicence(db: Kysely<Database>, id: number): Promise<LicenceDetail | null> {
  const row = await baseQuery(db).where('licences.id', '=', id).executeTakeFirst();
  return row ? toDetail(row) : null;
}

/** The licences of a request (normally one). */
export async function licencesOfRequest(db: Kysely<Database>, requestId: number): Promise<LicenceDetail[]> {
  return (await baseQuery(db).where('licences.request_id', '=', requestId).orderBy('licences.id').execute()).map(toDetail);
}

/** Licences of an article in force at `now` (started, not ended, not revoked), with their holders' contact. */
export async function currentLicencesOf(db: Kysely<Database>, articleId: number, now: string | Date = new Date()): Promise<LicenceDetail[]> {
  const day = (typeof now === 'string' ? now : now.toISOString()).slice(0, 10);
  const rows = await baseQuery(db)
    .where('licences.article_id', '=', articleId)
    .where('licences.revoked_at', 'is', null)
    .where('licences.valid_from', '<=', day)
    .where('licences.valid_to', '>=', day)
    .orderBy('licences.id')
    .execute();
  return rows.map(toDetail);
}

const invoiceStatusSchema = z.enum(['unpaid', 'paid', 'waived'], { message: 'must be unpaid, paid or waived' });

/** Marks a licence's invoice unpaid, paid or waived (audited). */
export async function setInvoiceStatus(db: Kysely<Database>, actor: DeskActor, licenceId: number, status: string): Promise<void> {
  const invoiceStatus = parseOrThrow(z.object({ invoiceStatus: invoiceStatusSchema }), { invoiceStatus: status }, { invoiceStatus: 'Invoice status' }).invoiceStatus;
  await db.transaction().execute(async (trx) => {
    const licence = await trx.selectFrom('licences').select(['reference', 'invoice_status']).where('id', '=', licenceId).executeTakeFirst();
    if (!licence) throw new LicenceRefusal(404, 'No licence has that number.');
    if (licence.invoice_status === invoiceStatus) return;
    await trx.updateTable('licences').set({ invoice_status: invoiceStatus }).where('id', '=', licenceId).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: 'syndication.invoice', subjectType: 'licence', subjectId: licenceId, details: { reference: licence.reference, from: licence.invoice_status, to: invoiceStatus }, ip: actor.ip });
  });
}

/** Ends a licence now: its delivery page and certificate say so, its feed stops (audited). 409 when it already was. */
export async function revokeLicence(db: Kysely<Database>, actor: DeskActor, licenceId: number, reason = ''): Promise<void> {
  const note = parseOrThrow(z.object({ reason: z.string().trim().max(2_000, 'must be at most 2,000 characters') }), { reason }, { reason: 'Reason for revoking' }).reason;
  await db.transaction().execute(async (trx) => {
    const licence = await trx.selectFrom('licences').select(['reference', 'revoked_at', 'request_id']).where('id', '=', licenceId).executeTakeFirst();
    if (!licence) throw new LicenceRefusal(404, 'No licence has that number.');
    if (licence.revoked_at) throw new LicenceRefusal(409, `Licence ${licence.reference} was already revoked on ${licence.revoked_at.slice(0, 10)}.`);
    const now = isoNow();
    await trx.updateTable('licences').set({ revoked_at: now }).where('id', '=', licenceId).execute();
    if (licence.request_id !== null) {
      await trx.insertInto('syndication_request_events').values({ request_id: licence.request_id, kind: 'revoked', actor_user_id: actor.userId, message: `Licence ${licence.reference} revoked.${note ? ` ${note}` : ''}`, fee_minor: null, at: now }).execute();
    }
    await recordAudit(trx, { actorUserId: actor.userId, action: 'syndication.revoke', subjectType: 'licence', subjectId: licenceId, details: { reference: licence.reference, reason: note }, ip: actor.ip });
  });
}

/** Licensees and partners to grant to, by organisation. */
export async function listLicensees(db: Kysely<Database>): Promise<{ id: number; name: string; organisation: string; email: string; kind: 'licensee' | 'partner' }[]> {
  return db.selectFrom('licensees').select(['id', 'name', 'organisation', 'email', 'kind']).orderBy('organisation').orderBy('id').limit(1_000).execute();
}

const grantSchema = z
  .object({
    licenseeId: z.number().int().positive('choose a licensee'),
    articleId: z.number().int().positive('must be an article number'),
    feeMinor: z.number().int().min(0, 'cannot be negative').max(MAX_MINOR, 'is too large'),
    currency: z.enum(CURRENCY_CODES, { message: 'must be a currency the rate card can use' }),
    territory: z.string().refine((value) => parseTerritory(value) !== null, 'must be a territory like worldwide, regional:mena or national:JO'),
    medium: z.enum(MEDIA, { message: 'must be web, print, broadcast or newsletter' }),
    language: z.string().refine((value) => Object.hasOwn(PUBLICATION_LANGUAGES, value), 'must be a language code like en or ar'),
    exclusive: z.boolean(),
    validFrom: isoDaySchema,
    validTo: isoDaySchema,
    terms: z.string().trim().max(10_000, 'must be at most 10,000 characters').optional(),
  })
  .strict()
  .refine((grant) => grant.validTo >= grant.validFrom, { path: ['validTo'], message: 'must be on or after the start date' });

/** The grant form's words for its fields (licence-views.tsx GrantView), for refusals. */
const GRANT_LABELS = {
  licenseeId: 'Licensee or partner', articleId: 'Article number', feeMinor: 'Fee', currency: 'Currency', territory: 'Territory', medium: 'Medium',
  language: 'Language', exclusive: 'Exclusive', validFrom: 'Valid from', validTo: 'Valid to', terms: 'Terms',
} as const;

/** What a direct grant needs. */
export type LicenceGrant = z.input<typeof grantSchema>;

/** Grants a licence without a request (a syndication partner's standing deal), with the same exclusivity rule. */
export async function grantLicence(app: AppContext, actor: DeskActor, grant: LicenceGrant): Promise<{ licenceId: number; reference: string }> {
  const input = parseOrThrow(grantSchema, grant, GRANT_LABELS);
  checkLicencePeriod(input.validFrom, input.validTo);
  const siteName = (await app.catalog()).site.name;
  const issued = await withNumberRetry(() =>
    app.db.transaction().execute(async (trx) => {
      const now = isoNow();
      const licensee = await trx.selectFrom('licensees').select('id').where('id', '=', input.licenseeId).executeTakeFirst();
      if (!licensee) throw new LicenceRefusal(422, 'Licensee or partner: no licensee or partner has that number.');
      const article = await licensedArticle(app, trx, input.articleId);
      if (!article) throw new LicenceRefusal(422, 'Article number: no article has that number.');
      if (article.status !== 'published') throw new LicenceRefusal(409, 'The article is not published, so there is nothing to deliver.');
      await checkExclusivity(trx, app.dialect, { articleId: input.articleId, territory: input.territory, medium: input.medium, exclusive: input.exclusive, validFrom: input.validFrom, validTo: input.validTo });
      const terms =
        input.terms ||
        standardTerms({ siteName, headline: article.headline, articleLanguage: article.language, canonicalUrl: article.canonicalUrl, medium: input.medium, territory: input.territory, language: input.language, exclusive: input.exclusive, validFrom: input.validFrom, validTo: input.validTo });
      const licence = await insertLicence(
        trx,
        siteName,
        { requestId: null, articleId: input.articleId, licenseeId: input.licenseeId, terms, feeMinor: input.feeMinor, currency: input.currency, territory: input.territory, medium: input.medium, language: input.language, exclusive: input.exclusive, validFrom: input.validFrom, validTo: input.validTo, createdBy: actor.userId },
        now,
      );
      await recordAudit(trx, { actorUserId: actor.userId, action: 'syndication.grant', subjectType: 'licence', subjectId: licence.id, details: { reference: licence.reference, articleId: input.articleId, licenseeId: input.licenseeId }, ip: actor.ip });
      return licence;
    }),
  );
  return { licenceId: issued.id, reference: issued.reference };
}

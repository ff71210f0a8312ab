/**
 * Issuing a licence, shared by approvals, accepted counter-offers and licences granted
 * directly to partners: the exclusivity check, the reference and invoice numbers, the
 * licensee and the row itself, inside the caller's transaction.
 *
 * Numbers are `TT-2026-0007` / `INV-2026-0007`: the site's initials, the year, and the
 * next number of that year. Two approvals at once may pick the same number; the unique
 * key on `reference` refuses the second, and `withNumberRetry` runs its whole
 * transaction again (PostgreSQL cannot carry on inside a transaction after an error).
 */
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import type { Database } from '../db/schema.ts';
import type { DialectName } from '../db/dialect.ts';
import type { InvoiceStatus } from '../db/schema-syndication.ts';
import { isIsoDate, yearsLater } from '../shared/time.ts';
import { articleUrl, absoluteUrl } from '../site/urls.ts';
import { territoryLabel } from './request-territory.ts';
import { MAX_LICENCE_YEARS, exclusiveConflict } from './requests.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** A refusal the desk can act on: 404 (no such thing), 409 (clashes with a licence or state), 422 (bad input). */
export class LicenceRefusal extends Error {
  constructor(
    readonly status: 404 | 409 | 422,
    message: string,
  ) {
    super(message);
    this.name = 'LicenceRefusal';
  }
}

/** A day as the desk's forms and commands take it: a real calendar date, YYYY-MM-DD (one message when it is not). */
export const isoDaySchema = z.string().trim().refine(isIsoDate, 'must be a real date like 2026-12-31');

/**
 * The rule every licence's period follows, however it is issued (approval, accepted offer,
 * direct grant): it ends on or after the day it starts, and lasts at most the
 * MAX_LICENCE_YEARS the request form allows.
 */
export function checkLicencePeriod(validFrom: string, validTo: string): void {
  if (validTo < validFrom) throw new LicenceRefusal(422, 'Valid to: the licence must end on or after the day it starts.');
  const latest = yearsLater(validFrom, MAX_LICENCE_YEARS);
  if (validTo > latest) throw new LicenceRefusal(422, `Valid to: a licence can last at most ${MAX_LICENCE_YEARS} years; one starting ${validFrom} must end by ${latest}.`);
}

/** What a licence is issued for. */
export interface LicenceDraft {
  requestId: number | null;
  articleId: number;
  licenseeId: number;
  terms: string;
  feeMinor: number;
  currency: string;
  territory: string;
  medium: string;
  language: string;
  exclusive: boolean;
  /** ISO dates (YYYY-MM-DD). */
  validFrom: string;
  validTo: string;
  createdBy: number | null;
}

/** The numbers a new licence received. */
export interface IssuedLicence {
  id: number;
  reference: string;
  invoiceNumber: string;
  invoiceStatus: InvoiceStatus;
}

/** An article as a licence names it. */
export interface LicensedArticle {
  id: number;
  headline: string;
  language: string;
  status: string;
  canonicalUrl: string;
}

/** The article of a licence, with its public address; null when there is none. */
export async function licensedArticle(app: AppContext, db: Executor, articleId: number): Promise<LicensedArticle | null> {
  const row = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.headline', 'articles.language', 'articles.slug', 'articles.status', 'sections.slug as section_slug'])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, headline: row.headline, language: row.language, status: row.status, canonicalUrl: absoluteUrl(app.config.publicUrl, articleUrl(row.language, row.section_slug, row.slug)) };
}

/** Prefix of licence references: the initials of the site's name ("The Tamarisk" → TT), LIC when it has none. */
export function referencePrefix(siteName: string): string {
  const initials = siteName
    .normalize('NFKD')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => /^[A-Za-z]/.test(word))
    .map((word) => (word[0] ?? '').toUpperCase())
    .join('')
    .slice(0, 4);
  return initials.length >= 2 ? initials : 'LIC';
}

/**
 * Refuses (409) a licence that clashes with another for the same article and medium over
 * overlapping dates and territories, when either of the two is exclusive. On PostgreSQL the
 * article row is locked first, so two approvals at once cannot both pass the check.
 */
export async function checkExclusivity(
  trx: Transaction<Database>,
  dialect: DialectName,
  draft: { articleId: number; territory: string; medium: string; exclusive: boolean; validFrom: string; validTo: string },
  excludeLicenceId?: number,
): Promise<void> {
  if (dialect === 'postgres') await trx.selectFrom('articles').select('id').where('id', '=', draft.articleId).forUpdate().execute();
  const clash = await exclusiveConflict(trx, {
    articleId: draft.articleId,
    territory: draft.territory,
    medium: draft.medium,
    exclusive: draft.exclusive,
    from: draft.validFrom,
    to: draft.validTo,
    ...(excludeLicenceId === undefined ? {} : { excludeLicenceId }),
  });
  if (!clash) return;
  const where = `${territoryLabel(clash.territory)}, ${clash.validFrom} to ${clash.validTo}`;
  throw new LicenceRefusal(
    409,
    clash.exclusive
      ? `Licence ${clash.reference} already gives exclusive rights to this article in this medium (${where}); change the period or territory, or decline.`
      : `An exclusive licence cannot be issued: licence ${clash.reference} already covers this article in this medium (${where}).`,
  );
}

/** The licensee with this email (kind `licensee`), created from the requester's details when new. */
export async function licenseeFor(trx: Transaction<Database>, person: { name: string; organisation: string; email: string; outletUrl: string }, now: string): Promise<number> {
  const email = person.email.trim().toLowerCase();
  const found = await trx.selectFrom('licensees').select('id').where('email', '=', email).where('kind', '=', 'licensee').orderBy('id').executeTakeFirst();
  if (found) return found.id;
  const row = await trx
    .insertInto('licensees')
    .values({ name: person.name, organisation: person.organisation, email, outlet_url: person.outletUrl, kind: 'licensee', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Inserts the licence with the next reference and invoice number of its year. */
export async function insertLicence(trx: Transaction<Database>, siteName: string, draft: LicenceDraft, now: string): Promise<IssuedLicence> {
  checkLicencePeriod(draft.validFrom, draft.validTo);
  const year = now.slice(0, 4);
  const prefix = `${referencePrefix(siteName)}-${year}-`;
  // Longest first, then highest: "…-10000" sorts after "…-9999" whatever the collation.
  const last = await trx
    .selectFrom('licences')
    .select('reference')
    .where('reference', 'like', `${prefix}%`)
    .orderBy(sql`length(reference)`, 'desc')
    .orderBy('reference', 'desc')
    .limit(1)
    .executeTakeFirst();
  const sequence = (last ? Number(last.reference.slice(prefix.length)) || 0 : 0) + 1;
  const number = String(sequence).padStart(4, '0');
  const invoiceStatus: InvoiceStatus = draft.feeMinor === 0 ? 'waived' : 'unpaid';
  const row = await trx
    .insertInto('licences')
    .values({
      reference: `${prefix}${number}`,
      request_id: draft.requestId,
      article_id: draft.articleId,
      licensee_id: draft.licenseeId,
      terms: draft.terms,
      fee_minor: draft.feeMinor,
      currency: draft.currency,
      territory: draft.territory,
      medium: draft.medium,
      language: draft.language,
      exclusive: draft.exclusive ? 1 : 0,
      valid_from: draft.validFrom,
      valid_to: draft.validTo,
      invoice_number: `INV-${year}-${number}`,
      invoice_status: invoiceStatus,
      revoked_at: null,
      created_by: draft.createdBy,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), reference: `${prefix}${number}`, invoiceNumber: `INV-${year}-${number}`, invoiceStatus };
}

/** Whether an error is a unique-key clash (SQLite or PostgreSQL). */
function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Runs a transaction that numbers a licence, again (up to 8 times) when another took the same number first. */
export async function withNumberRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 8) throw error;
    }
  }
}

/** Who on the desk made a change, for the request history and the audit log. */
export interface DeskActor {
  userId: number;
  ip: string | null;
}

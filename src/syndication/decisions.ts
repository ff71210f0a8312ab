/**
 * The desk's decisions on republishing requests: approve (issues the licence), make a
 * counter-offer, decline; and the requester's acceptance of a counter-offer. Each runs in
 * one transaction (state check, licence, status, history, audit), then emails the
 * requester; a mail that fails leaves the decision standing and says so in the history.
 */
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { recordAudit } from '../accounts/audit.ts';
import type { Database } from '../db/schema.ts';
import type { SyndicationRequestsTable } from '../db/schema-syndication.ts';
import { isoNow } from '../shared/time.ts';
import { parseOrThrow } from '../shared/validation.ts';
import type { Selectable } from 'kysely';
import { LicenceRefusal, checkExclusivity, checkLicencePeriod, insertLicence, isoDaySchema, licensedArticle, licenseeFor, withNumberRetry } from './licence-issue.ts';
import type { DeskActor } from './licence-issue.ts';
import { sendDecisionMail } from './licence-mail.ts';
import { standardTerms } from './licence-terms.ts';
import { MAX_MINOR } from './money.ts';

type RequestRow = Selectable<SyndicationRequestsTable>;

const fee = z.number().int('must be whole minor units').min(0, 'cannot be negative').max(MAX_MINOR, 'is too large');
const terms = z.string().trim().min(1, 'cannot be empty').max(10_000, 'must be at most 10,000 characters');
const message = z.string().trim().max(4_000, 'must be at most 4,000 characters');

const approvalSchema = z.object({ feeMinor: fee.optional(), terms: terms.optional(), validFrom: isoDaySchema.optional(), validTo: isoDaySchema.optional() }).strict();
const counterSchema = z.object({ feeMinor: fee, terms: terms.optional(), message: message.optional() }).strict();
const declineSchema = z.object({ message: message.min(1, 'say why, so the requester knows (it is emailed to them)') }).strict();

/** The decision forms' own words for their fields (queue-views.tsx), for refusals. */
const APPROVAL_LABELS = { feeMinor: 'Fee', terms: 'Terms', validFrom: 'Valid from', validTo: 'Valid to' } as const;
const COUNTER_LABELS = { feeMinor: 'Fee offered', terms: 'Terms', message: 'Message to the requester' } as const;
const DECLINE_LABELS = { message: 'Reason' } as const;

/** Changes the desk may make when approving; anything left out comes from the request (or its counter-offer). */
export type ApprovalChanges = z.input<typeof approvalSchema>;

/** A counter-offer: the fee, the terms (standard ones when left out) and a note to the requester. */
export type CounterOffer = z.input<typeof counterSchema>;

/** What an approval produced. */
export interface ApprovalOutcome {
  licenceId: number;
  reference: string;
  /** Whether the requester's email left (false: recorded as `email_failed`, resend from the admin). */
  emailed: boolean;
}

/** The request, locked for this transaction on PostgreSQL; 404 when there is none. */
async function lockRequest(app: AppContext, trx: Transaction<Database>, requestId: number): Promise<RequestRow> {
  let query = trx.selectFrom('syndication_requests').selectAll().where('id', '=', requestId);
  if (app.dialect === 'postgres') query = query.forUpdate();
  const request = await query.executeTakeFirst();
  if (!request) throw new LicenceRefusal(404, 'No republishing request has that number.');
  return request;
}

function refuseUnlessUndecided(request: RequestRow): void {
  if (request.status === 'approved') throw new LicenceRefusal(409, 'This request has already been approved; its licence is issued.');
  if (request.status === 'declined') throw new LicenceRefusal(409, 'This request has already been declined.');
}

// Read before a transaction starts: on SQLite the transaction holds the only connection.
async function siteNameOf(app: AppContext): Promise<string> {
  return (await app.catalog()).site.name;
}

async function addEvent(trx: Transaction<Database>, requestId: number, kind: string, actorUserId: number | null, text: string | null, feeMinor: number | null, at: string): Promise<void> {
  await trx.insertInto('syndication_request_events').values({ request_id: requestId, kind, actor_user_id: actorUserId, message: text, fee_minor: feeMinor, at }).execute();
}

/** The standard terms for a request over a period. */
async function termsFor(app: AppContext, trx: Transaction<Database>, siteName: string, request: RequestRow, period: { validFrom: string; validTo: string }): Promise<string> {
  const article = await licensedArticle(app, trx, request.article_id);
  if (!article) throw new LicenceRefusal(404, 'The article of this request no longer exists.');
  return standardTerms({
    siteName,
    headline: article.headline,
    articleLanguage: article.language,
    canonicalUrl: article.canonicalUrl,
    medium: request.medium,
    territory: request.territory,
    language: request.language,
    exclusive: request.exclusive === 1,
    ...period,
  });
}

/** Issues the licence of a request inside `trx`: the article must still be published and the period free of exclusive clashes. */
async function issueForRequest(app: AppContext, trx: Transaction<Database>, siteName: string, request: RequestRow, deal: { feeMinor: number; terms: string | null; validFrom: string; validTo: string }, actorUserId: number | null, now: string) {
  checkLicencePeriod(deal.validFrom, deal.validTo);
  if (deal.validTo < now.slice(0, 10)) throw new LicenceRefusal(422, `Valid to: the licence would already have ended (${deal.validTo}); choose a later end date.`);
  const article = await licensedArticle(app, trx, request.article_id);
  if (!article) throw new LicenceRefusal(404, 'The article of this request no longer exists.');
  if (article.status !== 'published') throw new LicenceRefusal(409, 'The article is not published at the moment, so there is nothing to deliver; publish it again first.');
  const exclusive = request.exclusive === 1;
  await checkExclusivity(trx, app.dialect, { articleId: request.article_id, territory: request.territory, medium: request.medium, exclusive, validFrom: deal.validFrom, validTo: deal.validTo });
  const licenseeId = await licenseeFor(trx, { name: request.requester_name, organisation: request.organisation, email: request.requester_email, outletUrl: request.outlet_url }, now);
  const terms =
    deal.terms ??
    standardTerms({ siteName, headline: article.headline, articleLanguage: article.language, canonicalUrl: article.canonicalUrl, medium: request.medium, territory: request.territory, language: request.language, exclusive, validFrom: deal.validFrom, validTo: deal.validTo });
  const licence = await insertLicence(
    trx,
    siteName,
    { requestId: request.id, articleId: request.article_id, licenseeId, terms, feeMinor: deal.feeMinor, currency: request.currency, territory: request.territory, medium: request.medium, language: request.language, exclusive, validFrom: deal.validFrom, validTo: deal.validTo, createdBy: actorUserId },
    now,
  );
  const moved = await trx
    .updateTable('syndication_requests')
    .set({ status: 'approved', offered_minor: deal.feeMinor, offered_terms: terms, updated_at: now })
    .where('id', '=', request.id)
    .where('status', 'in', ['open', 'countered'])
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw new LicenceRefusal(409, 'This request was decided by someone else a moment ago.');
  await addEvent(trx, request.id, 'approved', actorUserId, `Licence ${licence.reference} issued (invoice ${licence.invoiceNumber}, ${licence.invoiceStatus}), valid ${deal.validFrom} to ${deal.validTo}.`, deal.feeMinor, now);
  return licence;
}

/**
 * Approves an open or countered request: re-checks exclusivity, creates (or reuses) the
 * licensee, issues the licence and its invoice number, marks the request approved, then
 * emails the requester the delivery and certificate links.
 */
export async function approveRequest(app: AppContext, requestId: number, actor: DeskActor, changes: ApprovalChanges = {}): Promise<ApprovalOutcome> {
  const input = parseOrThrow(approvalSchema, changes, APPROVAL_LABELS);
  const siteName = await siteNameOf(app);
  const licence = await withNumberRetry(() =>
    app.db.transaction().execute(async (trx) => {
      const now = isoNow();
      const request = await lockRequest(app, trx, requestId);
      refuseUnlessUndecided(request);
      const countered = request.status === 'countered';
      const issued = await issueForRequest(
        app,
        trx,
        siteName,
        request,
        {
          feeMinor: input.feeMinor ?? (countered && request.offered_minor !== null ? request.offered_minor : request.quote_minor),
          terms: input.terms ?? (countered ? request.offered_terms : null),
          validFrom: input.validFrom ?? request.period_start.slice(0, 10),
          validTo: input.validTo ?? request.period_end.slice(0, 10),
        },
        actor.userId,
        now,
      );
      await recordAudit(trx, { actorUserId: actor.userId, action: 'syndication.approve', subjectType: 'syndication_request', subjectId: requestId, details: { licence: issued.reference }, ip: actor.ip });
      return issued;
    }),
  );
  const emailed = await sendDecisionMail(app, requestId, actor.userId);
  return { licenceId: licence.id, reference: licence.reference, emailed };
}

/** Answers an open (or already countered) request with another fee and terms; the requester may accept it. */
export async function counterOffer(app: AppContext, requestId: number, actor: DeskActor, offer: CounterOffer): Promise<{ emailed: boolean }> {
  const input = parseOrThrow(counterSchema, offer, COUNTER_LABELS);
  const siteName = await siteNameOf(app);
  await app.db.transaction().execute(async (trx) => {
    const now = isoNow();
    const request = await lockRequest(app, trx, requestId);
    refuseUnlessUndecided(request);
    const offeredTerms = input.terms ?? (await termsFor(app, trx, siteName, request, { validFrom: request.period_start.slice(0, 10), validTo: request.period_end.slice(0, 10) }));
    await trx.updateTable('syndication_requests').set({ status: 'countered', offered_minor: input.feeMinor, offered_terms: offeredTerms, updated_at: now }).where('id', '=', requestId).execute();
    await addEvent(trx, requestId, 'countered', actor.userId, input.message || null, input.feeMinor, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: 'syndication.counter', subjectType: 'syndication_request', subjectId: requestId, details: { feeMinor: input.feeMinor }, ip: actor.ip });
  });
  return { emailed: await sendDecisionMail(app, requestId, actor.userId) };
}

/** Declines an open or countered request, with the reason the requester is told. */
export async function declineRequest(app: AppContext, requestId: number, actor: DeskActor, decision: { message: string }): Promise<{ emailed: boolean }> {
  const input = parseOrThrow(declineSchema, decision, DECLINE_LABELS);
  await app.db.transaction().execute(async (trx) => {
    const now = isoNow();
    const request = await lockRequest(app, trx, requestId);
    refuseUnlessUndecided(request);
    await trx.updateTable('syndication_requests').set({ status: 'declined', updated_at: now }).where('id', '=', requestId).execute();
    await addEvent(trx, requestId, 'declined', actor.userId, input.message, null, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: 'syndication.decline', subjectType: 'syndication_request', subjectId: requestId, ip: actor.ip });
  });
  return { emailed: await sendDecisionMail(app, requestId, actor.userId) };
}

/** The requester accepts the desk's counter-offer: the licence is issued on the offered fee and terms. */
export async function acceptCounterOffer(app: AppContext, requestId: number): Promise<ApprovalOutcome> {
  const siteName = await siteNameOf(app);
  const licence = await withNumberRetry(() =>
    app.db.transaction().execute(async (trx) => {
      const now = isoNow();
      const request = await lockRequest(app, trx, requestId);
      if (request.status !== 'countered' || request.offered_minor === null) {
        throw new LicenceRefusal(409, request.status === 'approved' ? 'This offer has already been accepted; your licence is issued.' : 'There is no offer to accept on this request.');
      }
      await addEvent(trx, requestId, 'accepted', null, 'The requester accepted the offer.', request.offered_minor, now);
      return issueForRequest(app, trx, siteName, request, { feeMinor: request.offered_minor, terms: request.offered_terms, validFrom: request.period_start.slice(0, 10), validTo: request.period_end.slice(0, 10) }, null, now);
    }),
  );
  const emailed = await sendDecisionMail(app, requestId, null);
  return { licenceId: licence.id, reference: licence.reference, emailed };
}

/** Sends the email of a request's decision again (after a failure); 409 when the request is still open. */
export async function resendDecisionEmail(app: AppContext, requestId: number, actor: DeskActor): Promise<boolean> {
  const request = await app.db.selectFrom('syndication_requests').select('status').where('id', '=', requestId).executeTakeFirst();
  if (!request) throw new LicenceRefusal(404, 'No republishing request has that number.');
  if (request.status === 'open') throw new LicenceRefusal(409, 'This request has no decision to email yet.');
  await recordAudit(app.db, { actorUserId: actor.userId, action: 'syndication.resend', subjectType: 'syndication_request', subjectId: requestId, ip: actor.ip });
  return sendDecisionMail(app, requestId, actor.userId);
}

/**
 * The emails a requester receives when the desk decides: the licence (reference, fee,
 * validity, delivery and certificate links), a counter-offer (with the link to accept it)
 * or a refusal. Mail goes out after the decision is committed; whether it left is kept
 * in the request's history (`emailed` or `email_failed`), so the desk can see a failure
 * and send it again, and a decision never depends on the mail server being up.
 */
import type { AppContext } from '../app-context.ts';
import { isoNow } from '../shared/time.ts';
import { licenceDeliveryUrl, requestStatusUrl } from './links.ts';
import { formatMoney } from './money.ts';
import { territoryLabel } from './request-territory.ts';
import { languageName, mediumLabel } from './texts.ts';

/** Mail purposes, as the outbox records them. */
export const DECISION_MAIL_PURPOSE = {
  approved: 'syndication_approved',
  countered: 'syndication_countered',
  declined: 'syndication_declined',
} as const;

/** A decision mail, ready for the mailer. */
interface DecisionMail {
  to: string;
  subject: string;
  text: string;
  purpose: string;
}

/** Headlines and names go into a subject line: no line breaks, bounded length. */
function oneLine(text: string, max = 120): string {
  const flat = text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The certificate of a licence sits under its delivery page (same token). */
export function certificateUrlOf(deliveryUrl: string): string {
  return `${deliveryUrl}/certificate`;
}

/** Composes the mail for a request's current decision; null when it has none to tell (still open). */
export async function composeDecisionMail(app: AppContext, requestId: number): Promise<DecisionMail | null> {
  const request = await app.db
    .selectFrom('syndication_requests')
    .innerJoin('articles', 'articles.id', 'syndication_requests.article_id')
    .select([
      'syndication_requests.id', 'syndication_requests.status', 'syndication_requests.requester_name', 'syndication_requests.requester_email',
      'syndication_requests.currency', 'syndication_requests.offered_minor', 'syndication_requests.offered_terms', 'articles.headline',
    ])
    .where('syndication_requests.id', '=', requestId)
    .executeTakeFirst();
  if (!request || request.status === 'open') return null;
  const site = (await app.catalog()).site.name;
  const headline = oneLine(request.headline);
  const greeting = `Dear ${oneLine(request.requester_name, 200)},`;
  const signature = `The syndication desk of ${site}`;

  if (request.status === 'approved') {
    const licence = await app.db.selectFrom('licences').selectAll().where('request_id', '=', requestId).orderBy('id', 'desc').executeTakeFirst();
    if (!licence) return null;
    const delivery = await licenceDeliveryUrl(app, licence.id, licence.valid_to);
    const fee = licence.fee_minor === 0 ? 'no fee (waived)' : `${formatMoney(licence.fee_minor, licence.currency)} (invoice ${licence.invoice_number}; payable within 30 days)`;
    const text = [
      greeting,
      '',
      `${site} has granted you a licence to republish “${headline}”.`,
      '',
      `Licence reference: ${licence.reference}`,
      `Fee: ${fee}`,
      `Valid from ${licence.valid_from} to ${licence.valid_to}`,
      `Medium: ${mediumLabel(licence.medium)}; territory: ${territoryLabel(licence.territory)}; language: ${languageName(licence.language)}; ${licence.exclusive ? 'exclusive' : 'non-exclusive'}`,
      '',
      'Your republishing package (clean HTML and text, the credit line and the link to the original) is here:',
      delivery,
      'The link works until the licence ends. Please keep it to your newsroom.',
      '',
      'Your licence certificate, to print or keep:',
      certificateUrlOf(delivery),
      '',
      'Terms of the licence:',
      licence.terms,
      '',
      signature,
    ].join('\n');
    return { to: request.requester_email, subject: `Licence ${licence.reference}: “${headline}”`, text, purpose: DECISION_MAIL_PURPOSE.approved };
  }

  const status = await requestStatusUrl(app, request.id);
  const note = await app.db
    .selectFrom('syndication_request_events')
    .select('message')
    .where('request_id', '=', requestId)
    .where('kind', '=', request.status)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const message = note?.message ? ['', 'A note from the desk:', note.message] : [];

  if (request.status === 'countered') {
    const fee = request.offered_minor === null ? 'see the request page' : request.offered_minor === 0 ? 'no fee' : formatMoney(request.offered_minor, request.currency);
    const text = [
      greeting,
      '',
      `${site} has answered your request to republish “${headline}” with an offer.`,
      '',
      `Fee offered: ${fee}`,
      ...message,
      '',
      'Terms offered:',
      request.offered_terms ?? '',
      '',
      'To accept the offer, open your request page and press “Accept this offer”:',
      status,
      'Nothing is agreed until you accept; your licence is issued as soon as you do.',
      '',
      signature,
    ].join('\n');
    return { to: request.requester_email, subject: `An offer for republishing “${headline}”`, text, purpose: DECISION_MAIL_PURPOSE.countered };
  }

  const text = [
    greeting,
    '',
    `${site} is unable to license “${headline}” as you asked.`,
    ...message,
    '',
    'Your request stays visible here:',
    status,
    '',
    signature,
  ].join('\n');
  return { to: request.requester_email, subject: `Your request to republish “${headline}”`, text, purpose: DECISION_MAIL_PURPOSE.declined };
}

/**
 * Sends the mail of a request's current decision and records the outcome in its history;
 * returns whether it left (or was kept in the outbox when no SMTP server is set). Never
 * throws for a delivery failure: the decision stands and the failure is shown to the desk.
 */
export async function sendDecisionMail(app: AppContext, requestId: number, actorUserId: number | null): Promise<boolean> {
  let mail: DecisionMail | null = null;
  try {
    mail = await composeDecisionMail(app, requestId);
    if (!mail) return false;
    const sent = await app.mailer.send(mail);
    await app.db
      .insertInto('syndication_request_events')
      .values({ request_id: requestId, kind: 'emailed', actor_user_id: actorUserId, message: `${sent.status === 'sent' ? 'Sent' : 'Kept in the outbox'}: “${mail.subject}” to ${mail.to}`, fee_minor: null, at: isoNow() })
      .execute();
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    app.logger.warn('syndication mail failed', { requestId, reason });
    await app.db
      .insertInto('syndication_request_events')
      .values({ request_id: requestId, kind: 'email_failed', actor_user_id: actorUserId, message: `Could not send${mail ? ` “${mail.subject}” to ${mail.to}` : ''}: ${reason}`.slice(0, 2000), fee_minor: null, at: isoNow() })
      .execute();
    return false;
  }
}

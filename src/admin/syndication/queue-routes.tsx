/**
 * The republishing desk in the admin: the queue of requests (filters, keyset pages), one
 * request with its quote, history and the three decisions (approve, counter-offer,
 * decline), and resending a decision's email. Licences live in licence-routes.tsx; the
 * licensee's public pages in licence-delivery-routes.tsx (registered from here).
 * Handlers read the form, check the editor and CSRF (deskRoute), call a command from
 * src/syndication/decisions.ts, then redirect with a notice (303) or show the page again
 * with the problem (404, 409 or 422).
 */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';
import type { SessionUser } from '../../accounts/sessions.ts';
import type { SyndicationRequestStatus } from '../../db/schema-syndication.ts';
import { PublicError } from '../../http/errors.tsx';
import { ValidationError } from '../../shared/validation.ts';
import { approveRequest, counterOffer, declineRequest, resendDecisionEmail } from '../../syndication/decisions.ts';
import type { ApprovalChanges } from '../../syndication/decisions.ts';
import { LicenceRefusal } from '../../syndication/licence-issue.ts';
import { MAX_QUEUE_SEARCH, REQUEST_STATUSES, countByStatus, getRequestDetail, listQueue } from '../../syndication/licence-requests.ts';
import type { RequestDetail } from '../../syndication/licence-requests.ts';
import { registerLicenceStyles } from '../../syndication/licence-styles.ts';
import { licencesOfRequest } from '../../syndication/licences.ts';
import { parseMoney } from '../../syndication/money.ts';
import { registerLicenceDeliveryRoutes } from './licence-delivery-routes.tsx';
import { registerLicenceAdminRoutes } from './licence-routes.tsx';
import { ID_ROUTE, actorOf, cursorParam, cursorText, dateParam, deskPage, deskRoute, fields, pathId, withQuery } from './queue-page.tsx';
import type { AnyContext, Form } from './queue-page.tsx';
import { QueueView, RequestView } from './queue-views.tsx';
import type { DecisionFormState, QueueFormValues } from './queue-views.tsx';

/** What a finished decision says on the request page (fixed texts: nothing from the address is shown). */
const NOTICES: Record<string, string> = {
  approved: 'Approved. The licence is issued and the requester has been emailed the delivery and certificate links.',
  countered: 'Counter-offer sent. The requester can accept it from their request page.',
  declined: 'Declined. The requester has been emailed the reason.',
  resent: 'The email was sent again.',
  unsent: 'The decision is saved, but the email could not be sent (see the history). Use “Resend” when the mail server is back.',
};

/** Registers the desk's request pages, the licence pages and the licensee's public pages. */
export function registerSyndicationAdminRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  registerLicenceStyles(app);
  registerLicenceAdminRoutes(app, ctx);
  registerLicenceDeliveryRoutes(app, ctx);

  const noticeOf = (c: AnyContext): string | null => NOTICES[c.req.query('notice') ?? ''] ?? null;

  deskRoute(app, ctx, 'get', '/admin/syndication', async (c, user) => {
    const rawStatus = c.req.query('status') ?? '';
    if (rawStatus !== '' && !(REQUEST_STATUSES as readonly string[]).includes(rawStatus)) throw new PublicError(400, 'The "status" value in this address must be open, countered, approved or declined.');
    const values: QueueFormValues = { status: rawStatus, article: (c.req.query('article') ?? '').trim(), outlet: (c.req.query('outlet') ?? '').trim(), from: dateParam(c.req.query('from'), 'from'), to: dateParam(c.req.query('to'), 'to') };
    if (values.article.length > MAX_QUEUE_SEARCH || values.outlet.length > MAX_QUEUE_SEARCH) throw new PublicError(400, `A search may be at most ${MAX_QUEUE_SEARCH} characters long.`);
    const after = cursorParam(c);
    const [page, counts] = await Promise.all([
      listQueue(ctx.db, { status: (rawStatus || null) as SyndicationRequestStatus | null, article: values.article, outlet: values.outlet, from: values.from || null, to: values.to || null, after }),
      countByStatus(ctx.db),
    ]);
    const nextHref = page.next ? withQuery('/admin/syndication', { ...values, after: cursorText(page.next) }) : null;
    const firstHref = after ? withQuery('/admin/syndication', { ...values }) : null;
    return deskPage(c, ctx, user, 'Republishing requests', <QueueView rows={page.rows} counts={counts} values={values} nextHref={nextHref} firstHref={firstHref} notice={null} />);
  });

  async function requestOr404(id: number): Promise<RequestDetail> {
    const request = await getRequestDetail(ctx.db, id);
    if (!request) throw new PublicError(404, 'No republishing request has that number.');
    return request;
  }

  async function requestPage(c: AnyContext, user: SessionUser, id: number, state: DecisionFormState | null = null, status = 200): Promise<Response> {
    const request = await requestOr404(id);
    const licences = await licencesOfRequest(ctx.db, id);
    const body = <RequestView request={request} licences={licences} csrf={user.csrfToken} notice={state ? null : noticeOf(c)} state={state} />;
    return deskPage(c, ctx, user, `Request ${request.id}: ${request.organisation}`, body, status);
  }

  /** Runs a decision; refusals show the request again with the reason and their status, a missing request is a 404. */
  async function decide(c: AnyContext, user: SessionUser, state: DecisionFormState, work: () => Promise<string>): Promise<Response> {
    const id = pathId(c);
    if (state.problems.length > 0) return requestPage(c, user, id, state, 422);
    try {
      const notice = await work();
      return c.redirect(`/admin/syndication/requests/${id}?notice=${notice}`, 303);
    } catch (error) {
      if (error instanceof LicenceRefusal) {
        if (error.status === 404) throw new PublicError(404, error.message);
        return requestPage(c, user, id, { ...state, problems: [error.message] }, error.status);
      }
      if (error instanceof ValidationError) return requestPage(c, user, id, { ...state, problems: error.problems }, 422);
      throw error;
    }
  }

  /** Reads a fee field in the request's currency into minor units; a problem when it is not an amount. */
  function feeOf(request: RequestDetail, text: string, problems: string[]): number | undefined {
    const fee = parseMoney(text, request.currency);
    if (fee.ok) return fee.value;
    problems.push(`Fee: ${fee.problem}.`);
    return undefined;
  }

  deskRoute(app, ctx, 'get', `/admin/syndication/requests/${ID_ROUTE}`, (c, user) => requestPage(c, user, pathId(c)));

  deskRoute(app, ctx, 'post', `/admin/syndication/requests/${ID_ROUTE}/approve`, async (c, user, form: Form) => {
    const request = await requestOr404(pathId(c));
    const values = fields(form, ['fee', 'terms', 'valid_from', 'valid_to'] as const);
    const problems: string[] = [];
    const changes: ApprovalChanges = {};
    if (values.fee.trim() !== '') {
      const fee = feeOf(request, values.fee, problems);
      if (fee !== undefined) changes.feeMinor = fee;
    }
    if (values.terms.trim() !== '') changes.terms = values.terms;
    if (values.valid_from.trim() !== '') changes.validFrom = values.valid_from.trim();
    if (values.valid_to.trim() !== '') changes.validTo = values.valid_to.trim();
    return decide(c, user, { form: 'approve', values, problems }, async () => ((await approveRequest(ctx, request.id, actorOf(c, user), changes)).emailed ? 'approved' : 'unsent'));
  });

  deskRoute(app, ctx, 'post', `/admin/syndication/requests/${ID_ROUTE}/counter`, async (c, user, form: Form) => {
    const request = await requestOr404(pathId(c));
    const values = fields(form, ['fee', 'terms', 'message'] as const);
    const problems: string[] = [];
    const feeMinor = feeOf(request, values.fee, problems);
    return decide(c, user, { form: 'counter', values, problems }, async () => {
      const offer = { feeMinor: feeMinor ?? 0, message: values.message, ...(values.terms.trim() === '' ? {} : { terms: values.terms }) };
      return (await counterOffer(ctx, request.id, actorOf(c, user), offer)).emailed ? 'countered' : 'unsent';
    });
  });

  deskRoute(app, ctx, 'post', `/admin/syndication/requests/${ID_ROUTE}/decline`, async (c, user, form: Form) => {
    const values = fields(form, ['message'] as const);
    return decide(c, user, { form: 'decline', values, problems: [] }, async () => ((await declineRequest(ctx, pathId(c), actorOf(c, user), { message: values.message })).emailed ? 'declined' : 'unsent'));
  });

  deskRoute(app, ctx, 'post', `/admin/syndication/requests/${ID_ROUTE}/resend`, (c, user) =>
    decide(c, user, { form: 'resend', values: {}, problems: [] }, async () => ((await resendDecisionEmail(ctx, pathId(c), actorOf(c, user))) ? 'resent' : 'unsent')),
  );
}

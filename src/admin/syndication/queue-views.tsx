/** The desk's views of republishing requests: the queue with its filters, and one request with its decisions. */
import { hostOf } from '../../articles/body/url.ts';
import type { SyndicationRequestStatus } from '../../db/schema-syndication.ts';
import { FormErrors } from '../admin-layout.tsx';
import type { LicenceDetail } from '../../syndication/licences.ts';
import { REQUEST_STATUSES, lastMailFailed } from '../../syndication/licence-requests.ts';
import type { QueueRow, RequestDetail, RequestEvent } from '../../syndication/licence-requests.ts';
import { formatMoney, formatMultiplier, minorToDecimal } from '../../syndication/money.ts';
import { territoryLabel } from '../../syndication/request-territory.ts';
import { audienceLabel, languageName, mediumLabel } from '../../syndication/texts.ts';

/** How a status reads. */
const STATUS_LABELS: Record<SyndicationRequestStatus, string> = { open: 'Open', countered: 'Counter-offer sent', approved: 'Approved', declined: 'Declined' };

/** How each kind of history step reads. */
const EVENT_LABELS: Record<string, string> = {
  submitted: 'Request received',
  quoted: 'Quote given',
  countered: 'Counter-offer made',
  accepted: 'Counter-offer accepted by the requester',
  approved: 'Approved',
  declined: 'Declined',
  emailed: 'Email sent',
  email_failed: 'Email failed',
  revoked: 'Licence revoked',
};

/** A status as a badge. */
export function StatusBadge(props: { status: string; label?: string }) {
  return <span class={`licence-status licence-status--${props.status}`}>{props.label ?? STATUS_LABELS[props.status as SyndicationRequestStatus] ?? props.status}</span>;
}

/** A stored time as the desk reads it (UTC, to the minute). */
export function When(props: { at: string }) {
  return <time datetime={props.at}>{props.at.length > 10 ? `${props.at.replace('T', ' ').slice(0, 16)} UTC` : props.at}</time>;
}

/**
 * An outlet's web address as the narrow queue column shows it: the host without `www.`
 * (the full address is on the request page and in the title), with line-break chances after
 * its dots, so "riverside-chronicle.example.org" wraps at "." or "-", never mid-word.
 */
export function OutletHost(props: { url: string }) {
  const labels = hostOf(props.url).replace(/^www\./, '').split('.');
  return (
    <>
      {labels.map((label, index) => (
        <>
          {label}
          {index < labels.length - 1 ? (
            <>
              .<wbr />
            </>
          ) : null}
        </>
      ))}
    </>
  );
}

/** The queue filters as the form holds them. */
export interface QueueFormValues {
  status: string;
  article: string;
  outlet: string;
  from: string;
  to: string;
}

/** The queue page. */
export function QueueView(props: { rows: QueueRow[]; counts: Record<SyndicationRequestStatus, number>; values: QueueFormValues; nextHref: string | null; firstHref: string | null; notice: string | null }) {
  const { values } = props;
  const isFiltered = Object.values(values).some((value) => value !== '');
  return (
    <>
      {props.notice ? (
        <p class="admin-notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ul class="licence-counts" aria-label="Requests by status">
        {REQUEST_STATUSES.map((status) => (
          <li>
            <a href={`/admin/syndication?status=${status}`}>{`${STATUS_LABELS[status]}: ${props.counts[status]}`}</a>
          </li>
        ))}
        <li>
          <a href="/admin/syndication/licences">Licences</a>
        </li>
      </ul>
      <form method="get" action="/admin/syndication" class="licence-filters" role="search" aria-label="Filter requests">
        <label>
          Status
          <select name="status">
            <option value="">Any</option>
            {REQUEST_STATUSES.map((status) => (
              <option value={status} selected={values.status === status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Article (number or headline)
          <input name="article" value={values.article} maxlength={200} size={22} />
        </label>
        <label>
          Outlet or organisation
          <input name="outlet" value={values.outlet} maxlength={200} size={18} />
        </label>
        <label>
          From
          <input type="date" name="from" value={values.from} />
        </label>
        <label>
          To
          <input type="date" name="to" value={values.to} />
        </label>
        <button type="submit">Filter</button>
        {isFiltered ? <a href="/admin/syndication">Clear</a> : null}
      </form>
      {props.rows.length === 0 ? (
        <p>{isFiltered ? 'No requests match these filters.' : 'No republishing requests yet. They arrive from the “Republish this article” link on paid articles.'}</p>
      ) : (
        <table class="admin-table licence-table">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Article</th>
              <th scope="col">Outlet</th>
              <th scope="col">Licence asked for</th>
              <th scope="col">Quote</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <td>
                  <When at={row.createdAt} />
                </td>
                <td>
                  <a href={`/admin/syndication/requests/${row.id}`} dir="auto">
                    {row.headline}
                  </a>
                  <small>{`Article ${row.articleId} · request ${row.id}`}</small>
                </td>
                <td>
                  {row.organisation}
                  <small title={row.outletUrl}>
                    <OutletHost url={row.outletUrl} />
                  </small>
                </td>
                <td>
                  {`${mediumLabel(row.medium)}, ${territoryLabel(row.territory)}`}
                  <small>{`${row.outletType} · ${languageName(row.language)}${row.isExclusive ? ' · exclusive' : ''}`}</small>
                </td>
                <td>
                  {formatMoney(row.quoteMinor, row.currency)}
                  {row.offeredMinor !== null && row.offeredMinor !== row.quoteMinor ? <small>{`offered ${formatMoney(row.offeredMinor, row.currency)}`}</small> : null}
                </td>
                <td>
                  <StatusBadge status={row.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {props.firstHref ? <a href={props.firstHref}>Newest requests</a> : null} {props.nextHref ? <a href={props.nextHref} rel="next">Older requests</a> : null}
      </p>
    </>
  );
}

/** What a decision form shows again after refused input. */
export interface DecisionFormState {
  form: 'approve' | 'counter' | 'decline' | 'resend';
  values: Record<string, string>;
  problems: string[];
}

function History(props: { events: RequestEvent[]; currency: string }) {
  return (
    <ol class="licence-history">
      {props.events.map((event) => (
        <li>
          <When at={event.at} /> — <span class={event.kind === 'email_failed' ? 'licence-history__failed' : undefined}>{EVENT_LABELS[event.kind] ?? event.kind}</span>
          {event.actorName ? ` by ${event.actorName}` : ''}
          {event.feeMinor !== null ? ` · ${formatMoney(event.feeMinor, props.currency)}` : ''}
          {event.message ? <p>{event.message}</p> : null}
        </li>
      ))}
    </ol>
  );
}

function Quote(props: { request: RequestDetail }) {
  const { request } = props;
  return (
    <table class="licence-quote">
      <caption class="visually-hidden">How the quote was worked out</caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Multiplier</th>
          <th scope="col">Amount</th>
        </tr>
      </thead>
      <tbody>
        {request.quoteLines.map((line) => (
          <tr>
            <td>{line.label}</td>
            <td>{line.kind === 'multiplier' ? formatMultiplier(line.multiplierBp) : ''}</td>
            <td>{formatMoney(line.kind === 'multiplier' ? line.subtotalMinor : line.amountMinor, request.currency)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colspan={2}>
            Quote
          </th>
          <td>{formatMoney(request.quoteMinor, request.currency)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** One request: what the requester sent, the quote, the history, and the desk's three decisions. */
export function RequestView(props: { request: RequestDetail; licences: LicenceDetail[]; csrf: string; notice: string | null; state: DecisionFormState | null }) {
  const { request, csrf, state } = props;
  const isUndecided = request.status === 'open' || request.status === 'countered';
  const valueOf = (form: DecisionFormState['form'], name: string, fallback: string): string => (state?.form === form ? (state.values[name] ?? '') : fallback);
  const suggestedFee = minorToDecimal(request.status === 'countered' && request.offeredMinor !== null ? request.offeredMinor : request.quoteMinor, request.currency);
  return (
    <>
      {props.notice ? (
        <p class="admin-notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {state ? <FormErrors problems={state.problems} /> : null}
      <p>
        <StatusBadge status={request.status} /> <a href="/admin/syndication">Back to the queue</a>
      </p>
      <h2>The request</h2>
      <dl class="licence-facts">
        <dt>Article</dt>
        <dd dir="auto">
          {`${request.headline} (article ${request.articleId}, ${languageName(request.articleLanguage)}${request.articleStatus === 'published' ? '' : `, ${request.articleStatus}`})`}
        </dd>
        <dt>From</dt>
        <dd>{`${request.requesterName} <${request.requesterEmail}>`}</dd>
        <dt>Organisation</dt>
        <dd>{request.organisation}</dd>
        <dt>Outlet</dt>
        <dd>{`${request.outletUrl} (${request.outletType})`}</dd>
        <dt>Medium</dt>
        <dd>{mediumLabel(request.medium)}</dd>
        <dt>Territory</dt>
        <dd>{territoryLabel(request.territory)}</dd>
        <dt>Language</dt>
        <dd>{languageName(request.language)}{request.language !== request.articleLanguage ? ' (translation)' : ''}</dd>
        <dt>Audience</dt>
        <dd>{audienceLabel(request.audienceBand)}</dd>
        <dt>Exclusive</dt>
        <dd>{request.isExclusive ? 'Yes' : 'No'}</dd>
        <dt>Period</dt>
        <dd>{`${request.periodStart.slice(0, 10)} to ${request.periodEnd.slice(0, 10)}`}</dd>
        <dt>Intended publication</dt>
        <dd>{request.intendedDate ?? 'Not given'}</dd>
        <dt>Received</dt>
        <dd>
          <When at={request.createdAt} />
        </dd>
        <dt>Message</dt>
        <dd class="licence-terms">{request.message || 'None'}</dd>
      </dl>

      <h2>Quote</h2>
      <Quote request={request} />
      {request.offeredMinor !== null ? (
        <>
          <p>{`${request.status === 'approved' ? 'Agreed fee' : 'Offered fee'}: ${formatMoney(request.offeredMinor, request.currency)}`}</p>
          {request.offeredTerms ? <pre class="admin-message">{request.offeredTerms}</pre> : null}
        </>
      ) : null}

      {props.licences.length > 0 ? (
        <>
          <h2>Licence</h2>
          <ul>
            {props.licences.map((licence) => (
              <li>
                <a href={`/admin/syndication/licences/${licence.id}`}>{licence.reference}</a>
                {` · ${formatMoney(licence.feeMinor, licence.currency)} · invoice ${licence.invoiceNumber} (${licence.invoiceStatus}) · ${licence.validFrom} to ${licence.validTo}${licence.revokedAt ? ' · revoked' : ''}`}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {isUndecided ? (
        <>
          <h2>Decide</h2>
          <div class="licence-decisions">
            <form method="post" action={`/admin/syndication/requests/${request.id}/approve`}>
              <input type="hidden" name="csrf" value={csrf} />
              <h3>Approve</h3>
              <label>
                {`Fee (${request.currency})`}
                <span class="hint">Leave as it is to charge the {request.status === 'countered' ? 'offered fee' : 'quote'}; 0 waives the fee.</span>
                <input name="fee" inputmode="decimal" value={valueOf('approve', 'fee', suggestedFee)} maxlength={20} />
              </label>
              <label>
                Valid from
                <input type="date" name="valid_from" value={valueOf('approve', 'valid_from', request.periodStart.slice(0, 10))} />
              </label>
              <label>
                Valid to
                <input type="date" name="valid_to" value={valueOf('approve', 'valid_to', request.periodEnd.slice(0, 10))} />
              </label>
              <label>
                Terms
                <span class="hint">Leave empty for the standard terms{request.status === 'countered' ? ' (or the offered ones)' : ''}.</span>
                <textarea name="terms" rows={4} maxlength={10000}>
                  {valueOf('approve', 'terms', '')}
                </textarea>
              </label>
              <button type="submit">Approve and issue licence</button>
            </form>
            <form method="post" action={`/admin/syndication/requests/${request.id}/counter`}>
              <input type="hidden" name="csrf" value={csrf} />
              <h3>Counter-offer</h3>
              <label>
                {`Fee offered (${request.currency})`}
                <input name="fee" inputmode="decimal" required value={valueOf('counter', 'fee', '')} maxlength={20} />
              </label>
              <label>
                Terms
                <span class="hint">Leave empty for the standard terms.</span>
                <textarea name="terms" rows={4} maxlength={10000}>
                  {valueOf('counter', 'terms', '')}
                </textarea>
              </label>
              <label>
                Message to the requester
                <textarea name="message" rows={3} maxlength={4000}>
                  {valueOf('counter', 'message', '')}
                </textarea>
              </label>
              <button type="submit">Send counter-offer</button>
            </form>
            <form method="post" action={`/admin/syndication/requests/${request.id}/decline`} class="licence-decline">
              <input type="hidden" name="csrf" value={csrf} />
              <h3>Decline</h3>
              <label>
                Reason (emailed to the requester)
                <textarea name="message" rows={4} required maxlength={4000}>
                  {valueOf('decline', 'message', '')}
                </textarea>
              </label>
              <button type="submit">Decline request</button>
            </form>
          </div>
        </>
      ) : null}

      <h2>History</h2>
      <History events={request.events} currency={request.currency} />
      {!isUndecided ? (
        <form method="post" action={`/admin/syndication/requests/${request.id}/resend`} class="admin-inline-form">
          <input type="hidden" name="csrf" value={csrf} />
          <button type="submit">{lastMailFailed(request.events) ? 'Resend the failed email' : 'Resend the decision email'}</button>
        </form>
      ) : null}
    </>
  );
}

/**
 * The requester's own view of a request, reached through the signed link we emailed: what
 * they asked for, where it stands, the indicative quote line by line, the history, and (when
 * the newsroom countered) the offer with a form to accept it.
 */
import type { PageChrome } from '../site/chrome.ts';
import { Layout } from '../site/layout.tsx';
import { formatMoney, formatMultiplier } from './money.ts';
import type { QuoteLine } from './rate-card.ts';
import { FORM_TOKEN_FIELD, Honeypot, RepublishStyles } from './request-form-view.tsx';
import { territoryLabel } from './request-territory.ts';
import type { RequestStatus } from './requests.ts';
import { REQUESTER_EVENTS, STATUS_LABELS, audienceLabel, languageName, mediumLabel } from './texts.ts';

/**
 * The table of a quote's lines and its total (shared with the admin's example quotes), in a
 * box of its own that scrolls sideways when a narrow screen cannot hold it; the box is a
 * labelled, focusable region so keyboard users can scroll it too.
 */
export function QuoteTable(props: { lines: QuoteLine[]; totalMinor: number; currency: string; caption: string }) {
  const { currency } = props;
  return (
    <div class="republish-table-scroll" role="region" aria-label={props.caption} tabindex={0}>
      <table class="republish-table republish-quote">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Multiplier</th>
            <th scope="col" class="republish-amount">Amount</th>
          </tr>
        </thead>
        <tbody>
          {props.lines.map((line) => (
            <tr class={`republish-quote__${line.kind}`}>
              <th scope="row">{line.label}</th>
              <td>{line.kind === 'multiplier' ? formatMultiplier(line.multiplierBp) : ''}</td>
              <td class="republish-amount">{formatMoney(line.kind === 'multiplier' ? line.subtotalMinor : line.amountMinor, currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan={2}>
              Indicative total
            </th>
            <td class="republish-amount">{formatMoney(props.totalMinor, currency)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The status page. */
export function RequestStatusPage(props: { chrome: PageChrome; request: RequestStatus; acceptAction: string; formToken: string }) {
  const { chrome, request } = props;
  const rows: [string, string][] = [
    ['Organisation', request.organisation],
    ['Outlet', request.outletUrl],
    ['Type of outlet', request.outletTypeLabel],
    ['Medium', mediumLabel(request.medium)],
    ['Territory', territoryLabel(request.territory)],
    ['Language', languageName(request.language)],
    ['Audience', audienceLabel(request.audienceBand)],
    ['Licence', request.exclusive ? 'Exclusive' : 'Non-exclusive'],
    ['Period', `${request.periodStart} to ${request.periodEnd}`],
  ];
  if (request.intendedDate) rows.push(['Planned publication', request.intendedDate]);
  // Approved, directly or by accepting an offer: the licence's fee is the one stored as offered.
  const isAgreed = request.status === 'approved';
  return (
    <Layout chrome={chrome} meta={{ title: 'Your republishing request', noindex: true }}>
      <RepublishStyles chrome={chrome} />
      <div class="republish-page" lang="en" dir="ltr">
        <h1>Your republishing request</h1>
        <p class="republish-article">
          <span class="republish-article__label">Story:</span>{' '}
          {request.article.url ? (
            <a href={request.article.url} lang={request.article.language}>
              {request.article.headline}
            </a>
          ) : (
            <span lang={request.article.language}>{request.article.headline}</span>
          )}
        </p>
        <p class={`republish-status republish-status--${request.status}`}>
          <span class="republish-status__label">Status:</span> <strong>{STATUS_LABELS[request.status] ?? request.status}</strong>
        </p>

        {request.status === 'countered' && request.offeredMinor !== null ? (
          <section class="republish-offer" aria-labelledby="republish-offer-heading">
            <h2 id="republish-offer-heading">The newsroom’s offer</h2>
            <p class="republish-offer__fee">
              Fee: <strong>{formatMoney(request.offeredMinor, request.currency)}</strong>
            </p>
            {request.offeredTerms ? <p class="republish-offer__terms">{request.offeredTerms}</p> : null}
            <form method="post" action={props.acceptAction} class="republish-form republish-form--inline">
              <input type="hidden" name={FORM_TOKEN_FIELD} value={props.formToken} />
              <Honeypot />
              <button type="submit" class="republish-button">
                Accept this offer
              </button>
            </form>
          </section>
        ) : null}

        {isAgreed && request.offeredMinor !== null ? (
          <section class="republish-offer republish-offer--agreed" aria-labelledby="republish-agreed-heading">
            <h2 id="republish-agreed-heading">Your licence</h2>
            <p class="republish-offer__fee">
              Agreed fee: <strong>{formatMoney(request.offeredMinor, request.currency)}</strong>
            </p>
            <p>
              {request.offeredMinor === request.quoteMinor ? 'The fee of your instant quote, confirmed by the newsroom.' : 'This is the fee that applies: it replaces the instant quote below, which was an estimate.'} We
              have emailed you the link to your licence and the ready-to-publish copy.
            </p>
          </section>
        ) : null}

        <QuoteTable lines={request.lines} totalMinor={request.quoteMinor} currency={request.currency} caption={request.status === 'open' ? 'Indicative quote' : 'Your instant quote (an estimate)'} />
        <p class="republish-indicative">
          {request.status === 'open'
            ? 'This quote is indicative: an editor reviews every request and may confirm it, offer different terms, or decline.'
            : 'The instant quote was an estimate made when you sent the request; the newsroom’s decision above is what counts.'}
        </p>

        <h2>What you asked for</h2>
        <dl class="republish-summary">
          {rows.map(([term, value]) => (
            <div>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>

        <h2>History</h2>
        <ol class="republish-history">
          {request.events.map((event) => (
            <li>
              <time datetime={event.at}>{event.at.slice(0, 16).replace('T', ' ')} UTC</time> {REQUESTER_EVENTS[event.kind] ?? event.kind}
              {event.feeMinor !== null && event.kind !== 'submitted' ? ` (${formatMoney(event.feeMinor, request.currency)})` : ''}
            </li>
          ))}
        </ol>
      </div>
    </Layout>
  );
}

/** The desk's views of licences: the list, one licence (invoice, revocation, links) and the direct-grant form. */
import type { InvoiceStatus } from '../../db/schema-syndication.ts';
import { FormErrors } from '../admin-layout.tsx';
import { INVOICE_STATUSES, isLicenceInForce } from '../../syndication/licences.ts';
import type { LicenceDetail } from '../../syndication/licences.ts';
import { formatMoney } from '../../syndication/money.ts';
import { territoryLabel } from '../../syndication/request-territory.ts';
import { MEDIA, PUBLICATION_LANGUAGES, languageName, mediumLabel } from '../../syndication/texts.ts';
import { StatusBadge, When } from './queue-views.tsx';

const INVOICE_LABELS: Record<InvoiceStatus, string> = { unpaid: 'Unpaid', paid: 'Paid', waived: 'Waived' };

/** Where a licence stands today: revoked, ended, not yet started, or in force. */
function StandingBadge(props: { licence: LicenceDetail; today: string }) {
  const { licence, today } = props;
  if (licence.revokedAt) return <StatusBadge status="revoked" label="Revoked" />;
  if (licence.validTo < today) return <StatusBadge status="ended" label="Ended" />;
  if (licence.validFrom > today) return <StatusBadge status="open" label="Starts later" />;
  return isLicenceInForce(licence, today) ? <StatusBadge status="approved" label="In force" /> : null;
}

/** The licence list with its invoice filter. */
export function LicenceListView(props: { licences: LicenceDetail[]; invoice: InvoiceStatus | null; today: string; nextHref: string | null; firstHref: string | null; notice: string | null }) {
  return (
    <>
      {props.notice ? (
        <p class="admin-notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>
        <a href="/admin/syndication">Requests</a> · <a href="/admin/syndication/licences/new">Grant a licence directly</a>
      </p>
      <form method="get" action="/admin/syndication/licences" class="licence-filters" aria-label="Filter licences">
        <label>
          Invoice
          <select name="invoice">
            <option value="">Any</option>
            {INVOICE_STATUSES.map((status) => (
              <option value={status} selected={props.invoice === status}>
                {INVOICE_LABELS[status]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
        {props.invoice ? <a href="/admin/syndication/licences">Clear</a> : null}
      </form>
      {props.licences.length === 0 ? (
        <p>{props.invoice ? 'No licences with this invoice status.' : 'No licences yet.'}</p>
      ) : (
        <table class="admin-table licence-table">
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Article</th>
              <th scope="col">Licensee</th>
              <th scope="col">Period</th>
              <th scope="col">Fee</th>
              <th scope="col">Invoice</th>
            </tr>
          </thead>
          <tbody>
            {props.licences.map((licence) => (
              <tr>
                <td>
                  <a href={`/admin/syndication/licences/${licence.id}`}>{licence.reference}</a>
                  <small>
                    <StandingBadge licence={licence} today={props.today} />
                  </small>
                </td>
                <td dir="auto">{licence.headline}</td>
                <td>
                  {licence.organisation}
                  <small>{licence.licenseeKind === 'partner' ? 'Partner' : licence.email}</small>
                </td>
                <td>{`${licence.validFrom} to ${licence.validTo}`}</td>
                <td>{formatMoney(licence.feeMinor, licence.currency)}</td>
                <td>
                  <StatusBadge status={licence.invoiceStatus} label={`${licence.invoiceNumber} · ${INVOICE_LABELS[licence.invoiceStatus]}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {props.firstHref ? <a href={props.firstHref}>Newest licences</a> : null} {props.nextHref ? <a href={props.nextHref} rel="next">Older licences</a> : null}
      </p>
    </>
  );
}

/** One licence for the desk. */
export function LicenceView(props: { licence: LicenceDetail; deliveryUrl: string; today: string; csrf: string; notice: string | null; problems: string[] }) {
  const { licence, csrf } = props;
  return (
    <>
      {props.notice ? (
        <p class="admin-notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <FormErrors problems={props.problems} />
      <p>
        <StandingBadge licence={licence} today={props.today} /> <a href="/admin/syndication/licences">All licences</a>
        {licence.requestId !== null ? (
          <>
            {' · '}
            <a href={`/admin/syndication/requests/${licence.requestId}`}>The request</a>
          </>
        ) : null}
      </p>
      <dl class="licence-facts">
        <dt>Article</dt>
        <dd>{`${licence.headline} (article ${licence.articleId})`}</dd>
        <dt>Licensee</dt>
        <dd>{`${licence.licenseeName}, ${licence.organisation} <${licence.email}>${licence.licenseeKind === 'partner' ? ' · partner' : ''}`}</dd>
        <dt>Outlet</dt>
        <dd>{licence.outletUrl || '—'}</dd>
        <dt>Medium</dt>
        <dd>{mediumLabel(licence.medium)}</dd>
        <dt>Territory</dt>
        <dd>{territoryLabel(licence.territory)}</dd>
        <dt>Language</dt>
        <dd>{languageName(licence.language)}</dd>
        <dt>Exclusive</dt>
        <dd>{licence.isExclusive ? 'Yes' : 'No'}</dd>
        <dt>Valid</dt>
        <dd>{`${licence.validFrom} to ${licence.validTo}`}</dd>
        <dt>Fee</dt>
        <dd>{formatMoney(licence.feeMinor, licence.currency)}</dd>
        <dt>Invoice</dt>
        <dd>{`${licence.invoiceNumber} · ${INVOICE_LABELS[licence.invoiceStatus]}`}</dd>
        <dt>Issued</dt>
        <dd>
          <When at={licence.createdAt} />
        </dd>
        {licence.revokedAt ? (
          <>
            <dt>Revoked</dt>
            <dd>
              <When at={licence.revokedAt} />
            </dd>
          </>
        ) : null}
      </dl>
      <h2>Terms</h2>
      <pre class="admin-message">{licence.terms}</pre>

      <h2>Links for the licensee</h2>
      <label for="delivery-link">Delivery page (works until the licence ends; send it only to the licensee)</label>
      <input id="delivery-link" class="licence-copy" readonly value={props.deliveryUrl} />
      <p>
        <a href={`/admin/syndication/licences/${licence.id}/certificate`}>Printable certificate</a> · <a href={props.deliveryUrl}>Open the delivery page</a>
      </p>

      <h2>Invoice and status</h2>
      <div class="licence-actions">
        <form method="post" action={`/admin/syndication/licences/${licence.id}/invoice`}>
          <input type="hidden" name="csrf" value={csrf} />
          <label>
            Invoice status
            <select name="invoice_status">
              {INVOICE_STATUSES.map((status) => (
                <option value={status} selected={licence.invoiceStatus === status}>
                  {INVOICE_LABELS[status]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Save invoice status</button>
        </form>
        {licence.revokedAt ? null : (
          <form method="post" action={`/admin/syndication/licences/${licence.id}/revoke`}>
            <input type="hidden" name="csrf" value={csrf} />
            <label>
              Reason for revoking (kept in the history)
              <input name="reason" maxlength={2000} size={30} />
            </label>
            <button type="submit" class="licence-danger">
              Revoke licence
            </button>
          </form>
        )}
      </div>
    </>
  );
}

/** What the grant form holds. */
export type GrantFormValues = Record<'licensee' | 'article' | 'fee' | 'currency' | 'medium' | 'territory' | 'language' | 'exclusive' | 'valid_from' | 'valid_to' | 'terms', string>;

/** The form that grants a licence without a request (a partner's standing deal). */
export function GrantView(props: { licensees: { id: number; name: string; organisation: string; kind: 'licensee' | 'partner' }[]; currencies: readonly string[]; values: GrantFormValues; csrf: string; problems: string[] }) {
  const { values } = props;
  return (
    <>
      <p>For partners and standing agreements: the licence is issued at once, with the same exclusivity checks as a request. No email is sent; give the licensee the delivery link from the licence page.</p>
      <FormErrors problems={props.problems} />
      <form method="post" action="/admin/syndication/licences" class="licence-form">
        <input type="hidden" name="csrf" value={props.csrf} />
        <label>
          Licensee or partner
          <select name="licensee" required>
            <option value="">Choose…</option>
            {props.licensees.map((licensee) => (
              <option value={String(licensee.id)} selected={values.licensee === String(licensee.id)}>
                {`${licensee.organisation} — ${licensee.name}${licensee.kind === 'partner' ? ' (partner)' : ''}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          Article number
          <input name="article" inputmode="numeric" required value={values.article} maxlength={10} />
        </label>
        <label>
          Fee
          <input name="fee" inputmode="decimal" required value={values.fee} maxlength={20} />
        </label>
        <label>
          Currency
          <select name="currency">
            {props.currencies.map((code) => (
              <option value={code} selected={values.currency === code}>
                {code}
              </option>
            ))}
          </select>
        </label>
        <label>
          Medium
          <select name="medium">
            {MEDIA.map((medium) => (
              <option value={medium} selected={values.medium === medium}>
                {mediumLabel(medium)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Territory
          <span class="hint">worldwide, regional:mena, national:JO or local:JO (a country code)</span>
          <input name="territory" required value={values.territory} maxlength={20} />
        </label>
        <label>
          Language
          <select name="language">
            {Object.entries(PUBLICATION_LANGUAGES).map(([code, language]) => (
              <option value={code} selected={values.language === code}>
                {language.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Exclusive
          <select name="exclusive">
            <option value="no" selected={values.exclusive !== 'yes'}>
              No
            </option>
            <option value="yes" selected={values.exclusive === 'yes'}>
              Yes
            </option>
          </select>
        </label>
        <label>
          Valid from
          <input type="date" name="valid_from" required value={values.valid_from} />
        </label>
        <label>
          Valid to
          <input type="date" name="valid_to" required value={values.valid_to} />
        </label>
        <label>
          Terms
          <span class="hint">Leave empty for the standard terms.</span>
          <textarea name="terms" rows={5} maxlength={10000}>
            {values.terms}
          </textarea>
        </label>
        <button type="submit">Grant licence</button>
      </form>
    </>
  );
}

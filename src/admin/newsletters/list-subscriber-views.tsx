/** Views of a list's subscribers in the admin: search and filter, keyset pages, import form and report. */
import { FormErrors } from '../admin-layout.tsx';
import type { ImportReport } from '../../newsletters/import.ts';
import type { Newsletter } from '../../newsletters/lists.ts';
import type { SubscriberQuery, SubscriberRow } from '../../newsletters/subscriber-admin.ts';
import { MAX_SUBSCRIBER_SEARCH, SUBSCRIPTION_STATUSES } from '../../newsletters/subscriber-admin.ts';
import { Csrf } from '../../taxonomy/form-parts.tsx';

/** The query string of a subscribers page (search, status, start). */
export function subscribersHref(listId: number, query: Omit<SubscriberQuery, 'after'> & { after?: number }, suffix = ''): string {
  const params = new URLSearchParams();
  if (query.search) params.set('q', query.search);
  if (query.status) params.set('status', query.status);
  if (query.after) params.set('after', String(query.after));
  const text = params.toString();
  return `/admin/newsletters/${listId}/subscribers${suffix}${text ? `?${text}` : ''}`;
}

/** The subscribers page. */
export function SubscribersView(props: { list: Newsletter; query: SubscriberQuery; rows: SubscriberRow[]; next: number | null }) {
  const { list, query } = props;
  return (
    <>
      <p>
        <a href={`/admin/newsletters/${list.id}`}>← {list.name}</a> · <a href={`/admin/newsletters/${list.id}/subscribers/import`}>Import from CSV</a> ·{' '}
        <a href={subscribersHref(list.id, { search: query.search, status: query.status }, '/export')}>Export these to CSV</a>
      </p>
      <form method="get" action={`/admin/newsletters/${list.id}/subscribers`} class="admin-form media-search" role="search">
        <label>
          Address contains
          <input type="search" name="q" value={query.search} maxlength={MAX_SUBSCRIBER_SEARCH} />
        </label>
        <label>
          Status
          <select name="status">
            <option value="">Any status</option>
            {SUBSCRIPTION_STATUSES.map((status) => (
              <option value={status} selected={query.status === status}>
                {status}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      {props.rows.length === 0 ? (
        <p class="admin-empty">No subscribers match.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Source</th>
              <th scope="col">Since</th>
              <th scope="col">Confirmed</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <td>
                  <span dir="ltr">{row.email}</span>
                </td>
                <td data-label="Name">{row.name ?? ''}</td>
                <td data-label="Status">{row.status}</td>
                <td data-label="Source" title={row.consent ?? undefined}>
                  {row.source}
                </td>
                <td data-label="Since">{row.createdAt.slice(0, 10)}</td>
                <td data-label="Confirmed">{row.confirmedAt ? row.confirmedAt.slice(0, 10) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Pages" class="admin-pager">
        {query.after > 0 ? <a href={subscribersHref(list.id, { search: query.search, status: query.status })}>First page</a> : null}
        {props.next !== null ? (
          <>
            {' '}
            <a href={subscribersHref(list.id, { search: query.search, status: query.status, after: props.next })}>Next page</a>
          </>
        ) : null}
      </nav>
    </>
  );
}

/** The import form. */
export function ImportFormView(props: { list: Newsletter; csrf: string; problems: string[]; maxMegabytes: number }) {
  const { list } = props;
  return (
    <>
      <p>
        <a href={`/admin/newsletters/${list.id}/subscribers`}>← Subscribers of {list.name}</a>
      </p>
      <FormErrors problems={props.problems} />
      <p class="admin-lede">
        Import readers who agreed elsewhere to receive {list.name}. They are subscribed at once, without a confirmation mail, so the file must say for every row how they agreed.
      </p>
      <ul>
        <li>
          A CSV file (UTF-8) whose first line names the columns: <code>email</code> and <code>consent</code> are required; <code>name</code> and <code>consented_at</code> (a date like 2026-10-03) are optional.
        </li>
        <li>Rows whose consent is empty, “no” or “false” are refused, as are invalid addresses and repeats.</li>
        <li>Readers who unsubscribed from this list, or whose mail bounced, are not added back.</li>
        <li>At most {props.maxMegabytes} MB.</li>
      </ul>
      <form method="post" action={`/admin/newsletters/${list.id}/subscribers/import`} enctype="multipart/form-data" class="admin-form media-upload">
        <Csrf token={props.csrf} />
        <label>
          CSV file
          <input type="file" name="file" accept=".csv,text/csv" required />
        </label>
        <button type="submit">Import</button>
      </form>
    </>
  );
}

/** What an import did, row by row for the refusals. */
export function ImportReportView(props: { list: Newsletter; report: ImportReport }) {
  const { list, report } = props;
  return (
    <>
      <p class="admin-notice" role="status">
        {report.imported} imported, {report.alreadySubscribed} already subscribed, {report.rejected.length} refused.
      </p>
      {report.rejected.length > 0 ? (
        <table class="admin-table">
          <caption>Refused rows</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Email</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {report.rejected.map((row) => (
              <tr>
                <td>{row.line}</td>
                <td>
                  <span dir="ltr">{row.email}</span>
                </td>
                <td>{row.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>
        <a href={`/admin/newsletters/${list.id}/subscribers`}>See the subscribers of {list.name}</a> · <a href={`/admin/newsletters/${list.id}/subscribers/import`}>Import another file</a>
      </p>
    </>
  );
}

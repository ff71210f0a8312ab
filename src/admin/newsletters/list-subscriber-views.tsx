/** Views of a list's subscribers in the admin: search and filter, keyset pages, one reader added or acted on, the erase confirmation, import form and report. */
import { FormErrors } from '../admin-layout.tsx';
import type { ImportReport } from '../../newsletters/import.ts';
import type { Newsletter } from '../../newsletters/lists.ts';
import type { ListReader } from '../../newsletters/subscriber-actions.ts';
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

/** What the "add one reader" form holds. */
export interface AddReaderValues {
  email: string;
  name: string;
  consent: string;
}

/** The empty "add one reader" form. */
export const EMPTY_READER: AddReaderValues = { email: '', name: '', consent: '' };

/** The subscribers page: search, the readers with their actions, and the form that adds one. */
export function SubscribersView(props: { list: Newsletter; query: SubscriberQuery; rows: SubscriberRow[]; next: number | null; csrf: string; notice: string | null; add: { values: AddReaderValues; problems: string[] } }) {
  const { list, query } = props;
  const base = `/admin/newsletters/${list.id}/subscribers`;
  const hasAddProblems = props.add.problems.length > 0;
  const addForm = <AddReaderForm list={list} csrf={props.csrf} values={props.add.values} problems={props.add.problems} />;
  return (
    <>
      <p>
        <a href={`/admin/newsletters/${list.id}`}>← {list.name}</a> · <a href="#add-reader-heading">Add one reader</a> · <a href={`${base}/import`}>Import from CSV</a> ·{' '}
        <a href={subscribersHref(list.id, { search: query.search, status: query.status }, '/export')}>Export these to CSV</a>
      </p>
      {props.notice ? (
        <p class="admin-notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {/* A refused addition is shown first, where the page opens, with its problems and values. */}
      {hasAddProblems ? addForm : null}
      <form method="get" action={base} class="admin-form media-search" role="search">
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
              <th scope="col">Actions</th>
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
                <td data-label="Since" class="admin-nowrap">
                  {row.createdAt.slice(0, 10)}
                </td>
                <td data-label="Confirmed" class="admin-nowrap">
                  {row.confirmedAt ? row.confirmedAt.slice(0, 10) : ''}
                </td>
                <td data-label="Actions">
                  <ReaderActions list={list} row={row} csrf={props.csrf} />
                </td>
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
      {hasAddProblems ? null : addForm}
    </>
  );
}

/** One reader's buttons: unsubscribe and record a complaint while they still receive the list; erase always (after a confirmation page). */
function ReaderActions(props: { list: Newsletter; row: SubscriberRow; csrf: string }) {
  const { row } = props;
  const path = `/admin/newsletters/${props.list.id}/subscribers/${row.subscriberId}`;
  const isActive = row.status === 'confirmed' || row.status === 'pending';
  return (
    <div class="subscriber-actions">
      {isActive ? (
        <>
          <form method="post" action={`${path}/unsubscribe`} class="admin-inline-form">
            <Csrf token={props.csrf} />
            <button type="submit">
              Unsubscribe<span class="visually-hidden"> {row.email}</span>
            </button>
          </form>
          <form method="post" action={`${path}/complained`} class="admin-inline-form">
            <Csrf token={props.csrf} />
            <button type="submit">
              Mark as complained<span class="visually-hidden"> {row.email}</span>
            </button>
          </form>
        </>
      ) : null}
      <a href={`${path}/erase`}>
        Erase…<span class="visually-hidden"> {row.email}</span>
      </a>
    </div>
  );
}

/** Adds one reader who agreed elsewhere, with the same consent rule as a CSV import. */
function AddReaderForm(props: { list: Newsletter; csrf: string; values: AddReaderValues; problems: string[] }) {
  const { values } = props;
  return (
    <section aria-labelledby="add-reader-heading" class="subscriber-add">
      <h2 id="add-reader-heading">Add one reader</h2>
      <p class="admin-lede">
        For someone who agreed elsewhere to receive {props.list.name} (at an event, on the phone, by letter). They are subscribed at once, without a confirmation mail, so say how they agreed.
        Readers who unsubscribed, complained or whose mail bounced are not added back: only they can sign up again.
      </p>
      <FormErrors problems={props.problems} />
      <form method="post" action={`/admin/newsletters/${props.list.id}/subscribers`} class="admin-form">
        <Csrf token={props.csrf} />
        <label>
          Email
          <input type="email" name="email" required maxlength={254} autocomplete="off" value={values.email} />
        </label>
        <label>
          Name <span class="hint">(optional)</span>
          <input name="name" maxlength={120} autocomplete="off" value={values.name} />
        </label>
        <label>
          How they agreed <span class="hint">(required, for example “Signed up at the Amman book fair, 2026-10-03”)</span>
          <input name="consent" required maxlength={500} value={values.consent} />
        </label>
        <button type="submit">Add reader</button>
      </form>
    </section>
  );
}

/** The confirmation step before erasing a reader. */
export function EraseReaderView(props: { list: Newsletter; reader: ListReader; csrf: string }) {
  const { list, reader } = props;
  const others = reader.listCount - 1;
  return (
    <>
      <p>
        <a href={`/admin/newsletters/${list.id}/subscribers`}>← Subscribers of {list.name}</a>
      </p>
      <section class="taxonomy-danger" aria-labelledby="erase-heading">
        <h2 id="erase-heading">
          Erase <span dir="ltr">{reader.email}</span>?
        </h2>
        <p>
          This is what the reader’s own “erase me” does: their address and name are deleted, they are taken off {list.name}
          {others > 0 ? ` and ${others} other newsletter${others === 1 ? '' : 's'}` : ''}, and every link in mail they already have stops working. Counts and past
          issues’ statistics keep their numbers. It cannot be undone.
        </p>
        <form method="post" action={`/admin/newsletters/${list.id}/subscribers/${reader.subscriberId}/erase`} class="admin-inline-form">
          <Csrf token={props.csrf} />
          <input type="hidden" name="confirm" value="erase" />
          <button type="submit" class="taxonomy-danger__button">
            Erase this reader
          </button>
          <a href={`/admin/newsletters/${list.id}/subscribers`}>Cancel</a>
        </form>
      </section>
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

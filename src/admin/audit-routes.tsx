/** The audit log page for admins: who did what, to whom, when and from where. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { ACTION_PREFIX, listAuditEntries } from '../accounts/audit-listing.ts';
import type { AuditEntry, AuditPerson, AuditQuery } from '../accounts/audit-listing.ts';
import { can } from '../accounts/policy.ts';
import { listUsers } from '../accounts/user-management.ts';
import { PublicError } from '../http/errors.tsx';
import { htmlPage } from '../http/respond.ts';
import { AdminLayout } from './admin-layout.tsx';
import { currentUser } from './session-middleware.ts';

const PAGE_SIZE = 50;
const ID = /^\d{1,15}$/;

/** The filters of a request, strictly read: a malformed value is a 400, an empty one means "any". */
function readFilters(query: (name: string) => string | undefined): { before?: number; actionPrefix?: string; userId?: number } {
  const before = query('before') ?? '';
  const action = (query('action') ?? '').trim();
  const user = query('user') ?? '';
  if (before !== '' && !ID.test(before)) throw new PublicError(400, 'The "before" value in this address is not a valid page marker.');
  if (action !== '' && !ACTION_PREFIX.test(action)) throw new PublicError(400, 'An action filter is the start of an action name, such as "user." or "user.invited".');
  if (user !== '' && !ID.test(user)) throw new PublicError(400, 'The "user" value in this address is not an account number.');
  return {
    ...(before ? { before: Number(before) } : {}),
    ...(action ? { actionPrefix: action } : {}),
    ...(user ? { userId: Number(user) } : {}),
  };
}

/** The address of another page with the same filters (`before` is the page's own, so it is not carried). */
function pageUrl(filters: Pick<AuditQuery, 'actionPrefix' | 'userId'>, before?: number): string {
  const params = new URLSearchParams();
  if (filters.actionPrefix) params.set('action', filters.actionPrefix);
  if (filters.userId !== undefined) params.set('user', String(filters.userId));
  if (before !== undefined) params.set('before', String(before));
  const query = params.toString();
  return query ? `/admin/audit?${query}` : '/admin/audit';
}

function Person(props: { person: AuditPerson }) {
  return (
    <>
      {props.person.name} <span class="admin-audit__email">{props.person.email}</span>
    </>
  );
}

function subjectOf(entry: AuditEntry) {
  if (entry.subjectUser) return <Person person={entry.subjectUser} />;
  if (entry.subjectType === null) return '—';
  return `${entry.subjectType} ${entry.subjectId ?? ''}`.trim();
}

/** Details as plain text, one `key: value` per line; values that are not strings are shown as JSON. */
function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('\n');
}

/** Registers /admin/audit (admins and owners). */
export function registerAuditRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  app.get('/admin/audit', async (c) => {
    const user = await currentUser(c, ctx);
    if (!user) return c.redirect('/admin/login', 303);
    if (!can(user, 'audit.read')) throw new PublicError(403, 'Only admins and owners can read the audit log.');
    const filters = readFilters((name) => c.req.query(name));
    const [page, people, catalog] = await Promise.all([listAuditEntries(ctx.db, { limit: PAGE_SIZE, ...filters }), listUsers(ctx.db), ctx.catalog()]);
    return htmlPage(
      c,
      ctx,
      <AdminLayout title="Audit log" user={user} assetPath={ctx.assetPath} siteName={catalog.site.name} current="/admin/audit">
        <p>Everything done to accounts and content, newest first. Times are UTC.</p>
        <form method="get" action="/admin/audit" class="admin-inline-form admin-audit__filters">
          <label>
            Action starts with
            <input name="action" maxlength={64} pattern="[a-z][a-z0-9_.]*" placeholder="user." value={filters.actionPrefix ?? ''} />
          </label>
          <label>
            Involving
            <select name="user">
              <option value="">Anyone</option>
              {people.map((person) => (
                <option value={String(person.id)} selected={person.id === filters.userId}>
                  {`${person.name} (${person.email})`}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Filter</button>
          {filters.actionPrefix || filters.userId !== undefined ? <a href="/admin/audit">Clear</a> : null}
        </form>
        {page.entries.length === 0 ? (
          <p>No entries{filters.before ? ' older than these' : ''}.</p>
        ) : (
          <table class="admin-table admin-audit">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
                <th scope="col">Details</th>
                <th scope="col">Address</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((entry) => (
                <tr id={`entry-${entry.id}`}>
                  <td>
                    <time datetime={entry.at}>{`${entry.at.slice(0, 10)} ${entry.at.slice(11, 19)}`}</time>
                  </td>
                  <td>{entry.actor ? <Person person={entry.actor} /> : '—'}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>{subjectOf(entry)}</td>
                  <td>
                    <pre class="admin-audit__details">{detailsText(entry.details)}</pre>
                  </td>
                  <td>{entry.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {filters.before !== undefined || page.nextBefore !== null ? (
          <p class="admin-pager">
            {filters.before !== undefined ? <a href={pageUrl(filters)}>Newest entries</a> : null}
            {filters.before !== undefined && page.nextBefore !== null ? ' · ' : null}
            {page.nextBefore !== null ? (
              <a href={pageUrl(filters, page.nextBefore)} rel="next">
                Older entries
              </a>
            ) : null}
          </p>
        ) : null}
      </AdminLayout>,
      { cacheable: false, language: 'en' },
    );
  });
}

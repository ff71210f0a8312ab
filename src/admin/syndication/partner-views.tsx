/** Views of the partners admin: the licensee list, one licensee (licences, feed tokens, feed URLs) and republication views. */
import { LineChart } from '../charts.tsx';
import type { ChartSeries } from '../charts.tsx';
import type { LicenseeDetail, LicenseeLicence, PartnerTokenListing } from '../../syndication/partner-tokens.ts';
import type { DailyViews, ReferrerTotal, ViewsTotal } from '../../syndication/views.ts';

/** What the new-partner form shows: the stored values or what was just typed. */
export interface PartnerFormValues {
  name: string;
  organisation: string;
  email: string;
  outletUrl: string;
}

/** An empty new-partner form. */
export const EMPTY_PARTNER: PartnerFormValues = { name: '', organisation: '', email: '', outletUrl: '' };

/** A licensee in the list. */
export interface LicenseeRow {
  id: number;
  name: string;
  organisation: string;
  email: string;
  kind: 'licensee' | 'partner';
}

function day(iso: string | null): string {
  return iso === null ? '–' : iso.slice(0, 10);
}

/** The list of licensees and partners, with the form that adds a partner. */
export function PartnerListView(props: { licensees: LicenseeRow[]; values: PartnerFormValues; csrf: string }) {
  return (
    <>
      <p class="admin-lede">
        Outlets that hold licences, and syndication partners that receive a feed of the articles licensed to them. See also <a href="/admin/syndication/views">views of republished copies</a>.
      </p>
      {props.licensees.length === 0 ? (
        <p>No licensees or partners yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Contact</th>
              <th scope="col">Kind</th>
            </tr>
          </thead>
          <tbody>
            {props.licensees.map((licensee) => (
              <tr>
                <td>
                  <a href={`/admin/syndication/partners/${licensee.id}`}>{licensee.organisation}</a>
                </td>
                <td>
                  {licensee.name} <span class="admin-audit__email">{licensee.email}</span>
                </td>
                <td>{licensee.kind === 'partner' ? 'Partner' : 'Licensee'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Add a partner</h2>
      <form method="post" action="/admin/syndication/partners" class="admin-form">
        <input type="hidden" name="csrf" value={props.csrf} />
        <label>
          Contact name
          <input name="name" value={props.values.name} maxlength={200} required autocomplete="off" />
        </label>
        <label>
          Organisation
          <input name="organisation" value={props.values.organisation} maxlength={200} required autocomplete="off" />
        </label>
        <label>
          Email
          <input name="email" type="email" value={props.values.email} maxlength={254} required autocomplete="off" />
        </label>
        <label>
          Outlet web address <span class="hint">Optional, e.g. https://outlet.example</span>
          <input name="outletUrl" type="url" value={props.values.outletUrl} maxlength={500} autocomplete="off" />
        </label>
        <button type="submit">Add partner</button>
      </form>
    </>
  );
}

/** One licensee: details, licences (read-only), feed tokens and the feed addresses. */
export function LicenseeView(props: { licensee: LicenseeDetail; licences: LicenseeLicence[]; tokens: PartnerTokenListing[]; feedUrls: { atom: string; json: string }; csrf: string; newToken: string | null; today: string }) {
  const { licensee, today } = props;
  const base = `/admin/syndication/partners/${licensee.id}`;
  return (
    <>
      <dl>
        <dt>Contact</dt>
        <dd>
          {licensee.name}, {licensee.email}
        </dd>
        <dt>Kind</dt>
        <dd>{licensee.kind === 'partner' ? 'Partner (set up by the desk)' : 'Licensee (from a republishing request)'}</dd>
        {licensee.outletUrl ? (
          <>
            <dt>Outlet</dt>
            <dd>
              <a href={licensee.outletUrl} rel="noopener noreferrer">
                {licensee.outletUrl}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {props.newToken ? (
        <div class="admin-notice" role="status">
          <p>
            <strong>New feed token: copy it now.</strong> It is shown only this once; we keep only a fingerprint of it.
          </p>
          <p>
            <code class="admin-message">{props.newToken}</code>
          </p>
        </div>
      ) : null}
      <h2>Licences</h2>
      {props.licences.length === 0 ? (
        <p>No licences yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Article</th>
              <th scope="col">Valid</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {props.licences.map((licence) => (
              <tr>
                <td>{licence.reference}</td>
                <td>{licence.headline}</td>
                <td>
                  {licence.validFrom.slice(0, 10)} to {licence.validTo.slice(0, 10)}
                </td>
                <td>{licence.revokedAt !== null ? `Revoked ${day(licence.revokedAt)}` : licence.validTo.slice(0, 10) < today ? 'Ended' : licence.validFrom.slice(0, 10) > today ? 'Not started' : 'In force'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Partner feed</h2>
      <p>The articles currently licensed to this outlet, full text, newest first. Send the token as <code>Authorization: Bearer &lt;token&gt;</code> (or add <code>?token=&lt;token&gt;</code>).</p>
      <ul>
        <li>
          Atom: <code>{props.feedUrls.atom}</code>
        </li>
        <li>
          IPTC ninjs 2.0 (a JSON array): <code>{props.feedUrls.json}</code>
        </li>
      </ul>
      <h3>Feed tokens</h3>
      {props.tokens.length === 0 ? (
        <p>No tokens yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((token) => (
              <tr>
                <td>{token.label || '(no label)'}</td>
                <td>{day(token.createdAt)}</td>
                <td>{day(token.lastUsedAt)}</td>
                <td>
                  {token.revokedAt !== null ? (
                    `Revoked ${day(token.revokedAt)}`
                  ) : (
                    <form method="post" action={`${base}/tokens/${token.id}/revoke`} class="admin-inline-form">
                      <input type="hidden" name="csrf" value={props.csrf} />
                      <button type="submit">Revoke{token.label ? ` “${token.label}”` : ''}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={`${base}/tokens`} class="admin-form">
        <input type="hidden" name="csrf" value={props.csrf} />
        <label>
          Label <span class="hint">Optional: where the token is used, e.g. "CMS importer"</span>
          <input name="label" maxlength={100} autocomplete="off" />
        </label>
        <button type="submit">Create a feed token</button>
      </form>
    </>
  );
}

/** Fills the days without views with 0, so the line does not skip them. */
function everyDay(points: DailyViews[], since: string, until: string): { x: string; y: number }[] {
  const byDay = new Map(points.map((point) => [point.day, point.views]));
  const out: { x: string; y: number }[] = [];
  for (let time = Date.parse(`${since}T00:00:00Z`); time <= Date.parse(`${until}T00:00:00Z`); time += 86_400_000) {
    const key = new Date(time).toISOString().slice(0, 10);
    out.push({ x: key, y: byDay.get(key) ?? 0 });
  }
  return out;
}

function TotalsTable(props: { caption: string; heading: string; rows: ViewsTotal[]; hrefOf: (id: number) => string }) {
  if (props.rows.length === 0) return <p>No views yet.</p>;
  return (
    <table class="admin-table">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.heading}</th>
          <th scope="col">Views</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr>
            <td>
              <a href={props.hrefOf(row.id)}>{row.name}</a>
            </td>
            <td>{row.views.toLocaleString('en-GB')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Republication views: a chart per day, totals per article and per licensee, top referring pages. */
export function ViewsView(props: {
  days: number;
  since: string;
  today: string;
  filterLabel: string | null;
  daily: DailyViews[];
  articles: ViewsTotal[];
  licensees: ViewsTotal[];
  referrers: ReferrerTotal[];
}) {
  const series: ChartSeries[] = [{ label: props.filterLabel ?? 'All republished copies', points: everyDay(props.daily, props.since, props.today) }];
  const total = props.daily.reduce((sum, point) => sum + point.views, 0);
  return (
    <>
      <p class="admin-lede">
        Counted by the tracking image in every republishing package: views per day, by article, licensee and referring page (address without its query). Creative Commons copies count under
        their article only.
      </p>
      <form method="get" action="/admin/syndication/views" class="admin-inline-form">
        <label>
          Period
          <select name="days">
            {[7, 30, 90, 365].map((days) => (
              <option value={String(days)} selected={days === props.days}>
                Last {days} days
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
        {props.filterLabel ? <a href={`/admin/syndication/views?days=${props.days}`}>Show all copies</a> : null}
      </form>
      <p>
        {props.filterLabel ? `${props.filterLabel}: ` : ''}
        {total.toLocaleString('en-GB')} {total === 1 ? 'view' : 'views'} since {props.since}.
      </p>
      <LineChart title="Views of republished copies per day" series={series} yLabel="views" />
      <h2>By article</h2>
      <TotalsTable caption="Views by article" heading="Article" rows={props.articles} hrefOf={(id) => `/admin/syndication/views?days=${props.days}&article=${id}`} />
      <h2>By licensee</h2>
      <TotalsTable caption="Views by licensee" heading="Licensee" rows={props.licensees} hrefOf={(id) => `/admin/syndication/views?days=${props.days}&licensee=${id}`} />
      <h2>Top referring pages</h2>
      {props.referrers.length === 0 ? (
        <p>No views yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Page</th>
              <th scope="col">Views</th>
            </tr>
          </thead>
          <tbody>
            {props.referrers.map((row) => (
              <tr>
                <td class="admin-audit__details">{row.referrer === '' ? '(no referrer sent)' : row.referrer}</td>
                <td>{row.views.toLocaleString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

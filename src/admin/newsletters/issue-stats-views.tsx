/** Views of newsletter numbers: one issue's delivery and clicks, and a list's growth. */
import type { Newsletter } from '../../newsletters/lists.ts';
import type { IssueRecord } from '../../newsletters/issues.ts';
import type { IssueStats, IssueSummary } from '../../newsletters/stats.ts';
import type { ChartSeries } from '../charts.tsx';
import { BarChart, LineChart } from '../charts.tsx';
import { formatDateTime } from '../../i18n/index.ts';
import { directionOf } from '../../i18n/languages.ts';
import { statusLabel } from './issue-views.tsx';

function Figures(props: { figures: [string, number | null][] }) {
  return (
    <dl class="issue-stats">
      {props.figures
        .filter((figure) => figure[1] !== null)
        .map(([label, value]) => (
          <div>
            <dt>{label}</dt>
            <dd>{(value ?? 0).toLocaleString('en-GB')}</dd>
          </div>
        ))}
    </dl>
  );
}

/** One issue's numbers, its hourly charts and clicks per link. */
export function IssueStatsView(props: { list: Newsletter; issue: IssueRecord; stats: IssueStats }) {
  const { stats, issue } = props;
  return (
    <>
      <p>
        <a href={`/admin/newsletters/${props.list.id}/issues`}>{`Issues of ${props.list.name}`}</a> · <a href={`/admin/newsletters/issues/${issue.id}`}>The issue</a> · <a href={`/admin/newsletters/issues/${issue.id}/preview`}>Preview</a>
      </p>
      <p>
        {`${statusLabel(issue.status)}`}
        {issue.startedAt ? `, started ${formatDateTime(issue.startedAt, 'en')}` : ''}
        {issue.finishedAt ? `, finished ${formatDateTime(issue.finishedAt, 'en')}` : ''}
      </p>
      <Figures
        figures={[
          ['Recipients', stats.recipients],
          ['Sent', stats.sent],
          ['Waiting', stats.waiting],
          ['Failed', stats.failed],
          ['Bounced', stats.bounced],
          ['Unsubscribed', stats.unsubscribed],
          ['Clicks', stats.clicks],
          ['Opens', stats.opens],
        ]}
      />
      {stats.opens !== null ? <p class="hint">Opens are counted by an image in the mail; many mail programs load images automatically or never, so treat opens as a rough sign only.</p> : null}
      <BarChart title="Messages handed to the mail server per hour (UTC)" series={stats.sendsPerHour.points.length > 0 ? [stats.sendsPerHour] : []} yLabel="messages" />
      <BarChart title="Clicks per hour (UTC)" series={stats.clicksPerHour.points.length > 0 ? [stats.clicksPerHour] : []} yLabel="clicks" />
      <h2>Clicks per link</h2>
      {stats.links.length === 0 ? (
        <p>This issue has no tracked links yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Article</th>
              <th scope="col">Clicks</th>
            </tr>
          </thead>
          <tbody>
            {stats.links.map((link) => (
              <tr>
                <td>
                  {link.headline ? (
                    <>
                      <span class="issue-link__headline" lang={props.list.language} dir={directionOf(props.list.language)}>
                        {link.headline}
                      </span>
                      <span class="issue-link__url">{link.url}</span>
                    </>
                  ) : (
                    <span class="issue-link__url issue-link__url--only">{link.url}</span>
                  )}
                </td>
                <td>{link.clicks.toLocaleString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** A list's growth over the last 90 days and its issues. */
export function ListStatsView(props: { list: Newsletter; confirmed: number; growth: ChartSeries; issues: IssueSummary[] }) {
  return (
    <>
      <p>
        <a href={`/admin/newsletters/${props.list.id}/issues`}>{`Issues of ${props.list.name}`}</a>
      </p>
      <Figures figures={[['Confirmed subscribers now', props.confirmed]]} />
      <LineChart title="Confirmed subscribers, last 90 days" series={props.growth.points.length > 0 ? [props.growth] : []} yLabel="subscribers" />
      <h2>Issues</h2>
      {props.issues.length === 0 ? (
        <p>No issues yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Recipients</th>
              <th scope="col">Sent</th>
              <th scope="col">Clicks</th>
            </tr>
          </thead>
          <tbody>
            {props.issues.map((issue) => (
              <tr>
                <td>
                  <a href={issue.status === 'sending' || issue.status === 'sent' ? `/admin/newsletters/issues/${issue.id}/stats` : `/admin/newsletters/issues/${issue.id}`}>{issue.subject}</a>
                </td>
                <td>{statusLabel(issue.status)}</td>
                <td>{issue.startedAt ? formatDateTime(issue.startedAt, 'en') : '–'}</td>
                <td>{issue.recipients.toLocaleString('en-GB')}</td>
                <td>{issue.sent.toLocaleString('en-GB')}</td>
                <td>{issue.clicks.toLocaleString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

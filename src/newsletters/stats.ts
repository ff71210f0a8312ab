/**
 * Numbers for the desk: how an issue went out (delivery records), what readers did with it
 * (clicks, unsubscriptions, opens where counted) and how a list grew. Everything is counted
 * from aggregate rows; nothing here reads or reveals who a reader is.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { ChartSeries } from '../admin/charts.tsx';
import type { Database } from '../db/schema.ts';
import type { DeliveryStatus } from '../db/schema-newsletters.ts';

/** Subscription events that add a confirmed subscriber, and those that take one away. */
const GROWTH_KINDS = ['confirmed', 'imported', 'added', 'resubscribed'];
const LOSS_KINDS = ['unsubscribed', 'bounced', 'complained', 'erased'];

/** Days the list growth chart covers. */
export const GROWTH_DAYS = 90;
/** Hour charts fill gaps with zeros up to this span; longer spans show only hours with data. */
const MAX_FILLED_HOURS = 24 * 7;

/** One link of an issue with its clicks, and the headline of the article it leads to (null when unknown). */
export interface LinkClicks {
  url: string;
  headline: string | null;
  clicks: number;
}

/** How one issue did. */
export interface IssueStats {
  recipients: number;
  sent: number;
  failed: number;
  bounced: number;
  /** Not yet sent (pending, sending, retry) or skipped. */
  waiting: number;
  skipped: number;
  unsubscribed: number;
  clicks: number;
  /** Null when the list does not count opens. */
  opens: number | null;
  links: LinkClicks[];
  sendsPerHour: ChartSeries;
  clicksPerHour: ChartSeries;
}

/** The hour label of a `YYYY-MM-DDTHH` bucket, as charts show it. */
function hourLabel(hour: string): string {
  return `${hour.slice(5, 10)} ${hour.slice(11, 13)}:00`;
}

/** Points per hour, with empty hours between the first and last filled in as zero (when the span is short). */
function hourSeries(label: string, rows: readonly { hour: string; count: number }[]): ChartSeries {
  const counts = new Map(rows.filter((row) => /^\d{4}-\d{2}-\d{2}T\d{2}$/.test(row.hour)).map((row) => [row.hour, row.count]));
  const hours = [...counts.keys()].sort();
  const first = hours[0];
  const last = hours[hours.length - 1];
  if (first === undefined || last === undefined) return { label, points: [] };
  const start = Date.parse(`${first}:00:00Z`);
  const span = (Date.parse(`${last}:00:00Z`) - start) / 3_600_000;
  const all = span <= MAX_FILLED_HOURS ? Array.from({ length: span + 1 }, (_, index) => new Date(start + index * 3_600_000).toISOString().slice(0, 13)) : hours;
  return { label, points: all.map((hour) => ({ x: hourLabel(hour), y: counts.get(hour) ?? 0 })) };
}

/** Counts of an issue; null when there is no such issue. */
export async function issueStats(db: Kysely<Database>, issueId: number): Promise<IssueStats | null> {
  const issue = await db
    .selectFrom('newsletter_issues')
    .innerJoin('newsletters', 'newsletters.id', 'newsletter_issues.newsletter_id')
    .select(['newsletter_issues.recipients', 'newsletters.track_opens'])
    .where('newsletter_issues.id', '=', issueId)
    .executeTakeFirst();
  if (!issue) return null;

  const [statuses, unsubscribed, links, engagement, sends] = await Promise.all([
    db.selectFrom('newsletter_deliveries').select(['status', sql<number>`count(*)`.as('n')]).where('issue_id', '=', issueId).groupBy('status').execute(),
    db.selectFrom('subscription_events').select(sql<number>`count(*)`.as('n')).where('issue_id', '=', issueId).where('kind', '=', 'unsubscribed').executeTakeFirst(),
    db
      .selectFrom('newsletter_links')
      .leftJoin('articles', 'articles.id', 'newsletter_links.article_id')
      .select(['newsletter_links.url', 'newsletter_links.clicks', 'articles.headline'])
      .where('newsletter_links.issue_id', '=', issueId)
      .orderBy('newsletter_links.clicks', 'desc')
      .orderBy('newsletter_links.id')
      .execute(),
    db.selectFrom('newsletter_engagement').select(['kind', 'hour', 'count']).where('issue_id', '=', issueId).orderBy('hour').execute(),
    db
      .selectFrom('newsletter_deliveries')
      .select([sql<string>`substr(sent_at, 1, 13)`.as('hour'), sql<number>`count(*)`.as('n')])
      .where('issue_id', '=', issueId)
      .where('sent_at', 'is not', null)
      .where('status', 'in', ['sent', 'bounced'])
      .groupBy(sql`substr(sent_at, 1, 13)`)
      .execute(),
  ]);

  const byStatus = new Map(statuses.map((row) => [row.status, Number(row.n)]));
  const status = (name: DeliveryStatus) => byStatus.get(name) ?? 0;
  const total = [...byStatus.values()].reduce((sum, n) => sum + n, 0);
  const clickRows = engagement.filter((row) => row.kind === 'click');
  const openRows = engagement.filter((row) => row.kind === 'open');
  return {
    recipients: Math.max(issue.recipients, total),
    sent: status('sent'),
    failed: status('failed'),
    bounced: status('bounced'),
    skipped: status('skipped'),
    waiting: status('pending') + status('sending') + status('retry'),
    unsubscribed: Number(unsubscribed?.n ?? 0),
    clicks: links.reduce((sum, link) => sum + Number(link.clicks), 0),
    opens: issue.track_opens === 1 ? openRows.reduce((sum, row) => sum + Number(row.count), 0) : null,
    links: links.map((link) => ({ url: link.url, headline: link.headline ?? null, clicks: Number(link.clicks) })),
    sendsPerHour: hourSeries(
      'Sent',
      sends.map((row) => ({ hour: row.hour, count: Number(row.n) })),
    ),
    clicksPerHour: hourSeries(
      'Clicks',
      clickRows.map((row) => ({ hour: row.hour, count: Number(row.count) })),
    ),
  };
}

/** One issue in a list's table of issues. */
export interface IssueSummary {
  id: number;
  subject: string;
  status: string;
  startedAt: string | null;
  scheduledAt: string | null;
  createdAt: string;
  recipients: number;
  sent: number;
  clicks: number;
}

/** A list's issues, newest first, with sent and click totals (three grouped queries). */
export async function issueSummaries(db: Kysely<Database>, newsletterId: number, limit = 200): Promise<IssueSummary[]> {
  const issues = await db
    .selectFrom('newsletter_issues')
    .select(['id', 'subject', 'status', 'started_at', 'scheduled_at', 'created_at', 'recipients'])
    .where('newsletter_id', '=', newsletterId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  if (issues.length === 0) return [];
  const ids = issues.map((issue) => issue.id);
  const [sent, clicks] = await Promise.all([
    db.selectFrom('newsletter_deliveries').select(['issue_id', sql<number>`count(*)`.as('n')]).where('issue_id', 'in', ids).where('status', '=', 'sent').groupBy('issue_id').execute(),
    db.selectFrom('newsletter_links').select(['issue_id', sql<number>`sum(clicks)`.as('n')]).where('issue_id', 'in', ids).groupBy('issue_id').execute(),
  ]);
  const sentBy = new Map(sent.map((row) => [row.issue_id, Number(row.n)]));
  const clicksBy = new Map(clicks.map((row) => [row.issue_id, Number(row.n)]));
  return issues.map((issue) => ({
    id: issue.id,
    subject: issue.subject,
    status: issue.status,
    startedAt: issue.started_at,
    scheduledAt: issue.scheduled_at,
    createdAt: issue.created_at,
    recipients: issue.recipients,
    sent: sentBy.get(issue.id) ?? 0,
    clicks: clicksBy.get(issue.id) ?? 0,
  }));
}

/**
 * Confirmed subscribers of a list at the end of each of the last `days` days (UTC), from the
 * subscription history: the count before the window, then each day's gains and losses.
 */
export async function subscribersOverTime(db: Kysely<Database>, newsletterId: number, now = new Date(), days = GROWTH_DAYS): Promise<ChartSeries> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = new Date(today - (days - 1) * 86_400_000).toISOString();
  const signed = sql<number>`sum(case when kind in (${sql.join(GROWTH_KINDS)}) then 1 when kind in (${sql.join(LOSS_KINDS)}) then -1 else 0 end)`;
  const [before, daily] = await Promise.all([
    db.selectFrom('subscription_events').select(signed.as('n')).where('newsletter_id', '=', newsletterId).where('at', '<', start).executeTakeFirst(),
    db
      .selectFrom('subscription_events')
      .select([sql<string>`substr(at, 1, 10)`.as('day'), signed.as('n')])
      .where('newsletter_id', '=', newsletterId)
      .where('at', '>=', start)
      .groupBy(sql`substr(at, 1, 10)`)
      .execute(),
  ]);
  // A list with no history at all has no chart yet (rather than ninety zeros).
  if ((before?.n === null || before?.n === undefined) && daily.length === 0) return { label: 'Confirmed subscribers', points: [] };
  const change = new Map(daily.map((row) => [row.day, Number(row.n)]));
  let count = Number(before?.n ?? 0);
  const points: ChartSeries['points'] = [];
  for (let index = 0; index < days; index += 1) {
    const day = new Date(today - (days - 1 - index) * 86_400_000).toISOString().slice(0, 10);
    count += change.get(day) ?? 0;
    points.push({ x: day, y: Math.max(0, count) });
  }
  return { label: 'Confirmed subscribers', points };
}

/** How many confirmed subscribers a list has now (who a send would reach). */
export async function confirmedCount(db: Kysely<Database>, newsletterId: number): Promise<number> {
  const row = await db.selectFrom('subscriptions').select(sql<number>`count(*)`.as('n')).where('newsletter_id', '=', newsletterId).where('status', '=', 'confirmed').executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Issue and list numbers from seeded delivery rows, events, link clicks and engagement buckets. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BarChart, LineChart } from '../../src/admin/charts.tsx';
import { createIssue } from '../../src/newsletters/issues.ts';
import { confirmedCount, issueStats, issueSummaries, subscribersOverTime } from '../../src/newsletters/stats.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { addConfirmedSubscribers, createList } from './support/fixtures.ts';

test('charts are accessible SVG images with their numbers in a table, escape their labels, and say when there is no data', () => {
  const line = LineChart({
    title: 'Subscribers <by day>',
    yLabel: 'subscribers',
    series: [
      { label: 'List "A"', points: [{ x: '2026-11-01', y: 3 }, { x: '2026-11-02', y: 7 }] },
      { label: 'List B', points: [{ x: '2026-11-02', y: 2 }] },
    ],
  }).toString();
  assert.match(line, /<svg class="chart__svg" role="img" aria-label="Subscribers &lt;by day&gt;: line chart of subscribers, 2 series, 2 points from 2026-11-01 to 2026-11-02; highest 7 \(List &quot;A&quot;\) at 2026-11-02\."/);
  assert.match(line, /<title>Subscribers &lt;by day&gt;: line chart/);
  assert.equal(line.match(/<polyline /g)?.length, 2);
  assert.match(line, /<details class="chart__data"><summary>Show the numbers<\/summary><table/);
  assert.match(line, /<th scope="row">2026-11-01<\/th><td>3<\/td><td>–<\/td>/);
  assert.match(line, /<li class="chart__key chart__key--1">List B<\/li>/);
  assert.ok(!line.includes('<by day>') && !line.includes('"A"'));

  const bars = BarChart({ title: 'Clicks per hour', series: [{ label: 'Clicks', points: [{ x: '10:00', y: 4 }, { x: '11:00', y: 0 }, { x: '12:00', y: 9 }] }] }).toString();
  assert.equal(bars.match(/<rect class="chart__bar"/g)?.length, 3);
  assert.match(bars, /<title>Clicks, 12:00: 9<\/title>/);
  assert.ok(!bars.includes('chart__legend'), 'one series needs no key');

  for (const empty of [LineChart({ title: 'Nothing', series: [] }), BarChart({ title: 'Nothing', series: [{ label: 'x', points: [] }] })]) {
    const html = empty.toString();
    assert.match(html, /<figcaption class="chart__title">Nothing<\/figcaption><p class="chart__empty">No data yet\.<\/p>/);
    assert.ok(!html.includes('<svg'));
  }
});

describeEachDatabase('newsletter stats', (use) => {
  test('an issue: delivery statuses, unsubscriptions, clicks per link, opens when counted, and hourly series', async () => {
    const db = use().db;
    const listId = await createList(db);
    const readers = await addConfirmedSubscribers(db, listId, 8);
    const issueId = await createIssue(db, listId, { subject: 'Counted' }, { userId: null });
    await db.updateTable('newsletter_issues').set({ status: 'sent', recipients: 8, started_at: '2026-11-20T09:58:00.000Z' }).where('id', '=', issueId).execute();
    const rows: [string, string | null][] = [
      ['sent', '2026-11-20T10:01:00.000Z'],
      ['sent', '2026-11-20T10:59:59.000Z'],
      ['sent', '2026-11-20T12:15:00.000Z'],
      ['sent', '2026-11-20T12:16:00.000Z'],
      ['bounced', '2026-11-20T12:20:00.000Z'],
      ['failed', null],
      ['retry', null],
      ['pending', null],
    ];
    await db
      .insertInto('newsletter_deliveries')
      .values(rows.map(([status, sentAt], index) => ({ issue_id: issueId, subscriber_id: readers[index] ?? null, email: `r${index}@readers.example.test`, status: status as 'sent', attempts: 1, next_attempt_at: null, claimed_by: null, lease_until: null, message_id: `<stats-${issueId}-${index}@example.test>`, sent_at: sentAt, last_response: null })))
      .execute();
    await db
      .insertInto('newsletter_links')
      .values([
        { issue_id: issueId, url: 'https://news.example.test/news/a', clicks: 5 },
        { issue_id: issueId, url: 'https://news.example.test/news/b', clicks: 9 },
      ])
      .execute();
    await db
      .insertInto('newsletter_engagement')
      .values([
        { issue_id: issueId, kind: 'click', hour: '2026-11-20T10', count: 10 },
        { issue_id: issueId, kind: 'click', hour: '2026-11-20T13', count: 4 },
        { issue_id: issueId, kind: 'open', hour: '2026-11-20T10', count: 6 },
      ])
      .execute();
    await db
      .insertInto('subscription_events')
      .values([
        { newsletter_id: listId, subscriber_id: readers[0] ?? null, kind: 'unsubscribed', issue_id: issueId, at: '2026-11-20T11:00:00.000Z' },
        { newsletter_id: listId, subscriber_id: readers[1] ?? null, kind: 'unsubscribed', issue_id: issueId, at: '2026-11-20T11:05:00.000Z' },
        { newsletter_id: listId, subscriber_id: readers[2] ?? null, kind: 'unsubscribed', issue_id: null, at: '2026-11-20T11:06:00.000Z' },
        { newsletter_id: listId, subscriber_id: readers[3] ?? null, kind: 'complained', issue_id: issueId, at: '2026-11-20T11:07:00.000Z' },
      ])
      .execute();

    const stats = await issueStats(db, issueId);
    assert.ok(stats);
    assert.deepEqual(
      { recipients: stats.recipients, sent: stats.sent, failed: stats.failed, bounced: stats.bounced, waiting: stats.waiting, unsubscribed: stats.unsubscribed, clicks: stats.clicks, opens: stats.opens },
      { recipients: 8, sent: 4, failed: 1, bounced: 1, waiting: 2, unsubscribed: 2, clicks: 14, opens: null },
    );
    // Rows without an article (written before links knew theirs) show their address alone.
    assert.deepEqual(stats.links, [
      { url: 'https://news.example.test/news/b', headline: null, clicks: 9 },
      { url: 'https://news.example.test/news/a', headline: null, clicks: 5 },
    ]);
    assert.deepEqual(stats.sendsPerHour.points, [
      { x: '11-20 10:00', y: 2 },
      { x: '11-20 11:00', y: 0 },
      { x: '11-20 12:00', y: 3 },
    ]);
    assert.deepEqual(stats.clicksPerHour.points, [
      { x: '11-20 10:00', y: 10 },
      { x: '11-20 11:00', y: 0 },
      { x: '11-20 12:00', y: 0 },
      { x: '11-20 13:00', y: 4 },
    ]);

    await db.updateTable('newsletters').set({ track_opens: 1 }).where('id', '=', listId).execute();
    assert.equal((await issueStats(db, issueId))?.opens, 6);
    assert.equal(await issueStats(db, 999_999), null);

    const [summary] = await issueSummaries(db, listId);
    assert.deepEqual({ id: summary?.id, sent: summary?.sent, clicks: summary?.clicks, recipients: summary?.recipients }, { id: issueId, sent: 4, clicks: 14, recipients: 8 });
    assert.equal(await confirmedCount(db, listId), 8);
  });

  test('a list: confirmed subscribers at the end of each of the last 90 days', async () => {
    const db = use().db;
    const listId = await createList(db);
    assert.deepEqual((await subscribersOverTime(db, listId)).points, [], 'no history: no chart');
    const now = new Date('2026-11-28T15:00:00.000Z');
    const events: [string, string][] = [
      ['imported', '2026-06-01T10:00:00.000Z'],
      ['imported', '2026-06-01T10:00:00.000Z'],
      ['confirmed', '2026-08-20T10:00:00.000Z'],
      ['signed_up', '2026-11-01T08:00:00.000Z'],
      ['confirmed', '2026-11-01T09:00:00.000Z'],
      ['confirmed', '2026-11-01T23:59:59.000Z'],
      ['unsubscribed', '2026-11-10T12:00:00.000Z'],
      ['resubscribed', '2026-11-20T12:00:00.000Z'],
      ['bounced', '2026-11-27T12:00:00.000Z'],
      ['complained', '2026-11-27T13:00:00.000Z'],
      ['erased', '2026-11-28T01:00:00.000Z'],
    ];
    await db
      .insertInto('subscription_events')
      .values(events.map(([kind, at]) => ({ newsletter_id: listId, subscriber_id: null, kind, issue_id: null, at })))
      .execute();
    const series = await subscribersOverTime(db, listId, now);
    assert.equal(series.points.length, 90);
    const at = (day: string) => series.points.find((point) => point.x === day)?.y;
    assert.equal(series.points[0]?.x, '2026-08-31');
    assert.equal(series.points.at(-1)?.x, '2026-11-28');
    assert.equal(at('2026-08-31'), 3, 'the count before the window carries in');
    assert.equal(at('2026-10-31'), 3);
    assert.equal(at('2026-11-01'), 5);
    assert.equal(at('2026-11-10'), 4);
    assert.equal(at('2026-11-20'), 5);
    assert.equal(at('2026-11-27'), 3);
    assert.equal(at('2026-11-28'), 2);
  });
});

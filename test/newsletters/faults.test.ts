/**
 * SMTP faults during a send: 4xx answers are retried with backoff and delivered exactly once,
 * 5xx at RCPT TO marks the copy bounced and the reader's subscription bounced, a copy that
 * keeps failing is given up, and readers erased or unsubscribed since the start are skipped.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { retryDelayMs, startNewsletterSender } from '../../src/newsletters/delivery.ts';
import { startSending } from '../../src/newsletters/sending.ts';
import { classifySmtpError, createRateLimiter } from '../../src/newsletters/transport.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { addConfirmedSubscribers, createIssue, createList, deliveryCounts, waitForIssueStatus } from './support/fixtures.ts';
import { startSink } from './support/sink.ts';
import type { Sink } from './support/sink.ts';

describeEachDatabase('newsletter delivery faults', (use) => {
  let sink: Sink;
  let t: TestApp;
  let mediaDir: string;

  before(async () => {
    sink = await startSink({
      recipientRule: (address, offer) => {
        if (address.startsWith('later-') && offer <= 2) return { code: 451, message: '4.7.1 Greylisted, try again later' };
        if (address.startsWith('never-')) return { code: 451, message: '4.3.0 Mailbox temporarily unavailable' };
        if (address.startsWith('gone-')) return { code: 550, message: '5.1.1 No such mailbox here' };
        return null;
      },
    });
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir, { SMTP_URL: sink.url, NEWSLETTER_SMTP_CONNECTIONS: '2' });
  });
  after(async () => {
    await t.ctx.mailer.close();
    await sink.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('4xx is retried and delivered once, 5xx bounces the reader, endless 4xx fails, erased and unsubscribed readers are skipped', async () => {
    const db = use().db;
    const listId = await createList(db);
    await addConfirmedSubscribers(db, listId, 4, { prefix: 'fine-' });
    await addConfirmedSubscribers(db, listId, 3, { prefix: 'later-' });
    const gone = await addConfirmedSubscribers(db, listId, 2, { prefix: 'gone-' });
    await addConfirmedSubscribers(db, listId, 1, { prefix: 'never-' });
    const [erased, leaving] = await addConfirmedSubscribers(db, listId, 2, { prefix: 'changed-' });
    const issueId = await createIssue(db, listId);
    assert.equal(await startSending(t.ctx, issueId, null), 12);

    // Between the start and the send: one reader is erased, one unsubscribes.
    await db.deleteFrom('subscribers').where('id', '=', erased ?? 0).execute();
    await db.updateTable('subscriptions').set({ status: 'unsubscribed' }).where('subscriber_id', '=', leaving ?? 0).execute();

    const sender = startNewsletterSender(t.ctx, { pollMs: 20, retryBaseMs: 30, maxAttempts: 3 });
    try {
      await waitForIssueStatus(db, issueId, 'sent');
    } finally {
      await sender.stop();
    }

    const received = sink.accepted.map((message) => message.to).sort();
    const expected = ['fine-1', 'fine-2', 'fine-3', 'fine-4', 'later-1', 'later-2', 'later-3'].map((name) => `${name}@readers.example.test`);
    assert.deepEqual(received, expected, 'each deliverable reader got exactly one copy');
    for (const name of ['later-1', 'later-2', 'later-3']) assert.equal(sink.offers.get(`${name}@readers.example.test`), 3, `${name} was tried three times`);
    assert.equal(sink.offers.get('never-1@readers.example.test'), 3, 'the endless 4xx was given up after three attempts');

    assert.deepEqual(await deliveryCounts(db, issueId), { sent: 7, bounced: 2, failed: 1, skipped: 2 });
    const rows = await db.selectFrom('newsletter_deliveries').selectAll().where('issue_id', '=', issueId).execute();
    const byEmail = (email: string) => rows.find((row) => row.email === email);
    assert.equal(byEmail('later-1@readers.example.test')?.attempts, 3);
    assert.match(byEmail('later-1@readers.example.test')?.last_response ?? '', /^250/);
    assert.match(byEmail('gone-1@readers.example.test')?.last_response ?? '', /550 5\.1\.1 No such mailbox/);
    assert.match(byEmail('never-1@readers.example.test')?.last_response ?? '', /451/);
    assert.ok(rows.every((row) => row.claimed_by === null && row.lease_until === null), 'no claim is left behind');

    const subscriptions = await db.selectFrom('subscriptions').select(['subscriber_id', 'status']).where('newsletter_id', '=', listId).where('subscriber_id', 'in', gone).execute();
    assert.deepEqual(subscriptions.map((row) => row.status), ['bounced', 'bounced']);
    const events = await db.selectFrom('subscription_events').select('subscriber_id').where('newsletter_id', '=', listId).where('kind', '=', 'bounced').execute();
    assert.deepEqual(events.map((row) => Number(row.subscriber_id)).sort((a, b) => a - b), gone);
    const fine = await db.selectFrom('subscriptions').select('status').where('newsletter_id', '=', listId).where('status', '=', 'confirmed').execute();
    assert.equal(fine.length, 8, 'readers refused with 4xx stay subscribed');
  });

  test('errors are sorted by what they say about the reader', () => {
    assert.equal(classifySmtpError({ responseCode: 550, command: 'RCPT TO' }), 'bounced');
    assert.equal(classifySmtpError({ responseCode: 451, command: 'RCPT TO' }), 'temporary');
    assert.equal(classifySmtpError({ responseCode: 554, command: 'DATA' }), 'rejected');
    assert.equal(classifySmtpError({ responseCode: 535, code: 'EAUTH', command: 'AUTH PLAIN' }), 'temporary');
    assert.equal(classifySmtpError({ responseCode: 553, command: 'MAIL FROM' }), 'temporary');
    assert.equal(classifySmtpError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' })), 'temporary');
    assert.deepEqual([1, 2, 3, 4, 5].map((attempts) => retryDelayMs(attempts, 30_000) / 1000), [30, 120, 600, 3600, 3600]);
  });

  test('the rate limiter spaces messages out', async () => {
    const limiter = createRateLimiter(50);
    const started = performance.now();
    for (let index = 0; index < 75; index += 1) await limiter.take();
    // 50 come from the full bucket at once, the other 25 at 50 a second.
    const seconds = (performance.now() - started) / 1000;
    assert.ok(seconds >= 0.45 && seconds < 1.5, `took ${seconds} s`);
  });
});

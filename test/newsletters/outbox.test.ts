/**
 * Without SMTP_URL (the two-command install) newsletter copies go to the admin outbox:
 * one `mail_outbox` row per reader, purpose `newsletter`, with the bulk-mail headers and the
 * delivery's Message-ID, so the whole flow can be seen in /admin/outbox.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { startNewsletterSender } from '../../src/newsletters/delivery.ts';
import { sendTestCopy, startSending } from '../../src/newsletters/sending.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { addConfirmedSubscribers, createIssue, createList, deliveryCounts, waitForIssueStatus } from './support/fixtures.ts';

describeEachDatabase('newsletter sending without SMTP', (use) => {
  let t: TestApp;
  let mediaDir: string;

  before(() => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('each copy is kept in the outbox with its headers and Message-ID', async () => {
    const db = use().db;
    const listId = await createList(db);
    await addConfirmedSubscribers(db, listId, 3, { prefix: 'outbox-' });
    const issueId = await createIssue(db, listId, { subject: 'Dam levels, week 12' });
    await startSending(t.ctx, issueId, null);
    const sender = startNewsletterSender(t.ctx, { pollMs: 20 });
    try {
      await waitForIssueStatus(db, issueId, 'sent');
    } finally {
      await sender.stop();
    }
    assert.deepEqual(await deliveryCounts(db, issueId), { sent: 3 });
    // Copies go out several at a time, so the outbox order is not the delivery order.
    const deliveries = await db.selectFrom('newsletter_deliveries').select(['email', 'message_id', 'last_response']).where('issue_id', '=', issueId).orderBy('email').execute();
    const outbox = await db.selectFrom('mail_outbox').selectAll().where('purpose', '=', 'newsletter').where('subject', '=', 'Dam levels, week 12').orderBy('to_address').execute();
    assert.deepEqual(outbox.map((row) => [row.to_address, row.message_id, row.status]), deliveries.map((row) => [row.email, row.message_id, 'stored']));
    assert.match(deliveries[0]?.last_response ?? '', /outbox/);
    const first = outbox[0];
    assert.ok(first);
    assert.equal(first.from_address, '"The Tamarisk" <briefing@tamarisk.example.test>');
    const headers = JSON.parse(first.headers) as Record<string, string>;
    assert.match(headers['List-Unsubscribe'] ?? '', /^<https:\/\/news\.example\.test\/newsletters\/unsubscribe\/[^>]+>, <mailto:unsubscribe\+\d+\.\d+\.[A-Za-z0-9_-]+@tamarisk\.example\.test\?subject=unsubscribe>$/);
    assert.equal(headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    assert.equal(headers['Reply-To'], 'desk@tamarisk.example.test');
    assert.ok(first.html_body?.includes('/newsletters/unsubscribe/'));
    assert.ok(first.text_body.includes('/newsletters/preferences/'));
  });

  test('a test copy is kept in the outbox too', async () => {
    const db = use().db;
    const listId = await createList(db);
    const issueId = await createIssue(db, listId, { subject: 'Olive harvest notes' });
    await sendTestCopy(t.ctx, issueId, 'editor@tamarisk.example.test');
    const row = await db.selectFrom('mail_outbox').selectAll().where('subject', '=', '[Test] Olive harvest notes').executeTakeFirstOrThrow();
    assert.equal(row.purpose, 'newsletter_test');
    assert.equal(row.to_address, 'editor@tamarisk.example.test');
  });
});

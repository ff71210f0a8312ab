/**
 * What a newsletter message looks like on the wire: one per confirmed reader, RFC 8058
 * one-click unsubscribe (https + mailto), List-Id, a unique Message-ID fixed in the delivery
 * record, text and HTML, and a DKIM signature that covers the List-Unsubscribe headers and
 * verifies. Checked on what a real SMTP server received.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { startNewsletterSender } from '../../src/newsletters/delivery.ts';
import { NEWSLETTER_LINK, subscriberOfLink } from '../../src/newsletters/links.ts';
import { checkUnsubscribeMailbox } from '../../src/newsletters/message.ts';
import { sendTestCopy, startSending } from '../../src/newsletters/sending.ts';
import { ValidationError } from '../../src/shared/validation.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { decodeEncodedWords, headerOf, textParts } from '../support/test-smtp-server.ts';
import { verifyDkim } from './support/dkim-verify.ts';
import { addConfirmedSubscribers, createIssue, createList, waitForIssueStatus } from './support/fixtures.ts';
import { startSink } from './support/sink.ts';
import type { Sink } from './support/sink.ts';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

describeEachDatabase('newsletter message headers', (use) => {
  let sink: Sink;
  let t: TestApp;
  let mediaDir: string;

  before(async () => {
    sink = await startSink({ keepRaw: true });
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir, { SMTP_URL: sink.url, DKIM_DOMAIN: 'tamarisk.example.test', DKIM_SELECTOR: 'mh2026', DKIM_PRIVATE_KEY: keys.privateKey, NEWSLETTER_SMTP_CONNECTIONS: '2' });
  });
  after(async () => {
    await t.ctx.mailer.close();
    await sink.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('each confirmed reader gets one signed message with one-click unsubscribe, List-Id and its own Message-ID', async () => {
    const db = use().db;
    const listId = await createList(db, { name: 'The Tamarisk "Daily"' });
    const readers = await addConfirmedSubscribers(db, listId, 3, { prefix: 'hdr-' });
    await addConfirmedSubscribers(db, listId, 1, { prefix: 'hdr-pending-', status: 'pending' });
    await addConfirmedSubscribers(db, listId, 1, { prefix: 'hdr-gone-', status: 'unsubscribed' });
    const issueId = await createIssue(db, listId, { subject: 'Water talks resume in Amman' });
    sink.accepted.length = 0;

    assert.equal(await startSending(t.ctx, issueId, null), 3);
    const sender = startNewsletterSender(t.ctx, { pollMs: 20 });
    try {
      await waitForIssueStatus(db, issueId, 'sent');
    } finally {
      await sender.stop();
    }

    assert.deepEqual(sink.accepted.map((message) => message.to).sort(), ['hdr-1@readers.example.test', 'hdr-2@readers.example.test', 'hdr-3@readers.example.test']);
    const deliveries = await db.selectFrom('newsletter_deliveries').selectAll().where('issue_id', '=', issueId).orderBy('subscriber_id').execute();
    assert.deepEqual(deliveries.map((row) => row.status), ['sent', 'sent', 'sent']);
    assert.deepEqual(deliveries.map((row) => Number(row.subscriber_id)), readers);
    const issue = await db.selectFrom('newsletter_issues').selectAll().where('id', '=', issueId).executeTakeFirstOrThrow();
    assert.equal(issue.recipients, 3);
    assert.ok(issue.finished_at);

    const messageIds = new Set<string>();
    for (const message of sink.accepted) {
      const raw = message.raw ?? '';
      const delivery = deliveries.find((row) => row.email === message.to);
      assert.ok(delivery);
      assert.equal(headerOf(raw, 'Message-ID'), delivery.message_id);
      messageIds.add(delivery.message_id);
      assert.match(delivery.message_id, new RegExp(`^<issue-${issueId}\\.${delivery.subscriber_id}\\.[0-9a-f]+@tamarisk\\.example\\.test>$`));
      assert.equal(headerOf(raw, 'To'), message.to);
      assert.equal(headerOf(raw, 'From'), 'The Tamarisk <briefing@tamarisk.example.test>');
      assert.equal(headerOf(raw, 'Reply-To'), 'desk@tamarisk.example.test');
      assert.equal(headerOf(raw, 'Subject'), 'Water talks resume in Amman');
      assert.equal(headerOf(raw, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
      assert.equal(headerOf(raw, 'List-Id')?.replace(/\s+/g, ' '), `"The Tamarisk \\"Daily\\"" <${issue.frozen ? (JSON.parse(issue.frozen) as { listId: string }).listId : ''}>`);
      assert.equal(headerOf(raw, 'Precedence'), 'bulk');

      // Both unsubscribe routes identify this reader and this list.
      const unsubscribe = headerOf(raw, 'List-Unsubscribe') ?? '';
      const [https, mailto] = [...unsubscribe.replace(/\s+/g, '').matchAll(/<([^>]+)>/g)].map((match) => match[1] ?? '');
      assert.match(https ?? '', /^https:\/\/news\.example\.test\/newsletters\/unsubscribe\/[A-Za-z0-9_.-]+$/);
      const token = https?.split('/').at(-1);
      const reader = subscriberOfLink(await t.ctx.links.verify(NEWSLETTER_LINK.unsubscribe, token));
      assert.deepEqual(reader, { subscriberId: delivery.subscriber_id, linkVersion: 1, newsletterId: listId, issueId });
      const mailbox = /^mailto:([^@]+)@tamarisk\.example\.test\?subject=unsubscribe$/.exec(mailto ?? '');
      assert.ok(mailbox, mailto);
      assert.deepEqual(await checkUnsubscribeMailbox(t.ctx, mailbox[1] ?? ''), { subscriberId: delivery.subscriber_id, newsletterId: listId });
      assert.equal(await checkUnsubscribeMailbox(t.ctx, (mailbox[1] ?? '').replace(/\.(\d+)\./, '.999.')), null);

      // Text and HTML, with this reader's links filled in.
      assert.match(headerOf(raw, 'Content-Type') ?? '', /^multipart\/alternative/);
      const parts = textParts(raw);
      const text = parts.find((part) => part.contentType.startsWith('text/plain'))?.text ?? '';
      const html = parts.find((part) => part.contentType.startsWith('text/html'))?.text ?? '';
      assert.ok(text.includes(https ?? '-'), 'text part carries the unsubscribe link');
      assert.ok(html.includes((https ?? '-').replaceAll('&', '&amp;')), 'html part carries the unsubscribe link');
      assert.ok(!raw.includes('%%MASTHEAD_'), 'no placeholder left');

      // The signature covers the unsubscribe headers and holds.
      const dkim = verifyDkim(raw, keys.publicKey);
      assert.equal(dkim.tags.d, 'tamarisk.example.test');
      assert.equal(dkim.tags.s, 'mh2026');
      for (const name of ['from', 'subject', 'message-id', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post']) assert.ok(dkim.signedHeaders.includes(name), `h= includes ${name}`);
      assert.ok(dkim.bodyHashMatches, 'body hash matches');
      assert.ok(dkim.signatureValid, 'signature verifies');
      // And a tampered copy does not.
      assert.equal(verifyDkim(raw.replace('List-Unsubscribe-Post: List-Unsubscribe=One-Click', 'List-Unsubscribe-Post: List-Unsubscribe=Two-Click'), keys.publicKey).signatureValid, false);
    }
    assert.equal(messageIds.size, 3);

    await assert.rejects(startSending(t.ctx, issueId, null), ValidationError, 'a sent issue cannot be started again');
  });

  test('header values never carry line breaks; a non-ASCII list name is an encoded word', async () => {
    const db = use().db;
    const listId = await createList(db, { name: 'نشرة الطرفاء اليومية', senderName: 'The Tamarisk\r\nBcc: everyone@elsewhere.example' });
    await addConfirmedSubscribers(db, listId, 1, { prefix: 'inj-' });
    const issueId = await createIssue(db, listId, { subject: 'Line one\r\nX-Injected: yes' });
    sink.accepted.length = 0;
    await startSending(t.ctx, issueId, null);
    const sender = startNewsletterSender(t.ctx, { pollMs: 20 });
    try {
      await waitForIssueStatus(db, issueId, 'sent');
    } finally {
      await sender.stop();
    }
    const raw = sink.accepted[0]?.raw ?? '';
    assert.equal(headerOf(raw, 'Bcc'), null);
    assert.equal(headerOf(raw, 'X-Injected'), null);
    assert.equal(decodeEncodedWords(headerOf(raw, 'Subject') ?? ''), 'Line one X-Injected: yes');
    const listIdHeader = headerOf(raw, 'List-Id') ?? '';
    assert.match(listIdHeader, /^=\?UTF-8\?B\?/);
    assert.equal(decodeEncodedWords(listIdHeader.replace(/\s*<[^>]+>$/, '')), 'نشرة الطرفاء اليومية');
    assert.ok(verifyDkim(raw, keys.publicKey).signatureValid);
  });

  test('a test copy goes to the editor with [Test] in the subject, dead links, and no delivery record', async () => {
    const db = use().db;
    const listId = await createList(db);
    await addConfirmedSubscribers(db, listId, 2, { prefix: 'tc-' });
    const issueId = await createIssue(db, listId, { subject: 'Drought maps, annotated' });
    sink.accepted.length = 0;
    await sendTestCopy(t.ctx, issueId, 'editor@tamarisk.example.test');
    assert.equal(sink.accepted.length, 1);
    const raw = sink.accepted[0]?.raw ?? '';
    assert.equal(sink.accepted[0]?.to, 'editor@tamarisk.example.test');
    assert.equal(headerOf(raw, 'Subject'), '[Test] Drought maps, annotated');
    assert.match(headerOf(raw, 'List-Unsubscribe') ?? '', /\/newsletters\/unsubscribe\/test-copy>/);
    assert.ok(verifyDkim(raw, keys.publicKey).signatureValid);
    const issue = await db.selectFrom('newsletter_issues').select(['status', 'frozen']).where('id', '=', issueId).executeTakeFirstOrThrow();
    assert.deepEqual(issue, { status: 'draft', frozen: null });
    assert.equal((await db.selectFrom('newsletter_deliveries').select('id').where('issue_id', '=', issueId).execute()).length, 0);
    await assert.rejects(sendTestCopy(t.ctx, issueId, 'not an address\r\nBcc: x@y.example'), ValidationError);
  });
});

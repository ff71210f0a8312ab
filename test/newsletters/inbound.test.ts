/**
 * The inbound mail listener over real SMTP on loopback: a reader's mail client sends to the
 * List-Unsubscribe mailto of a copy it really received → unsubscribed (credited to the issue,
 * once); a forged seal and every other recipient are refused at RCPT and change nothing;
 * feedback-loop reports built around a real copy mark the reader complained; limits hold;
 * nothing personal reaches the log.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import nodemailer from 'nodemailer';
import type { InboundListener } from '../../src/newsletters/inbound/smtp-listener.ts';
import { MAX_RECIPIENTS, MAX_REFUSALS_PER_CONNECTION, startInboundListener } from '../../src/newsletters/inbound/smtp-listener.ts';
import { describeEachDatabase, openTestDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { buildArfReport, sendIssueThroughSink } from './support/inbound-mail.ts';
import { openSmtpDialog } from './support/smtp-dialog.ts';
import { startSink } from './support/sink.ts';
import type { Sink } from './support/sink.ts';

const FEEDBACK = 'fbl@news.example.test';

describeEachDatabase('inbound mail listener', (use) => {
  let sink: Sink;
  let t: TestApp;
  let mediaDir: string;
  let listener: InboundListener;
  const db = () => use().db;

  before(async () => {
    sink = await startSink({ keepRaw: true });
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir, { SMTP_URL: sink.url, INBOUND_FEEDBACK_ADDRESSES: `abuse@news.example.test, ${FEEDBACK.toUpperCase()}`, INBOUND_MAX_MESSAGE_KB: '200', INBOUND_SMTP_CONNECTIONS_PER_MINUTE: '10000' });
    listener = await startInboundListener(t.ctx, { host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await listener.close();
    await t.ctx.mailer.close();
    await sink.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  /** Sends one message to the listener the way a mail client's server would (nodemailer, plain SMTP on loopback). */
  async function deliver(to: string | string[], message: { subject?: string; text?: string; raw?: string; inReplyTo?: string } = {}) {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true, pool: false });
    try {
      if (message.raw !== undefined) return await transport.sendMail({ envelope: { from: 'mailer-daemon@mailbox-provider.example', to }, raw: message.raw });
      return await transport.sendMail({ from: 'reader@mailbox-provider.example', to, subject: message.subject ?? 'unsubscribe', text: message.text ?? 'unsubscribe', ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}) });
    } finally {
      transport.close();
    }
  }
  const status = async (subscriberId: number, newsletterId: number) =>
    (await db().selectFrom('subscriptions').select('status').where('subscriber_id', '=', subscriberId).where('newsletter_id', '=', newsletterId).executeTakeFirstOrThrow()).status;
  const eventsOf = (subscriberId: number) => db().selectFrom('subscription_events').select(['kind', 'issue_id', 'newsletter_id']).where('subscriber_id', '=', subscriberId).orderBy('id').execute();
  const allStatuses = async () => (await db().selectFrom('subscriptions').select(['subscriber_id', 'newsletter_id', 'status']).orderBy('subscriber_id').orderBy('newsletter_id').execute()).map((row) => `${row.subscriber_id}/${row.newsletter_id}:${row.status}`);
  const eventCount = async () => Number((await db().selectFrom('subscription_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  test('mail to the List-Unsubscribe mailto of a received copy unsubscribes that reader from that list, once, credited to the issue', async () => {
    const { listId, issueId, copies } = await sendIssueThroughSink(t.ctx, sink, 3, 'mailto-');
    const [reader, caseFolded, bystander] = copies;
    assert.ok(reader && caseFolded && bystander);
    assert.match(reader.mailbox, /^unsubscribe\+\d+\.\d+\.[A-Za-z0-9_-]{22}@tamarisk\.example\.test$/);
    const before = await eventCount();

    const sent = await deliver(reader.mailbox);
    assert.deepEqual(sent.accepted, [reader.mailbox]);
    assert.equal(await status(reader.subscriberId, listId), 'unsubscribed');
    assert.deepEqual((await eventsOf(reader.subscriberId)).map((event) => [event.kind, event.issue_id]), [['unsubscribed', issueId]], 'recorded with the issue, as the one-click POST does');
    const issueUnsubscribes = await db().selectFrom('subscription_events').select((eb) => eb.fn.countAll().as('n')).where('issue_id', '=', issueId).where('kind', '=', 'unsubscribed').executeTakeFirstOrThrow();
    assert.equal(Number(issueUnsubscribes.n), 1);

    // Idempotent: the client sends again (or the MTA retries) → accepted, nothing new recorded.
    await deliver(reader.mailbox);
    assert.equal(await eventCount(), before + 1);

    // A mail server that folds the local part to lower case still reaches the right reader.
    await deliver(caseFolded.mailbox.toLowerCase());
    assert.equal(await status(caseFolded.subscriberId, listId), 'unsubscribed');
    assert.equal(await status(bystander.subscriberId, listId), 'confirmed', 'nobody else is touched');

    const logs = t.logs.join('\n');
    for (const copy of copies) {
      assert.ok(!logs.includes(copy.email), 'no reader address in the log');
      assert.ok(!logs.toLowerCase().includes(copy.mailbox.split('@')[0]?.split('.').at(-1)?.toLowerCase() ?? '-'), 'no seal in the log');
    }
    assert.match(logs, /"message":"inbound mail processed".*"action":"unsubscribed"/);
  });

  test('a forged or mangled seal is refused with 550 at RCPT and changes nobody; so is a sealed address whose reader was erased', async () => {
    const { listId, copies } = await sendIssueThroughSink(t.ctx, sink, 1, 'forged-');
    const [reader] = copies;
    assert.ok(reader);
    const before = await allStatuses();
    const events = await eventCount();
    const [local, domain] = reader.mailbox.split('@') as [string, string];
    const forgeries = [
      `${local.slice(0, -1)}${local.endsWith('0') ? '1' : '0'}@${domain}`,
      local.replace(/\+(\d+)\./, (_, id: string) => `+${Number(id) + 1}.`) + `@${domain}`,
      `unsubscribe+${reader.subscriberId}.${listId}@${domain}`,
      `unsubscribe+test@${domain}`,
    ];
    for (const address of forgeries) {
      await assert.rejects(deliver(address), (error: { responseCode?: number; code?: string }) => error.responseCode === 550 && error.code === 'EENVELOPE', address);
    }
    assert.deepEqual(await allStatuses(), before);
    assert.equal(await eventCount(), events);
    assert.match(t.logs.join('\n'), /"message":"inbound mail refused at RCPT","recipient":"forged","reason":"unsubscribe seal does not hold"/);
    assert.ok(!t.logs.join('\n').includes(local.split('.').at(-1) ?? '-'));

    // Erased readers: the seal still verifies, but nobody is behind it any more.
    await db().deleteFrom('subscriptions').where('subscriber_id', '=', reader.subscriberId).execute();
    await assert.rejects(deliver(reader.mailbox), (error: { responseCode?: number }) => error.responseCode === 550);
  });

  test('not a relay: every other recipient is refused at RCPT with 550, and a connection that keeps guessing is closed', async () => {
    const dialog = await openSmtpDialog(listener.port);
    assert.equal(dialog.greeting.code, 220);
    const ehlo = await dialog.command('EHLO relay-tester.example');
    assert.equal(ehlo.code, 250);
    assert.ok(!ehlo.lines.some((line) => /^AUTH\b/.test(line)), 'no AUTH: there is nothing to log in to');
    assert.ok(!ehlo.lines.some((line) => /^STARTTLS\b/.test(line)), 'no STARTTLS without a configured certificate');
    assert.ok(ehlo.lines.includes(`SIZE ${200 * 1024}`));
    assert.equal((await dialog.command('MAIL FROM:<spammer@elsewhere.example>')).code, 250);
    const refusals = ['victim@gmail.example', 'postmaster@news.example.test', 'fbl@elsewhere.example'];
    for (const [index, address] of refusals.entries()) {
      const answer = await dialog.command(`RCPT TO:<${address}>`);
      assert.equal(answer.code, index + 1 >= MAX_REFUSALS_PER_CONNECTION ? 421 : 550, address);
    }
    await dialog.closed;

    // The same through a library: a relay attempt fails before DATA, and a message naming one
    // of ours and a stranger reaches only ours.
    await assert.rejects(deliver('someone@gmail.example'), (error: { responseCode?: number; code?: string }) => error.responseCode === 550 && error.code === 'EENVELOPE');
    const mixed = await deliver([FEEDBACK, 'someone@gmail.example'], { subject: 'hello', text: 'not a report' });
    assert.deepEqual(mixed.accepted, [FEEDBACK]);
    assert.deepEqual(mixed.rejected, ['someone@gmail.example']);
    assert.match(t.logs.join('\n'), /"recipient":"feedback","action":"none","reason":"not a feedback report"/);
  });

  test('an ARF complaint about one of our copies marks that reader complained on that list (by Message-ID, or by the sealed mailbox in the headers)', async () => {
    const { listId, issueId, copies } = await sendIssueThroughSink(t.ctx, sink, 5, 'arf-');
    const [full, headersOnly, notSpam, stranger, untouched] = copies;
    assert.ok(full && headersOnly && notSpam && stranger && untouched);

    // The whole original message embedded, sent to the configured address (matched without regard to case).
    await deliver(FEEDBACK, { raw: buildArfReport(full.raw) });
    assert.equal(await status(full.subscriberId, listId), 'complained');
    assert.deepEqual((await eventsOf(full.subscriberId)).map((event) => [event.kind, event.issue_id]), [['complained', issueId]]);
    await deliver('abuse@news.example.test', { raw: buildArfReport(full.raw) });
    assert.equal((await eventsOf(full.subscriberId)).length, 1, 'a second report of the same complaint records nothing new');

    // Only the headers, base64-encoded, with the Message-ID rewritten by the provider: the sealed mailbox identifies the reader.
    const rewritten = headersOnly.raw.replace(headersOnly.messageId, '<redacted@mailbox-provider.example>');
    await deliver(FEEDBACK, { raw: buildArfReport(rewritten, { headersOnly: true, base64: true }) });
    assert.equal(await status(headersOnly.subscriberId, listId), 'complained');

    // Not a complaint, and a complaint about a message that is not ours: nothing changes.
    await deliver(FEEDBACK, { raw: buildArfReport(notSpam.raw, { feedbackType: 'not-spam' }) });
    assert.equal(await status(notSpam.subscriberId, listId), 'confirmed');
    const foreign = stranger.raw.replace(stranger.messageId, '<someone-else@elsewhere.example>').replace(/List-Unsubscribe:[^\r\n]*(\r\n[ \t][^\r\n]*)*/i, 'List-Unsubscribe: <mailto:unsubscribe+1.1.AAAAAAAAAAAAAAAAAAAAAA@tamarisk.example.test>');
    await deliver(FEEDBACK, { raw: buildArfReport(foreign) });
    assert.equal(await status(stranger.subscriberId, listId), 'confirmed');
    assert.equal(await status(untouched.subscriberId, listId), 'confirmed');

    const logs = t.logs.join('\n');
    assert.match(logs, /"action":"complained","reason":"feedback-loop complaint"/);
    assert.match(logs, /feedback type \\"not-spam\\" is not a complaint/);
    assert.match(logs, /the report names none of our deliveries/);
    for (const copy of copies) {
      assert.ok(!logs.includes(copy.email));
      assert.ok(!logs.includes(copy.messageId), 'Message-IDs identify a reader: not logged');
    }
  });

  test('limits: a message over INBOUND_MAX_MESSAGE_KB is refused with 552, too many recipients with 452', async () => {
    const big = `Subject: big\r\n\r\n${'x'.repeat(76).concat('\r\n').repeat(3000)}`;
    await assert.rejects(deliver(FEEDBACK, { raw: big }), (error: { responseCode?: number }) => error.responseCode === 552);

    const { copies } = await sendIssueThroughSink(t.ctx, sink, MAX_RECIPIENTS + 1, 'many-');
    const dialog = await openSmtpDialog(listener.port);
    await dialog.command('EHLO client.example');
    await dialog.command('MAIL FROM:<a@client.example>');
    const answers = [];
    for (const copy of copies) answers.push((await dialog.command(`RCPT TO:<${copy.mailbox}>`)).code);
    assert.deepEqual(answers, [...Array<number>(MAX_RECIPIENTS).fill(250), 452]);
    dialog.end();
  });
});

test('STARTTLS is offered when INBOUND_SMTP_TLS_KEY_FILE and INBOUND_SMTP_TLS_CERT_FILE are set, and mail arrives over it', async (context) => {
  const dir = tempMediaDir();
  const key = `${dir}/key.pem`;
  const cert = `${dir}/cert.pem`;
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=news.example.test'], { encoding: 'utf8' });
  if (made.status !== 0) {
    context.skip('openssl cannot make a test certificate here');
    return;
  }
  const handle = await openTestDatabase('sqlite');
  const t = createTestApp(handle, dir, { INBOUND_SMTP_TLS_KEY_FILE: key, INBOUND_SMTP_TLS_CERT_FILE: cert, INBOUND_FEEDBACK_ADDRESSES: FEEDBACK });
  const listener = await startInboundListener(t.ctx, { host: '127.0.0.1', port: 0 });
  try {
    const dialog = await openSmtpDialog(listener.port);
    assert.ok((await dialog.command('EHLO client.example')).lines.includes('STARTTLS'));
    dialog.end();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
    const sent = await transport.sendMail({ from: 'a@client.example', to: FEEDBACK, subject: 'hello', text: 'over TLS' });
    transport.close();
    assert.deepEqual(sent.accepted, [FEEDBACK]);
  } finally {
    await listener.close();
    await t.ctx.mailer.close();
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

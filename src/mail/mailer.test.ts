/** The mailer against a real database and a real SMTP server on loopback: what is stored, what goes over the wire, what is refused. */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { test } from 'node:test';
import { describeEachDatabase } from '../../test/db-matrix.ts';
import { createLogger } from '../shared/logger.ts';
import { ValidationError } from '../shared/validation.ts';
import { MailDeliveryError, createMailer } from './mailer.ts';
import type { OutgoingMail } from './mailer.ts';
import { getOutboxMessage, listOutbox } from './outbox.ts';
import { decodeEncodedWords, headerOf, startTestSmtpServer, textParts } from '../../test/support/test-smtp-server.ts';

const FROM = 'Masthead Desk <news@example.org>';
// Characters that change under URL encoding, so both written forms must be scrubbed.
const PASSWORD = 'pa55/w@rd:Secret';
const CREDENTIALS = { user: 'masthead', pass: PASSWORD };

function invitation(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    to: 'reader@example.org',
    subject: 'You are invited to the newsroom',
    text: 'Follow this link to set your password.\nIt expires in 48 hours.',
    html: '<p>Follow <a href="https://example.org/invite/abc">this link</a> to set your password.</p>',
    purpose: 'invitation',
    ...overrides,
  };
}

function collectingLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger('debug', (line) => lines.push(line)) };
}

async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeEachDatabase('mailer', (use) => {
  const outboxSize = async () => (await use().db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  test('without SMTP_URL the mail is stored in the outbox, listed, and logged without its body', async () => {
    const { db } = use();
    const { lines, logger } = collectingLogger();
    const mailer = createMailer(db, { smtpUrl: null, from: FROM, logger });
    const sent = await mailer.send(invitation({ headers: { 'X-Masthead-Test': 'yes' }, replyTo: 'desk@example.org' }));
    await mailer.close();

    assert.equal(sent.status, 'stored');
    assert.match(sent.messageId, /^<[0-9a-f]{32}@example\.org>$/);
    const page = await listOutbox(db, { limit: 10 });
    assert.equal(page.messages[0]?.id, sent.id);
    assert.equal(page.messages[0]?.status, 'stored');
    assert.equal(page.messages[0]?.to, 'reader@example.org');

    const stored = await getOutboxMessage(db, sent.id);
    assert.ok(stored);
    assert.equal(stored.messageId, sent.messageId);
    assert.equal(stored.from, FROM);
    assert.equal(stored.subject, 'You are invited to the newsroom');
    assert.equal(stored.text, invitation().text);
    assert.equal(stored.html, invitation().html);
    assert.deepEqual(stored.headers, { 'X-Masthead-Test': 'yes', 'Reply-To': 'desk@example.org' });
    assert.equal(stored.sentAt, null);
    assert.match(stored.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    assert.equal(lines.length, 1);
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    assert.deepEqual([line.purpose, line.messageId, line.status], ['invitation', sent.messageId, 'stored']);
    assert.ok(!lines[0]?.includes('set your password'), 'the body is never logged');
    assert.equal(await getOutboxMessage(db, 987_654_321), null);
  });

  test('listOutbox pages newest first by keyset, with no gaps or repeats', async () => {
    const { db } = use();
    const mailer = createMailer(db, { smtpUrl: null, from: FROM });
    const ids: number[] = [];
    for (let index = 0; index < 5; index++) ids.push((await mailer.send(invitation({ purpose: 'paging', subject: `Mail ${index}` }))).id);
    const expected = (await db.selectFrom('mail_outbox').select('id').orderBy('created_at', 'desc').orderBy('id', 'desc').execute()).map((row) => row.id);
    assert.deepEqual(expected.slice(0, 5), ids.toReversed());

    const seen: number[] = [];
    let page = await listOutbox(db, { limit: 2 });
    for (;;) {
      assert.ok(page.messages.length <= 2);
      seen.push(...page.messages.map((message) => message.id));
      if (!page.next) break;
      page = await listOutbox(db, { limit: 2, before: page.next });
    }
    assert.deepEqual(seen, expected);
    assert.equal((await listOutbox(db, { limit: 1_000_000 })).messages.length, Math.min(expected.length, 100));
  });

  test('with SMTP the server receives To, From, Subject, Message-ID and both parts; the row is marked sent', async (t) => {
    const { db } = use();
    const smtp = await startTestSmtpServer();
    t.after(() => smtp.close());
    const { lines, logger } = collectingLogger();
    const mailer = createMailer(db, { smtpUrl: smtp.url(CREDENTIALS), from: FROM, logger });
    const sent = await mailer.send(invitation({ headers: { 'X-Masthead-Test': 'yes' }, replyTo: 'desk@example.org' }));
    await mailer.close();

    assert.equal(sent.status, 'sent');
    assert.deepEqual(smtp.logins, [{ username: 'masthead', password: PASSWORD }]);
    assert.equal(smtp.messages.length, 1);
    const message = smtp.messages[0]!;
    assert.equal(message.mailFrom, 'news@example.org');
    assert.deepEqual(message.rcptTo, ['reader@example.org']);
    assert.equal(headerOf(message.raw, 'To'), 'reader@example.org');
    assert.match(headerOf(message.raw, 'From') ?? '', /^"?Masthead Desk"? <news@example\.org>$/);
    assert.equal(headerOf(message.raw, 'Subject'), 'You are invited to the newsroom');
    assert.equal(headerOf(message.raw, 'Message-ID'), sent.messageId);
    assert.equal(headerOf(message.raw, 'Reply-To'), 'desk@example.org');
    assert.equal(headerOf(message.raw, 'X-Masthead-Test'), 'yes');
    assert.match(headerOf(message.raw, 'Content-Type') ?? '', /^multipart\/alternative;/);
    const parts = textParts(message.raw);
    assert.deepEqual(parts.map((part) => part.contentType.split(';')[0]), ['text/plain', 'text/html']);
    assert.equal(parts[0]?.text, invitation().text);
    assert.equal(parts[1]?.text, invitation().html);

    const row = await getOutboxMessage(db, sent.id);
    assert.equal(row?.status, 'sent');
    assert.ok(row?.sentAt && row.sentAt >= row.createdAt);
    assert.equal(row?.error, null);
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /"status":"sent"/);
    assert.ok(!lines.join('\n').includes(PASSWORD) && !lines.join('\n').includes(encodeURIComponent(PASSWORD)));
  });

  test('a refusing server marks the row failed and throws MailDeliveryError without the password', async (t) => {
    const { db } = use();
    // This server echoes the password back in its refusal: the worst case for a leak.
    const smtp = await startTestSmtpServer({ refuseRecipients: (login) => `Mailbox unavailable (you logged in with ${login?.password ?? 'nothing'})` });
    t.after(() => smtp.close());
    const url = smtp.url(CREDENTIALS);
    const { lines, logger } = collectingLogger();
    const mailer = createMailer(db, { smtpUrl: url, from: FROM, logger });
    const before = await outboxSize();

    const error = await mailer.send(invitation({ purpose: 'password_reset' })).then(
      () => assert.fail('send should have failed'),
      (caught: unknown) => caught,
    );
    await mailer.close();

    assert.ok(error instanceof MailDeliveryError, `expected MailDeliveryError, got ${String(error)}`);
    assert.match(error.message, /^Mail delivery failed/);
    assert.match(error.message, /550/, 'the reason keeps the server answer');
    assert.equal(await outboxSize(), before + 1);
    const row = await getOutboxMessage(db, error.outboxId);
    assert.equal(row?.status, 'failed');
    assert.equal(row?.sentAt, null);
    assert.match(row?.error ?? '', /Mailbox unavailable/);
    assert.equal(row?.messageId, error.messageId);
    for (const text of [error.message, row?.error ?? '', lines.join('\n')]) {
      assert.ok(!text.includes(PASSWORD), `password leaked: ${text}`);
      assert.ok(!text.includes(encodeURIComponent(PASSWORD)), `encoded password leaked: ${text}`);
    }
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /"status":"failed"/);
  });

  test('an unreachable server marks the row failed and throws MailDeliveryError', async () => {
    const { db } = use();
    const port = await closedPort();
    const mailer = createMailer(db, { smtpUrl: `smtp://masthead:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`, from: FROM });
    await assert.rejects(mailer.send(invitation()), (error: unknown) => {
      assert.ok(error instanceof MailDeliveryError);
      assert.ok(!error.message.includes(PASSWORD) && !error.message.includes(encodeURIComponent(PASSWORD)));
      return true;
    });
    await mailer.close();
    const [latest] = (await listOutbox(db, { limit: 1 })).messages;
    assert.equal(latest?.status, 'failed');
    assert.match(latest?.error ?? '', /ECONNREFUSED/);
  });

  test('header injection and non-addresses are refused before anything is stored or sent', async (t) => {
    const { db } = use();
    const smtp = await startTestSmtpServer();
    t.after(() => smtp.close());
    const mailer = createMailer(db, { smtpUrl: smtp.url(), from: FROM });
    const before = await outboxSize();
    const attempts: Partial<OutgoingMail>[] = [
      { to: 'a@example.org\r\nBcc: x@example.org' },
      { to: 'a@example.org\nBcc: x@example.org' },
      { to: 'a@example.org, x@example.org' },
      { to: 'Reader <a@example.org>' },
      { to: 'a@example.org;x@example.org' },
      { to: '"a@example.org" x@example.org' },
      { to: 'not-an-address' },
      { to: ' a@example.org' },
      { subject: 'Hello\r\nBcc: x@example.org' },
      { subject: 'Hello\nX-Injected: yes' },
      { headers: { 'X-Note': 'ok\r\nBcc: x@example.org' } },
      { headers: { 'X-Bad\r\nBcc': 'x@example.org' } },
      { headers: { Bcc: 'x@example.org' } },
      { replyTo: 'desk@example.org\r\nBcc: x@example.org' },
      { purpose: 'invite\r\nBcc: x@example.org' },
    ];
    for (const attempt of attempts) {
      await assert.rejects(mailer.send(invitation(attempt)), ValidationError, JSON.stringify(attempt));
    }
    await mailer.close();
    assert.equal(await outboxSize(), before);
    assert.equal(smtp.messages.length, 0);
    assert.throws(() => createMailer(db, { smtpUrl: null, from: 'news@example.org\r\nBcc: x@example.org' }), ValidationError);
  });

  test('an Arabic subject and body survive encoding, storage and delivery', async (t) => {
    const { db } = use();
    const smtp = await startTestSmtpServer();
    t.after(() => smtp.close());
    const mailer = createMailer(db, { smtpUrl: smtp.url(), from: 'غرفة الأخبار <news@example.org>' });
    const subject = 'دعوة للانضمام إلى غرفة الأخبار في «المرصد» — يرجى تعيين كلمة المرور خلال ٤٨ ساعة';
    const text = 'مرحباً سارة،\nدعتك هيئة التحرير للانضمام إلى غرفة الأخبار. اتبعي الرابط لتعيين كلمة المرور.';
    const html = '<p dir="rtl">مرحباً سارة، دعتك هيئة التحرير للانضمام إلى <strong>غرفة الأخبار</strong>.</p>';
    const sent = await mailer.send({ to: 'sara@example.org', subject, text, html, purpose: 'invitation' });
    await mailer.close();

    const raw = smtp.messages[0]?.raw ?? '';
    assert.match(headerOf(raw, 'Subject') ?? '', /^=\?UTF-8\?[BQ]\?/i, 'non-ASCII subjects go out RFC 2047 encoded');
    assert.equal(decodeEncodedWords(headerOf(raw, 'Subject') ?? ''), subject);
    assert.match(decodeEncodedWords(headerOf(raw, 'From') ?? ''), /غرفة الأخبار/);
    const parts = textParts(raw);
    assert.equal(parts[0]?.text, text);
    assert.equal(parts[1]?.text, html);
    const row = await getOutboxMessage(db, sent.id);
    assert.equal(row?.subject, subject);
    assert.equal(row?.text, text);
  });

  test('every message gets its own Message-ID at the sender domain, or the configured one', async () => {
    const { db } = use();
    const mailer = createMailer(db, { smtpUrl: null, from: 'news@example.org' });
    const ids = new Set<string>();
    for (let index = 0; index < 20; index++) ids.add((await mailer.send(invitation())).messageId);
    assert.equal(ids.size, 20);
    const custom = createMailer(db, { smtpUrl: null, from: FROM, messageIdDomain: 'mail.example.net' });
    assert.match((await custom.send(invitation())).messageId, /@mail\.example\.net>$/);
    // The configuration's default sender when PUBLIC_URL is unset.
    const local = createMailer(db, { smtpUrl: null, from: 'Masthead <no-reply@localhost>' });
    assert.match((await local.send(invitation())).messageId, /@localhost>$/);
    await assert.rejects(local.send(invitation({ to: 'reader@localhost' })), ValidationError);
  });
});

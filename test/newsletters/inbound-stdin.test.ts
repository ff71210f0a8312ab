/**
 * `masthead mail:receive --stdin` as a mail server's pipe runs it: a child process of the real
 * CLI reads one message from standard input, finds the recipient in --recipient or the
 * Delivered-To header, and exits with the code the pipe transport reads. Also: `masthead
 * serve` runs the listener itself when INBOUND_SMTP_IN_SERVER is set.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { startServer } from '../../src/server.ts';
import { dialectsUnderTest, openTestDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { buildArfReport, sendIssueThroughSink } from './support/inbound-mail.ts';
import { openSmtpDialog } from './support/smtp-dialog.ts';
import { startSink } from './support/sink.ts';
import type { Sink } from './support/sink.ts';

const BIN = path.resolve('bin/masthead.js');
const FEEDBACK = 'fbl@news.example.test';

/** Runs `masthead mail:receive --stdin …` with `input` on standard input. */
function receive(input: string, args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'mail:receive', '--stdin', ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', INBOUND_FEEDBACK_ADDRESSES: FEEDBACK, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

for (const dialect of dialectsUnderTest()) {
  describe(`masthead mail:receive --stdin [${dialect}]`, () => {
    let handle: DatabaseHandle;
    let dir: string;
    let env: Record<string, string>;
    let sink: Sink;
    let t: TestApp;
    const db = () => handle.db;

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-stdin-'));
      if (dialect === 'sqlite') {
        // A file the child can open too.
        handle = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'masthead.sqlite') });
        const report = await migrateToLatest(handle.db);
        if (report.error) throw report.error;
        env = { MASTHEAD_DATA_DIR: dir };
      } else {
        handle = await openTestDatabase('postgres');
        const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db);
        const url = new URL(process.env.TEST_DATABASE_URL ?? '');
        url.searchParams.set('options', `-c search_path=${rows[0]?.schema ?? ''}`);
        env = { MASTHEAD_DATA_DIR: dir, DATABASE_URL: url.toString() };
      }
      sink = await startSink({ keepRaw: true });
      t = createTestApp(handle, dir, { SMTP_URL: sink.url });
    });
    after(async () => {
      await t.ctx.mailer.close();
      await sink.close();
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const status = async (subscriberId: number, newsletterId: number) =>
      (await db().selectFrom('subscriptions').select('status').where('subscriber_id', '=', subscriberId).where('newsletter_id', '=', newsletterId).executeTakeFirstOrThrow()).status;

    test('a piped unsubscribe mail (recipient from Delivered-To) unsubscribes; a forged seal changes nothing; an ARF report marks complained', async () => {
      const { listId, issueId, copies } = await sendIssueThroughSink(t.ctx, sink, 3, `pipe-${dialect}-`);
      const [reader, victim, complainer] = copies;
      assert.ok(reader && victim && complainer);

      // As Postfix's local delivery hands it over: Delivered-To names the extension address.
      const unsubscribeMail = [`Delivered-To: ${reader.mailbox}`, `To: <${reader.mailbox}>`, `From: ${reader.email}`, 'Subject: unsubscribe', '', 'unsubscribe', ''].join('\r\n');
      const first = await receive(unsubscribeMail, [], env);
      assert.equal(first.status, 0, first.stderr);
      assert.equal(first.stdout.trim(), 'unsubscribed: mailto unsubscribe');
      assert.equal(await status(reader.subscriberId, listId), 'unsubscribed');
      const events = await db().selectFrom('subscription_events').select(['kind', 'issue_id']).where('subscriber_id', '=', reader.subscriberId).execute();
      assert.deepEqual(events.map((event) => [event.kind, Number(event.issue_id)]), [['unsubscribed', issueId]]);
      const again = await receive(unsubscribeMail, [], env);
      assert.equal(again.stdout.trim(), 'none: mailto unsubscribe: already not subscribed');

      // A forged seal given as the envelope recipient: taken (exit 0, no backscatter) and dropped.
      const forged = victim.mailbox.replace(/\.([A-Za-z0-9_-]{22})@/, '.AAAAAAAAAAAAAAAAAAAAAA@');
      const refused = await receive(unsubscribeMail.replace(reader.mailbox, forged), ['--recipient', forged], env);
      assert.equal(refused.status, 0, refused.stderr);
      assert.equal(refused.stdout.trim(), 'none: unsubscribe seal does not hold');
      assert.equal(await status(victim.subscriberId, listId), 'confirmed');
      assert.match(refused.stderr, /"message":"inbound mail dropped","recipient":"forged"/);
      for (const output of [first.stderr, refused.stderr]) {
        assert.ok(!output.includes(reader.email) && !output.includes(victim.email), 'no address in the log');
        assert.ok(!output.includes('AAAAAAAAAAAAAAAAAAAAAA') && !output.includes(reader.mailbox.split('.').at(-1)?.split('@')[0] ?? '-'), 'no seal in the log');
      }

      // A feedback-loop report piped to the feedback address.
      const complaint = await receive(buildArfReport(complainer.raw), ['--recipient', FEEDBACK], env);
      assert.equal(complaint.status, 0, complaint.stderr);
      assert.equal(complaint.stdout.trim(), 'complained: feedback-loop complaint');
      assert.equal(await status(complainer.subscriberId, listId), 'complained');

      // Mail for nobody of ours (no recipient anywhere that is ours).
      const stray = await receive('To: someone@elsewhere.example\r\nSubject: hi\r\n\r\nhello\r\n', [], env);
      assert.equal(stray.stdout.trim(), 'none: not one of our addresses');
    });

    test('exit codes a pipe transport reads: 65 for a message over the size limit, 75 when the database cannot be reached', async () => {
      const big = await receive(`To: ${FEEDBACK}\r\n\r\n${'x'.repeat(4096)}\r\n`, ['--recipient', FEEDBACK], { ...env, INBOUND_MAX_MESSAGE_KB: '2' });
      assert.equal(big.status, 65);
      assert.match(big.stderr, /larger than 2 KB \(INBOUND_MAX_MESSAGE_KB\)/);
      const down = await receive(`To: ${FEEDBACK}\r\n\r\nhello\r\n`, ['--recipient', FEEDBACK], { MASTHEAD_DATA_DIR: dir, DATABASE_URL: 'postgres://masthead:s3cret@127.0.0.1:9/none' });
      assert.equal(down.status, 75);
      assert.ok(!down.stderr.includes('s3cret'));
    });
  });
}

test('masthead serve runs the inbound listener itself when INBOUND_SMTP_IN_SERVER is true', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-serve-inbound-'));
  const running = await startServer(loadConfig({ MASTHEAD_DATA_DIR: dir, PORT: '0', MASTHEAD_SEED: 'false', INBOUND_SMTP_IN_SERVER: 'true', INBOUND_SMTP_PORT: '0', INBOUND_FEEDBACK_ADDRESSES: FEEDBACK, LOG_LEVEL: 'error', NEWSLETTER_SEND_IN_SERVER: 'false' }));
  try {
    assert.ok(running.inboundPort);
    const dialog = await openSmtpDialog(running.inboundPort);
    assert.equal(dialog.greeting.code, 220);
    await dialog.command('EHLO client.example');
    await dialog.command('MAIL FROM:<a@client.example>');
    assert.equal((await dialog.command(`RCPT TO:<${FEEDBACK}>`)).code, 250);
    assert.equal((await dialog.command('RCPT TO:<someone@elsewhere.example>')).code, 550);
    dialog.end();
  } finally {
    await running.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-serve-inbound-'));
  const without = await startServer(loadConfig({ MASTHEAD_DATA_DIR: other, PORT: '0', MASTHEAD_SEED: 'false', LOG_LEVEL: 'error' }));
  assert.equal(without.inboundPort, null, 'off by default');
  await without.close();
  fs.rmSync(other, { recursive: true, force: true });
});

/**
 * Crash safety, the headline property of the delivery engine: a sender process killed with
 * SIGKILL in the middle of a 20,000-reader send (a smaller one by default, see READERS) — with messages genuinely in flight — and
 * a new process started afterwards deliver exactly one copy to every reader. Also: a start
 * killed while it writes delivery records is completed by the next sender, nobody skipped.
 *
 * The sink runs in this process; senders are child processes. To make the kill land with
 * messages in flight yet keep the assertion exact, the sink stops answering DATA on every
 * connection when it decides to "crash", waits 300 ms (every 250 already given is recorded
 * by then), and the child is killed: held messages never got their 250, so, as with a real
 * MTA, they were not delivered and must be sent by the next process.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../src/db/database.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { startSending } from '../../src/newsletters/sending.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { spawnSenderChild } from './support/child.ts';
import { addConfirmedSubscribers, createIssue, createList, deliveryCounts, waitForIssueStatus } from './support/fixtures.ts';
import { assertExactlyOnce, startSink } from './support/sink.ts';
import type { Sink } from './support/sink.ts';

// The issue's crash test: 20,000 readers, killed part-way with messages in flight. The
// second test (a start killed while writing records) and the PostgreSQL workers' test use
// smaller lists: what they check does not depend on the size. MASTHEAD_CRASH_READERS overrides.
const READERS = Number(process.env.MASTHEAD_CRASH_READERS ?? 20_000);
const WRITE_READERS = Math.min(READERS, 3_000);
/** Time allowed for one send, child start-up included, on a busy machine. */
const SEND_TIMEOUT_MS = 40_000 + READERS * 20;

const WRITE_BATCH = Math.max(50, Math.floor(WRITE_READERS / 20));

describe('newsletter crash safety [sqlite file, child processes]', { timeout: 4 * SEND_TIMEOUT_MS }, () => {
  let dir: string;
  let handle: DatabaseHandle;
  let sink: Sink;
  let t: TestApp;
  let listId: number;
  let addresses: Set<string>;
  let writeListId: number;
  let writeAddresses: Set<string>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-crash-'));
    handle = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'masthead.sqlite') });
    const report = await migrateToLatest(handle.db);
    if (report.error) throw report.error;
    sink = await startSink();
    t = createTestApp(handle, dir, { SMTP_URL: sink.url });
    listId = await createList(handle.db);
    await addConfirmedSubscribers(handle.db, listId, READERS, { prefix: 'crash-' });
    addresses = new Set(Array.from({ length: READERS }, (_, index) => `crash-${index + 1}@readers.example.test`));
    writeListId = await createList(handle.db, { name: 'The Write Test' });
    await addConfirmedSubscribers(handle.db, writeListId, WRITE_READERS, { prefix: 'write-' });
    writeAddresses = new Set(Array.from({ length: WRITE_READERS }, (_, index) => `write-${index + 1}@readers.example.test`));
  });
  after(async () => {
    await sink.close();
    await t.ctx.mailer.close();
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const childEnv = () => ({ CHILD_DATA_DIR: dir, SMTP_URL: sink.url, NEWSLETTER_SMTP_CONNECTIONS: '4' });

  test('SIGKILL with messages in flight, then a restart: every reader gets exactly one copy', async () => {
    const issueId = await createIssue(handle.db, listId);
    assert.equal(await startSending(t.ctx, issueId, null), READERS);
    sink.accepted.length = 0;

    const first = spawnSenderChild('send', childEnv());
    let heldAt = 0;
    sink.onAccepted = (count) => {
      if (heldAt || count < READERS * 0.4) return;
      heldAt = count;
      sink.hold();
      setTimeout(() => first.process.kill('SIGKILL'), 300);
    };
    await first.exited;
    sink.onAccepted = null;
    assert.ok(heldAt > 0, 'the sink decided to crash');
    const atKill = await deliveryCounts(handle.db, issueId);
    assert.equal(atKill.sent, sink.accepted.length, 'every copy the server answered 250 was recorded before the kill');
    assert.ok((atKill.sending ?? 0) > 0, 'copies were claimed and in flight when the process died');

    sink.release();
    const second = spawnSenderChild('send', childEnv());
    try {
      await waitForIssueStatus(handle.db, issueId, 'sent', SEND_TIMEOUT_MS);
    } finally {
      second.process.kill('SIGTERM');
      await second.exited;
    }
    assertExactlyOnce(sink, addresses);
    assert.deepEqual(await deliveryCounts(handle.db, issueId), { sent: READERS });
  });

  test('a start killed while writing delivery records is completed by the next sender, nobody skipped', async () => {
    const issueId = await createIssue(handle.db, writeListId, { subject: 'Second issue' });
    sink.accepted.length = 0;
    const starter = spawnSenderChild('start', { ...childEnv(), ISSUE_ID: String(issueId), WRITE_BATCH: String(WRITE_BATCH) });
    await starter.waitForLine((line) => line === `batch ${WRITE_BATCH * 3}`);
    starter.process.kill('SIGKILL');
    await starter.exited;
    const written = await handle.db.selectFrom('newsletter_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('issue_id', '=', issueId).executeTakeFirstOrThrow();
    assert.ok(Number(written.n) >= WRITE_BATCH * 3 && Number(written.n) < WRITE_READERS, `the start died part-way (${written.n} records)`);
    const issue = await handle.db.selectFrom('newsletter_issues').select('status').where('id', '=', issueId).executeTakeFirstOrThrow();
    assert.equal(issue.status, 'sending');

    const sender = spawnSenderChild('send', childEnv());
    try {
      await waitForIssueStatus(handle.db, issueId, 'sent', SEND_TIMEOUT_MS);
    } finally {
      sender.process.kill('SIGTERM');
      await sender.exited;
    }
    const rows = await handle.db.selectFrom('newsletter_deliveries').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('subscriber_id').distinct().as('readers')]).where('issue_id', '=', issueId).executeTakeFirstOrThrow();
    assert.deepEqual({ n: Number(rows.n), readers: Number(rows.readers) }, { n: WRITE_READERS, readers: WRITE_READERS });
    assertExactlyOnce(sink, writeAddresses);
    const finished = await handle.db.selectFrom('newsletter_issues').select(['status', 'recipients']).where('id', '=', issueId).executeTakeFirstOrThrow();
    assert.deepEqual(finished, { status: 'sent', recipients: WRITE_READERS });
  });
});

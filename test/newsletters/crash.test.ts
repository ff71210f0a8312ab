/**
 * Crash safety, the headline property of the delivery engine: a sender process killed with
 * SIGKILL in the middle of a 20,000-reader send (a smaller one by default, see READERS) — with messages genuinely in flight — and
 * a new process started afterwards deliver exactly one copy to every reader. Also: a start
 * killed while it writes delivery records is completed by the next sender, nobody skipped.
 * On PostgreSQL, two worker processes share one issue without sending anything twice.
 *
 * The sink runs in this process; senders are child processes. To make the kill land with
 * messages in flight yet keep the assertion exact, the sink stops answering DATA on every
 * connection when it decides to "crash", waits 300 ms (every 250 already given is recorded
 * by then), and the child is killed: held messages never got their 250, so, as with a real
 * MTA, they were not delivered and must be sent by the next process.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { startSending } from '../../src/newsletters/sending.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { spawnSenderChild } from './support/child.ts';
import { addConfirmedSubscribers, createIssue, createList, deliveryCounts, waitForIssueStatus } from './support/fixtures.ts';
import { startSink } from './support/sink.ts';
import type { Sink } from './support/sink.ts';

// The issue's crash test: 20,000 readers, killed part-way with messages in flight. The
// second test (a start killed while writing records) and the PostgreSQL workers' test use
// smaller lists: what they check does not depend on the size. MASTHEAD_CRASH_READERS overrides.
const READERS = Number(process.env.MASTHEAD_CRASH_READERS ?? 20_000);
const WRITE_READERS = Math.min(READERS, 3_000);
const PG_READERS = Math.min(READERS, 3_000);
/** Time allowed for one send, child start-up included, on a busy machine. */
const SEND_TIMEOUT_MS = 40_000 + READERS * 20;

const WRITE_BATCH = Math.max(50, Math.floor(WRITE_READERS / 20));

/** Asserts the sink took exactly one copy for each of `addresses` (and nothing else). */
function assertExactlyOnce(sink: Sink, addresses: Set<string>): void {
  const seen = new Map<string, number>();
  for (const message of sink.accepted) seen.set(message.to, (seen.get(message.to) ?? 0) + 1);
  const duplicates = [...seen].filter(([, count]) => count > 1);
  assert.deepEqual(duplicates.slice(0, 5), [], `${duplicates.length} readers got more than one copy`);
  const missing = [...addresses].filter((address) => !seen.has(address));
  assert.deepEqual(missing.slice(0, 5), [], `${missing.length} readers got no copy`);
  assert.equal(sink.accepted.length, addresses.size);
}

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

const pgUrl = process.env.TEST_DATABASE_URL;
describe('newsletter sending shared by two worker processes [postgres]', { skip: pgUrl ? false : 'TEST_DATABASE_URL is not set', timeout: 4 * SEND_TIMEOUT_MS }, () => {
  const schema = `t_nl_${process.pid}_${randomBytes(4).toString('hex')}`;
  let handle: DatabaseHandle;
  let sink: Sink;
  let t: TestApp;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-workers-'));
    handle = await openDatabase({ kind: 'postgres', url: pgUrl ?? '', schema, poolSize: 4 });
    const report = await migrateToLatest(handle.db);
    if (report.error) throw report.error;
    const markers = process.env.MASTHEAD_TEST_MARKERS;
    if (markers && fs.existsSync(markers)) fs.writeFileSync(path.join(markers, `postgres-${schema}`), '');
    sink = await startSink();
    t = createTestApp(handle, dir, { SMTP_URL: sink.url });
  });
  after(async () => {
    await sink.close();
    await t.ctx.mailer.close();
    await handle.close();
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('two workers, one issue: no copy twice, all sent; a killed worker\'s claims are taken over', async () => {
    const listId = await createList(handle.db);
    await addConfirmedSubscribers(handle.db, listId, PG_READERS, { prefix: 'pair-' });
    const issueId = await createIssue(handle.db, listId);
    await startSending(t.ctx, issueId, null);
    const env = { DATABASE_URL: pgUrl ?? '', CHILD_SCHEMA: schema, CHILD_DATA_DIR: dir, SMTP_URL: sink.url, NEWSLETTER_SMTP_CONNECTIONS: '2', CHILD_BATCH: '100' };
    const workers = [spawnSenderChild('send', env), spawnSenderChild('send', env)];
    try {
      await waitForIssueStatus(handle.db, issueId, 'sent', SEND_TIMEOUT_MS);
    } finally {
      for (const worker of workers) worker.process.kill('SIGTERM');
      await Promise.all(workers.map((worker) => worker.exited));
    }
    assertExactlyOnce(sink, new Set(Array.from({ length: PG_READERS }, (_, index) => `pair-${index + 1}@readers.example.test`)));
    const claimedBy = await handle.db.selectFrom('newsletter_deliveries').select('attempts').distinct().where('issue_id', '=', issueId).execute();
    assert.deepEqual(claimedBy.map((row) => row.attempts), [1], 'every copy was sent in one attempt');
    assert.deepEqual(await deliveryCounts(handle.db, issueId), { sent: PG_READERS });

    // A worker of this host that died with claims: the next one takes them over at once (no lease wait).
    const second = await createIssue(handle.db, listId, { subject: 'Second issue' });
    await startSending(t.ctx, second, null);
    const far = new Date(Date.now() + 3_600_000).toISOString();
    await handle.db.updateTable('newsletter_deliveries').set({ status: 'sending', claimed_by: `${os.hostname()}:999999:dead00`, lease_until: far }).where('issue_id', '=', second).execute();
    sink.accepted.length = 0;
    const heir = spawnSenderChild('send', env);
    try {
      await waitForIssueStatus(handle.db, second, 'sent', SEND_TIMEOUT_MS);
    } finally {
      heir.process.kill('SIGTERM');
      await heir.exited;
    }
    assert.equal(sink.accepted.length, PG_READERS);
  });
});

/**
 * Several `masthead worker` processes on PostgreSQL share one issue: no copy is sent twice,
 * every reader gets one, and the claims of a worker that died are taken over at once.
 * (The SIGKILL-mid-send test on SQLite is crash.test.ts.)
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
import { assertExactlyOnce, startSink } from './support/sink.ts';
import type { Sink } from './support/sink.ts';

const PG_READERS = 3_000;
/** Time allowed for one send, child start-up included, on a busy machine. */
const SEND_TIMEOUT_MS = 40_000 + PG_READERS * 20;

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

/**
 * Claims of delivery records (src/newsletters/claims.ts): disjoint batches, dead claims and
 * due retries first, and on PostgreSQL a second claim made while the first transaction
 * still holds its rows neither waits for them nor takes them (SKIP LOCKED). This checks
 * the overlap deterministically; crash-workers.test.ts shows it with real processes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { claimDeliveries } from '../../src/newsletters/claims.ts';
import type { ClaimRequest } from '../../src/newsletters/claims.ts';
import { startSending } from '../../src/newsletters/sending.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { addConfirmedSubscribers, createIssue, createList } from './support/fixtures.ts';

describeEachDatabase('delivery claims', (use, dialect) => {
  let t: TestApp;
  let dir: string;
  let listId: number;

  before(async () => {
    dir = tempMediaDir();
    t = createTestApp(use(), dir);
    listId = await createList(use().db);
    await addConfirmedSubscribers(use().db, listId, 30, { prefix: 'claim-' });
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function sendingIssue(): Promise<number> {
    const issueId = await createIssue(use().db, listId);
    await startSending(t.ctx, issueId, null);
    return issueId;
  }
  const request = (issueId: number, workerId: string, batchSize: number, now = new Date().toISOString()): ClaimRequest => ({ issueId, newsletterId: listId, workerId, batchSize, now, leaseUntil: new Date(Date.parse(now) + 60_000).toISOString() });

  test('batches are disjoint; dead claims and due retries come before new copies', async () => {
    const { db } = use();
    const issueId = await sendingIssue();
    const first = await db.transaction().execute((trx) => claimDeliveries(trx, dialect, request(issueId, 'w1', 10)));
    const second = await db.transaction().execute((trx) => claimDeliveries(trx, dialect, request(issueId, 'w2', 10)));
    assert.equal(first.length, 10);
    assert.equal(second.length, 10);
    assert.equal(new Set([...first, ...second].map((d) => d.id)).size, 20, 'no copy in both');
    assert.ok(first.every((d) => d.email?.startsWith('claim-') && d.subscriptionStatus === 'confirmed'));

    // w1 died (its lease ran out) and one of w2's copies is due for a retry.
    const past = new Date(Date.now() - 1_000).toISOString();
    await db.updateTable('newsletter_deliveries').set({ lease_until: past }).where('id', 'in', first.map((d) => d.id)).execute();
    const retried = second[0]?.id ?? 0;
    await db.updateTable('newsletter_deliveries').set({ status: 'retry', next_attempt_at: past, claimed_by: null }).where('id', '=', retried).execute();
    const heir = await db.transaction().execute((trx) => claimDeliveries(trx, dialect, request(issueId, 'w3', 15)));
    assert.deepEqual(heir.slice(0, 11).map((d) => d.id).sort((a, b) => a - b), [...first.map((d) => d.id), retried].sort((a, b) => a - b), 'the dead claims and the retry first');
    assert.equal(heir.length, 15, 'then new copies');
    const owners = await db.selectFrom('newsletter_deliveries').select(['claimed_by']).where('id', 'in', heir.map((d) => d.id)).execute();
    assert.ok(owners.every((row) => row.claimed_by === 'w3'));
  });

  test('a claim made while another claim’s transaction is open skips its rows without waiting', { skip: dialect === 'postgres' ? false : 'one connection on SQLite: claims cannot overlap there' }, async () => {
    const { db } = use();
    const issueId = await sendingIssue();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let claimedFirst: number[] = [];
    let firstClaimed: () => void = () => undefined;
    const firstIsIn = new Promise<void>((resolve) => (firstClaimed = resolve));
    const holder = db.transaction().execute(async (trx) => {
      claimedFirst = (await claimDeliveries(trx, dialect, request(issueId, 'holder', 12))).map((d) => d.id);
      firstClaimed();
      await held;
    });
    await firstIsIn;
    try {
      const timeout = new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 5_000).unref());
      const second = await Promise.race([db.transaction().execute((trx) => claimDeliveries(trx, dialect, request(issueId, 'other', 12))), timeout]);
      assert.notEqual(second, 'blocked', 'the second claim waited for the first transaction');
      if (second === 'blocked') return;
      assert.equal(second.length, 12);
      const overlap = second.filter((d) => claimedFirst.includes(d.id));
      assert.deepEqual(overlap, [], 'no row claimed by both');
    } finally {
      release();
      await holder;
    }
  });
});

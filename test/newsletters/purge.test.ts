/**
 * Sign-ups never confirmed are not kept: pending subscriptions older than 30 days are
 * deleted with an anonymous `expired` event, readers left with nothing are erased (their
 * address off old delivery records), everyone else is untouched; a repeated sign-up starts
 * the wait again; the newsletter sender runs the purge by itself.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { SubscriptionStatus } from '../../src/db/schema-newsletters.ts';
import { startNewsletterSender } from '../../src/newsletters/delivery.ts';
import { getNewsletter } from '../../src/newsletters/lists.ts';
import { UNCONFIRMED_RETENTION_DAYS, purgeUnconfirmedSignups } from '../../src/newsletters/purge-unconfirmed-task.ts';
import { signUp } from '../../src/newsletters/subscribers.ts';
import { confirmedCount } from '../../src/newsletters/stats.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { createIssue, createList } from './support/fixtures.ts';

const daysAgo = (days: number, now = Date.now()) => new Date(now - days * 86_400_000).toISOString();

/** A reader with subscriptions in statuses, each last changed `days` ago (and its sign-up event). */
async function reader(db: Kysely<Database>, email: string, subscriptions: [number, SubscriptionStatus, number][]): Promise<number> {
  const { id } = await db.insertInto('subscribers').values({ email, name: null, language: 'en', created_at: daysAgo(120), updated_at: daysAgo(120), link_version: 1 }).returning('id').executeTakeFirstOrThrow();
  for (const [newsletterId, status, days] of subscriptions) {
    await db.insertInto('subscriptions').values({ subscriber_id: id, newsletter_id: newsletterId, status, source: 'form', consent: null, created_at: daysAgo(days), confirmed_at: status === 'confirmed' ? daysAgo(days) : null, updated_at: daysAgo(days) }).execute();
    await db.insertInto('subscription_events').values({ newsletter_id: newsletterId, subscriber_id: id, kind: status === 'pending' ? 'signed_up' : 'confirmed', issue_id: null, at: daysAgo(days) }).execute();
  }
  return Number(id);
}

describeEachDatabase('purging unconfirmed sign-ups', (use) => {
  let t: TestApp;
  let mediaDir: string;
  const db = () => use().db;

  before(() => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const statusesOf = async (subscriberId: number) => Object.fromEntries((await db().selectFrom('subscriptions').select(['newsletter_id', 'status']).where('subscriber_id', '=', subscriberId).execute()).map((row) => [Number(row.newsletter_id), row.status]));
  const exists = async (subscriberId: number) => (await db().selectFrom('subscribers').select('id').where('id', '=', subscriberId).executeTakeFirst()) !== undefined;

  test(`pending for more than ${UNCONFIRMED_RETENTION_DAYS} days goes, and a reader with nothing left is erased; nobody else is touched`, async () => {
    const a = await createList(db());
    const b = await createList(db());
    const now = Date.now();
    const stale = await reader(db(), 'stale@example.org', [[a, 'pending', 31]]);
    const issueId = await createIssue(db(), a);
    // An earlier life: the reader once received an issue, then signed up again and never confirmed.
    await db().insertInto('newsletter_deliveries').values({ issue_id: issueId, subscriber_id: stale, email: 'stale@example.org', status: 'sent', attempts: 1, next_attempt_at: null, claimed_by: null, lease_until: null, message_id: `<purge-${issueId}@example.test>`, sent_at: daysAgo(60), last_response: null }).execute();
    const mixed = await reader(db(), 'mixed@example.org', [[a, 'pending', 45], [b, 'confirmed', 45]]);
    const recent = await reader(db(), 'recent@example.org', [[a, 'pending', 29]]);
    const gone = await reader(db(), 'gone@example.org', [[a, 'unsubscribed', 100]]);
    const loyal = await reader(db(), 'loyal@example.org', [[a, 'confirmed', 100]]);
    const askedAgain = await reader(db(), 'again@example.org', [[a, 'pending', 40]]);
    const list = await getNewsletter(db(), a);
    assert.ok(list);
    // Signing up again refreshes the wait: a fresh confirmation link went out.
    await signUp(db(), { email: 'again@example.org', language: 'en', lists: [list], source: 'form' });
    const confirmedBefore = await confirmedCount(db(), a);

    assert.deepEqual(await purgeUnconfirmedSignups(db(), { now: new Date(now) }), { subscriptions: 2, subscribers: 1 });

    assert.equal(await exists(stale), false, 'the reader with nothing left is erased');
    const delivery = await db().selectFrom('newsletter_deliveries').select(['email', 'subscriber_id', 'status']).where('issue_id', '=', issueId).executeTakeFirstOrThrow();
    assert.deepEqual(delivery, { email: null, subscriber_id: null, status: 'sent' }, 'the address is off the old delivery record, the count stays');
    const staleEvents = await db().selectFrom('subscription_events').select(['kind', 'subscriber_id']).where('newsletter_id', '=', a).where('kind', 'in', ['expired', 'signed_up']).where('subscriber_id', 'is', null).execute();
    assert.deepEqual(staleEvents.map((row) => row.kind).sort(), ['expired', 'signed_up'], 'the erased reader’s history stays as anonymous counts');
    assert.deepEqual(await statusesOf(mixed), { [b]: 'confirmed' }, 'the stale pending list goes, the confirmed one stays');
    const mixedExpired = await db().selectFrom('subscription_events').select(['newsletter_id']).where('subscriber_id', '=', mixed).where('kind', '=', 'expired').execute();
    assert.deepEqual(mixedExpired.map((row) => Number(row.newsletter_id)), [a]);
    assert.deepEqual(await statusesOf(recent), { [a]: 'pending' }, 'younger than the limit');
    assert.deepEqual(await statusesOf(gone), { [a]: 'unsubscribed' }, 'not pending');
    assert.deepEqual(await statusesOf(loyal), { [a]: 'confirmed' });
    assert.deepEqual(await statusesOf(askedAgain), { [a]: 'pending' }, 'asked again today');
    assert.equal(await confirmedCount(db(), a), confirmedBefore);

    assert.deepEqual(await purgeUnconfirmedSignups(db(), { now: new Date(now) }), { subscriptions: 0, subscribers: 0 }, 'a second run finds nothing');
  });

  test('large backlogs go in batches, and the sender runs the purge by itself', async () => {
    const list = await createList(db());
    const ids: number[] = [];
    for (let index = 0; index < 5; index += 1) ids.push(await reader(db(), `batch-${index}@example.org`, [[list, 'pending', 35]]));
    assert.deepEqual(await purgeUnconfirmedSignups(db(), { batchSize: 2 }), { subscriptions: 5, subscribers: 5 });
    for (const id of ids) assert.equal(await exists(id), false);

    const waiting = await reader(db(), 'sender-purge@example.org', [[list, 'pending', 31]]);
    const sender = startNewsletterSender(t.ctx, { pollMs: 20 });
    try {
      const deadline = Date.now() + 10_000;
      while (await exists(waiting)) {
        assert.ok(Date.now() < deadline, 'the sender purged the stale sign-up at start');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      await sender.stop();
    }
    assert.ok(t.logs.some((line) => line.includes('unconfirmed newsletter sign-ups purged')), 'and said so in the log');
  });
});

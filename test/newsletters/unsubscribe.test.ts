/** One-click unsubscribe (RFC 8058) through the real app: a POST from a mail provider unsubscribes; a GET only shows a button. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { unsubscribeUrl } from '../../src/newsletters/links.ts';
import { markBounced, markComplained, confirmedRecipients } from '../../src/newsletters/subscribers.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';

describeEachDatabase('newsletter unsubscribe', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let list: number;
  let other: number;
  let issue: number;
  const db = () => use().db;

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    const now = new Date().toISOString();
    const make = async (slug: string) =>
      (await db().insertInto('newsletters').values({ slug, name: `List ${slug}`, description: '', cadence: '', sender_name: 'Desk', sender_address: 'news@example.org', reply_to: null, language: 'en', visibility: 'public', position: 0, track_opens: 0, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    list = await make('morning');
    other = await make('evening');
    issue = (await db().insertInto('newsletter_issues').values({ newsletter_id: list, subject: 'Monday', preheader: '', intro: '', items: '[]', kind: 'manual', digest_source: null, status: 'sent', scheduled_at: null, frozen: null, recipients: 0, started_at: now, finished_at: now, created_by: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  async function reader(email: string): Promise<number> {
    const now = new Date().toISOString();
    const { id } = await db().insertInto('subscribers').values({ email, name: null, language: 'en', created_at: now, updated_at: now, link_version: 1 }).returning('id').executeTakeFirstOrThrow();
    for (const newsletterId of [list, other]) {
      await db().insertInto('subscriptions').values({ subscriber_id: id, newsletter_id: newsletterId, status: 'confirmed', source: 'form', consent: null, created_at: now, confirmed_at: now, updated_at: now }).execute();
    }
    return id;
  }

  const status = async (subscriberId: number, newsletterId: number) =>
    (await db().selectFrom('subscriptions').select('status').where('subscriber_id', '=', subscriberId).where('newsletter_id', '=', newsletterId).executeTakeFirst())?.status;

  test('GET shows a page with a button and changes nothing', async () => {
    const id = await reader('get@example.org');
    const path = new URL(await unsubscribeUrl(t.ctx, id, list, 1, issue)).pathname;
    const page = await t.app.request(path);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Unsubscribe from List morning/);
    assert.match(html, /<form method="post" action="\/newsletters\/unsubscribe\//);
    assert.equal(await status(id, list), 'confirmed');
  });

  test('a POST without cookies, Origin or token (as mail providers send it) unsubscribes that list and credits the issue', async () => {
    const id = await reader('oneclick@example.org');
    const path = new URL(await unsubscribeUrl(t.ctx, id, list, 1, issue)).pathname;
    const response = await t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(response.status, 200);
    assert.match(await response.text(), /You are unsubscribed/);
    assert.equal(await status(id, list), 'unsubscribed');
    assert.equal(await status(id, other), 'confirmed', 'only the list of the link');
    const events = await db().selectFrom('subscription_events').select(['kind', 'issue_id']).where('subscriber_id', '=', id).execute();
    assert.deepEqual(events, [{ kind: 'unsubscribed', issue_id: issue }]);

    const again = await t.app.request(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(again.status, 200, 'a second click is answered the same');
    assert.equal((await db().selectFrom('subscription_events').select('id').where('subscriber_id', '=', id).execute()).length, 1, 'and records nothing new');
  });

  test('a multipart one-click post from another site works too (the signed link is the authority)', async () => {
    const id = await reader('multipart@example.org');
    const path = new URL(await unsubscribeUrl(t.ctx, id, other, 1)).pathname;
    const body = new FormData();
    body.set('List-Unsubscribe', 'One-Click');
    const response = await t.app.request(path, { method: 'POST', body, headers: { origin: 'https://mail.provider.example', 'sec-fetch-site': 'cross-site' } });
    assert.equal(response.status, 200);
    assert.equal(await status(id, other), 'unsubscribed');
  });

  test('forged, expired and superseded links are a clear 400 and change nothing', async () => {
    const id = await reader('refused@example.org');
    const good = new URL(await unsubscribeUrl(t.ctx, id, list, 1)).pathname;
    const expired = new URL(await unsubscribeUrl(t.ctx, id, list, 1, null, new Date(Date.now() - 401 * 86_400_000))).pathname;
    const superseded = new URL(await unsubscribeUrl(t.ctx, id, list, 0)).pathname;
    const forged = `${good.slice(0, -3)}${good.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const otherPurpose = good.replace('/unsubscribe/', '/unsubscribe/x');
    for (const path of [expired, superseded, forged, otherPurpose]) {
      const response = await t.app.request(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(response.status, 400, path);
      const html = await response.text();
      assert.match(html, path === expired ? /This link has expired/ : /This link does not work/);
      assert.doesNotMatch(html, /Confirmation links|48 hours/);
    }
    const shown = await (await t.app.request(expired)).text();
    assert.match(shown, /Unsubscribe links work for 400 days after we send them/);
    const french = await (await t.app.request(expired, { headers: { 'accept-language': 'fr' } })).text();
    assert.match(french, /Les liens de désinscription sont valables 400 jours/);
    assert.equal(await status(id, list), 'confirmed');
  });

  test('the module API: confirmed recipients in keyset pages; bounces and complaints leave the list with an event', async () => {
    const ids = [await reader('walk1@example.org'), await reader('walk2@example.org'), await reader('walk3@example.org')];
    const first = await confirmedRecipients(db(), other, 0, 1000);
    assert.ok(ids.every((id) => first.some((r) => r.subscriberId === id)));
    const page = await confirmedRecipients(db(), other, ids[0] ?? 0, 1);
    assert.deepEqual(page, [{ subscriberId: ids[1], email: 'walk2@example.org', linkVersion: 1 }]);
    await markBounced(db(), ids[1] ?? 0, other);
    await markComplained(db(), ids[2] ?? 0, other, '2026-11-28T10:00:00.000Z');
    await markBounced(db(), ids[1] ?? 0, other);
    assert.equal(await status(ids[1] ?? 0, other), 'bounced');
    assert.equal(await status(ids[2] ?? 0, other), 'complained');
    const rest = await confirmedRecipients(db(), other, ids[0] ?? 0, 10);
    assert.ok(!rest.some((r) => r.subscriberId === ids[1] || r.subscriberId === ids[2]));
    const kinds = await db().selectFrom('subscription_events').select(['subscriber_id', 'kind', 'at']).where('subscriber_id', 'in', [ids[1] ?? 0, ids[2] ?? 0]).orderBy('id').execute();
    assert.deepEqual(kinds.map((k) => k.kind), ['bounced', 'complained'], 'a repeated bounce records nothing new');
    assert.equal(kinds[1]?.at, '2026-11-28T10:00:00.000Z');
  });
});

/** The reader's preferences page through the real app: choosing lists, unsubscribing from all, downloading and erasing their data. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { hitRateLimit, storedRateLimitKey } from '../../src/accounts/rate-limit.ts';
import { preferencesUrl } from '../../src/newsletters/links.ts';
import { addressRateLimitKeys } from '../../src/newsletters/signup.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { AdminClient } from '../admin/admin-client.ts';

const ORIGIN = 'https://news.example.test';

async function createList(db: Kysely<Database>, slug: string, visibility: 'public' | 'private' = 'public', language = 'en'): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('newsletters')
    .values({ slug, name: `List ${slug}`, description: '', cadence: 'Weekly', sender_name: 'The Tamarisk', sender_address: 'news@example.org', reply_to: null, language, visibility, position: 0, track_opens: 0, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A subscriber with subscriptions in the given statuses. */
async function createReader(db: Kysely<Database>, email: string, subscriptions: [number, 'pending' | 'confirmed' | 'unsubscribed'][], language = 'en'): Promise<number> {
  const now = new Date().toISOString();
  const { id } = await db.insertInto('subscribers').values({ email, name: 'Rania Haddad', language, created_at: now, updated_at: now, link_version: 1 }).returning('id').executeTakeFirstOrThrow();
  for (const [newsletterId, status] of subscriptions) {
    await db.insertInto('subscriptions').values({ subscriber_id: id, newsletter_id: newsletterId, status, source: 'form', consent: null, created_at: now, confirmed_at: status === 'confirmed' ? now : null, updated_at: now }).execute();
    await db.insertInto('subscription_events').values({ newsletter_id: newsletterId, subscriber_id: id, kind: 'confirmed', issue_id: null, at: now }).execute();
  }
  return id;
}

describeEachDatabase('newsletter preferences', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let a: number;
  let b: number;
  let c: number;
  let hidden: number;
  let arabic: number;
  const db = () => use().db;

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    // Made first (the lowest id, and "ar" sorts before "en"): neither may put it first for an English reader.
    arabic = await createList(db(), 'arabic-weekly', 'public', 'ar');
    a = await createList(db(), 'alpha');
    b = await createList(db(), 'beta');
    c = await createList(db(), 'gamma');
    hidden = await createList(db(), 'hidden', 'private');
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  /** Opens the preferences page in a fresh browser (cookie jar) and returns it with its form token. */
  async function open(subscriberId: number, linkVersion = 1) {
    const path = new URL(await preferencesUrl(t.ctx, subscriberId, linkVersion)).pathname;
    const browser = new AdminClient(t);
    const response = await browser.request(path);
    const html = await response.text();
    const token = /name="form_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
    return { path, browser, response, html, token };
  }

  const statuses = async (subscriberId: number) =>
    Object.fromEntries((await db().selectFrom('subscriptions').select(['newsletter_id', 'status']).where('subscriber_id', '=', subscriberId).execute()).map((row) => [row.newsletter_id, row.status]));

  test('the page shows every public list and the private lists the reader is on, per visitor and uncached', async () => {
    const id = await createReader(db(), 'page@example.org', [[a, 'confirmed'], [hidden, 'confirmed']]);
    const { response, html, token } = await open(id);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.ok(token, 'the form carries a double-submit token');
    assert.match(html, /page@example\.org/);
    for (const slug of ['alpha', 'beta', 'gamma', 'hidden']) assert.match(html, new RegExp(`List ${slug}`));
    assert.match(html, new RegExp(`value="${a}" checked`));
    assert.doesNotMatch(html, new RegExp(`value="${b}" checked`));
    const other = await open(await createReader(db(), 'other@example.org', []));
    assert.doesNotMatch(other.html, /List hidden/, 'another reader does not see a private list');
  });

  test('the reader’s own language comes first, then the list order; a card in another language runs in its own direction', async () => {
    const order = (html: string) => [...html.matchAll(/<input type="checkbox" name="newsletter" value="(\d+)"/g)].map((match) => Number(match[1]));
    const english = await open(await createReader(db(), 'order.en@example.org', [[arabic, 'confirmed'], [a, 'confirmed']]));
    assert.deepEqual(order(english.html), [a, b, c, arabic]);
    assert.match(english.html, /<label class="newsletter-list__item" lang="ar" dir="rtl"><input type="checkbox" name="newsletter" value="\d+" checked/);
    // The reader's status inside the Arabic card stays English, left to right.
    assert.match(english.html, /<span class="newsletter-status newsletter-status--confirmed" lang="en" dir="ltr">subscribed<\/span>/);
    const arabicReader = await open(await createReader(db(), 'order.ar@example.org', [[a, 'confirmed']], 'ar'));
    assert.deepEqual(order(arabicReader.html), [arabic, a, b, c]);
    assert.match(arabicReader.html, /<html lang="ar" dir="rtl">/);
  });

  test('saving ticks and unticks lists; posts need the same origin and the token', async () => {
    const id = await createReader(db(), 'save@example.org', [[a, 'confirmed'], [b, 'pending']]);
    const { path, browser, token } = await open(id);
    const form = (extra: Record<string, string>) => {
      const body = new URLSearchParams({ action: 'save', ...extra });
      body.append('newsletter', String(c));
      return body.toString();
    };
    const noToken = await browser.request(path, { body: form({}), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN } });
    assert.equal(noToken.status, 403);
    const crossSite = await browser.request(path, { body: form({ form_token: token }), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' } });
    assert.equal(crossSite.status, 403);
    assert.deepEqual(await statuses(id), { [a]: 'confirmed', [b]: 'pending' });

    const saved = await browser.request(path, { body: form({ form_token: token }), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN } });
    assert.equal(saved.status, 303);
    assert.deepEqual(await statuses(id), { [a]: 'unsubscribed', [b]: 'unsubscribed', [c]: 'confirmed' });
    const notice = await browser.request(saved.headers.get('location') ?? '');
    assert.match(await notice.text(), /Your choices are saved/);
    const kinds = (await db().selectFrom('subscription_events').select('kind').where('subscriber_id', '=', id).orderBy('id').execute()).map((row) => row.kind);
    assert.deepEqual(kinds.slice(-3).sort(), ['confirmed', 'unsubscribed', 'unsubscribed']);

    const sneaky = new URLSearchParams({ action: 'save', form_token: token, newsletter: String(hidden) });
    const refused = await browser.request(path, { body: sneaky.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN } });
    assert.equal(refused.status, 400, 'a private list the reader is not on cannot be chosen');
    assert.equal((await statuses(id))[hidden], undefined);
  });

  test('unsubscribe from everything', async () => {
    const id = await createReader(db(), 'all@example.org', [[a, 'confirmed'], [b, 'pending'], [c, 'unsubscribed']]);
    const { path, browser, token } = await open(id);
    const response = await browser.request(path, { form: { action: 'unsubscribe-all', form_token: token }, headers: { origin: ORIGIN } });
    assert.equal(response.status, 303);
    assert.deepEqual(await statuses(id), { [a]: 'unsubscribed', [b]: 'unsubscribed', [c]: 'unsubscribed' });
  });

  test('download my data: a JSON attachment with this reader’s data and no one else’s', async () => {
    const id = await createReader(db(), 'mine@example.org', [[a, 'confirmed']]);
    await createReader(db(), 'someone.else@example.org', [[a, 'confirmed']]);
    const { path, browser, token } = await open(id);
    const response = await browser.request(path, { form: { action: 'download', form_token: token }, headers: { origin: ORIGIN } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="newsletter-data\.json"$/);
    const text = await response.text();
    const data = JSON.parse(text) as { subscriber: { email: string }; subscriptions: { slug: string; status: string }[]; events: unknown[] };
    assert.equal(data.subscriber.email, 'mine@example.org');
    assert.deepEqual(data.subscriptions.map((s) => [s.slug, s.status]), [['alpha', 'confirmed']]);
    assert.equal(data.events.length, 1);
    assert.doesNotMatch(text, /someone\.else/);
  });

  test('erase me: needs the box ticked; then the reader is gone, counts stay, and every old link stops working', async () => {
    const id = await createReader(db(), 'erase@example.org', [[a, 'confirmed'], [b, 'unsubscribed']]);
    const now = new Date().toISOString();
    const issue = await db().insertInto('newsletter_issues').values({ newsletter_id: a, subject: 'Issue one', preheader: '', intro: '', items: '[]', kind: 'manual', digest_source: null, status: 'sent', scheduled_at: null, frozen: null, recipients: 1, started_at: now, finished_at: now, created_by: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await db().insertInto('newsletter_deliveries').values({ issue_id: issue.id, subscriber_id: id, email: 'erase@example.org', status: 'sent', attempts: 1, next_attempt_at: null, claimed_by: null, lease_until: null, message_id: `<erase-${id}@example.org>`, sent_at: now, last_response: '250 OK' }).execute();
    const eventsBefore = Number((await db().selectFrom('subscription_events').select((eb) => eb.fn.countAll().as('n')).where('newsletter_id', '=', a).executeTakeFirstOrThrow()).n);
    // What else holds the address: newsletter mail in the outbox, an unrelated staff mail, and rate-limit counts.
    await t.ctx.mailer.send({ to: 'Erase@Example.org', subject: 'Confirm your subscription', text: 'Confirm here.', purpose: 'newsletter_confirmation' });
    await t.ctx.mailer.send({ to: 'erase@example.org', subject: 'Issue one', text: 'The issue.', purpose: 'newsletter' });
    await t.ctx.mailer.send({ to: 'erase@example.org', subject: 'You are invited', text: 'Join the desk.', purpose: 'invitation' });
    const keys = addressRateLimitKeys('erase@example.org');
    await hitRateLimit(db(), keys.signups, 10, 3600);
    await hitRateLimit(db(), keys.mails, 3, 3600);
    await hitRateLimit(db(), 'newsletter-signup:address:someone-else@example.org', 10, 3600);
    const rateRows = async () => (await db().selectFrom('rate_limits').select('key').execute()).map((row) => row.key);
    assert.ok((await rateRows()).includes(storedRateLimitKey(keys.mails)));
    assert.ok(!(await rateRows()).some((key) => key.includes('example.org')), 'rate limits never store the address itself');

    const { path, browser, token } = await open(id);
    const unticked = await browser.request(path, { form: { action: 'erase', form_token: token }, headers: { origin: ORIGIN } });
    assert.equal(unticked.status, 422);
    assert.match(await unticked.text(), /Tick the box/);
    assert.ok(await db().selectFrom('subscribers').select('id').where('id', '=', id).executeTakeFirst());

    const erased = await browser.request(path, { form: { action: 'erase', form_token: token, confirm: 'yes' }, headers: { origin: ORIGIN } });
    assert.equal(erased.status, 200);
    assert.match(await erased.text(), /Your data has been erased/);
    assert.equal(await db().selectFrom('subscribers').select('id').where('email', '=', 'erase@example.org').executeTakeFirst(), undefined);
    assert.deepEqual(await statuses(id), {});
    const delivery = await db().selectFrom('newsletter_deliveries').select(['email', 'subscriber_id', 'status']).where('issue_id', '=', issue.id).executeTakeFirstOrThrow();
    assert.deepEqual(delivery, { email: null, subscriber_id: null, status: 'sent' }, 'the delivery still counts, without the address');
    const events = await db().selectFrom('subscription_events').select(['kind', 'subscriber_id']).where('newsletter_id', '=', a).execute();
    assert.equal(events.length, eventsBefore + 1, 'earlier events kept, one erased event added');
    assert.ok(events.every((e) => e.subscriber_id !== id));
    assert.equal(events.filter((e) => e.kind === 'erased').length, 1);
    assert.equal((await db().selectFrom('subscription_events').select('id').where('newsletter_id', '=', b).where('kind', '=', 'erased').execute()).length, 1, 'one erased event per list');
    const outbox = await db().selectFrom('mail_outbox').select(['purpose']).where((eb) => eb(eb.fn('lower', ['to_address']), '=', 'erase@example.org')).execute();
    assert.deepEqual(outbox.map((row) => row.purpose), ['invitation'], 'newsletter mail to the reader is gone from the outbox; staff mail is not theirs to erase');
    const left = await rateRows();
    assert.ok(!left.includes(storedRateLimitKey(keys.signups)) && !left.includes(storedRateLimitKey(keys.mails)), 'counts keyed by the address are forgotten');
    assert.ok(left.includes(storedRateLimitKey('newsletter-signup:address:someone-else@example.org')), 'other readers’ counts stay');

    const again = await browser.request(path);
    assert.equal(again.status, 400);
    assert.match(await again.text(), /This link does not work/);
  });

  test('a link of an older version, a forged or an expired one shows a clear 400 and changes nothing', async () => {
    const id = await createReader(db(), 'version@example.org', [[a, 'confirmed']]);
    await db().updateTable('subscribers').set({ link_version: 2 }).where('id', '=', id).execute();
    const old = await open(id, 1);
    assert.equal(old.response.status, 400);
    assert.match(old.html, /This link does not work/);
    const current = await open(id, 2);
    assert.equal(current.response.status, 200);
    const oldPost = await current.browser.request(old.path, { form: { action: 'unsubscribe-all', form_token: current.token }, headers: { origin: ORIGIN } });
    assert.equal(oldPost.status, 400);
    const expired = new URL(await preferencesUrl(t.ctx, id, 2, new Date(Date.now() - 401 * 86_400_000))).pathname;
    const expiredPage = await t.app.request(expired);
    assert.equal(expiredPage.status, 400);
    // The page says how long this kind of link works, not what a confirmation link does.
    const expiredHtml = await expiredPage.text();
    assert.match(expiredHtml, /This link has expired/);
    assert.match(expiredHtml, /Links to manage your newsletters work for 400 days after we send them/);
    assert.doesNotMatch(expiredHtml, /Confirmation links|48 hours/);
    const arabic = await (await t.app.request(expired, { headers: { 'accept-language': 'ar' } })).text();
    assert.match(arabic, /تعمل روابط إدارة النشرات مدة 400 يوم/);
    assert.deepEqual(await statuses(id), { [a]: 'confirmed' });
  });
});

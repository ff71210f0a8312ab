/**
 * Staff acting on one reader in the subscribers admin, through the real app: add one reader
 * (consent required, a reader who left is never put back), unsubscribe, mark as complained,
 * erase after a confirmation step (the preferences page's erasure). CSRF on every form, the
 * policy on the server (contributors and editors refused), audited without the address.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { signInAs } from '../admin/admin-client.ts';
import type { AdminClient } from '../admin/admin-client.ts';
import { addConfirmedSubscribers, createList } from './support/fixtures.ts';

describeEachDatabase('subscribers admin: one reader', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let admin: AdminClient;
  let list: number;
  let other: number;
  const db = () => use().db;

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    admin = (await signInAs(t, 'admin')).client;
    list = await createList(db(), { name: 'Morning Briefing' });
    other = await createList(db(), { name: 'Evening Digest' });
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const base = () => `/admin/newsletters/${list}/subscribers`;
  const post = (client: AdminClient, path: string, fields: Record<string, string> = {}) => client.request(path, { form: { csrf: client.csrfToken, ...fields } });
  const subscription = (email: string, newsletterId = list) =>
    db()
      .selectFrom('subscriptions')
      .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
      .select(['subscribers.id', 'subscriptions.status', 'subscriptions.source', 'subscriptions.consent'])
      .where('subscribers.email', '=', email)
      .where('subscriptions.newsletter_id', '=', newsletterId)
      .executeTakeFirst();
  const counts = async () => ({
    subscribers: Number((await db().selectFrom('subscribers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    subscriptions: (await db().selectFrom('subscriptions').select(['subscriber_id', 'newsletter_id', 'status']).orderBy('subscriber_id').orderBy('newsletter_id').execute()).map((row) => `${row.subscriber_id}/${row.newsletter_id}:${row.status}`).join(' '),
    events: Number((await db().selectFrom('subscription_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });
  const auditOf = (action: string) => db().selectFrom('audit_log').select(['subject_id', 'details']).where('action', '=', action).orderBy('id', 'desc').executeTakeFirst();
  async function readerWith(status: 'confirmed' | 'pending' | 'unsubscribed' | 'bounced' | 'complained', prefix: string): Promise<{ id: number; email: string }> {
    const [id] = await addConfirmedSubscribers(db(), list, 1, { prefix, domain: 'example.org' });
    if (status !== 'confirmed') await db().updateTable('subscriptions').set({ status }).where('subscriber_id', '=', id ?? 0).execute();
    return { id: id ?? 0, email: `${prefix}1@example.org` };
  }

  test('an admin adds one reader with a consent note: confirmed at once, source admin, counted as added, audited without the address', async () => {
    const page = await admin.request(base());
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<h2 id="add-reader-heading">Add one reader<\/h2>/);
    assert.match(html, new RegExp(`<form method="post" action="/admin/newsletters/${list}/subscribers" class="admin-form"><input type="hidden" name="csrf" value="${admin.csrfToken}">`));

    const added = await post(admin, base(), { email: ' Walk.In@Example.ORG ', name: 'Walk In', consent: 'Signed the sheet at the Amman book fair' });
    assert.equal(added.status, 303);
    assert.equal(added.headers.get('location'), `${base()}?notice=reader-added`);
    const row = await subscription('Walk.In@example.org');
    assert.deepEqual({ ...row, id: undefined }, { id: undefined, status: 'confirmed', source: 'admin', consent: 'Signed the sheet at the Amman book fair' });
    const events = await db().selectFrom('subscription_events').select('kind').where('subscriber_id', '=', row?.id ?? 0).execute();
    assert.deepEqual(events.map((event) => event.kind), ['added']);
    const audit = await auditOf('newsletter.subscriber_added');
    assert.equal(audit?.subject_id, String(list));
    assert.ok(audit && !audit.details.includes('Walk.In') && audit.details.includes(String(row?.id)));
    const after = await (await admin.request(`${base()}?notice=reader-added`)).text();
    assert.match(after, /Reader added and subscribed\./);
    assert.match(after, /Walk\.In@example\.org/);

    // Twice (typed in another case): the same reader, nothing changes, and the page says so.
    const before = await counts();
    const again = await post(admin, base(), { email: 'walk.in@example.org', consent: 'again' });
    assert.equal(again.headers.get('location'), `${base()}?notice=reader-already`);
    assert.deepEqual(await counts(), before);

    // A case variant of a reader who left is that reader: refused, not added as someone new.
    const gone = await readerWith('unsubscribed', 'case-gone-');
    const beforeVariant = await counts();
    assert.equal((await post(admin, base(), { email: gone.email.toUpperCase().replace('@EXAMPLE.ORG', '@example.org'), consent: 'yes' })).status, 409);
    assert.deepEqual(await counts(), beforeVariant);

    // A reader still pending their confirmation mail is confirmed with the consent note.
    const pending = await readerWith('pending', 'waiting-');
    assert.equal((await post(admin, base(), { email: pending.email, consent: 'Asked by phone' })).status, 303);
    assert.equal((await subscription(pending.email))?.status, 'confirmed');
  });

  test('adding: no consent, "no", a bad address or a line break is a 422 naming the field; nothing is written and the values are kept', async () => {
    const before = await counts();
    const cases: [Record<string, string>, RegExp][] = [
      [{ email: 'new@example.org', consent: '' }, /consent: no consent given/],
      [{ email: 'new@example.org', consent: 'No' }, /consent: no consent given/],
      [{ email: 'not an address', consent: 'yes' }, /email: not a valid email address/],
      [{ email: `${'x'.repeat(250)}@example.org`, consent: 'yes' }, /email: address longer than 254 characters/],
      [{ email: 'new@example.org\r\nBcc: victim@example.org', consent: 'yes' }, /email: contains a line break/],
      [{ email: 'new@example.org', name: 'x'.repeat(121), consent: 'yes' }, /name: name longer than 120 characters/],
    ];
    for (const [fields, problem] of cases) {
      const response = await post(admin, base(), fields);
      assert.equal(response.status, 422, JSON.stringify(fields));
      const html = await response.text();
      assert.match(html, problem);
      assert.match(html, /<div class="form-errors" role="alert">/);
    }
    const kept = await (await post(admin, base(), { email: 'kept@example.org', name: 'Kept Name', consent: 'no' })).text();
    assert.match(kept, /value="kept@example\.org"/);
    assert.match(kept, /value="Kept Name"/);
    assert.deepEqual(await counts(), before);
  });

  test('a reader who unsubscribed, complained or bounced is never silently put back: 409, status unchanged', async () => {
    for (const status of ['unsubscribed', 'complained', 'bounced'] as const) {
      const reader = await readerWith(status, `left-${status}-`);
      const before = await counts();
      const response = await post(admin, base(), { email: reader.email, consent: 'They told us at the fair they want it again' });
      assert.equal(response.status, 409, status);
      assert.match(await response.text(), status === 'bounced' ? /mail to this address bounced earlier/ : /left this newsletter earlier; only they can sign up again/);
      assert.deepEqual(await counts(), before);
      assert.equal((await subscription(reader.email))?.status, status);
    }
  });

  test('unsubscribe and mark as complained: one reader, this list only, recorded and audited; a second time is a 409', async () => {
    const reader = await readerWith('confirmed', 'phone-');
    await addConfirmedSubscribers(db(), other, 0);
    await db().insertInto('subscriptions').values({ subscriber_id: reader.id, newsletter_id: other, status: 'confirmed', source: 'form', consent: null, created_at: new Date().toISOString(), confirmed_at: null, updated_at: new Date().toISOString() }).execute();
    const page = await (await admin.request(`${base()}?q=phone-`)).text();
    assert.match(page, new RegExp(`<form method="post" action="/admin/newsletters/${list}/subscribers/${reader.id}/unsubscribe" class="admin-inline-form"><input type="hidden" name="csrf"`));
    assert.match(page, new RegExp(`href="/admin/newsletters/${list}/subscribers/${reader.id}/erase"`));

    const done = await post(admin, `${base()}/${reader.id}/unsubscribe`);
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), `${base()}?notice=reader-unsubscribed`);
    assert.equal((await subscription(reader.email))?.status, 'unsubscribed');
    assert.equal((await subscription(reader.email, other))?.status, 'confirmed', 'other lists are untouched');
    assert.equal((await auditOf('newsletter.subscriber_unsubscribed'))?.details, JSON.stringify({ subscriberId: reader.id }));
    assert.equal((await post(admin, `${base()}/${reader.id}/unsubscribe`)).status, 409);
    assert.equal((await post(admin, `${base()}/${reader.id}/complained`)).status, 409, 'a reader who left cannot be marked complained');
    const listed = await (await admin.request(`${base()}?q=phone-`)).text();
    assert.doesNotMatch(listed, new RegExp(`/subscribers/${reader.id}/unsubscribe`), 'no buttons for a reader who left');

    const angry = await readerWith('confirmed', 'angry-');
    const marked = await post(admin, `${base()}/${angry.id}/complained`);
    assert.equal(marked.headers.get('location'), `${base()}?notice=reader-complained`);
    assert.equal((await subscription(angry.email))?.status, 'complained');
    const events = await db().selectFrom('subscription_events').select('kind').where('subscriber_id', '=', angry.id).execute();
    assert.deepEqual(events.map((event) => event.kind), ['complained']);
    assert.ok(await auditOf('newsletter.subscriber_complained'));

    // A reader of another list, or nobody at all: 404.
    const elsewhere = (await addConfirmedSubscribers(db(), other, 1, { prefix: 'elsewhere-' }))[0] ?? 0;
    assert.equal((await post(admin, `${base()}/${elsewhere}/unsubscribe`)).status, 404);
    assert.equal((await post(admin, `${base()}/999999/complained`)).status, 404);
  });

  test('erase: a confirmation page first; the POST without its confirmation is a 400; then the reader is gone from every list, counts kept', async () => {
    const reader = await readerWith('confirmed', 'forget-me-');
    await db().insertInto('subscriptions').values({ subscriber_id: reader.id, newsletter_id: other, status: 'confirmed', source: 'form', consent: null, created_at: new Date().toISOString(), confirmed_at: null, updated_at: new Date().toISOString() }).execute();
    const confirm = await admin.request(`${base()}/${reader.id}/erase`);
    assert.equal(confirm.status, 200);
    const html = await confirm.text();
    assert.match(html, /Erase <span dir="ltr">forget-me-1@example\.org<\/span>\?/);
    assert.match(html, /taken off Morning Briefing and 1 other newsletter,/);
    assert.match(html, /<input type="hidden" name="confirm" value="erase">/);
    assert.match(html, new RegExp(`<input type="hidden" name="csrf" value="${admin.csrfToken}">`));
    assert.ok(await subscription(reader.email), 'the GET erased nobody');

    const bare = await post(admin, `${base()}/${reader.id}/erase`);
    assert.equal(bare.status, 400);
    assert.ok(await subscription(reader.email));

    const erased = await post(admin, `${base()}/${reader.id}/erase`, { confirm: 'erase' });
    assert.equal(erased.status, 303);
    assert.equal(erased.headers.get('location'), `${base()}?notice=reader-erased`);
    assert.equal(await db().selectFrom('subscribers').select('id').where('id', '=', reader.id).executeTakeFirst(), undefined);
    assert.equal((await db().selectFrom('subscriptions').select('newsletter_id').where('subscriber_id', '=', reader.id).execute()).length, 0);
    const anonymous = await db().selectFrom('subscription_events').select(['newsletter_id', 'kind']).where('kind', '=', 'erased').where('subscriber_id', 'is', null).execute();
    assert.ok(anonymous.some((event) => Number(event.newsletter_id) === list) && anonymous.some((event) => Number(event.newsletter_id) === other), 'one anonymous erased event per list, as the preferences page writes');
    const audit = await auditOf('newsletter.subscriber_erased');
    assert.ok(audit && !audit.details.includes('forget-me'), 'the audit log does not keep the erased address');
    assert.equal((await admin.request(`${base()}/${reader.id}/erase`)).status, 404);
  });

  test('every action checks CSRF and the policy on the server: contributors and editors are refused, signed-out visitors sent to sign in; nothing changes', async () => {
    const reader = await readerWith('confirmed', 'guarded-');
    const actions: [string, Record<string, string>][] = [
      [base(), { email: 'sneak@example.org', consent: 'yes' }],
      [`${base()}/${reader.id}/unsubscribe`, {}],
      [`${base()}/${reader.id}/complained`, {}],
      [`${base()}/${reader.id}/erase`, { confirm: 'erase' }],
    ];
    const before = await counts();
    for (const role of ['contributor', 'editor'] as const) {
      const { client } = await signInAs(t, role);
      for (const [path, fields] of actions) assert.equal((await post(client, path, fields)).status, 403, `${role} ${path}`);
      assert.equal((await client.request(`${base()}/${reader.id}/erase`)).status, 403, `${role} confirmation page`);
    }
    for (const [path, fields] of actions) {
      assert.equal((await admin.request(path, { form: fields })).status, 403, `no CSRF token: ${path}`);
      assert.equal((await admin.request(path, { form: { ...fields, csrf: 'forged' } })).status, 403, `forged CSRF token: ${path}`);
    }
    const visitor = new (admin.constructor as new (t: TestApp) => AdminClient)(t);
    for (const [path, fields] of actions) {
      const response = await visitor.request(path, { form: fields });
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), '/admin/login');
    }
    assert.deepEqual(await counts(), before);
    assert.equal((await subscription(reader.email))?.status, 'confirmed');
  });
});

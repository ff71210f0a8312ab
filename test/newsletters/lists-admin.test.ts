/** The newsletters admin through the real app: create and edit lists with checked fields, roles, audit, counts, and the embeddable form. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { readContentVersion } from '../../src/content/content-version.ts';
import { seedDemoNewsletters } from '../../src/seed/demo-newsletters.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createSection, createTag, tempMediaDir } from '../factories.ts';
import { signInAs } from '../admin/admin-client.ts';
import type { AdminClient } from '../admin/admin-client.ts';

const VALID = {
  name: 'Morning Briefing',
  slug: 'morning-briefing',
  description: 'The day ahead in five minutes.',
  cadence: 'Every weekday',
  senderName: 'The Tamarisk',
  senderAddress: 'news@example.org',
  replyTo: 'desk@example.org',
  language: 'en',
  visibility: 'public',
  position: '0',
};

describeEachDatabase('newsletters admin', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let editor: AdminClient;
  const db = () => use().db;
  const listCount = async () => Number((await db().selectFrom('newsletters').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    editor = (await signInAs(t, 'editor')).client;
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const post = (client: AdminClient, path: string, fields: Record<string, string>) => client.request(path, { form: { csrf: client.csrfToken, ...fields } });

  test('an editor creates a list: audited, content version bumped, shown with counts', async () => {
    const versionBefore = (await readContentVersion(db())).version;
    const created = await post(editor, '/admin/newsletters', VALID);
    assert.equal(created.status, 303);
    const row = await db().selectFrom('newsletters').selectAll().where('slug', '=', 'morning-briefing').executeTakeFirstOrThrow();
    assert.equal(created.headers.get('location'), `/admin/newsletters/${row.id}?notice=created`);
    assert.equal(row.track_opens, 0, 'opens are not counted unless asked');
    assert.equal(row.reply_to, 'desk@example.org');
    assert.ok((await readContentVersion(db())).version > versionBefore);
    const audit = await db().selectFrom('audit_log').select(['action', 'subject_id']).where('action', '=', 'newsletter.created').executeTakeFirstOrThrow();
    assert.equal(audit.subject_id, String(row.id));

    const now = new Date().toISOString();
    for (const [i, status] of (['confirmed', 'confirmed', 'pending', 'unsubscribed'] as const).entries()) {
      const { id } = await db().insertInto('subscribers').values({ email: `count${i}@example.org`, name: null, language: 'en', created_at: now, updated_at: now, link_version: 1 }).returning('id').executeTakeFirstOrThrow();
      await db().insertInto('subscriptions').values({ subscriber_id: id, newsletter_id: row.id, status, source: 'form', consent: null, created_at: now, confirmed_at: null, updated_at: now }).execute();
    }
    const index = await (await editor.request('/admin/newsletters')).text();
    assert.match(index, /Morning Briefing/);
    assert.match(index, /<td data-label="Confirmed">2<\/td><td data-label="Pending">1<\/td>/);
    assert.match(index, /&lt;iframe src=&quot;https:\/\/news\.example\.test\/newsletters\/morning-briefing\/embed&quot;/, 'the embed code, escaped in a textarea');
    assert.doesNotMatch(index, /\/subscribers"/, 'an editor gets no link to personal data');
  });

  test('bad fields are a 422 naming each one, and nothing is written: CR/LF in the sender name, addresses, slug, lengths', async () => {
    const before = await listCount();
    const cases: [Record<string, string>, RegExp][] = [
      [{ senderName: 'Desk\r\nBcc: victim@example.org' }, /senderName: must be one line without line breaks/],
      [{ senderName: 'Desk\u0007' }, /senderName: must be one line/],
      [{ name: 'Evil\nName' }, /name: must be one line/],
      [{ senderAddress: 'news@example.org\r\nBcc: x@example.org' }, /senderAddress: must be one address without line breaks/],
      [{ senderAddress: 'Desk <news@example.org>' }, /senderAddress: must be one email address/],
      [{ replyTo: 'not an address' }, /replyTo: must be empty or one email address/],
      [{ slug: 'Bad Slug' }, /slug: use lowercase letters/],
      [{ slug: 'confirm' }, /slug: is a word the newsletter pages use/],
      [{ name: 'x'.repeat(81) }, /name: is longer than 80 characters/],
      [{ name: '' }, /name: is required/],
      [{ language: 'de' }, /language: choose one of/],
      [{ visibility: 'secret' }, /visibility: choose public or private/],
    ];
    for (const [change, message] of cases) {
      const response = await post(editor, '/admin/newsletters', { ...VALID, slug: `case-${Math.random().toString(36).slice(2, 7)}`, ...change });
      assert.equal(response.status, 422, JSON.stringify(change));
      assert.match(await response.text(), message);
    }
    const duplicate = await post(editor, '/admin/newsletters', VALID);
    assert.equal(duplicate.status, 422);
    assert.match(await duplicate.text(), /slug: &quot;morning-briefing&quot; is already used/);
    assert.equal(await listCount(), before);
  });

  test('editing keeps the values on refusal and saves on success; deleting is blocked while a list has readers', async () => {
    const row = await db().selectFrom('newsletters').select('id').where('slug', '=', 'morning-briefing').executeTakeFirstOrThrow();
    const refused = await post(editor, `/admin/newsletters/${row.id}`, { ...VALID, name: 'Kept typing', senderName: 'A\nB' });
    assert.equal(refused.status, 422);
    assert.match(await refused.text(), /value="Kept typing"/);
    const saved = await post(editor, `/admin/newsletters/${row.id}`, { ...VALID, name: 'Morning Briefing', cadence: 'Weekdays, 7 a.m.', trackOpens: '1', visibility: 'private' });
    assert.equal(saved.status, 303);
    const after = await db().selectFrom('newsletters').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.equal(after.cadence, 'Weekdays, 7 a.m.');
    assert.equal(after.track_opens, 1);
    assert.equal(after.visibility, 'private');
    const blocked = await post(editor, `/admin/newsletters/${row.id}/delete`, {});
    assert.equal(blocked.status, 422);
    assert.match(await blocked.text(), /Make it private/);

    const empty = await post(editor, '/admin/newsletters', { ...VALID, slug: 'short-lived', name: 'Short Lived' });
    const emptyId = Number(/\/admin\/newsletters\/(\d+)/.exec(empty.headers.get('location') ?? '')?.[1]);
    assert.equal((await post(editor, `/admin/newsletters/${emptyId}/delete`, {})).status, 303);
    assert.equal(await db().selectFrom('newsletters').select('id').where('id', '=', emptyId).executeTakeFirst(), undefined);
    assert.equal((await editor.request('/admin/newsletters/999999')).status, 404);
  });

  test('promo rules: tags by slug, sections by id, checked values', async () => {
    const section = await createSection(db(), { slug: 'rules-section', name: 'Rules Section' });
    await createTag(db(), { slug: 'water', name: 'Water' });
    const row = await db().selectFrom('newsletters').select('id').where('slug', '=', 'morning-briefing').executeTakeFirstOrThrow();
    const path = `/admin/newsletters/${row.id}/rules`;
    assert.equal((await post(editor, path, { kind: 'tag', value: 'water', priority: '3' })).status, 303);
    assert.equal((await post(editor, path, { kind: 'section', value: String(section), priority: '0' })).status, 303);
    assert.equal((await post(editor, path, { kind: 'default', value: '', priority: '0' })).status, 303);
    for (const [fields, message] of [
      [{ kind: 'tag', value: 'no-such-tag' }, /no tag has the slug or name/],
      [{ kind: 'section', value: '999999' }, /choose one of the listed sections/],
      [{ kind: 'language', value: 'xx' }, /value: choose one of/],
      [{ kind: 'default', value: '' }, /already has that rule/],
      [{ kind: 'everything', value: '' }, /kind: choose tag, section, language or default/],
      [{ kind: 'tag', value: 'water', priority: 'high' }, /priority: must be a whole number/],
    ] as const) {
      const response = await post(editor, path, fields);
      assert.equal(response.status, 422, JSON.stringify(fields));
      assert.match(await response.text(), message);
    }
    const page = await (await editor.request(`/admin/newsletters/${row.id}`)).text();
    assert.match(page, /Articles tagged “Water” \(topic\)/);
    assert.match(page, /Articles in the section “Rules Section”/);
    const rules = await db().selectFrom('newsletter_promo_rules').select(['kind', 'value', 'priority']).where('newsletter_id', '=', row.id).orderBy('id').execute();
    assert.equal(rules.length, 3);
  });

  test('roles: a contributor (author) and a signed-out visitor cannot manage lists; a post without CSRF is refused', async () => {
    const { client: author } = await signInAs(t, 'author');
    assert.equal((await author.request('/admin/newsletters')).status, 403);
    const before = await listCount();
    assert.equal((await post(author, '/admin/newsletters', { ...VALID, slug: 'author-list' })).status, 403);
    const { client: contributor } = await signInAs(t, 'contributor');
    assert.equal((await contributor.request('/admin/newsletters/new')).status, 403);
    const anonymous = await t.app.request('/admin/newsletters');
    assert.equal(anonymous.status, 303);
    const noCsrf = await editor.request('/admin/newsletters', { form: { ...VALID, slug: 'no-csrf' } });
    assert.equal(noCsrf.status, 403);
    assert.equal(await listCount(), before);
  });

  test('the embeddable form may be framed by any site, posts here, and answers inside the frame', async () => {
    await post(editor, '/admin/newsletters', { ...VALID, slug: 'embeddable', name: 'Embeddable' });
    const response = await t.app.request('/newsletters/embeddable/embed');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors \*/);
    assert.equal(response.headers.get('x-frame-options'), null);
    const html = await response.text();
    assert.doesNotMatch(html, /site-header|sections-nav/, 'no site chrome');
    assert.match(html, /<form class="newsletter-form" method="post" action="\/newsletters\/embeddable\/embed"/);
    assert.match(html, /<input type="hidden" name="source" value="embed"/);
    const normal = await t.app.request('/newsletters');
    assert.match(normal.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'/, 'other pages still refuse framing');

    const listId = /name="newsletter" value="(\d+)"/.exec(html)?.[1] ?? '';
    const answer = await t.app.request('/newsletters/subscribe', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://news.example.test', 'sec-fetch-site': 'same-origin' }, body: new URLSearchParams({ email: 'framed@example.org', newsletter: listId, language: 'en', source: 'embed' }).toString() });
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-security-policy') ?? '', /frame-ancestors \*/);
    assert.match(await answer.text(), /We have sent a message to framed@example\.org/);
    const subscription = await db().selectFrom('subscriptions').innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id').select(['subscriptions.source', 'subscriptions.status']).where('subscribers.email', '=', 'framed@example.org').executeTakeFirstOrThrow();
    assert.deepEqual(subscription, { source: 'embed', status: 'pending' });
    assert.equal((await t.app.request('/newsletters/no-such-list/embed')).status, 404);
    await post(editor, '/admin/newsletters', { ...VALID, slug: 'private-one', name: 'Private One', visibility: 'private' });
    assert.equal((await t.app.request('/newsletters/private-one/embed')).status, 404, 'private lists have no public form');
  });

  test('the demo newsletters seed four lists with rules and readers across statuses, once', async () => {
    await createTag(db(), { kind: 'country', slug: 'jordan', name: 'Jordan' });
    await db().deleteFrom('newsletters').execute();
    const report = await seedDemoNewsletters(db());
    assert.deepEqual(report, { newsletters: 4, subscribers: 42 });
    const statuses = new Set((await db().selectFrom('subscriptions').select('status').execute()).map((row) => row.status));
    assert.ok(statuses.has('confirmed') && statuses.has('pending') && statuses.has('unsubscribed'));
    const rules = await db().selectFrom('newsletter_promo_rules').select('kind').execute();
    assert.ok(rules.some((rule) => rule.kind === 'tag') && rules.some((rule) => rule.kind === 'default') && rules.some((rule) => rule.kind === 'language'));
    const oldest = await db().selectFrom('subscription_events').select((eb) => eb.fn.min('at').as('at')).executeTakeFirstOrThrow();
    assert.ok(Date.parse(String(oldest.at)) < Date.now() - 30 * 86_400_000, 'history spread over weeks');
    assert.deepEqual(await seedDemoNewsletters(db()), { newsletters: 0, subscribers: 0 });
    const emails = await db().selectFrom('subscribers').select('email').execute();
    assert.ok(emails.every((row) => /@example\.(org|com)$/.test(row.email) || /@example\.test$/.test(row.email)));
  });
});

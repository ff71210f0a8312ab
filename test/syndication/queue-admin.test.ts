/**
 * The desk's admin pages over HTTP, on both databases: who may open them, CSRF on every
 * post, the queue's filters and pages, the request page's quote and forms, decisions with
 * exact fees and clear refusals, licences (invoice status, revocation, direct grants) and
 * the printable certificate.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { describeEachDatabase } from '../db-matrix.ts';
import { seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { signInAs } from '../admin/admin-client.ts';
import type { AdminClient } from '../admin/admin-client.ts';
import { dayFrom, eventKinds, insertRequest } from './decisions-fixtures.ts';

describeEachDatabase('syndication desk admin', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let articleIds: number[];
  let editor: AdminClient;
  let contributor: AdminClient;

  before(async () => {
    mediaDir = tempMediaDir();
    ({ articleIds } = await seedSmallNewsroom(use().db, mediaDir, 3));
    t = createTestApp(use(), mediaDir);
    editor = (await signInAs(t, 'editor')).client;
    contributor = (await signInAs(t, 'contributor')).client;
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  const article = (index: number) => articleIds[index] ?? 0;
  const post = (client: AdminClient, path: string, form: Record<string, string>, csrf: string | null = client.csrfToken) => client.request(path, { form: csrf === null ? form : { csrf, ...form } });

  test('only editors and above may open the desk; contributors get 403 and signed-out visitors the sign-in page', async () => {
    const requestId = await insertRequest(t.ctx.db, article(0));
    for (const path of ['/admin/syndication', `/admin/syndication/requests/${requestId}`, '/admin/syndication/licences']) {
      assert.equal((await contributor.request(path)).status, 403, path);
      const anonymous = await t.app.request(path);
      assert.equal(anonymous.status, 303);
      assert.equal(anonymous.headers.get('location'), '/admin/login');
    }
    assert.equal((await post(contributor, `/admin/syndication/requests/${requestId}/approve`, {})).status, 403);
    assert.equal((await post(editor, `/admin/syndication/requests/${requestId}/approve`, {}, null)).status, 403, 'no CSRF token: refused');
    assert.equal((await post(editor, `/admin/syndication/requests/${requestId}/approve`, {}, 'forged-token-of-the-right-length-aaaaaaaaaa')).status, 403);
    assert.deepEqual(await eventKinds(t.ctx.db, requestId), ['submitted'], 'nothing happened');
  });

  test('the queue filters by status, article, outlet and date, and pages by keyset', async () => {
    const db = t.ctx.db;
    const base = Date.parse('2026-03-01T10:00:00.000Z');
    for (let index = 0; index < 53; index += 1) {
      await insertRequest(db, article(index % 3), { organisation: index === 7 ? 'Harbour Gazette' : `Bulk Outlet ${index}`, outletUrl: `https://example.com/bulk-${index}`, createdAt: new Date(base + index * 60_000).toISOString(), status: index === 9 ? 'declined' : 'open' });
    }
    const page1 = await (await editor.request('/admin/syndication?from=2026-03-01&to=2026-03-01')).text();
    assert.equal((page1.match(/href="\/admin\/syndication\/requests\/\d+"/g) ?? []).length, 50);
    const next = /href="(\/admin\/syndication\?[^"]*after=[^"]+)" rel="next"/.exec(page1)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(next, 'a link to older requests');
    const page2 = await (await editor.request(next)).text();
    assert.equal((page2.match(/href="\/admin\/syndication\/requests\/\d+"/g) ?? []).length, 3);
    assert.ok(!/rel="next"/.test(page2));

    const harbour = await (await editor.request('/admin/syndication?outlet=HARBOUR')).text();
    assert.ok(harbour.includes('Harbour Gazette'));
    assert.equal((harbour.match(/href="\/admin\/syndication\/requests\/\d+"/g) ?? []).length, 1);
    const wildcard = await (await editor.request('/admin/syndication?outlet=%25')).text();
    assert.ok(wildcard.includes('No requests match'), 'a % in the search is a character, not a wildcard');
    const declined = await (await editor.request('/admin/syndication?status=declined&from=2026-03-01&to=2026-03-01')).text();
    assert.equal((declined.match(/href="\/admin\/syndication\/requests\/\d+"/g) ?? []).length, 1);
    const byArticle = await (await editor.request(`/admin/syndication?article=${article(1)}&from=2026-03-01&to=2026-03-01`)).text();
    assert.equal((byArticle.match(/href="\/admin\/syndication\/requests\/\d+"/g) ?? []).length, 18);
    const headline = (await db.selectFrom('articles').select('headline').where('id', '=', article(2)).executeTakeFirstOrThrow()).headline;
    const byHeadline = await (await editor.request(`/admin/syndication?article=${encodeURIComponent(headline.slice(0, 40))}&from=2026-03-01&to=2026-03-01`)).text();
    assert.ok((byHeadline.match(/href="\/admin\/syndication\/requests\/\d+"/g) ?? []).length >= 17);

    for (const bad of ['status=maybe', 'from=yesterday', 'from=2026-02-31', 'to=2026-13-01', 'after=nonsense', `outlet=${'x'.repeat(201)}`]) {
      const response = await editor.request(`/admin/syndication?${bad}`);
      assert.equal(response.status, 400, bad);
      assert.ok(!/\n\s+at \S+ \(/.test(await response.text()), 'no stack trace');
    }
    const impossible = await (await editor.request('/admin/syndication?from=2026-02-31')).text();
    assert.ok(impossible.includes('2026-02-31, is not a day of the calendar'), 'says what is wrong with the date');
  });

  test('the queue shows an outlet by its host, with line breaks only after its dots', async () => {
    await insertRequest(t.ctx.db, article(0), { organisation: 'Riverside Chronicle', outletUrl: 'https://www.riverside-chronicle.example.org/news/world?from=desk', createdAt: '2026-04-02T10:00:00.000Z' });
    const html = await (await editor.request('/admin/syndication?outlet=Riverside')).text();
    assert.ok(html.includes('<small title="https://www.riverside-chronicle.example.org/news/world?from=desk">riverside-chronicle.<wbr>example.<wbr>org</small>'), html.slice(html.indexOf('Riverside Chronicle'), html.indexOf('Riverside Chronicle') + 300));
    assert.ok(!html.includes('>https://www.riverside-chronicle'), 'not the whole address in the narrow column');
  });

  test('approval refusals name the form’s fields, once each, and the five-year limit of the form applies', async () => {
    const db = t.ctx.db;
    const requestId = await insertRequest(db, article(1), { email: 'limits@example.org' });
    /** The problems listed at the top of a refused form. */
    const problemsOf = async (response: Response) => {
      const html = await response.text();
      const box = /<div class="form-errors" role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
      return [...box.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((match) => match[1] ?? '');
    };
    const garbage = await post(editor, `/admin/syndication/requests/${requestId}/approve`, { fee: '', valid_from: 'garbage', valid_to: dayFrom(20), terms: '' });
    assert.equal(garbage.status, 422);
    assert.deepEqual(await problemsOf(garbage), ['Valid from: must be a real date like 2026-12-31'], 'one message, with the label the form shows');
    const impossible = await post(editor, `/admin/syndication/requests/${requestId}/approve`, { fee: '', valid_from: dayFrom(1), valid_to: '2027-02-30', terms: '' });
    assert.deepEqual(await problemsOf(impossible), ['Valid to: must be a real date like 2026-12-31']);

    const start = dayFrom(1);
    const fiveYears = `${String(Number(start.slice(0, 4)) + 5)}${start.slice(4)}`;
    const tooLong = await post(editor, `/admin/syndication/requests/${requestId}/approve`, { fee: '', valid_from: start, valid_to: dayFrom(5 * 366 + 1), terms: '' });
    assert.equal(tooLong.status, 422);
    assert.deepEqual(await problemsOf(tooLong), [`Valid to: a licence can last at most 5 years; one starting ${start} must end by ${fiveYears}.`]);
    const backwards = await post(editor, `/admin/syndication/requests/${requestId}/approve`, { fee: '', valid_from: dayFrom(10), valid_to: dayFrom(5), terms: '' });
    assert.deepEqual(await problemsOf(backwards), ['Valid to: the licence must end on or after the day it starts.']);
    assert.deepEqual(await eventKinds(db, requestId), ['submitted'], 'nothing was decided');
    assert.equal((await post(editor, `/admin/syndication/requests/${requestId}/approve`, { fee: '', valid_from: start, valid_to: fiveYears, terms: '' })).status, 303, 'exactly five years is allowed');
  });

  test('a request page shows the requester, the quote breakdown, the history and the three forms', async () => {
    const requestId = await insertRequest(t.ctx.db, article(0), { organisation: 'Cedar <Review>', quoteMinor: 123_456 });
    const html = await (await editor.request(`/admin/syndication/requests/${requestId}`)).text();
    assert.ok(html.includes('Cedar &lt;Review&gt;'), 'escaped');
    assert.ok(html.includes('US$1,234.56') || html.includes('$1,234.56'));
    assert.ok(html.includes('Base fee: Commercial outlet'));
    assert.ok(html.includes('Request received'));
    for (const action of ['approve', 'counter', 'decline']) assert.ok(html.includes(`action="/admin/syndication/requests/${requestId}/${action}"`), action);
    assert.ok(html.includes(`name="csrf" value="${editor.csrfToken}"`));
    assert.equal((await editor.request('/admin/syndication/requests/999999')).status, 404);
  });

  test('approving with a changed fee stores it exactly; refusals answer with their reason and change nothing', async () => {
    const db = t.ctx.db;
    const requestId = await insertRequest(db, article(1), { email: 'exact@example.org' });
    const bad = await post(editor, `/admin/syndication/requests/${requestId}/approve`, { fee: '12.345', valid_from: dayFrom(1), valid_to: dayFrom(20), terms: '' });
    assert.equal(bad.status, 422);
    assert.ok((await bad.text()).includes('at most 2 decimals'));
    assert.deepEqual(await eventKinds(db, requestId), ['submitted']);

    const approved = await post(editor, `/admin/syndication/requests/${requestId}/approve`, { fee: '1,234.29', valid_from: dayFrom(1), valid_to: dayFrom(20), terms: '' });
    assert.equal(approved.status, 303);
    assert.equal(approved.headers.get('location'), `/admin/syndication/requests/${requestId}?notice=approved`);
    const licence = await db.selectFrom('licences').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
    assert.equal(licence.fee_minor, 123_429);
    assert.equal(licence.valid_to, dayFrom(20));
    const page = await (await editor.request(approved.headers.get('location') ?? '')).text();
    assert.ok(page.includes('The licence is issued'));
    assert.ok(page.includes(licence.reference));

    const twice = await post(editor, `/admin/syndication/requests/${requestId}/approve`, { fee: '1' });
    assert.equal(twice.status, 409);
    assert.ok((await twice.text()).includes('already been approved'));
    assert.equal((await db.selectFrom('licences').select('id').where('request_id', '=', requestId).execute()).length, 1);

    const declineMe = await insertRequest(db, article(1));
    const empty = await post(editor, `/admin/syndication/requests/${declineMe}/decline`, { message: '' });
    assert.equal(empty.status, 422);
    assert.ok((await empty.text()).includes('say why'));
    assert.equal((await db.selectFrom('syndication_requests').select('status').where('id', '=', declineMe).executeTakeFirstOrThrow()).status, 'open');
    assert.equal((await post(editor, `/admin/syndication/requests/${declineMe}/decline`, { message: 'Not for this market.' })).status, 303);

    const counterMe = await insertRequest(db, article(2));
    assert.equal((await post(editor, `/admin/syndication/requests/${counterMe}/counter`, { fee: 'lots', terms: '', message: '' })).status, 422);
    assert.equal((await post(editor, `/admin/syndication/requests/${counterMe}/counter`, { fee: '99.90', terms: '', message: 'Online only.' })).status, 303);
    assert.equal((await db.selectFrom('syndication_requests').select('offered_minor').where('id', '=', counterMe).executeTakeFirstOrThrow()).offered_minor, 9_990);
    const audit = await db.selectFrom('audit_log').select('action').where('subject_id', '=', String(counterMe)).execute();
    assert.deepEqual(audit.map((row) => row.action), ['syndication.counter']);
  });

  test('licences: invoice filter and status, revocation, direct grants with the exclusivity check, and a clean certificate', async () => {
    const db = t.ctx.db;
    const requestId = await insertRequest(db, article(2), { email: 'licences@example.org', medium: 'print' });
    assert.equal((await post(editor, `/admin/syndication/requests/${requestId}/approve`, { fee: '' })).status, 303);
    const licence = await db.selectFrom('licences').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();

    const detail = await (await editor.request(`/admin/syndication/licences/${licence.id}`)).text();
    assert.match(detail, /https:\/\/news\.example\.test\/republish\/licences\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    assert.ok(detail.includes(`/admin/syndication/licences/${licence.id}/certificate`));

    const bogus = await post(editor, `/admin/syndication/licences/${licence.id}/invoice`, { invoice_status: 'bogus' });
    assert.equal(bogus.status, 422);
    const bogusHtml = await bogus.text();
    assert.ok(bogusHtml.includes('Invoice status: must be unpaid, paid or waived') && !bogusHtml.includes('invoiceStatus'), 'the form’s label, not the field name');
    assert.equal((await post(contributor, `/admin/syndication/licences/${licence.id}/invoice`, { invoice_status: 'paid' })).status, 403);
    assert.equal((await post(editor, `/admin/syndication/licences/${licence.id}/invoice`, { invoice_status: 'paid' })).status, 303);
    const paidList = await (await editor.request('/admin/syndication/licences?invoice=paid')).text();
    assert.ok(paidList.includes(licence.reference));
    const unpaidList = await (await editor.request('/admin/syndication/licences?invoice=unpaid')).text();
    assert.ok(!unpaidList.includes(licence.reference));

    const certificate = await editor.request(`/admin/syndication/licences/${licence.id}/certificate`);
    const certificateHtml = await certificate.text();
    assert.equal(certificate.status, 200);
    assert.ok(certificateHtml.includes(licence.reference));
    assert.ok(!certificateHtml.includes('admin-nav'), 'no admin chrome');
    const stylesheet = /href="(\/republish\/assets\/[0-9a-f]{12}\/licence\.css)"/.exec(certificateHtml)?.[1];
    assert.ok(stylesheet);
    assert.match(await (await t.app.request(stylesheet)).text(), /@media print/);

    assert.equal((await post(editor, `/admin/syndication/licences/${licence.id}/revoke`, { reason: 'Published without the credit line.' })).status, 303);
    assert.ok((await db.selectFrom('licences').select('revoked_at').where('id', '=', licence.id).executeTakeFirstOrThrow()).revoked_at);
    assert.equal((await post(editor, `/admin/syndication/licences/${licence.id}/revoke`, {})).status, 409);
    assert.ok((await eventKinds(db, requestId)).includes('revoked'));

    const partner = await db.insertInto('licensees').values({ name: 'Feeds', organisation: 'Example Syndicate', email: 'feeds@example.com', outlet_url: 'https://example.com', kind: 'partner', created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    const grantForm = { licensee: String(partner.id), article: String(article(0)), fee: '500', currency: 'USD', medium: 'newsletter', territory: 'worldwide', language: 'en', exclusive: 'yes', valid_from: dayFrom(0), valid_to: dayFrom(100), terms: '' };
    const granted = await post(editor, '/admin/syndication/licences', grantForm);
    assert.equal(granted.status, 303);
    const grantedRow = await db.selectFrom('licences').selectAll().where('licensee_id', '=', partner.id).executeTakeFirstOrThrow();
    assert.equal(grantedRow.fee_minor, 50_000);
    assert.equal(grantedRow.exclusive, 1);
    const clash = await post(editor, '/admin/syndication/licences', { ...grantForm, exclusive: 'no', territory: 'national:LB' });
    assert.equal(clash.status, 409);
    assert.ok((await clash.text()).includes(grantedRow.reference));
    assert.equal((await post(editor, '/admin/syndication/licences', { ...grantForm, territory: 'mars' })).status, 422);
    const tooLong = await post(editor, '/admin/syndication/licences', { ...grantForm, territory: 'national:FR', exclusive: 'no', valid_to: dayFrom(6 * 366) });
    assert.equal(tooLong.status, 422);
    assert.ok((await tooLong.text()).includes('Valid to: a licence can last at most 5 years'), 'a direct grant keeps the five-year limit too');
    const garbage = await (await post(editor, '/admin/syndication/licences', { ...grantForm, territory: 'national:FR', valid_from: 'soon' })).text();
    assert.ok(garbage.includes('<li>Valid from: must be a real date like 2026-12-31</li>') && !garbage.includes('validFrom'));
  });
});

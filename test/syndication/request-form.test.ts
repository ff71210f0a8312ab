/**
 * The public republishing request form over HTTP: the page, a request that is stored and
 * quoted by email (over a real SMTP server), every refusal (bad fields, honeypot, rate limit,
 * foreign origin, missing token, articles not on offer) writing nothing, and the status page.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createArticle } from '../../src/articles/commands.ts';
import { isoNow } from '../../src/shared/time.ts';
import { buildArticle, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { startTestSmtpServer, textParts } from '../support/test-smtp-server.ts';
import { ORIGIN, day, postForm, validForm } from './request-form-helpers.ts';
import type { TestSmtpServer } from '../support/test-smtp-server.ts';

describeEachDatabase('republishing request form', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let smtp: TestSmtpServer;
  let paidId: number;
  let ccId: number;
  let noneId: number;
  let draftId: number;
  let ipCounter = 0;
  const nextIp = () => `198.51.100.${++ipCounter}`;

  async function counts() {
    const db = use().db;
    const requests = await db.selectFrom('syndication_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const events = await db.selectFrom('syndication_request_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const mail = await db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { requests: Number(requests.n), events: Number(events.n), mail: Number(mail.n), smtp: smtp.messages.length };
  }

  before(async () => {
    mediaDir = tempMediaDir();
    smtp = await startTestSmtpServer();
    t = createTestApp(use(), mediaDir, { SMTP_URL: smtp.url(), MAIL_FROM: 'Desk <desk@news.example.test>' });
    const db = use().db;
    const seeded = await seedSmallNewsroom(db, mediaDir, 3);
    [paidId = 0, ccId = 0, noneId = 0] = seeded.articleIds;
    await db.updateTable('articles').set({ licensing_policy: 'cc' }).where('id', '=', ccId).execute();
    await db.updateTable('articles').set({ licensing_policy: 'none' }).where('id', '=', noneId).execute();
    draftId = await createArticle(db, buildArticle({ sectionId: seeded.newsId, status: 'draft', publishedAt: null, authorIds: [seeded.authorId], byline: null }));
  });
  after(async () => {
    await t.ctx.mailer.close();
    await smtp.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('the form page: every field labelled, token and honeypot, not cached', async () => {
    const response = await t.app.request(`/republish/${paidId}/request`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const html = await response.text();
    const cookie = /masthead_public_form=([A-Za-z0-9_-]{43})/.exec(response.headers.get('set-cookie') ?? '')?.[1];
    assert.ok(cookie, 'the double-submit cookie is set');
    assert.ok(html.includes(`name="form_token" value="${cookie}"`), 'the form carries the same token');
    assert.match(html, /<input id="republish-website" type="text" name="website" value="" tabindex="-1" autocomplete="off"/);
    for (const field of ['name', 'email', 'organisation', 'outletUrl', 'outletType', 'medium', 'territoryScope', 'country', 'language', 'audienceBand', 'periodStart', 'periodEnd', 'intendedDate', 'message']) {
      assert.match(html, new RegExp(`<label for="republish-${field}">`), `label of ${field}`);
      assert.match(html, new RegExp(`id="republish-${field}"[^>]*name="${field}"`), `control of ${field}`);
    }
    assert.match(html, /Council approves test plan/);
    assert.match(html, /republish\.css/);
    const arabic = await t.app.request(`/ar/republish/${paidId}/request`);
    assert.equal(arabic.status, 200);
    const arabicHtml = await arabic.text();
    assert.match(arabicHtml, /طلب ترخيص لإعادة النشر/);
    assert.match(arabicHtml, new RegExp(`action="/ar/republish/${paidId}/request"`));
  });

  test('a valid request is stored with its quote and event, the quote is emailed, and the link shows it', async () => {
    const before = await counts();
    // A real round trip: the page's token and cookie.
    const page = await t.app.request(`/republish/${paidId}/request`);
    const cookieToken = /masthead_public_form=([A-Za-z0-9_-]{43})/.exec(page.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const response = await postForm(t, `/republish/${paidId}/request`, validForm({ form_token: cookieToken }), { cookie: `masthead_public_form=${cookieToken}`, ip: nextIp() });
    assert.equal(response.status, 303, await response.clone().text());
    const location = response.headers.get('location') ?? '';
    assert.match(location, /^\/republish\/requests\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);

    const db = use().db;
    const row = await db.selectFrom('syndication_requests').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(row.article_id, paidId);
    assert.equal(row.status, 'open');
    assert.equal(row.requester_email, 'layla@outlet.example.org');
    assert.equal(row.territory, 'national:JO');
    assert.equal(row.language, 'ar');
    assert.equal(row.exclusive, 0);
    assert.equal(row.message, 'We would like to run this in our weekend edition.\nThank you.');
    // Default card: commercial 25000 ×1.25 print ×1 national ×1 10k–100k ×1 non-exclusive ×1.25 translation = 39063 (39062.5 rounds up).
    assert.equal(row.currency, 'USD');
    assert.equal(row.quote_minor, 39_063);
    const lines = JSON.parse(row.quote_breakdown) as { label: string }[];
    assert.ok(lines.some((line) => line.label === 'Translation into Arabic'));
    const card = await db.selectFrom('rate_cards').select(['id', 'currency']).where('id', '=', row.rate_card_id).executeTakeFirstOrThrow();
    assert.equal(card.currency, 'USD');
    const events = await db.selectFrom('syndication_request_events').selectAll().where('request_id', '=', row.id).execute();
    assert.deepEqual(events.map((event) => [event.kind, event.fee_minor]), [['submitted', 39_063]]);

    const after = await counts();
    assert.equal(after.requests, before.requests + 1);
    assert.equal(after.smtp, before.smtp + 1);
    const message = smtp.messages.at(-1);
    assert.deepEqual(message?.rcptTo, ['layla@outlet.example.org']);
    const text = textParts(message?.raw ?? '').find((part) => part.contentType.startsWith('text/plain'))?.text ?? '';
    assert.ok(text.includes(`${ORIGIN}${location}`), `the mail holds the status link:\n${text}`);
    assert.match(text, /\$390\.63/);
    assert.match(text, /indicative/);
    const outbox = await db.selectFrom('mail_outbox').select(['purpose', 'to_address']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(outbox, { purpose: 'syndication_quote', to_address: 'layla@outlet.example.org' });

    const status = await t.app.request(location);
    assert.equal(status.status, 200);
    assert.equal(status.headers.get('cache-control'), 'no-store');
    const html = await status.text();
    assert.match(html, /Received, waiting for an editor/);
    assert.match(html, /\$390\.63/);
    assert.match(html, /Translation into Arabic/);
    assert.match(html, /Request sent, with the instant quote/);
    assert.match(html, /Jordan \(national\)/);
    assert.ok(!html.includes('Accept this offer'), 'no offer to accept yet');
  });

  test('a countered request shows the offer and a form to accept it', async () => {
    const db = use().db;
    const response = await postForm(t, `/republish/${paidId}/request`, validForm({ email: 'counter@outlet.example.org' }), { ip: nextIp() });
    assert.equal(response.status, 303);
    const location = response.headers.get('location') ?? '';
    const row = await db.selectFrom('syndication_requests').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await db.updateTable('syndication_requests').set({ status: 'countered', offered_minor: 30_000, offered_terms: 'Credit line <b>on top</b>.' }).where('id', '=', row.id).execute();
    await db.insertInto('syndication_request_events').values([
      { request_id: row.id, kind: 'internal_note', actor_user_id: null, message: 'secret note', fee_minor: null, at: isoNow() },
      { request_id: row.id, kind: 'countered', actor_user_id: null, message: null, fee_minor: 30_000, at: isoNow() },
    ]).execute();
    const html = await (await t.app.request(location)).text();
    assert.match(html, /\$300\.00/);
    assert.match(html, /Credit line &lt;b&gt;on top&lt;\/b&gt;\./);
    assert.ok(html.includes(`action="${location}/accept"`));
    assert.match(html, /name="form_token" value="[A-Za-z0-9_-]{43}"/);
    assert.match(html, /name="website"/);
    assert.match(html, /The newsroom offered different terms/);
    assert.ok(!html.includes('internal_note') && !html.includes('secret note'), 'internal events stay in the admin');
  });

  test('each bad field is answered 422 next to the field, and nothing is written', async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ name: '' }, 'name', /This field is required/],
      [{ name: 'Layla\r\nBcc: x@example.org' }, 'name', /must fit on one line/],
      [{ name: 'x'.repeat(201) }, 'name', /too long/],
      [{ email: 'not-an-address' }, 'email', /email address like/],
      [{ email: `${'a'.repeat(250)}@example.org` }, 'email', /too long/],
      [{ email: 'a@example.org\nBcc: b@example.org' }, 'email', /email address like|one line/],
      [{ organisation: '' }, 'organisation', /required/],
      [{ organisation: 'Coastal\nWeekly' }, 'organisation', /one line/],
      [{ outletUrl: 'javascript:alert(1)' }, 'outletUrl', /https:\/\//],
      [{ outletUrl: 'ftp://coastal.example.org' }, 'outletUrl', /https:\/\//],
      [{ outletType: 'pirate' }, 'outletType', /Choose one of the options/],
      [{ medium: 'skywriting' }, 'medium', /Choose one/],
      [{ territoryScope: 'mars' }, 'territoryScope', /Choose one/],
      [{ territoryScope: 'national', country: '' }, 'country', /Choose the country/],
      [{ territoryScope: 'local', country: 'XX' }, 'country', /Choose the country/],
      [{ language: 'klingon' }, 'language', /Choose one/],
      [{ audienceBand: 'billions' }, 'audienceBand', /Choose one/],
      [{ exclusive: 'maybe' }, 'exclusive', /Choose one/],
      [{ periodStart: '2027-02-30' }, 'periodStart', /date like/],
      [{ periodStart: day(-1) }, 'periodStart', /before today/],
      [{ periodEnd: day(10) }, 'periodEnd', /end after it starts/],
      [{ periodEnd: day(10 + 5 * 366) }, 'periodEnd', /five years/],
      [{ intendedDate: day(400) }, 'intendedDate', /within the licence period/],
      [{ intendedDate: 'soon' }, 'intendedDate', /date like/],
      [{ message: 'x'.repeat(4001) }, 'message', /too long/],
      // Line breaks belong in a message; an invisible control character does not, and the answer says so.
      [{ message: 'First line.\nSecond line with a bell\u0007 in it.' }, 'message', /invisible control character/],
    ];
    const before = await counts();
    for (const [changes, field, problem] of cases) {
      const response = await postForm(t, `/republish/${paidId}/request`, validForm(changes), { ip: nextIp() });
      assert.equal(response.status, 422, `${JSON.stringify(changes)} → 422`);
      const html = await response.text();
      const error = new RegExp(`<p id="republish-${field}-error" class="republish-error">([^<]*)</p>`).exec(html)?.[1] ?? '';
      assert.match(error, problem, `${field}: ${error}`);
      if (field !== 'exclusive') assert.match(html, new RegExp(`aria-describedby="[^"]*republish-${field}-error[^"]*" aria-invalid="true"`), `${field} is tied to its error`);
      // What was typed comes back (escaped).
      if (changes.organisation === undefined) assert.match(html, /value="Coastal Weekly"/);
    }
    assert.deepEqual(await counts(), before);
  });

  test('a filled honeypot looks like success and stores nothing', async () => {
    const before = await counts();
    const response = await postForm(t, `/republish/${paidId}/request`, validForm({ website: 'https://spam.example' }), { ip: nextIp() });
    assert.equal(response.status, 200);
    assert.match(await response.text(), /Request received/);
    assert.deepEqual(await counts(), before);
  });

  test('foreign origins and missing tokens are refused with 403', async () => {
    const before = await counts();
    const foreign = await postForm(t, `/republish/${paidId}/request`, validForm(), { ip: nextIp(), headers: { origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403);
    const crossSite = await postForm(t, `/republish/${paidId}/request`, validForm(), { ip: nextIp(), headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal(crossSite.status, 403);
    const noCookie = await postForm(t, `/republish/${paidId}/request`, validForm(), { ip: nextIp(), cookie: null });
    assert.equal(noCookie.status, 403);
    const noField = await postForm(t, `/republish/${paidId}/request`, validForm({ form_token: '' }), { ip: nextIp() });
    assert.equal(noField.status, 403);
    const wrong = await postForm(t, `/republish/${paidId}/request`, validForm({ form_token: 'U'.repeat(43) }), { ip: nextIp() });
    assert.equal(wrong.status, 403);
    // As many characters as a real token but twice the bytes: still a plain 403.
    const wide = await postForm(t, `/republish/${paidId}/request`, validForm({ form_token: 'é'.repeat(43) }), { ip: nextIp() });
    assert.equal(wide.status, 403);
    assert.match(await wide.text(), /did not come from this site/);
    assert.deepEqual(await counts(), before);
  });

  test('one address may try 10 times an hour, one requester email 5 times', async () => {
    const ip = nextIp();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const response = await postForm(t, `/republish/${paidId}/request`, validForm({ name: '' }), { ip });
      assert.equal(response.status, 422);
    }
    const limited = await postForm(t, `/republish/${paidId}/request`, validForm(), { ip });
    assert.equal(limited.status, 429);
    assert.match(await limited.text(), /Too many attempts/);

    const before = await counts();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await postForm(t, `/republish/${paidId}/request`, validForm({ email: 'busy@outlet.example.org' }), { ip: nextIp() });
      assert.equal(response.status, 303);
    }
    const sixth = await postForm(t, `/republish/${paidId}/request`, validForm({ email: 'busy@outlet.example.org' }), { ip: nextIp() });
    assert.equal(sixth.status, 429);
    assert.equal((await counts()).requests, before.requests + 5);
  });

  test('Creative Commons, not offered, unpublished and unknown articles take no requests', async () => {
    const before = await counts();
    const ccPage = await t.app.request(`/republish/${ccId}/request`);
    assert.equal(ccPage.status, 200);
    const ccHtml = await ccPage.text();
    assert.match(ccHtml, /Creative Commons/);
    assert.ok(ccHtml.includes(`href="/republish/${ccId}"`));
    assert.ok(!ccHtml.includes('name="form_token"'));
    const ccPost = await postForm(t, `/republish/${ccId}/request`, validForm(), { ip: nextIp() });
    assert.equal(ccPost.status, 422);

    const nonePage = await t.app.request(`/republish/${noneId}/request`);
    assert.equal(nonePage.status, 404);
    assert.match(await nonePage.text(), /not offered for republishing/);
    assert.equal((await postForm(t, `/republish/${noneId}/request`, validForm(), { ip: nextIp() })).status, 404);

    assert.equal((await t.app.request(`/republish/${draftId}/request`)).status, 404);
    assert.equal((await postForm(t, `/republish/${draftId}/request`, validForm(), { ip: nextIp() })).status, 404);
    assert.equal((await t.app.request('/republish/999999/request')).status, 404);
    assert.equal((await t.app.request('/republish/abc/request')).status, 404);
    assert.deepEqual(await counts(), before);
  });

  test('a forged or mangled status link is a clear 404', async () => {
    const good = await postForm(t, `/republish/${paidId}/request`, validForm({ email: 'forge@outlet.example.org' }), { ip: nextIp() });
    const location = good.headers.get('location') ?? '';
    const [body = '', mac = ''] = location.slice('/republish/requests/'.length).split('.');
    const otherBody = Buffer.from(JSON.stringify({ r: 1, _e: 0 })).toString('base64url');
    for (const token of [`${otherBody}.${mac}`, `${body}.${'A'.repeat(43)}`, 'nonsense', `${body}`]) {
      const response = await t.app.request(`/republish/requests/${token}`);
      assert.equal(response.status, 404, token);
      assert.match(await response.text(), /This link is not valid/);
    }
    // A token of another purpose is refused too.
    const pixel = await t.ctx.links.sign('republish-pixel', { r: 1 }, null);
    assert.equal((await t.app.request(`/republish/requests/${pixel}`)).status, 404);
  });
});

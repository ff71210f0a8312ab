/** Newsletter sign-up through the real app: pending until the mailed link is confirmed, one answer for every address, and the guards. */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { settleSignupMail } from '../../src/newsletters/signup.ts';
import { confirmationUrl } from '../../src/newsletters/links.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { verifyDkim } from './support/dkim-verify.ts';
import { decodeEncodedWords, headerOf, startTestSmtpServer, textParts } from '../support/test-smtp-server.ts';

const ORIGIN = 'https://news.example.test';
const CONFIRM_LINK = /https:\/\/news\.example\.test(\/newsletters\/confirm\/[A-Za-z0-9_.-]+)/;

let ipCounter = 0;

/** A list inserted directly. */
async function createList(db: Kysely<Database>, overrides: Partial<{ slug: string; name: string; language: string; visibility: 'public' | 'private' }> = {}): Promise<number> {
  const now = new Date().toISOString();
  const slug = overrides.slug ?? `list-${Math.random().toString(36).slice(2, 8)}`;
  const row = await db
    .insertInto('newsletters')
    .values({ slug, name: overrides.name ?? `The ${slug}`, description: 'What happened, briefly.', cadence: 'Every weekday', sender_name: 'The Tamarisk', sender_address: 'news@example.org', reply_to: 'desk@example.org', language: overrides.language ?? 'en', visibility: overrides.visibility ?? 'public', position: 0, track_opens: 0, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describeEachDatabase('newsletter sign-up', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let daily: number;
  let weekly: number;
  let secret: number;
  let arabic: number;

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    daily = await createList(use().db, { slug: 'daily-briefing', name: 'Daily Briefing' });
    weekly = await createList(use().db, { slug: 'gulf-weekly', name: 'Gulf Weekly' });
    secret = await createList(use().db, { slug: 'partners', name: 'Partners', visibility: 'private' });
    arabic = await createList(use().db, { slug: 'arabic-weekly', name: 'الطرفاء الأسبوعية', language: 'ar' });
  });
  after(async () => {
    await settleSignupMail();
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  /** Posts the sign-up form from this site, from a client address of its own (so the per-client limit is per test). */
  async function subscribe(fields: Record<string, string | string[]>, options: { ip?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    const body = new URLSearchParams();
    const all: Record<string, string | string[]> = { language: 'en', ...fields };
    for (const [name, value] of Object.entries(all)) for (const v of typeof value === 'string' ? [value] : value) body.append(name, v);
    const env = { incoming: { socket: { remoteAddress: options.ip ?? `10.0.0.${++ipCounter}` } } };
    const response = await t.app.request('/newsletters/subscribe', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...options.headers }, body: body.toString() }, env);
    await settleSignupMail();
    return response;
  }

  const db = () => use().db;
  const subscriberOf = (email: string) => db().selectFrom('subscribers').selectAll().where('email', '=', email).executeTakeFirst();
  const statusOf = async (email: string, list: number) => {
    const subscriber = await subscriberOf(email);
    if (!subscriber) return null;
    return (await db().selectFrom('subscriptions').select('status').where('subscriber_id', '=', subscriber.id).where('newsletter_id', '=', list).executeTakeFirst())?.status ?? null;
  };
  const mailsTo = (email: string) => db().selectFrom('mail_outbox').selectAll().where('to_address', '=', email).orderBy('id').execute();
  const counts = async () => ({
    subscribers: Number((await db().selectFrom('subscribers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    events: Number((await db().selectFrom('subscription_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    mails: Number((await db().selectFrom('mail_outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });

  test('the newsletters page lists public lists with checkboxes and one labelled email field', async () => {
    const response = await t.app.request('/newsletters');
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /Daily Briefing/);
    assert.match(html, /Gulf Weekly/);
    assert.doesNotMatch(html, /Partners/, 'private lists are not offered');
    assert.match(html, new RegExp(`<input type="checkbox" name="newsletter" value="${daily}"`));
    assert.match(html, /<label for="newsletter-email">Email address<\/label>/);
    assert.match(html, /<form class="newsletter-form newsletter-signup" method="post" action="\/newsletters\/subscribe"/);
    assert.match(html, /name="website" value="" tabindex="-1" autocomplete="off"/, 'the honeypot');
    assert.doesNotMatch(html, /form_token|csrf/, 'a cached page carries no per-visitor token');
  });

  test('every edition lists every public list: its own language first, each card labelled and marked with its language', async () => {
    const cards = (html: string) => [...html.matchAll(/<label class="newsletter-list__item"([^>]*)><input type="checkbox" name="newsletter" value="(\d+)"[^]*?<span class="newsletter-list__language">([^<]+)<\/span>/g)].map((match) => ({ id: Number(match[2]), attributes: (match[1] ?? '').trim(), label: match[3] }));
    const english = cards(await (await t.app.request('/newsletters')).text());
    assert.deepEqual(english.map((card) => card.id), [daily, weekly, arabic], 'English lists first, then the Arabic one');
    assert.deepEqual(english.map((card) => card.label), ['English', 'English', 'العربية']);
    assert.deepEqual(english.map((card) => card.attributes), ['', '', 'lang="ar" dir="rtl"'], 'the Arabic card runs right to left on the English page');
    const arabicPage = cards(await (await t.app.request('/ar/newsletters')).text());
    assert.deepEqual(arabicPage.map((card) => card.id), [arabic, daily, weekly]);
    assert.deepEqual(arabicPage.map((card) => card.attributes), ['', 'lang="en" dir="ltr"', 'lang="en" dir="ltr"']);
    // The French edition has no list of its own: it offers all of them rather than "no newsletter yet".
    const frenchHtml = await (await t.app.request('/fr/newsletters')).text();
    assert.doesNotMatch(frenchHtml, /newsletters__empty/);
    const french = cards(frenchHtml);
    assert.deepEqual(french.map((card) => card.id), [daily, weekly, arabic]);
    assert.deepEqual(french.map((card) => card.attributes), ['lang="en" dir="ltr"', 'lang="en" dir="ltr"', 'lang="ar" dir="rtl"']);
    assert.doesNotMatch(frenchHtml, new RegExp(`value="${secret}"`), 'private lists are in no edition');
    // A French reader may sign up for them there.
    const signedUp = await subscribe({ email: 'lecteur@example.fr', language: 'fr', newsletter: [String(daily), String(arabic)] });
    assert.equal(signedUp.status, 200);
    assert.equal(await statusOf('lecteur@example.fr', arabic), 'pending');
  });

  test('sign-up → pending and a confirmation mail; the link shows a button; posting it confirms', async () => {
    const response = await subscribe({ email: '  Farah.Nasser@Example.ORG ', newsletter: [String(daily), String(weekly)] });
    assert.equal(response.status, 200);
    assert.match(await response.text(), /Check your inbox/);
    const email = 'Farah.Nasser@example.org';
    const subscriber = await subscriberOf(email);
    assert.ok(subscriber, 'stored with a trimmed address and a lower-cased domain');
    assert.equal(await statusOf(email, daily), 'pending');
    assert.equal(await statusOf(email, weekly), 'pending');
    const mails = await mailsTo(email);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]?.purpose, 'newsletter_confirmation');
    assert.match(mails[0]?.subject ?? '', /Confirm your subscription/);
    assert.match(mails[0]?.text_body ?? '', /Daily Briefing/);
    assert.match(mails[0]?.text_body ?? '', /Gulf Weekly/);
    assert.match(mails[0]?.html_body ?? '', /<a href="https:\/\/news\.example\.test\/newsletters\/confirm\//);
    const path = CONFIRM_LINK.exec(mails[0]?.text_body ?? '')?.[1] ?? '';
    assert.ok(path);

    const page = await t.app.request(path);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Confirm my subscription/);
    assert.match(html, new RegExp(`<form method="post" action="${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(await statusOf(email, daily), 'pending', 'a GET (a mail scanner) confirms nothing');

    const forged = await t.app.request(path, { method: 'POST', headers: { origin: 'https://evil.example' } });
    assert.equal(forged.status, 403);
    assert.equal(await statusOf(email, daily), 'pending');

    const confirmed = await t.app.request(path, { method: 'POST', headers: { origin: ORIGIN } });
    assert.equal(confirmed.status, 200);
    assert.match(await confirmed.text(), /You are subscribed/);
    assert.equal(await statusOf(email, daily), 'confirmed');
    assert.equal(await statusOf(email, weekly), 'confirmed');
    const row = await db().selectFrom('subscriptions').selectAll().where('subscriber_id', '=', subscriber.id).where('newsletter_id', '=', daily).executeTakeFirstOrThrow();
    assert.ok(row.confirmed_at);
    assert.equal(row.source, 'form');
    const kinds = (await db().selectFrom('subscription_events').select('kind').where('subscriber_id', '=', subscriber.id).orderBy('id').execute()).map((e) => e.kind);
    assert.deepEqual(kinds, ['signed_up', 'signed_up', 'confirmed', 'confirmed']);
  });

  test('the answer is byte for byte the same for new, pending, confirmed and unsubscribed addresses', async () => {
    await subscribe({ email: 'pending@example.org', newsletter: String(daily) });
    await subscribe({ email: 'confirmed@example.org', newsletter: String(daily) });
    const confirmedId = (await subscriberOf('confirmed@example.org'))?.id ?? 0;
    await db().updateTable('subscriptions').set({ status: 'confirmed' }).where('subscriber_id', '=', confirmedId).execute();
    await subscribe({ email: 'gone@example.org', newsletter: String(daily) });
    const goneId = (await subscriberOf('gone@example.org'))?.id ?? 0;
    await db().updateTable('subscriptions').set({ status: 'unsubscribed' }).where('subscriber_id', '=', goneId).execute();

    const answers: string[] = [];
    for (const email of ['new@example.org', 'pending@example.org', 'confirmed@example.org', 'gone@example.org']) {
      const response = await subscribe({ email, newsletter: String(daily) });
      assert.equal(response.status, 200, email);
      answers.push((await response.text()).replace(email, 'ADDRESS'));
    }
    for (const answer of answers) assert.equal(answer, answers[0]);
    assert.equal(await statusOf('confirmed@example.org', daily), 'confirmed', 'a confirmed list stays confirmed');
    assert.equal(await statusOf('gone@example.org', daily), 'pending', 'an unsubscribed list needs a new confirmation');
    const already = (await mailsTo('confirmed@example.org')).at(-1);
    assert.match(already?.subject ?? '', /already subscribed/);
    assert.match(already?.text_body ?? '', /\/newsletters\/preferences\//);
  });

  test('another case of a known address is the same reader: one subscriber, one set of subscriptions', async () => {
    assert.equal((await subscribe({ email: 'Samira.Haddad@Example.org', newsletter: String(daily) })).status, 200);
    assert.equal((await subscribe({ email: 'samira.haddad@example.org', newsletter: String(weekly) })).status, 200);
    const rows = await db().selectFrom('subscribers').select(['id', 'email']).where((eb) => eb(eb.fn('lower', ['email']), '=', 'samira.haddad@example.org')).execute();
    assert.deepEqual(rows.map((row) => row.email), ['Samira.Haddad@example.org'], 'kept as first typed (domain lower-cased)');
    assert.equal(await statusOf('Samira.Haddad@example.org', daily), 'pending');
    assert.equal(await statusOf('Samira.Haddad@example.org', weekly), 'pending');
  });

  test('a filled honeypot gets the same answer and nothing is stored or sent', async () => {
    const before = await counts();
    const bot = await subscribe({ email: 'bot@example.org', newsletter: String(daily), website: 'https://spam.example' });
    const human = await subscribe({ email: 'bot@example.org', newsletter: String(weekly) });
    assert.equal(bot.status, 200);
    const botText = await bot.text();
    assert.match(botText, /Check your inbox/);
    assert.equal(botText, await human.text());
    const afterBot = await counts();
    assert.equal(afterBot.subscribers, before.subscribers + 1, 'only the human sign-up was stored');
    assert.equal(await statusOf('bot@example.org', daily), null);
  });

  test('an invalid or over-long address is a 400 with the form shown again; nothing is written', async () => {
    const before = await counts();
    for (const email of ['not-an-address', 'two@example.org, three@example.org', 'a@b', `${'x'.repeat(64)}@${'d'.repeat(185)}.example.org`, 'line@example.org\r\nBcc: victim@example.org']) {
      const response = await subscribe({ email, newsletter: String(daily) });
      assert.equal(response.status, 400, email);
      const html = await response.text();
      assert.match(html, /role="alert"/);
      assert.match(html, email.length > 254 ? /too long/ : /Enter an email address like name@example\.org/);
      assert.match(html, /<input id="newsletter-email"[^>]*aria-invalid="true"/);
      assert.match(html, new RegExp(`value="${daily}" checked`), 'the chosen list stays ticked');
    }
    const none = await subscribe({ email: 'someone@example.org' });
    assert.equal(none.status, 400);
    assert.match(await none.text(), /Choose at least one newsletter/);
    const privateList = await subscribe({ email: 'someone@example.org', newsletter: String(secret) });
    assert.equal(privateList.status, 400, 'private lists cannot be signed up for from a public form');
    const bogus = await subscribe({ email: 'someone@example.org', newsletter: '1 OR 1=1' });
    assert.equal(bogus.status, 400);
    assert.deepEqual(await counts(), before);
  });

  test('an Arabic form answers in Arabic and mails in the list’s language', async () => {
    const response = await subscribe({ email: 'reader.ar@example.org', newsletter: String(arabic), language: 'ar' });
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /تفقّد بريدك/);
    const mail = (await mailsTo('reader.ar@example.org'))[0];
    assert.match(mail?.subject ?? '', /أكّد اشتراكك/);
    assert.match(mail?.html_body ?? '', /dir="rtl"/);
  });

  test('posts from another site are refused before anything is read', async () => {
    const before = await counts();
    const crossSite = await subscribe({ email: 'csrf@example.org', newsletter: String(daily) }, { headers: { origin: 'https://evil.example' } });
    assert.equal(crossSite.status, 403);
    const fetchSite = await subscribe({ email: 'csrf@example.org', newsletter: String(daily) }, { headers: { origin: ORIGIN, 'sec-fetch-site': 'cross-site' } });
    assert.equal(fetchSite.status, 403);
    assert.deepEqual(await counts(), before);
  });

  test('rate limits: per address and per client a 429; at most three mails an hour to one address', async () => {
    const email = 'flood@example.org';
    for (let attempt = 1; attempt <= 10; attempt++) assert.equal((await subscribe({ email, newsletter: String(daily) })).status, 200, `attempt ${attempt}`);
    assert.equal((await mailsTo(email)).length, 3, 'three mails, then the same answer and nothing sent');
    const limited = await subscribe({ email, newsletter: String(daily) });
    assert.equal(limited.status, 429);
    assert.match(await limited.text(), /Too many attempts/);

    const ip = '192.0.2.77';
    let status = 200;
    for (let attempt = 1; attempt <= 31 && status === 200; attempt++) status = (await subscribe({ email: `client${attempt}@example.org`, newsletter: String(daily) }, { ip })).status;
    assert.equal(status, 429, 'the 31st post from one client in 15 minutes');
  });

  test('behind TRUST_PROXY=1 readers are counted by the address the proxy saw, and a forged X-Forwarded-For does not escape the limit', async () => {
    const proxied = createTestApp(use(), mediaDir, { TRUST_PROXY: '1' });
    const post = (email: string, forwardedFor: string) =>
      proxied.app.request(
        '/newsletters/subscribe',
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }, body: new URLSearchParams({ email, newsletter: String(daily), language: 'en' }).toString() },
        { incoming: { socket: { remoteAddress: '10.9.9.9' }, headers: { 'x-forwarded-for': forwardedFor } } },
      );
    try {
      // 40 readers through the one proxy: each is its own client.
      for (let reader = 1; reader <= 40; reader++) assert.equal((await post(`proxied${reader}@example.org`, `203.0.113.${reader}`)).status, 200, `reader ${reader}`);
      // One client making up a new left-hand entry each time is still the address the proxy appended.
      let status = 200;
      for (let attempt = 1; attempt <= 31 && status === 200; attempt++) status = (await post(`spoof${attempt}@example.org`, `198.18.0.${attempt}, 192.0.2.200`)).status;
      assert.equal(status, 429, 'the 31st post from 192.0.2.200, whatever it claims before it');
    } finally {
      await settleSignupMail();
      await proxied.ctx.mailer.close();
    }
  });

  test('a confirmation link that is forged, expired, superseded or for an erased reader is a clear 400 and changes nothing', async () => {
    await subscribe({ email: 'links@example.org', newsletter: String(daily) });
    const subscriber = await subscriberOf('links@example.org');
    assert.ok(subscriber);
    const good = new URL(await confirmationUrl(t.ctx, subscriber.id, subscriber.link_version)).pathname;
    const expired = new URL(await confirmationUrl(t.ctx, subscriber.id, subscriber.link_version, new Date(Date.now() - 49 * 3600_000))).pathname;
    const oldVersion = new URL(await confirmationUrl(t.ctx, subscriber.id, subscriber.link_version - 1)).pathname;
    const tampered = good.replace(/\.([A-Za-z0-9_-])/, (_m, ch: string) => `.${ch === 'A' ? 'B' : 'A'}`);
    const cases: [string, RegExp][] = [
      [expired, /This link has expired[^]*Confirmation links work for 48 hours/],
      [oldVersion, /This link does not work/],
      [tampered, /This link does not work/],
    ];
    for (const [path, message] of cases) {
      for (const method of ['GET', 'POST']) {
        const response = await t.app.request(path, { method, headers: { origin: ORIGIN } });
        assert.equal(response.status, 400, `${method} ${path}`);
        assert.match(await response.text(), message);
      }
    }
    const mangled = await t.app.request('/newsletters/confirm/not-a-token', { method: 'POST', headers: { origin: ORIGIN } });
    assert.equal(mangled.status, 400);
    assert.match(await mangled.text(), /This link does not work/);
    assert.equal(await statusOf('links@example.org', daily), 'pending');
    const french = await t.app.request(expired, { headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' } });
    assert.match(await french.text(), /Ce lien a expiré/, 'a link problem speaks the browser’s language');
  });

  test('with SMTP_URL set, the confirmation goes over the wire from the newsletter’s sender, DKIM-signed', async () => {
    const smtp = await startTestSmtpServer();
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const wired = createTestApp(use(), mediaDir, { SMTP_URL: smtp.url(), MAIL_FROM: 'Masthead <no-reply@platform.example.net>', DKIM_DOMAIN: 'example.org', DKIM_SELECTOR: 'mh2026', DKIM_PRIVATE_KEY: keys.privateKey });
    try {
      const body = new URLSearchParams({ email: 'wire@example.org', newsletter: String(daily), language: 'en' });
      const response = await wired.app.request('/newsletters/subscribe', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }, body: body.toString() }, { incoming: { socket: { remoteAddress: '198.51.100.9' } } });
      assert.equal(response.status, 200);
      await settleSignupMail();
      assert.equal(smtp.messages.length, 1);
      const message = smtp.messages[0];
      assert.deepEqual(message?.rcptTo, ['wire@example.org']);
      assert.match(decodeEncodedWords(headerOf(message?.raw ?? '', 'Subject') ?? ''), /Confirm your subscription/);
      assert.equal(headerOf(message?.raw ?? '', 'Reply-To'), 'desk@example.org');
      assert.equal(headerOf(message?.raw ?? '', 'From'), 'The Tamarisk <news@example.org>', 'from the list, not from MAIL_FROM');
      assert.equal(message?.mailFrom, 'news@example.org');
      const dkim = verifyDkim(message?.raw ?? '', keys.publicKey);
      assert.equal(dkim.tags.d, 'example.org');
      assert.ok(dkim.signedHeaders.includes('from'));
      assert.ok(dkim.bodyHashMatches && dkim.signatureValid, 'the signature verifies');
      const plain = textParts(message?.raw ?? '').find((part) => part.contentType.startsWith('text/plain'));
      assert.match(plain?.text ?? '', CONFIRM_LINK);
    } finally {
      await wired.ctx.mailer.close();
      await smtp.close();
    }
  });
});

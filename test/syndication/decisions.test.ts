/**
 * The desk's decisions as commands, on both databases: approval issues a numbered licence
 * and emails the links; counter-offers, acceptance and refusals move the request and keep
 * its history; exclusivity is checked again at approval; a refused or failed step leaves
 * nothing half-written; a mail failure after the decision is recorded and can be resent
 * through a real SMTP server.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createUser } from '../../src/accounts/users.ts';
import { ValidationError } from '../../src/shared/validation.ts';
import { acceptCounterOffer, approveRequest, counterOffer, declineRequest, resendDecisionEmail } from '../../src/syndication/decisions.ts';
import { LicenceRefusal, referencePrefix } from '../../src/syndication/licence-issue.ts';
import { grantLicence } from '../../src/syndication/licences.ts';
import { SYNDICATION_LINK } from '../../src/syndication/links.ts';
import { parseMoney } from '../../src/syndication/money.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { startTestSmtpServer, textParts } from '../support/test-smtp-server.ts';
import { dayFrom, eventKinds, insertRequest, mailTo } from './decisions-fixtures.ts';

test('fees typed as decimals become minor units exactly', () => {
  const cases: [string, string, number][] = [
    ['1,250.50', 'USD', 125_050],
    ['0.29', 'USD', 29],
    ['19.99', 'USD', 1_999],
    ['1.005', 'JOD', 1_005],
    ['1250', 'JPY', 1_250],
    ['0', 'USD', 0],
  ];
  for (const [text, currency, minor] of cases) assert.deepEqual(parseMoney(text, currency), { ok: true, value: minor }, `${text} ${currency}`);
  for (const [text, currency] of [['12.345', 'USD'], ['1.5', 'JPY'], ['abc', 'USD'], ['-5', 'USD'], ['1e3', 'USD'], ['', 'USD']]) {
    assert.equal(parseMoney(text ?? '', currency ?? 'USD').ok, false, `${text} ${currency} is refused`);
  }
});

test('licence references start with the site initials', () => {
  assert.equal(referencePrefix('The Tamarisk'), 'TT');
  assert.equal(referencePrefix('Test Ledger'), 'TL');
  assert.equal(referencePrefix('X'), 'LIC');
});

describeEachDatabase('syndication decisions', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let articleIds: number[];
  let editorId: number;
  const actor = () => ({ userId: editorId, ip: '192.0.2.1' });

  before(async () => {
    mediaDir = tempMediaDir();
    ({ articleIds } = await seedSmallNewsroom(use().db, mediaDir, 4));
    t = createTestApp(use(), mediaDir);
    editorId = await createUser(t.ctx.db, { email: `desk.editor.${process.pid}@example.test`, name: 'Desk Editor', role: 'editor', password: 'correct horse battery staple' }, { actorUserId: null });
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  const article = (index: number) => articleIds[index] ?? 0;

  test('approval issues a numbered licence, marks the request and emails the delivery and certificate links', async () => {
    const db = t.ctx.db;
    const requestId = await insertRequest(db, article(0), { email: 'Amal@Example.org' });
    const outcome = await approveRequest(t.ctx, requestId, actor());
    assert.equal(outcome.emailed, true);
    const year = new Date().toISOString().slice(0, 4);
    assert.match(outcome.reference, new RegExp(`^TL-${year}-\\d{4}$`));

    const licence = await db.selectFrom('licences').selectAll().where('id', '=', outcome.licenceId).executeTakeFirstOrThrow();
    assert.equal(licence.request_id, requestId);
    assert.equal(licence.fee_minor, 25_000);
    assert.equal(licence.invoice_status, 'unpaid');
    assert.equal(licence.invoice_number, `INV-${outcome.reference.slice(3)}`);
    assert.equal(licence.valid_from, dayFrom(1));
    assert.equal(licence.valid_to, dayFrom(60));
    assert.match(licence.terms, /non-exclusive/);
    assert.match(licence.terms, /credit line given in the delivery package, naming Test Ledger/);
    assert.match(licence.terms, /https:\/\/news\.example\.test\//);
    assert.match(licence.terms, /[Ww]ire and agency photos/);

    const licensee = await db.selectFrom('licensees').selectAll().where('id', '=', licence.licensee_id).executeTakeFirstOrThrow();
    assert.equal(licensee.email, 'amal@example.org');
    assert.equal(licensee.kind, 'licensee');

    const request = await db.selectFrom('syndication_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    assert.equal(request.status, 'approved');
    assert.deepEqual(await eventKinds(db, requestId), ['submitted', 'approved', 'emailed']);
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'syndication.approve').where('subject_id', '=', String(requestId)).executeTakeFirst();
    assert.ok(audit, 'the approval is audited');

    const [mail] = await mailTo(db, 'Amal@Example.org');
    assert.ok(mail, 'the requester was emailed');
    assert.equal(mail.purpose, 'syndication_approved');
    assert.ok(mail.text_body.includes(outcome.reference));
    assert.ok(mail.text_body.includes('US$250.00') || mail.text_body.includes('$250.00'), mail.text_body);
    assert.ok(mail.text_body.includes(`Valid from ${dayFrom(1)} to ${dayFrom(60)}`));
    const link = /https:\/\/news\.example\.test\/republish\/licences\/([A-Za-z0-9_.-]+)\n/.exec(mail.text_body);
    assert.ok(link?.[1], 'the mail carries the delivery link');
    const check = await t.ctx.links.verify(SYNDICATION_LINK.delivery, link[1]);
    assert.deepEqual(check, { ok: true, payload: { l: outcome.licenceId } });
    assert.ok(mail.text_body.includes(`/republish/licences/${link[1]}/certificate`), 'and the certificate link');

    // The same requester again: the licensee is reused, the number moves on.
    const second = await approveRequest(t.ctx, await insertRequest(db, article(1), { email: 'amal@example.org' }), actor(), { feeMinor: 0, validTo: dayFrom(30) });
    const again = await db.selectFrom('licences').selectAll().where('id', '=', second.licenceId).executeTakeFirstOrThrow();
    assert.equal(again.licensee_id, licence.licensee_id);
    assert.equal(again.invoice_status, 'waived');
    assert.equal(again.valid_to, dayFrom(30));
    assert.equal(Number(second.reference.slice(-4)), Number(outcome.reference.slice(-4)) + 1);
  });

  test('a counter-offer is emailed with the request link, and accepting it issues the licence on the offered fee', async () => {
    const db = t.ctx.db;
    const requestId = await insertRequest(db, article(2), { email: 'counter@example.org' });
    const countered = await counterOffer(t.ctx, requestId, actor(), { feeMinor: 18_000, message: 'We can do this for less if you run it online only.' });
    assert.equal(countered.emailed, true);
    const request = await db.selectFrom('syndication_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    assert.equal(request.status, 'countered');
    assert.equal(request.offered_minor, 18_000);
    assert.match(request.offered_terms ?? '', /Test Ledger grants the licensee/);
    const [offerMail] = await mailTo(db, 'counter@example.org');
    assert.equal(offerMail?.purpose, 'syndication_countered');
    assert.ok(offerMail?.text_body.includes('We can do this for less'));
    const statusLink = /\/republish\/requests\/([A-Za-z0-9_.-]+)/.exec(offerMail?.text_body ?? '');
    assert.ok(statusLink?.[1]);
    assert.deepEqual(await t.ctx.links.verify(SYNDICATION_LINK.request, statusLink[1]), { ok: true, payload: { r: requestId } });

    const accepted = await acceptCounterOffer(t.ctx, requestId);
    const licence = await db.selectFrom('licences').selectAll().where('id', '=', accepted.licenceId).executeTakeFirstOrThrow();
    assert.equal(licence.fee_minor, 18_000);
    assert.equal(licence.created_by, null);
    assert.equal(licence.terms, request.offered_terms);
    assert.deepEqual(await eventKinds(db, requestId), ['submitted', 'countered', 'emailed', 'accepted', 'approved', 'emailed']);
    const [licenceMail] = await mailTo(db, 'counter@example.org');
    assert.equal(licenceMail?.purpose, 'syndication_approved');

    await assert.rejects(acceptCounterOffer(t.ctx, requestId), (error: unknown) => error instanceof LicenceRefusal && error.status === 409);
    assert.equal((await db.selectFrom('licences').select('id').where('request_id', '=', requestId).execute()).length, 1, 'accepting twice issues one licence');
  });

  test('declining needs a reason, which the requester receives', async () => {
    const db = t.ctx.db;
    const requestId = await insertRequest(db, article(0), { email: 'declined@example.org' });
    await assert.rejects(declineRequest(t.ctx, requestId, actor(), { message: '   ' }), ValidationError);
    assert.deepEqual(await eventKinds(db, requestId), ['submitted']);
    await declineRequest(t.ctx, requestId, actor(), { message: 'This story is under a correction review.' });
    const request = await db.selectFrom('syndication_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow();
    assert.equal(request.status, 'declined');
    const [mail] = await mailTo(db, 'declined@example.org');
    assert.equal(mail?.purpose, 'syndication_declined');
    assert.ok(mail?.text_body.includes('under a correction review'));
    await assert.rejects(approveRequest(t.ctx, requestId, actor()), (error: unknown) => error instanceof LicenceRefusal && error.status === 409);
    assert.equal((await db.selectFrom('licences').select('id').where('request_id', '=', requestId).execute()).length, 0);
  });

  test('exclusivity is checked again at approval, and a refused approval writes nothing', async () => {
    const db = t.ctx.db;
    const partner = await db.insertInto('licensees').values({ name: 'Partner Desk', organisation: 'Example Partner Network', email: 'partner@example.com', outlet_url: 'https://example.com', kind: 'partner', created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    const requestId = await insertRequest(db, article(3), { email: 'late@example.org', territory: 'national:JO' });
    // Another outlet got an exclusive licence for the whole region while the request waited.
    await grantLicence(t.ctx, actor(), { licenseeId: partner.id, articleId: article(3), feeMinor: 90_000, currency: 'USD', territory: 'regional:mena', medium: 'web', language: 'en', exclusive: true, validFrom: dayFrom(0), validTo: dayFrom(90) });
    const before = { licences: (await db.selectFrom('licences').select('id').execute()).length, licensees: (await db.selectFrom('licensees').select('id').execute()).length, mails: (await mailTo(db, 'late@example.org')).length };

    await assert.rejects(approveRequest(t.ctx, requestId, actor()), (error: unknown) => error instanceof LicenceRefusal && error.status === 409 && /exclusive/.test(error.message));
    assert.equal((await db.selectFrom('licences').select('id').execute()).length, before.licences);
    assert.equal((await db.selectFrom('licensees').select('id').execute()).length, before.licensees, 'no licensee row was left behind');
    assert.equal((await mailTo(db, 'late@example.org')).length, before.mails);
    assert.deepEqual(await eventKinds(db, requestId), ['submitted']);
    assert.equal((await db.selectFrom('syndication_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow()).status, 'open');

    // Another medium is free; and bad input is refused before anything starts.
    await assert.rejects(approveRequest(t.ctx, requestId, actor(), { feeMinor: -1 }), ValidationError);
    await assert.rejects(approveRequest(t.ctx, requestId, actor(), { validFrom: dayFrom(10), validTo: dayFrom(5) }), (error: unknown) => error instanceof LicenceRefusal && error.status === 422);
    const printRequest = await insertRequest(db, article(3), { email: 'print@example.org', medium: 'print' });
    assert.ok((await approveRequest(t.ctx, printRequest, actor())).licenceId > 0);
  });

  test('approvals at the same time get distinct numbers', async () => {
    const db = t.ctx.db;
    const ids = [];
    for (let index = 0; index < 5; index += 1) ids.push(await insertRequest(db, article(index % 4), { email: `parallel.${index}@example.org`, medium: 'newsletter', territory: `national:${['JO', 'LB', 'EG', 'MA', 'TN'][index] ?? 'JO'}` }));
    const outcomes = await Promise.all(ids.map((id) => approveRequest(t.ctx, id, actor())));
    assert.equal(new Set(outcomes.map((outcome) => outcome.reference)).size, 5);
    const all = await db.selectFrom('licences').select('reference').execute();
    assert.equal(new Set(all.map((row) => row.reference)).size, all.length);
  });

  test('a mail failure after approval keeps the licence, is recorded, and can be resent', async () => {
    const db = t.ctx.db;
    const refusing = await startTestSmtpServer({ refuseRecipients: () => 'mailbox unavailable' });
    const working = await startTestSmtpServer();
    try {
      const failing = createTestApp(use(), mediaDir, { SMTP_URL: refusing.url() });
      const requestId = await insertRequest(db, article(1), { email: 'bounce@example.org', medium: 'broadcast' });
      const outcome = await approveRequest(failing.ctx, requestId, actor());
      assert.equal(outcome.emailed, false);
      assert.ok(await db.selectFrom('licences').select('id').where('id', '=', outcome.licenceId).executeTakeFirst(), 'the licence stands');
      assert.deepEqual(await eventKinds(db, requestId), ['submitted', 'approved', 'email_failed']);

      const healthy = createTestApp(use(), mediaDir, { SMTP_URL: working.url() });
      assert.equal(await resendDecisionEmail(healthy.ctx, requestId, actor()), true);
      assert.deepEqual(await eventKinds(db, requestId), ['submitted', 'approved', 'email_failed', 'emailed']);
      const received = working.messages.find((message) => message.rcptTo.includes('bounce@example.org'));
      assert.ok(received, 'the real SMTP server received the resent mail');
      const text = textParts(received.raw).map((part) => part.text).join('\n');
      assert.ok(text.includes(outcome.reference));
      assert.match(text, /https:\/\/news\.example\.test\/republish\/licences\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\/certificate/);
      await failing.ctx.mailer.close();
      await healthy.ctx.mailer.close();
    } finally {
      await refusing.close();
      await working.close();
    }
  });
});

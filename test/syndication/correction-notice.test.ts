/**
 * Correction notices: adding a correction emails every current licensee of the article
 * (through a real SMTP server on loopback) with the note, the headline and a delivery link;
 * expired and revoked licensees are not emailed; a refusing mail server never blocks the
 * correction.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { SessionUser } from '../../src/accounts/sessions.ts';
import { addReaderNote } from '../../src/newsroom/corrections.ts';
import { SYNDICATION_LINK } from '../../src/syndication/links.ts';
import { buildPackage } from '../../src/syndication/package.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { signInAs } from '../admin/admin-client.ts';
import { startTestSmtpServer, textParts } from '../support/test-smtp-server.ts';
import type { TestSmtpServer } from '../support/test-smtp-server.ts';
import { seedRepublishing } from './republish-fixtures.ts';
import type { RepublishFixture } from './republish-fixtures.ts';

describeEachDatabase('correction notices to licensees', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let f: RepublishFixture;
  let smtp: TestSmtpServer;
  let editor: SessionUser;

  before(async () => {
    mediaDir = tempMediaDir();
    f = await seedRepublishing(use().db, mediaDir);
    smtp = await startTestSmtpServer();
    t = createTestApp(use(), mediaDir, { SMTP_URL: smtp.url(), MAIL_FROM: 'Desk <desk@news.example.test>' });
    await t.ctx.generation.refresh();
    const { userId } = await signInAs(t, 'editor');
    const row = await use().db.selectFrom('users').select(['id', 'email', 'name', 'role', 'status']).where('id', '=', userId).executeTakeFirstOrThrow();
    editor = { ...row, csrfToken: 'unused', tokenHash: 'unused' };
  });
  after(async () => {
    await t.ctx.mailer.close();
    await smtp.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('the current licensee gets the correction, the headline and the delivery link; expired and revoked do not', async () => {
    await addReaderNote(use().db, editor, f.paidArticleId, { kind: 'correction', body: 'An earlier version gave the wrong reservoir level.' }, null, t.ctx);
    const outbox = await use().db.selectFrom('mail_outbox').select(['to_address', 'subject', 'text_body', 'status', 'purpose']).where('purpose', '=', 'syndication_correction').execute();
    assert.deepEqual(outbox.map((mail) => mail.to_address), ['desk@current.example']);
    const [mail] = outbox;
    assert.equal(mail?.status, 'sent');
    assert.match(mail?.subject ?? '', /^Correction to “Council approves test plan number \d+” \(licence TT-TEST-/);
    assert.ok(mail?.text_body.includes('An earlier version gave the wrong reservoir level.'));
    const link = /https:\/\/news\.example\.test\/republish\/licences\/(\S+)/.exec(mail?.text_body ?? '');
    assert.ok(link, 'a delivery link');
    const check = await t.ctx.links.verify(SYNDICATION_LINK.delivery, link[1]);
    assert.ok(check.ok && check.payload.l === f.licences.current, 'the link opens this licence');

    // What went over the wire, and the package behind the link already carries the correction.
    const received = smtp.messages.filter((message) => message.rcptTo.includes('desk@current.example'));
    assert.equal(received.length, 1);
    assert.ok(textParts(received[0]?.raw ?? '').some((part) => part.text.includes('wrong reservoir level')));
    assert.equal(smtp.messages.filter((message) => message.rcptTo.some((to) => to.endsWith('expired.example') || to.endsWith('revoked.example'))).length, 0);
    const pkg = await buildPackage(t.ctx, f.paidArticleId, f.licences.current);
    assert.ok(pkg?.html.includes('An earlier version gave the wrong reservoir level.'));
    assert.ok(pkg?.text.includes('An earlier version gave the wrong reservoir level.'));
  });

  test('a correction to an article nobody licenses sends nothing', async () => {
    const before = await use().db.selectFrom('mail_outbox').select('id').execute();
    await addReaderNote(use().db, editor, f.noneArticleId, { kind: 'update', body: 'Updated with new figures.' }, null, t.ctx);
    assert.equal((await use().db.selectFrom('mail_outbox').select('id').execute()).length, before.length);
  });

  test('a mail server that refuses does not undo or block the correction', async () => {
    const refusing = await startTestSmtpServer({ refuseRecipients: () => 'mailbox unavailable' });
    const broken = createTestApp(use(), mediaDir, { SMTP_URL: refusing.url(), MAIL_FROM: 'Desk <desk@news.example.test>' });
    try {
      await addReaderNote(use().db, editor, f.paidArticleId, { kind: 'clarification', body: 'Clarified who spoke.' }, null, broken.ctx);
      const notes = await use().db.selectFrom('article_corrections').select('body').where('article_id', '=', f.paidArticleId).execute();
      assert.ok(notes.some((note) => note.body === 'Clarified who spoke.'));
      const failed = await use().db.selectFrom('mail_outbox').select('status').where('subject', 'like', 'Clarification to%').execute();
      assert.deepEqual(failed.map((row) => row.status), ['failed']);
      assert.ok(broken.logs.some((line) => line.includes('correction notice not sent')));
    } finally {
      await broken.ctx.mailer.close();
      await refusing.close();
    }
  });
});

/** The inbound MIME reader: folded headers, quoted parameters, transfer encodings, embedded messages, and limits on hostile nesting. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFeedbackReport } from './feedback-report.ts';
import { addressesIn, parseContentType, readMessage, walkParts } from './mime-reader.ts';

test('headers are unfolded and read without regard to case; Content-Type parameters may be quoted', () => {
  const message = readMessage('Subject: one\r\n two\r\nDELIVERED-TO: a@b.example\r\nDelivered-To: c@d.example\r\nContent-Type: Multipart/Mixed; boundary="x;y \\"z\\""; charset=utf-8\r\n\r\n');
  assert.equal(message.headers.get('subject'), 'one two');
  assert.deepEqual(message.headers.all('Delivered-To'), ['a@b.example', 'c@d.example']);
  assert.deepEqual(message.contentType, { type: 'multipart/mixed', params: { boundary: 'x;y "z"', charset: 'utf-8' } });
  assert.deepEqual(parseContentType('garbage'), { type: 'text/plain', params: {} });
  assert.deepEqual(addressesIn('"Doe, Jane" <jane@example.org>, bob@example.org (Bob), <>'), ['jane@example.org', 'bob@example.org']);
});

test('an embedded message keeps its own headers, through base64 and quoted-printable', () => {
  const inner = 'Message-ID: <m1@news.example>\r\nList-Unsubscribe: <mailto:unsubscribe+1.2.abc@news.example>\r\n\r\nBody =E2=9C=93\r\n';
  const raw = [
    'Content-Type: multipart/report; report-type=feedback-report; boundary=b',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'caf=C3=A9 =',
    'ok',
    '--b',
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: Abuse',
    '--b',
    'Content-Type: message/rfc822',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(inner).toString('base64'),
    '--b--',
  ].join('\r\n');
  const message = readMessage(raw);
  assert.equal(message.children[0]?.body.toString('utf8'), 'café ok');
  assert.equal(message.children[2]?.children[0]?.headers.get('message-id'), '<m1@news.example>');
  assert.deepEqual(readFeedbackReport(message), { feedbackType: 'abuse', isComplaint: true, originalMessageId: '<m1@news.example>', unsubscribeMailboxes: ['unsubscribe+1.2.abc'] });
  assert.equal(readFeedbackReport(readMessage('Subject: hello\r\n\r\nnot a report')), null);
});

test('hostile nesting stops at the depth and part limits', () => {
  let raw = 'Subject: leaf\r\n\r\nleaf';
  for (let level = 0; level < 50; level++) raw = `Content-Type: message/rfc822\r\n\r\n${raw}`;
  const parts = [...walkParts(readMessage(raw))];
  assert.ok(parts.length <= 7, `${parts.length} parts read`);
  const wide = ['Content-Type: multipart/mixed; boundary=w', '', ...Array.from({ length: 500 }, () => '--w\r\n\r\npart'), '--w--'].join('\r\n');
  assert.ok([...walkParts(readMessage(wide))].length <= 64);
});

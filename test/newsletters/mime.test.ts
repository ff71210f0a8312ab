/** The bulk-mail composer: quoted-printable parts encoded once, a reader's links filled in, read back exactly. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FrozenIssue } from '../../src/newsletters/frozen.ts';
import { PLACEHOLDER, personalize } from '../../src/newsletters/frozen.ts';
import { prepareIssueBody, rawMessage } from '../../src/newsletters/mime.ts';

function decodeQuotedPrintable(encoded: string): string {
  const bytes: number[] = [];
  const text = encoded.replace(/=\r\n/g, '');
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === '=') {
      bytes.push(Number.parseInt(text.slice(index + 1, index + 3), 16));
      index += 2;
    } else {
      bytes.push(text.charCodeAt(index));
    }
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}

const issue: FrozenIssue = {
  issueId: 7, newsletterId: 2, listId: 'gulf.example.org', listName: 'The Gulf Letter', fromName: 'نشرة الخليج', fromAddress: 'gulf@example.org',
  replyTo: null, language: 'ar', subject: 'موجز الأسبوع: الموانئ والمياه', trackOpens: true,
  text: `A line with = signs and trailing spaces   \n${'long words '.repeat(30)}\nUnsubscribe: ${PLACEHOLDER.unsubscribeUrl} (one click)\nتفضيلاتك: ${PLACEHOLDER.preferencesUrl}\n`,
  html: `<p dir="rtl">${'نص عربي طويل '.repeat(20)}</p><a href="${PLACEHOLDER.unsubscribeUrl}">x</a><img src="${PLACEHOLDER.openPixelUrl}" alt="">\t\n<p>end</p>`,
};
const links = {
  unsubscribeUrl: `https://news.example.org/newsletters/unsubscribe/${'A'.repeat(180)}.sig-_x`,
  preferencesUrl: 'https://news.example.org/newsletters/preferences/abc.def',
  openPixelUrl: 'https://news.example.org/newsletters/o/tok.gif',
};

test('a reader\'s message decodes to exactly the personalised issue, every line within 76 characters', () => {
  const raw = rawMessage(prepareIssueBody(issue), { from: { name: issue.fromName, address: issue.fromAddress }, to: 'reader@example.com', replyTo: null, subject: issue.subject, messageId: '<m1@example.org>', date: new Date('2026-11-28T01:00:00Z'), headers: { 'List-Id': '"The Gulf Letter" <gulf.example.org>' } }, links);
  const [head, ...rest] = raw.split('\r\n\r\n');
  assert.ok(head);
  assert.match(head, /^From: =\?UTF-8\?B\?/m);
  assert.match(head, /^Date: Sat, 28 Nov 2026 01:00:00 \+0000$/m);
  const boundary = /boundary="([^"]+)"/.exec(head)?.[1];
  assert.ok(boundary);
  const body = rest.join('\r\n\r\n');
  const parts = body.split(`--${boundary}`).slice(1, 3).map((part) => part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, ''));
  const expected = personalize(issue, links);
  assert.equal(decodeQuotedPrintable(parts[0] ?? ''), expected.text);
  assert.equal(decodeQuotedPrintable(parts[1] ?? ''), expected.html);
  for (const line of body.split('\r\n')) assert.ok(line.length <= 76, `line too long: ${line.length}`);
  assert.ok(!/[ \t]\r\n/.test(body), 'no whitespace before a line break');
});

test('a line break in an envelope value or a non-ASCII extra header is refused', () => {
  const base = { from: { name: 'Desk', address: 'desk@example.org' }, to: 'reader@example.com', replyTo: null, subject: 'S', messageId: '<m@example.org>', date: new Date(), headers: {} };
  assert.throws(() => rawMessage(prepareIssueBody(issue), { ...base, to: 'reader@example.com\r\nBcc: x@example.org' }, links), /line break/);
  assert.throws(() => rawMessage(prepareIssueBody(issue), { ...base, headers: { 'List-Id': 'é <x>' } }, links), /not printable ASCII/);
});

/** Inbound-mail test data: an issue really sent to a loopback sink (so deliveries and headers are real), and ARF reports built around its copies. */
import type { AppContext } from '../../../src/app-context.ts';
import { startNewsletterSender } from '../../../src/newsletters/delivery.ts';
import { startSending } from '../../../src/newsletters/sending.ts';
import { headerOf } from '../../support/test-smtp-server.ts';
import { addConfirmedSubscribers, createIssue, createList, waitForIssueStatus } from './fixtures.ts';
import type { Sink } from './sink.ts';

/** One reader's copy of a sent issue. */
export interface SentCopy {
  subscriberId: number;
  email: string;
  raw: string;
  messageId: string;
  /** The `unsubscribe+…@…` address of the copy's List-Unsubscribe mailto. */
  mailbox: string;
}

/** Sends an issue of a new list to `count` new readers through the sink and returns each copy. */
export async function sendIssueThroughSink(app: AppContext, sink: Sink, count: number, prefix: string): Promise<{ listId: number; issueId: number; copies: SentCopy[] }> {
  const listId = await createList(app.db);
  const ids = await addConfirmedSubscribers(app.db, listId, count, { prefix });
  const issueId = await createIssue(app.db, listId);
  sink.accepted.length = 0;
  await startSending(app, issueId, null);
  const sender = startNewsletterSender(app, { pollMs: 20 });
  try {
    await waitForIssueStatus(app.db, issueId, 'sent');
  } finally {
    await sender.stop();
  }
  const copies = ids.map((subscriberId, index) => {
    const email = `${prefix}${index + 1}@readers.example.test`;
    const raw = sink.accepted.find((message) => message.to === email)?.raw ?? '';
    const unsubscribe = (headerOf(raw, 'List-Unsubscribe') ?? '').replace(/\s+/g, '');
    return { subscriberId, email, raw, messageId: headerOf(raw, 'Message-ID') ?? '', mailbox: /<mailto:([^?>]+)\?subject=unsubscribe>/.exec(unsubscribe)?.[1] ?? '' };
  });
  return { listId, issueId, copies };
}

/** An RFC 5965 feedback report about `original`, as a mailbox provider sends it. */
export function buildArfReport(original: string, options: { feedbackType?: string; headersOnly?: boolean; base64?: boolean; to?: string } = {}): string {
  const boundary = 'arf-boundary-7f3a';
  const originalPart = options.headersOnly ? (original.split(/\r?\n\r?\n/, 1)[0] ?? '') : original;
  const body = options.base64 ? (Buffer.from(originalPart).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n') : originalPart;
  return [
    'From: Feedback Loop <fbl@mailbox-provider.example>',
    `To: ${options.to ?? 'fbl@news.example.test'}`,
    'Subject: Email Feedback Report for IP 192.0.2.1',
    'Date: Thu, 03 Dec 2026 10:00:00 +0000',
    'Message-ID: <report-1@mailbox-provider.example>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type="feedback-report";`,
    `\tboundary="${boundary}"`,
    '',
    'This is a multi-part message in MIME format.',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset="US-ASCII"',
    'Content-Transfer-Encoding: 7bit',
    '',
    'This is an email abuse report for an email message received from IP 192.0.2.1.',
    '',
    `--${boundary}`,
    'Content-Type: message/feedback-report',
    '',
    `Feedback-Type: ${options.feedbackType ?? 'abuse'}`,
    'User-Agent: SomeGenerator/1.0',
    'Version: 1',
    'Original-Mail-From: <bounces@tamarisk.example.test>',
    'Arrival-Date: Thu, 03 Dec 2026 09:58:00 +0000',
    'Source-IP: 192.0.2.1',
    '',
    `--${boundary}`,
    `Content-Type: ${options.headersOnly ? 'text/rfc822-headers' : 'message/rfc822'}`,
    ...(options.base64 ? ['Content-Transfer-Encoding: base64'] : []),
    'Content-Disposition: inline',
    '',
    body,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

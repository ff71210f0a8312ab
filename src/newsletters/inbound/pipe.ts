/**
 * `masthead mail:receive --stdin`: one message handed over by a mail server's pipe transport
 * (a Postfix alias or pipe(8) service, an Exim pipe router). The envelope recipient comes from
 * `--recipient` when the transport passes it, otherwise from the headers a delivering server
 * adds (Delivered-To, X-Original-To) and last from To; the first that is one of our addresses
 * is used. Exit codes follow sysexits, which is what such transports read.
 */
import type { AppContext } from '../../app-context.ts';
import type { InboundOutcome, RecipientClass } from './intake.ts';
import { classifyRecipient, isAccepted, processInboundMail, refusalReason } from './intake.ts';
import { addressesIn, readMessage } from './mime-reader.ts';

/** Exit codes for the pipe: taken (or dropped on purpose), refused as too large, try again later. */
export const PIPE_EXIT = { ok: 0, dataError: 65, tempFail: 75 } as const;

/** Reads a stream into memory up to `maxBytes`; null when it is longer (the rest is read and dropped). */
export async function readAllLimited(stream: AsyncIterable<Buffer | string>, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size <= maxBytes) chunks.push(bytes);
  }
  return size > maxBytes ? null : Buffer.concat(chunks);
}

/** Where a piped message may say who it was delivered to, most trustworthy first. */
export function recipientCandidates(raw: Buffer): string[] {
  const { headers } = readMessage(raw, { maxDepth: 0, maxParts: 1 });
  const candidates = [...headers.all('delivered-to'), ...headers.all('x-original-to'), ...headers.all('to')].flatMap(addressesIn);
  return [...new Set(candidates)].slice(0, 20);
}

/** Processes a piped message for the given recipient, or the first of ours found in its headers. */
export async function receivePipedMail(app: AppContext, raw: Buffer, recipientOption: string | null): Promise<InboundOutcome> {
  const candidates = recipientOption !== null ? [recipientOption] : recipientCandidates(raw);
  // The most telling refusal is logged when none is ours: a broken seal says more than a stranger's address.
  let refused: Exclude<RecipientClass, { kind: 'unsubscribe' | 'feedback' }>['kind'] = 'unknown';
  for (const candidate of candidates) {
    const recipient = await classifyRecipient(app, candidate);
    if (isAccepted(recipient)) return processInboundMail(app, recipient, raw);
    if (recipient.kind === 'forged' || (recipient.kind === 'stale' && refused === 'unknown')) refused = recipient.kind;
  }
  const outcome: InboundOutcome = { action: 'none', reason: refusalReason(refused), newsletterId: null, issueId: null };
  app.logger.info('inbound mail dropped', { recipient: refused, reason: outcome.reason });
  return outcome;
}

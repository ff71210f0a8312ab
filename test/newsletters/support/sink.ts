/**
 * A controllable SMTP sink on loopback (smtp-server) for the delivery tests: it can answer
 * chosen recipients with 4xx/5xx, keep or drop message text, and "hold" — stop answering
 * DATA on every connection, as a server does while the client is about to die. A held
 * message never gets its 250, so (like a real MTA) it is not counted as received.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One accepted message. */
export interface SinkMessage {
  to: string;
  /** The raw RFC 5322 text, when the sink keeps it. */
  raw: string | null;
}

/** A running sink. */
export interface Sink {
  port: number;
  url: string;
  /** Messages answered 250, in order. */
  accepted: SinkMessage[];
  /** How many times each recipient was offered at RCPT TO (accepted or not). */
  offers: Map<string, number>;
  /** From now on, DATA is never answered (the messages stay unacknowledged). */
  hold(): void;
  /** Answers DATA again for new messages. */
  release(): void;
  /** Called after each accepted message (the crash test watches the count). */
  onAccepted: ((count: number) => void) | null;
  close(): Promise<void>;
}

/** Decides the answer to RCPT TO: null accepts; otherwise the SMTP code and text. */
export type RecipientRule = (address: string, offer: number) => { code: number; message: string } | null;

/** Starts a sink on 127.0.0.1 at a free port. */
export async function startSink(options: { keepRaw?: boolean; recipientRule?: RecipientRule } = {}): Promise<Sink> {
  const accepted: SinkMessage[] = [];
  const offers = new Map<string, number>();
  let holding = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const offer = (offers.get(address.address) ?? 0) + 1;
      offers.set(address.address, offer);
      const refusal = options.recipientRule?.(address.address, offer);
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (options.keepRaw) chunks.push(chunk);
      });
      stream.on('end', () => {
        // Held: never answer. The client waits until it is killed; the message was not taken.
        if (holding) return;
        for (const rcpt of session.envelope.rcptTo) accepted.push({ to: rcpt.address, raw: options.keepRaw ? Buffer.concat(chunks).toString('utf8') : null });
        callback();
        sink.onAccepted?.(accepted.length);
      });
    },
  });
  server.on('error', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  const sink: Sink = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    offers,
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
    },
    onAccepted: null,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Held connections would keep close() waiting for their clients.
        for (const connection of (server as unknown as { connections: Set<{ close(): void }> }).connections) connection.close();
      }),
  };
  return sink;
}

/** Asserts the sink took exactly one copy for each of `addresses` (and nothing else). */
export function assertExactlyOnce(sink: Sink, addresses: Set<string>): void {
  const seen = new Map<string, number>();
  for (const message of sink.accepted) seen.set(message.to, (seen.get(message.to) ?? 0) + 1);
  const duplicates = [...seen].filter(([, count]) => count > 1);
  assert.deepEqual(duplicates.slice(0, 5), [], `${duplicates.length} readers got more than one copy`);
  const missing = [...addresses].filter((address) => !seen.has(address));
  assert.deepEqual(missing.slice(0, 5), [], `${missing.length} readers got no copy`);
  assert.equal(sink.accepted.length, addresses.size);
}

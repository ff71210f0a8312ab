/**
 * The inbound SMTP listener (`masthead mail:receive`, or inside `masthead serve` with
 * INBOUND_SMTP_IN_SERVER): meant to sit behind the newsroom's MX or a forwarding rule and to
 * take in only two kinds of mail, the List-Unsubscribe mailto of our issues and
 * feedback-loop reports. It never relays: every other recipient is refused with 550 at RCPT,
 * and a sealed address whose seal does not hold is refused the same way, so a sender cannot
 * tell a guessed address from an unknown one.
 *
 * Limits: message size (552), recipients per message (452), messages per connection and
 * refused recipients per connection (421, then the connection is closed), concurrent
 * connections and connections per client address per minute (421; counted in the database,
 * so every process counts together). No AUTH (there is nothing to log in to); STARTTLS only
 * when a key and certificate are configured.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import type { AppContext } from '../../app-context.ts';
import { hitRateLimit } from '../../accounts/rate-limit.ts';
import type { AcceptedRecipient } from './intake.ts';
import { classifyRecipient, isAccepted, processInboundMail, refusalReason } from './intake.ts';

/** Recipients one message may have (a reader's client sends one). */
export const MAX_RECIPIENTS = 5;
/** Messages one connection may carry. */
export const MAX_MESSAGES_PER_CONNECTION = 20;
/** Refused recipients after which a connection is closed (someone is guessing addresses). */
export const MAX_REFUSALS_PER_CONNECTION = 3;

/** A running listener. */
export interface InboundListener {
  port: number;
  close(): Promise<void>;
}

/** An SMTP reply for a refusal: the code and, for 421, the connection is closed by smtp-server. */
function reply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Starts the listener on the configured host and port (`port: 0` in options picks a free one). */
export async function startInboundListener(app: AppContext, options: { host?: string; port?: number } = {}): Promise<InboundListener> {
  const settings = app.config.inbound;
  const connections = new Map<string, { accepted: Map<string, AcceptedRecipient>; refusals: number }>();
  const stateOf = (session: SMTPServerSession) => {
    let state = connections.get(session.id);
    if (!state) {
      state = { accepted: new Map(), refusals: 0 };
      connections.set(session.id, state);
    }
    return state;
  };
  const name = new URL(app.config.publicUrl).hostname;

  const server = new SMTPServer({
    name,
    banner: 'Masthead inbound mail: unsubscribe and feedback reports only',
    size: settings.maxMessageBytes,
    rejectOversized: true,
    maxClients: settings.maxConnections,
    maxRecipients: MAX_RECIPIENTS,
    authOptional: true,
    disabledCommands: settings.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(settings.tls ? { key: settings.tls.key, cert: settings.tls.cert } : {}),
    disableReverseLookup: true,
    socketTimeout: 30_000,
    closeTimeout: 10_000,
    logger: false,

    onConnect(session, callback) {
      if (settings.connectionsPerMinute === 0) return callback();
      hitRateLimit(app.db, `inbound-smtp:${session.remoteAddress}`, settings.connectionsPerMinute, 60).then(
        (limit) => {
          if (limit.allowed) return callback();
          app.logger.warn('inbound mail: connection rate limit reached', { client: session.remoteAddress });
          callback(reply(421, 'Too many connections from your address, try again later'));
        },
        (error: unknown) => {
          app.logger.error('inbound mail: rate limit check failed', { error: String(error) });
          callback(reply(421, 'Service not available, try again later'));
        },
      );
    },

    onMailFrom(_address, session, callback) {
      stateOf(session).accepted.clear();
      if (session.transaction > MAX_MESSAGES_PER_CONNECTION) return callback(reply(421, 'Too many messages on one connection'));
      callback();
    },

    onRcptTo(address, session, callback) {
      const state = stateOf(session);
      classifyRecipient(app, address.address).then(
        (recipient) => {
          if (isAccepted(recipient)) {
            state.accepted.set(address.address, recipient);
            return callback();
          }
          state.refusals += 1;
          app.logger.info('inbound mail refused at RCPT', { recipient: recipient.kind, reason: refusalReason(recipient.kind) });
          if (state.refusals >= MAX_REFUSALS_PER_CONNECTION) return callback(reply(421, 'Too many refused recipients, closing connection'));
          callback(reply(550, 'Mailbox unavailable: this server accepts no mail for that address'));
        },
        (error: unknown) => {
          app.logger.error('inbound mail: recipient check failed', { error: String(error) });
          callback(reply(451, 'Temporary failure, try again later'));
        },
      );
    },

    onData(stream, session, callback) {
      readLimited(stream, settings.maxMessageBytes).then(
        async (raw) => {
          if (raw === null) return callback(reply(552, 'Message exceeds the maximum size'));
          const recipients = session.envelope.rcptTo.map((rcpt) => stateOf(session).accepted.get(rcpt.address)).filter((recipient) => recipient !== undefined);
          try {
            for (const recipient of recipients) await processInboundMail(app, recipient, raw);
            callback();
          } catch (error) {
            app.logger.error('inbound mail: processing failed', { error: String(error) });
            callback(reply(451, 'Temporary failure, try again later'));
          }
        },
        (error: unknown) => {
          app.logger.error('inbound mail: reading the message failed', { error: String(error) });
          callback(reply(451, 'Temporary failure, try again later'));
        },
      );
    },

    onClose(session) {
      connections.delete(session.id);
    },
  });
  server.on('error', (error) => app.logger.error('inbound mail: listener error', { error: String(error) }));

  const host = options.host ?? settings.host;
  server.listen(options.port ?? settings.port, host);
  await Promise.race([
    once(server.server, 'listening'),
    once(server.server, 'error').then(([error]) => {
      throw error as Error;
    }),
  ]);
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The message's bytes, or null when it went over `maxBytes` (the rest is read and dropped). */
async function readLimited(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return stream.sizeExceeded || size > maxBytes ? null : Buffer.concat(chunks);
}

/**
 * A real SMTP server on loopback for tests (smtp-server), and a small reader for the raw
 * RFC 5322 text it receives. Tests check what actually went over the wire, not what
 * nodemailer was asked to do. Imported by tests only.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the server received it: the SMTP envelope and the raw message text. */
export interface ReceivedMessage {
  mailFrom: string;
  rcptTo: string[];
  raw: string;
}

/** A running loopback SMTP server and what it has received. */
export interface TestSmtpServer {
  port: number;
  /** An smtp:// URL for this server, with credentials when given. */
  url(credentials?: { user: string; pass: string }): string;
  messages: ReceivedMessage[];
  /** Credentials clients logged in with, in order. */
  logins: { username: string; password: string }[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 (free port); `refuseRecipients` makes it answer every RCPT TO with a 550 built from the login. */
export async function startTestSmtpServer(options: { refuseRecipients?: (login: { password: string } | null) => string } = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = [];
  const logins: { username: string; password: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain-text AUTH is fine on loopback, and lets tests prove the password never leaks.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username ?? '' });
    },
    onRcptTo(_address, _session, callback) {
      if (!options.refuseRecipients) return callback();
      const login = logins.at(-1);
      const error = Object.assign(new Error(options.refuseRecipients(login ? { password: login.password } : null)), { responseCode: 550 });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        messages.push({
          mailFrom: mailFrom ? mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: (credentials) =>
      credentials ? `smtp://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@127.0.0.1:${port}` : `smtp://127.0.0.1:${port}`,
    messages,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The unfolded value of a header in a raw message (first occurrence), or null. */
export function headerOf(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const lines = head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  const prefix = `${name.toLowerCase()}:`;
  const line = lines.find((candidate) => candidate.toLowerCase().startsWith(prefix));
  return line === undefined ? null : line.slice(prefix.length).trim();
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`); whitespace between adjacent words is dropped, as the RFC says. */
export function decodeEncodedWords(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  const joined = value.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1');
  // Words are decoded to bytes and joined before reading UTF-8, because an encoder may
  // split one character's bytes across two words.
  let result = '';
  let pending: Buffer[] = [];
  let last = 0;
  for (const match of joined.matchAll(word)) {
    const text = joined.slice(last, match.index);
    if (text !== '') {
      result += Buffer.concat(pending).toString('utf8') + text;
      pending = [];
    }
    const [, , encoding, data = ''] = match;
    pending.push(encoding?.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' ')));
    last = match.index + match[0].length;
  }
  return result + Buffer.concat(pending).toString('utf8') + joined.slice(last);
}

/** The leaf parts of a multipart message, with their content type and decoded text. */
export function textParts(raw: string): { contentType: string; text: string }[] {
  const boundary = /boundary="?([^";\s]+)"?/i.exec(headerOf(raw, 'Content-Type') ?? '')?.[1];
  if (!boundary) return [{ contentType: headerOf(raw, 'Content-Type') ?? 'text/plain', text: decodeBody(raw) }];
  const sections = raw.split(`--${boundary}`).slice(1);
  return sections
    .filter((section) => !section.startsWith('--'))
    .flatMap((section) => textParts(section.replace(/^\r?\n/, '')));
}

function decodeBody(part: string): string {
  const separator = /\r?\n\r?\n/.exec(part);
  const body = separator ? part.slice(separator.index + separator[0].length) : '';
  const encoding = (headerOf(part, 'Content-Transfer-Encoding') ?? '7bit').toLowerCase();
  const bytes = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : encoding === 'quoted-printable' ? decodeQuotedPrintable(body.replace(/=\r?\n/g, '')) : Buffer.from(body);
  return bytes.toString('utf8').replace(/\r\n/g, '\n').replace(/\n$/, '');
}

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const hex = text.slice(index + 1, index + 3);
    if (text[index] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(text[index] ?? ''));
    }
  }
  return Buffer.from(bytes);
}

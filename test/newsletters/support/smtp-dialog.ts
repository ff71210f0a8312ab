/** A bare SMTP client for tests that must see each reply code (RCPT refusals, limits), not what a library makes of them. */
import net from 'node:net';

/** One SMTP reply: the code and the text of its last line. */
export interface SmtpReply {
  code: number;
  lines: string[];
}

/** An open dialog: the greeting, then one reply per command. */
export interface SmtpDialog {
  greeting: SmtpReply;
  command(line: string): Promise<SmtpReply>;
  /** Resolves when the server has closed the connection. */
  closed: Promise<void>;
  end(): void;
}

/** Connects to 127.0.0.1:port and reads the greeting. */
export async function openSmtpDialog(port: number): Promise<SmtpDialog> {
  const socket = net.connect(port, '127.0.0.1');
  let buffer = '';
  let current: string[] = [];
  const replies: SmtpReply[] = [];
  const waiting: ((reply: SmtpReply) => void)[] = [];
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.setEncoding('utf8');
  socket.on('error', () => undefined);
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\r\n')) !== -1) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 2);
      current.push(line.slice(4));
      if (line[3] === '-') continue;
      const reply = { code: Number(line.slice(0, 3)), lines: current };
      current = [];
      const next = waiting.shift();
      if (next) next(reply);
      else replies.push(reply);
    }
  });
  const nextReply = () =>
    new Promise<SmtpReply>((resolve, reject) => {
      const ready = replies.shift();
      if (ready) return resolve(ready);
      waiting.push(resolve);
      void closed.then(() => reject(new Error('connection closed before a reply')));
    });
  const greeting = await nextReply();
  return {
    greeting,
    command: (line) => {
      socket.write(`${line}\r\n`);
      return nextReply();
    },
    closed,
    end: () => socket.destroy(),
  };
}

/**
 * The newsletter scenario of `npm run bench`: an issue sent to 100,000 confirmed readers
 * (SQLite file) into a loopback SMTP sink that runs in its own process and discards what it
 * accepts. Measured twice with the same number of SMTP connections:
 *   1. the ceiling — the same number of pre-built messages blasted at the sink by a bare
 *      nodemailer pool (no database, no composing);
 *   2. Masthead — writing the delivery records (startSending), then the sender loop in a
 *      separate process, from its first claim until the issue is `sent`; its peak RSS is
 *      read from /proc/<pid>/status.
 * Targets: Masthead ≥ 50% of the ceiling's messages/s, sender peak RSS < 400 MB.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { createTransport } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { readFrozenIssue, startSending } from '../src/newsletters/sending.ts';
import { buildMessage, linksFor } from '../src/newsletters/message.ts';
import { createAppContext } from '../src/server.ts';
import { createLogger } from '../src/shared/logger.ts';
import { AssetStore } from '../src/site/assets.ts';

/** What the scenario measured. */
export interface NewsletterBenchResult {
  recipients: number;
  connections: number;
  writeSeconds: number;
  ceiling: { seconds: number; perSecond: number };
  masthead: { seconds: number; perSecond: number; peakRssMb: number };
}

const SENDER_CHILD = path.resolve('test/newsletters/support/sender-child.ts');

// The sink: accepts everything, drains DATA, counts; prints its port, then the count on demand.
const SINK_SOURCE = `
import { SMTPServer } from 'smtp-server';
let accepted = 0;
const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, size: 10485760,
  onData(stream, _session, callback) { stream.on('data', () => undefined); stream.on('end', () => { accepted += 1; callback(); }); } });
server.listen(0, '127.0.0.1', () => console.log('port ' + server.server.address().port));
process.stdin.on('data', () => console.log('accepted ' + accepted));
`;

function rssOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

function lines(child: ChildProcess): AsyncIterator<string> {
  if (!child.stdout) throw new Error('child has no stdout');
  return createInterface({ input: child.stdout })[Symbol.asyncIterator]();
}

async function startSinkProcess(): Promise<{ url: string; accepted(): Promise<number>; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SINK_SOURCE], { stdio: ['pipe', 'pipe', 'inherit'], cwd: process.cwd() });
  const output = lines(child);
  const first = await output.next();
  const port = /^port (\d+)$/.exec(String(first.value))?.[1];
  if (!port) throw new Error(`sink did not start: ${String(first.value)}`);
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted: async () => {
      child.stdin?.write('?\n');
      const line = await output.next();
      return Number(/^accepted (\d+)$/.exec(String(line.value))?.[1] ?? 0);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Inserts the list, `count` confirmed readers and a draft issue straight through SQLite (seconds, not minutes). */
function seedReaders(file: string, count: number): { listId: number; issueId: number } {
  const db = new Database(file);
  try {
    const now = new Date().toISOString();
    const listId = Number(db.prepare(`insert into newsletters (slug, name, description, cadence, sender_name, sender_address, reply_to, language, visibility, position, track_opens, created_at, updated_at)
      values ('bench-daily', 'The Tamarisk Daily', 'Morning briefing', 'Every weekday', 'The Tamarisk', 'briefing@tamarisk.example.test', 'desk@tamarisk.example.test', 'en', 'public', 1, 0, ?, ?)`).run(now, now).lastInsertRowid);
    const subscriber = db.prepare(`insert into subscribers (email, name, language, created_at, updated_at, link_version) values (?, null, 'en', ?, ?, 1)`);
    const subscription = db.prepare(`insert into subscriptions (subscriber_id, newsletter_id, status, source, consent, created_at, confirmed_at, updated_at) values (?, ?, 'confirmed', 'import', 'bench', ?, ?, ?)`);
    db.transaction(() => {
      for (let index = 1; index <= count; index += 1) {
        const id = subscriber.run(`reader-${index}@readers.example.test`, now, now).lastInsertRowid;
        subscription.run(id, listId, now, now, now);
      }
    })();
    const intro = 'Good morning. Negotiators return to the table in Amman today; our correspondents report on water, grain and the border crossings. '.repeat(12);
    const issueId = Number(db.prepare(`insert into newsletter_issues (newsletter_id, subject, preheader, intro, items, kind, status, recipients, created_at, updated_at) values (?, 'Water talks resume in Amman', 'Three things to know', ?, '[]', 'manual', 'draft', 0, ?, ?)`).run(listId, intro, now, now).lastInsertRowid);
    return { listId, issueId };
  } finally {
    db.close();
  }
}

function issueStatus(file: string, issueId: number): string {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('select status from newsletter_issues where id = ?').get(issueId) as { status: string }).status;
  } finally {
    db.close();
  }
}

/** Runs the scenario and prints its lines in bench/run.ts's style. */
export async function runNewsletterBench(options: { recipients: number; connections: number; keep?: boolean }): Promise<NewsletterBenchResult> {
  const { recipients, connections } = options;
  console.log(`\n# newsletter: ${recipients.toLocaleString('en')} confirmed readers, ${connections} SMTP connections, loopback sink in its own process`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-newsletter-'));
  const file = path.join(root, 'masthead.sqlite');
  const sink = await startSinkProcess();
  try {
    const handle = await openDatabase({ kind: 'sqlite', file });
    const migration = await migrateToLatest(handle.db);
    if (migration.error) throw migration.error;
    let started = Date.now();
    const { issueId } = seedReaders(file, recipients);
    console.log(`  seeded ${recipients.toLocaleString('en')} readers in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const config = loadConfig({ MASTHEAD_DATA_DIR: root, PUBLIC_URL: 'https://news.example.test', SMTP_URL: sink.url, NEWSLETTER_SMTP_CONNECTIONS: String(connections), LOG_LEVEL: 'warn', MASTHEAD_SEED: 'false' });
    const context = createAppContext(config, handle, createLogger('warn'), new AssetStore());
    started = Date.now();
    await startSending(context, issueId, null);
    const writeSeconds = (Date.now() - started) / 1000;
    console.log(`  delivery records written in ${writeSeconds.toFixed(1)} s (${Math.round(recipients / writeSeconds).toLocaleString('en')}/s)`);

    // (1) The ceiling: the same messages, composed beforehand (a rotating set of 500), blasted by a bare pool.
    const frozen = await readFrozenIssue(context, issueId);
    if (!frozen) throw new Error('issue not frozen');
    const prebuilt: Buffer[] = [];
    for (let index = 1; index <= 500; index += 1) {
      const message = buildMessage(frozen, `reader-${index}@readers.example.test`, await linksFor(context, frozen, index, 1), `<bench-${index}@tamarisk.example.test>`);
      const composer = new MailComposer({ from: message.from, to: message.to, replyTo: message.replyTo ?? undefined, subject: message.subject, text: message.text, html: message.html, headers: message.headers, messageId: message.messageId, date: message.date });
      prebuilt.push(await new Promise<Buffer>((resolve, reject) => composer.compile().build((error, built) => (error ? reject(error) : resolve(built)))));
    }
    const pool = createTransport({ url: sink.url, pool: true, maxConnections: connections, maxMessages: 1_000_000 });
    let next = 0;
    const before = await sink.accepted();
    started = Date.now();
    await Promise.all(
      Array.from({ length: connections * 2 }, async () => {
        while (next < recipients) {
          const index = next;
          next += 1;
          await pool.sendMail({ envelope: { from: 'briefing@tamarisk.example.test', to: [`reader-${index + 1}@readers.example.test`] }, raw: prebuilt[index % prebuilt.length] });
        }
      }),
    );
    const ceilingSeconds = (Date.now() - started) / 1000;
    pool.close();
    if ((await sink.accepted()) - before !== recipients) throw new Error('the sink did not accept every ceiling message');
    const ceiling = { seconds: ceilingSeconds, perSecond: recipients / ceilingSeconds };
    console.log(`  ceiling: bare nodemailer pool, pre-built  ${Math.round(ceiling.perSecond).toLocaleString('en').padStart(7)} msg/s  ${ceiling.seconds.toFixed(1)} s`);
    context.generation.close();
    await context.mailer.close();
    await handle.close();

    // (2) Masthead's sender in its own process, from its first claim to the issue marked sent.
    const child = spawn(process.execPath, ['--import', 'tsx', SENDER_CHILD, 'send'], {
      env: { ...process.env, DATABASE_URL: '', CHILD_DATA_DIR: root, SMTP_URL: sink.url, NEWSLETTER_SMTP_CONNECTIONS: String(connections), CHILD_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const output = lines(child);
    for (;;) {
      const line = await output.next();
      if (line.done) throw new Error('sender exited before it was ready');
      if (line.value === 'ready') break;
    }
    const drain = (async () => {
      for (;;) if ((await output.next()).done) return;
    })();
    let peak = rssOf(child.pid);
    started = Date.now();
    while (issueStatus(file, issueId) !== 'sent') {
      peak = Math.max(peak, rssOf(child.pid));
      await sleep(200);
    }
    const seconds = (Date.now() - started) / 1000;
    peak = Math.max(peak, rssOf(child.pid));
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await drain;
    const masthead = { seconds, perSecond: recipients / seconds, peakRssMb: peak / 1048576 };
    console.log(`  Masthead: claim, compose, sign, send     ${Math.round(masthead.perSecond).toLocaleString('en').padStart(7)} msg/s  ${masthead.seconds.toFixed(1)} s  (${((masthead.perSecond / ceiling.perSecond) * 100).toFixed(0)}% of ceiling; sender peak RSS ${masthead.peakRssMb.toFixed(0)} MB)`);
    return { recipients, connections, writeSeconds, ceiling, masthead };
  } finally {
    await sink.stop();
    if (!options.keep) fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The `masthead` command: help on every command, and one clear line when start-up cannot work. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const BIN = path.resolve('bin/masthead.js');

function run(args: string[], env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-cli-'));
  try {
    return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '', MASTHEAD_DATA_DIR: dataDir, ...env } });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

test('--help works on the program and on every command', () => {
  const top = run(['--help']);
  assert.equal(top.status, 0);
  for (const command of ['serve', 'migrate', 'seed', 'user:create', 'partner:token', 'tags:suggest', 'worker', 'mail:receive']) {
    assert.match(top.stdout, new RegExp(`\\b${command}\\b`));
    const help = run([command, '--help']);
    assert.equal(help.status, 0, command);
    assert.match(help.stdout, new RegExp(`Usage: masthead ${command}`));
  }
  assert.match(run(['seed', '--help']).stdout, /--articles <n>/);
});

test('a bad PORT stops start-up with one line naming it', () => {
  const result = run(['serve'], { PORT: 'abc' });
  assert.equal(result.status, 1);
  assert.equal(result.stderr.trim(), 'masthead: PORT must be a whole number from 0 to 65535 (got "abc")');
});

test('an unreachable DATABASE_URL stops start-up with one line, password hidden', () => {
  const result = run(['serve'], { DATABASE_URL: 'postgres://masthead:s3cret@127.0.0.1:9/none', PORT: '0' });
  assert.equal(result.status, 1);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0] ?? '', /^masthead: DATABASE_URL: cannot connect to postgres:\/\/masthead:\*\*\*@127\.0\.0\.1:9\/none \(ECONNREFUSED\)$/);
});

test('mail:receive takes --recipient only with --stdin', () => {
  const result = run(['mail:receive', '--recipient', 'fbl@news.example.org']);
  assert.equal(result.status, 1);
  assert.equal(result.stderr.trim(), 'masthead: --recipient goes with --stdin');
});

test('a bad --articles value is refused', () => {
  const result = run(['seed', '--articles', 'lots']);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /must be a whole number/);
});

test('migrate creates the SQLite database and says so', () => {
  const result = run(['migrate']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /Applied: 20261127190000_content_model/);
});

test('the newsletter worker refuses SQLite with one clear line', () => {
  const result = run(['worker']);
  assert.equal(result.status, 1);
  assert.match(result.stderr + result.stdout, /PostgreSQL/);
});

/** Starts `masthead serve` until it says it is serving, stops it, and returns the JSON lines it logged. */
async function serveOnce(env: Record<string, string>): Promise<{ level: string; message: string }[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-cli-'));
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { PATH: process.env.PATH ?? '', MASTHEAD_DATA_DIR: dataDir, PORT: '0', MASTHEAD_SEED: 'false', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const deadline = Date.now() + 60_000;
    while (!stdout.includes('Masthead is serving')) {
      if (Date.now() > deadline || child.exitCode !== null) assert.fail(`serve did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: string; message: string });
}

test('serving real mail from an http PUBLIC_URL logs one warning line; an https one logs none', async () => {
  const http = await serveOnce({ SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: 'http://news.example.test' });
  const warnings = http.filter((line) => line.level === 'warn');
  assert.equal(warnings.length, 1, JSON.stringify(http));
  assert.match(warnings[0]?.message ?? '', /^PUBLIC_URL is http .* List-Unsubscribe links in newsletters must be https/);
  const https = await serveOnce({ SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: 'https://news.example.test' });
  assert.deepEqual(https.filter((line) => line.level === 'warn'), []);
});

/** The `masthead` command: help on every command, and one clear line when start-up cannot work. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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

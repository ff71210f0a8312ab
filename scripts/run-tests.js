#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's test runner (through tsx), then
// checks that the PostgreSQL half of the database matrix really ran when it should have:
// in CI, or whenever TEST_DATABASE_URL is set, a run with no PostgreSQL test fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const browserOnly = args.includes('--browser');

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(full);
    return entry.name.endsWith('.test.ts') || entry.name.endsWith('.test.tsx') ? [full] : [];
  });
}

const all = [...findTests(path.join(root, 'src')), ...findTests(path.join(root, 'test'))].sort();
const files = all.filter((file) => (browserOnly ? file.includes(`${path.sep}browser${path.sep}`) : true));
const requirePostgres = Boolean(process.env.TEST_DATABASE_URL) || process.env.CI === 'true';
if (process.env.CI === 'true' && !process.env.TEST_DATABASE_URL) {
  console.error('run-tests: CI must set TEST_DATABASE_URL so every data-layer and HTTP test also runs on PostgreSQL.');
  process.exit(1);
}

const markers = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-test-markers-'));
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000', ...files],
  { stdio: 'inherit', cwd: root, env: { ...process.env, MASTHEAD_TEST_MARKERS: markers, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' } },
);
const postgresRuns = fs.readdirSync(markers).filter((name) => name.startsWith('postgres-')).length;
fs.rmSync(markers, { recursive: true, force: true });
if (result.status !== 0) process.exit(result.status ?? 1);
if (requirePostgres && !browserOnly && postgresRuns === 0) {
  console.error('run-tests: no test ran against PostgreSQL although TEST_DATABASE_URL/CI asked for it.');
  process.exit(1);
}
console.log(`run-tests: ${files.length} test files; PostgreSQL suites opened: ${postgresRuns}${requirePostgres ? '' : ' (set TEST_DATABASE_URL to run them)'}`);

/**
 * `masthead tags:suggest` as an operator runs it, over a small database: SQLite always,
 * PostgreSQL too when TEST_DATABASE_URL is set. Progress goes to stderr, the summary to
 * stdout; a second run skips what is up to date (which is what makes a stopped run resume).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Kysely } from 'kysely';
import { createArticle } from '../../src/articles/commands.ts';
import { openDatabase } from '../../src/db/database.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import { openTestDatabase } from '../db-matrix.ts';
import { buildArticle, createSection, paragraphDoc } from '../factories.ts';

const BIN = path.resolve('bin/masthead.js');

function run(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'error', ...env } });
}

/** Three published articles (and a country tag with its code) to analyse. */
async function seed(db: Kysely<Database>): Promise<number[]> {
  const sectionId = await createSection(db, { slug: 'news', name: 'News' });
  await db.insertInto('tags').values({ kind: 'country', slug: 'jordan', name: 'Jordan', aliases: '["الأردن"]', description: null, country_code: 'JO', parent_id: null, created_at: new Date().toISOString() }).execute();
  const bodies = [
    'Rania Haddad, the minister of water, visited farms near Irbid on Monday.',
    'Traders in Zarqa said prices had risen. “We cannot keep up,” said Omar Nabulsi, who sells vegetables.',
    'The World Bank approved a loan for schools in Aqaba and Mafraq.',
  ];
  const ids: number[] = [];
  for (const [index, text] of bodies.entries()) ids.push(await createArticle(db, buildArticle({ sectionId, slug: `cli-story-${index}`, byline: 'Desk', body: paragraphDoc(text) })));
  return ids;
}

async function check(env: Record<string, string>, reopen: () => Promise<DatabaseHandle>, ids: number[]): Promise<void> {
  const help = run(['tags:suggest', '--help'], env);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: masthead tags:suggest/);
  assert.match(help.stdout, /--all/);
  assert.match(help.stdout, /--article <id>/);

  const wrong = run(['tags:suggest'], env);
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /give either --all or --article <id>/);

  const first = run(['tags:suggest', '--all'], env);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /^Analysed 3 of 3 articles in [\d.]+ s \(0 already up to date, 0 failed\): \d+ suggestions\.\n$/);
  // Not a terminal: plain progress lines (no carriage returns), ending at 3/3.
  assert.doesNotMatch(first.stderr, /\r/);
  assert.match(first.stderr, /Suggesting tags \[#+\] 3\/3 100%\s+[\d.]+\/s\s+ETA 0:00/);

  const handle = await reopen();
  try {
    const rows = await handle.db.selectFrom('tag_suggestions').select(['article_id', 'name', 'kind', 'country_code']).execute();
    const names = rows.map((row) => `${row.kind}:${row.name}`);
    for (const expected of ['person:Rania Haddad', 'place:Irbid', 'country:Jordan', 'person:Omar Nabulsi', 'organisation:World Bank', 'place:Aqaba']) assert.ok(names.includes(expected), `${expected} missing from ${names.join(', ')}`);
    assert.equal(rows.find((row) => row.name === 'Irbid')?.country_code, 'JO');
    const states = await handle.db.selectFrom('article_suggestion_state').select('article_id').execute();
    assert.equal(states.length, 3);
  } finally {
    await handle.close();
  }

  const second = run(['tags:suggest', '--all'], env);
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /^Analysed 0 of 3 articles .*\(3 already up to date, 0 failed\)/);

  const one = run(['tags:suggest', '--article', String(ids[1]), '--force'], env);
  assert.equal(one.status, 0, one.stderr);
  assert.match(one.stdout, /^Analysed 1 of 1 articles/);

  const missing = run(['tags:suggest', '--article', '999999'], env);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no article has id 999999/);
}

test('tags:suggest over a small SQLite database', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-suggest-cli-'));
  try {
    const file = path.join(dataDir, 'masthead.sqlite');
    const handle = await openDatabase({ kind: 'sqlite', file });
    const report = await migrateToLatest(handle.db);
    if (report.error) throw report.error;
    const ids = await seed(handle.db);
    await handle.close();
    await check({ MASTHEAD_DATA_DIR: dataDir }, () => openDatabase({ kind: 'sqlite', file }), ids);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('tags:suggest over a small PostgreSQL database', { skip: process.env.TEST_DATABASE_URL ? false : 'TEST_DATABASE_URL is not set' }, async () => {
  const url = process.env.TEST_DATABASE_URL ?? '';
  const handle = await openTestDatabase('postgres');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-suggest-cli-'));
  try {
    const schema = /schema (\S+)$/.exec(handle.description)?.[1] ?? '';
    assert.ok(schema, handle.description);
    const ids = await seed(handle.db);
    // The CLI reaches the test's own schema through the connection's search path.
    const scoped = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    await check({ MASTHEAD_DATA_DIR: dataDir, DATABASE_URL: scoped }, () => openDatabase({ kind: 'postgres', url, schema }), ids);
  } finally {
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

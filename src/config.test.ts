/** Configuration: defaults, and one clear line per bad variable. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('defaults make a two-command install work', () => {
  const config = loadConfig({});
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.port, 3000);
  assert.equal(config.publicUrl, 'http://127.0.0.1:3000');
  assert.equal(config.dataDir, path.resolve('data'));
  assert.equal(config.databaseUrl, null);
  assert.equal(config.seedDemoContent, true);
});

test('values are read and checked', () => {
  const config = loadConfig({ HOST: '0.0.0.0', PORT: '8080', MASTHEAD_SEED: 'false', DATABASE_URL: 'postgres://u:p@db:5432/news', PUBLIC_URL: 'https://news.example.org/' });
  assert.equal(config.port, 8080);
  assert.equal(config.seedDemoContent, false);
  assert.equal(config.databaseUrl, 'postgres://u:p@db:5432/news');
  assert.equal(config.publicUrl, 'https://news.example.org');
});

test('every bad variable is named, and secrets are not echoed', () => {
  assert.throws(
    () => loadConfig({ PORT: 'abc', MASTHEAD_SEED: 'perhaps', DATABASE_URL: 'mysql://root:hunter2@x/db', PUBLIC_URL: 'ftp://x' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 4);
      assert.ok(error.problems.some((line) => line.startsWith('PORT ') && line.includes('"abc"')));
      assert.ok(error.problems.some((line) => line.startsWith('MASTHEAD_SEED ')));
      assert.ok(error.problems.some((line) => line.startsWith('DATABASE_URL ')));
      assert.ok(!error.message.includes('hunter2'));
      return true;
    },
  );
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT must be a whole number from 0 to 65535/);
});

/**
 * The database matrix: every data-layer and HTTP suite runs on SQLite, and also on
 * PostgreSQL when TEST_DATABASE_URL is set. Each PostgreSQL suite gets its own schema,
 * so test files can run in parallel against one server.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import type { DialectName } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

/** The dialects this run covers. */
export function dialectsUnderTest(): DialectName[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Opens a fresh, migrated database of a dialect; closing it removes it. */
export async function openTestDatabase(dialect: DialectName): Promise<DatabaseHandle> {
  if (dialect === 'sqlite') {
    const handle = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    await migrateOrThrow(handle);
    return handle;
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const handle = await openDatabase({ kind: 'postgres', url, schema, poolSize: 4 });
  await migrateOrThrow(handle);
  const markers = process.env.MASTHEAD_TEST_MARKERS;
  if (markers && fs.existsSync(markers)) fs.writeFileSync(path.join(markers, `postgres-${schema}`), '');
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

async function migrateOrThrow(handle: DatabaseHandle): Promise<void> {
  const report = await migrateToLatest(handle.db);
  if (report.error) throw report.error;
}

/** Declares a suite once per dialect; `use()` returns the open database inside tests. */
export function describeEachDatabase(title: string, body: (use: () => DatabaseHandle, dialect: DialectName) => void): void {
  for (const dialect of dialectsUnderTest()) {
    describe(`${title} [${dialect}]`, () => {
      let handle: DatabaseHandle | null = null;
      before(async () => {
        handle = await openTestDatabase(dialect);
      });
      after(async () => {
        await handle?.close();
      });
      body(() => {
        if (!handle) throw new Error('database not open yet');
        return handle;
      }, dialect);
    });
  }
}

/**
 * One number that changes whenever anything a reader can see changes. Rendered-page
 * caches remember the version they were filled at and drop entries from older versions;
 * because it lives in the database, a change made by another process (the CLI, a
 * second server) invalidates this process's cache too.
 */
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isoNow } from '../shared/time.ts';

/** The version and the time of the change that produced it. */
export interface ContentVersion {
  version: number;
  changedAt: string;
}

/** Records a change to reader-visible content; call inside the transaction that makes it. */
export async function bumpContentVersion(db: Kysely<Database> | Transaction<Database>): Promise<void> {
  const now = isoNow();
  const result = await db
    .updateTable('content_state')
    .set({ version: sql<number>`version + 1`, changed_at: now })
    .where('id', '=', 1)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    await db
      .insertInto('content_state')
      .values({ id: 1, version: 1, changed_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ version: sql<number>`content_state.version + 1`, changed_at: now }))
      .execute();
  }
}

/** Reads the current version (0 before any content exists). */
export async function readContentVersion(db: Kysely<Database>): Promise<ContentVersion> {
  const row = await db.selectFrom('content_state').select(['version', 'changed_at']).where('id', '=', 1).executeTakeFirst();
  return row ? { version: Number(row.version), changedAt: row.changed_at } : { version: 0, changedAt: new Date(0).toISOString() };
}

const listeners = new Set<() => void>();

/** Registers a callback run after any content change in this process commits. */
export function onContentChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Runs a write in one transaction that also bumps the content version, then tells this
 * process's caches at once (other processes notice through the version in the database).
 */
export async function changeContent<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  const result = await db.transaction().execute(async (trx) => {
    const value = await work(trx);
    await bumpContentVersion(trx);
    return value;
  });
  for (const listener of listeners) listener();
  return result;
}

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

/** Records a change to reader-visible content; call inside the transaction that makes it. Returns the new version. */
export async function bumpContentVersion(db: Kysely<Database> | Transaction<Database>): Promise<number> {
  const now = isoNow();
  const updated = await db
    .updateTable('content_state')
    .set({ version: sql<number>`version + 1`, changed_at: now })
    .where('id', '=', 1)
    .returning('version')
    .executeTakeFirst();
  if (updated) return Number(updated.version);
  const inserted = await db
    .insertInto('content_state')
    .values({ id: 1, version: 1, changed_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ version: sql<number>`content_state.version + 1`, changed_at: now }))
    .returning('version')
    .executeTakeFirstOrThrow();
  return Number(inserted.version);
}

/** Reads the current version (0 before any content exists). */
export async function readContentVersion(db: Kysely<Database>): Promise<ContentVersion> {
  const row = await db.selectFrom('content_state').select(['version', 'changed_at']).where('id', '=', 1).executeTakeFirst();
  return row ? { version: Number(row.version), changedAt: row.changed_at } : { version: 0, changedAt: new Date(0).toISOString() };
}

const listeners = new Set<(version: number) => void>();

/** Registers a callback run after any content change in this process commits, with the new version. */
export function onContentChanged(listener: (version: number) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Runs a write in one transaction that also bumps the content version, then tells this
 * process's caches at once (other processes notice through the version in the database).
 */
export async function changeContent<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  const { value, version } = await db.transaction().execute(async (trx) => {
    const result = await work(trx);
    return { value: result, version: await bumpContentVersion(trx) };
  });
  for (const listener of listeners) listener(version);
  return value;
}

/**
 * Runs scheduled publishing. The schedule lives in the database (`articles.status =
 * 'scheduled'`, `scheduled_at`), so nothing is lost when the server stops: on start the
 * scheduler publishes whatever fell due while it was down, then checks every few
 * seconds. Several servers may run it at once; each article is published exactly once.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../shared/logger.ts';
import { publishDueArticles } from './workflow.ts';

/** A running scheduler. */
export interface Scheduler {
  /** Runs one pass now (also used by tests); resolves when it is done. */
  runOnce(): Promise<number[]>;
  stop(): Promise<void>;
}

/** Starts checking for due articles every `intervalMs`. */
export function startScheduler(db: Kysely<Database>, logger: Logger, intervalMs = 5_000): Scheduler {
  let running: Promise<number[]> | null = null;
  let stopped = false;
  const runOnce = (): Promise<number[]> => {
    running ??= publishDueArticles(db)
      .then((ids) => {
        if (ids.length > 0) logger.info('scheduled articles published', { ids });
        return ids;
      })
      .catch((error: unknown) => {
        logger.error('scheduled publishing failed; will retry', { error: error instanceof Error ? error.message : String(error) });
        return [];
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void runOnce();
  }, intervalMs);
  timer.unref();
  void runOnce();
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * A process that only sends newsletters (`masthead worker`): opens the database, builds the
 * app context the sender needs, and runs the sender loop until SIGTERM or SIGINT. Several
 * may run against one PostgreSQL database; they share the work through claims and leases.
 */
import type { AppContext } from '../app-context.ts';
import { configWarnings } from '../config.ts';
import type { Config } from '../config.ts';
import { openMigratedDatabase } from '../db/migrate.ts';
import { createAppContext } from '../server.ts';
import { createLogger } from '../shared/logger.ts';
import { AssetStore } from '../site/assets.ts';
import type { SenderOptions } from './delivery.ts';
import { startNewsletterSender } from './delivery.ts';

/** An app context for a process without HTTP, and how to close it. */
export interface WorkerContext {
  context: AppContext;
  close(): Promise<void>;
}

/** Opens the configured database (migrating it, as every command does) and builds the context around it. */
export async function openWorkerContext(config: Config): Promise<WorkerContext> {
  const logger = createLogger(config.logLevel);
  for (const warning of configWarnings(config)) logger.warn(warning);
  const { handle } = await openMigratedDatabase(config);
  const context = createAppContext(config, handle, logger, new AssetStore());
  return {
    context,
    close: async () => {
      context.generation.close();
      await context.mailer.close();
      await handle.close();
    },
  };
}

/** Runs the sender until SIGTERM or SIGINT, then lets messages in flight finish and closes. */
export async function runWorker(config: Config, options: SenderOptions = {}): Promise<void> {
  const worker = await openWorkerContext(config);
  const { context } = worker;
  const sender = startNewsletterSender(context, options);
  context.logger.info('newsletter worker started', { workerId: sender.workerId, connections: config.newsletter.smtpConnections, ratePerSecond: config.newsletter.ratePerSecond, transport: config.smtpUrl ? 'smtp' : 'outbox' });
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
  await sender.stop();
  await worker.close();
  context.logger.info('newsletter worker stopped', { workerId: sender.workerId });
}

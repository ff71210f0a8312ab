/**
 * A child process for the crash tests and the bench: opens a database and either runs the
 * newsletter sender (`send`) until SIGTERM, or starts sending an issue (`start`), pausing
 * after each batch of delivery records so the parent can kill it part-way.
 *
 *   node --import tsx test/newsletters/support/sender-child.ts send|start
 *   env: CHILD_DATA_DIR (SQLite) or DATABASE_URL + CHILD_SCHEMA (PostgreSQL), SMTP_URL,
 *        ISSUE_ID (start), WRITE_BATCH (start), CHILD_BATCH, CHILD_IN_FLIGHT, NEWSLETTER_SMTP_CONNECTIONS
 * Prints `ready`, `batch <written>`, `started <recipients>`, `rss <bytes>` lines on stdout.
 */
import { loadConfig } from '../../../src/config.ts';
import { openDatabase } from '../../../src/db/database.ts';
import type { DatabaseTarget } from '../../../src/db/database.ts';
import { startNewsletterSender } from '../../../src/newsletters/delivery.ts';
import { startSending } from '../../../src/newsletters/sending.ts';
import { createAppContext } from '../../../src/server.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { AssetStore } from '../../../src/site/assets.ts';

const mode = process.argv[2];
const env = process.env;
const config = loadConfig({
  MASTHEAD_DATA_DIR: env.CHILD_DATA_DIR ?? '/tmp/masthead-child',
  PUBLIC_URL: 'https://news.example.test',
  SMTP_URL: env.SMTP_URL,
  NEWSLETTER_SMTP_CONNECTIONS: env.NEWSLETTER_SMTP_CONNECTIONS ?? '4',
  LOG_LEVEL: env.CHILD_LOG_LEVEL ?? 'error',
});
const target: DatabaseTarget = env.DATABASE_URL
  ? { kind: 'postgres', url: env.DATABASE_URL, schema: env.CHILD_SCHEMA, poolSize: 4 }
  : { kind: 'sqlite', file: `${config.dataDir}/masthead.sqlite` };
const handle = await openDatabase(target);
const context = createAppContext(config, handle, createLogger(config.logLevel), new AssetStore());
const write = (line: string) => process.stdout.write(`${line}\n`);

if (mode === 'start') {
  const recipients = await startSending(context, Number(env.ISSUE_ID), null, {
    batchSize: Number(env.WRITE_BATCH ?? 1000),
    onBatch: async (written) => {
      write(`batch ${written}`);
      await new Promise((resolve) => setTimeout(resolve, 40));
    },
  });
  write(`started ${recipients}`);
  await context.mailer.close();
  await handle.close();
} else if (mode === 'send') {
  const sender = startNewsletterSender(context, {
    pollMs: 50,
    batchSize: env.CHILD_BATCH ? Number(env.CHILD_BATCH) : undefined,
    inFlight: env.CHILD_IN_FLIGHT ? Number(env.CHILD_IN_FLIGHT) : undefined,
    workerId: env.CHILD_WORKER_ID,
  });
  const rss = setInterval(() => write(`rss ${process.memoryUsage().rss}`), 250);
  write('ready');
  const stop = () => {
    clearInterval(rss);
    void sender.stop().then(async () => {
      await context.mailer.close();
      await handle.close();
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  process.stderr.write('usage: sender-child.ts send|start\n');
  process.exit(2);
}

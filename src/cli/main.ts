/** The `masthead` command for operators: serve, worker, mail:receive, migrate, seed, user:create, partner:token, tags:suggest. Every command has --help. */
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import type { Config } from '../config.ts';
import { DatabaseUnreachableError } from '../db/database.ts';
import { openMigratedDatabase } from '../db/migrate.ts';
import { seedBulkArticles } from '../seed/bulk-seed.ts';
import { startServer } from '../server.ts';
import path from 'node:path';

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10_000_000) throw new InvalidArgumentError('must be a whole number from 1 to 10000000');
  return Number(value);
}

/** Prints a one-line reason and exits; used for every expected start-up failure. */
function fail(error: unknown): never {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) process.stderr.write(`masthead: ${problem}\n`);
  } else if (error instanceof DatabaseUnreachableError) {
    process.stderr.write(`masthead: ${error.message}\n`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(`masthead: port ${(error as { port?: number }).port ?? ''} is already in use; set PORT (or INBOUND_SMTP_PORT for the mail listener) to a free port\n`);
  } else if ((error as NodeJS.ErrnoException).code === 'EACCES') {
    process.stderr.write('masthead: HOST/PORT cannot be bound by this user; choose a port above 1024\n');
  } else {
    process.stderr.write(`masthead: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}

function config(): Config {
  try {
    return loadConfig();
  } catch (error) {
    fail(error);
  }
}

const program = new Command('masthead').description('Masthead, the newsroom publishing platform').showHelpAfterError();

program
  .command('serve')
  .description('Migrate the database, create the demo newsroom on a fresh install, and serve the site (HOST, PORT)')
  .action(async () => {
    const settings = config();
    try {
      const running = await startServer(settings);
      process.stdout.write(`Masthead is serving ${running.url} (${running.context.dialect === 'sqlite' ? `SQLite in ${settings.dataDir}` : 'PostgreSQL'})\n`);
      if (running.inboundPort !== null) process.stdout.write(`Inbound mail (unsubscribe mailbox, feedback reports) on ${settings.inbound.host}:${running.inboundPort}\n`);
      const stop = () => {
        void running.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    } catch (error) {
      fail(error);
    }
  });

program
  .command('worker')
  .description('Send newsletters (PostgreSQL only; run several to share the work). Set NEWSLETTER_SEND_IN_SERVER=false on the web servers. Stops on SIGTERM/SIGINT after the messages in flight')
  .action(async () => {
    const settings = config();
    if (!settings.databaseUrl) {
      process.stderr.write('masthead: the worker needs PostgreSQL (DATABASE_URL). With SQLite, `masthead serve` already sends newsletters itself (NEWSLETTER_SEND_IN_SERVER, on by default).\n');
      process.exit(1);
    }
    try {
      const { runWorker } = await import('../newsletters/worker.ts');
      process.stdout.write(`Masthead newsletter worker running (${settings.newsletter.smtpConnections} SMTP connections${settings.smtpUrl ? '' : '; SMTP_URL is not set, so mail is kept in the admin outbox'})\n`);
      await runWorker(settings);
      process.exit(0);
    } catch (error) {
      fail(error);
    }
  });

function portNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('must be a whole number from 0 to 65535');
  return Number(value);
}

program
  .command('mail:receive')
  .description(
    'Take in mail for the newsletters\' unsubscribe mailbox (unsubscribe+…@) and feedback-loop complaints (INBOUND_FEEDBACK_ADDRESSES): an SMTP listener on INBOUND_SMTP_HOST:INBOUND_SMTP_PORT that refuses every other recipient, or with --stdin one message from a mail server\'s pipe',
  )
  .option('--stdin', 'read one RFC 5322 message from standard input and exit (0: taken or dropped, 65: too large, 75: try again later)')
  .option('--recipient <address>', 'with --stdin: the envelope recipient (otherwise read from Delivered-To, X-Original-To or To)')
  .option('--host <address>', 'listen on this address instead of INBOUND_SMTP_HOST')
  .option('--port <n>', 'listen on this port instead of INBOUND_SMTP_PORT (0 picks a free one)', portNumber)
  .action(async (options: { stdin?: boolean; recipient?: string; host?: string; port?: number }) => {
    const settings = config();
    if (!options.stdin && options.recipient !== undefined) {
      process.stderr.write('masthead: --recipient goes with --stdin\n');
      process.exit(1);
    }
    const { openWorkerContext } = await import('../newsletters/worker.ts');
    if (options.stdin) {
      const { PIPE_EXIT, readAllLimited, receivePipedMail } = await import('../newsletters/inbound/pipe.ts');
      const raw = await readAllLimited(process.stdin, settings.inbound.maxMessageBytes);
      if (raw === null) {
        process.stderr.write(`masthead: the message is larger than ${settings.inbound.maxMessageBytes / 1024} KB (INBOUND_MAX_MESSAGE_KB)\n`);
        process.exit(PIPE_EXIT.dataError);
      }
      try {
        const worker = await openWorkerContext(settings);
        try {
          const outcome = await receivePipedMail(worker.context, raw, options.recipient ?? null);
          process.stdout.write(`${outcome.action}: ${outcome.reason}\n`);
        } finally {
          await worker.close();
        }
        process.exit(PIPE_EXIT.ok);
      } catch (error) {
        // The mail server keeps the message and tries again (database down, for instance).
        process.stderr.write(`masthead: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(PIPE_EXIT.tempFail);
      }
    }
    try {
      const worker = await openWorkerContext(settings);
      const { startInboundListener } = await import('../newsletters/inbound/smtp-listener.ts');
      const listener = await startInboundListener(worker.context, { host: options.host, port: options.port });
      const host = options.host ?? settings.inbound.host;
      process.stdout.write(`Masthead inbound mail listening on ${host.includes(':') ? `[${host}]` : host}:${listener.port} (unsubscribe mailbox${settings.inbound.feedbackAddresses.length > 0 ? ` and ${settings.inbound.feedbackAddresses.length} feedback address(es)` : '; no INBOUND_FEEDBACK_ADDRESSES set'})\n`);
      const stop = () => {
        void listener
          .close()
          .then(() => worker.close())
          .then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    } catch (error) {
      fail(error);
    }
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => {
    const settings = config();
    try {
      const { handle, applied } = await openMigratedDatabase(settings);
      await handle.close();
      process.stdout.write(applied.length > 0 ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
    } catch (error) {
      fail(error);
    }
  });

program
  .command('seed')
  .description('Create the demo newsroom if the database is empty, then optionally add N generated articles for benchmarks')
  .option('--articles <n>', 'number of generated articles to add', positiveInteger)
  .option('--no-demo', 'do not create the demo newsroom first')
  .action(async (options: { articles?: number; demo: boolean }) => {
    const settings = config();
    try {
      const { handle } = await openMigratedDatabase(settings);
      if (options.demo) {
        const { seedDemoIfEmpty } = await import('../seed/seed-demo.ts');
        const demo = await seedDemoIfEmpty(handle.db, path.join(settings.dataDir, 'media'));
        process.stdout.write(demo ? `Demo newsroom created: ${JSON.stringify(demo)}\n` : 'The database already has content; demo skipped.\n');
      }
      if (options.articles) {
        const total = options.articles;
        const started = Date.now();
        let lastShown = 0;
        await seedBulkArticles(handle.db, handle.dialect, {
          count: total,
          onProgress: (written) => {
            if (process.stdout.isTTY || written - lastShown >= total / 20 || written === total) {
              lastShown = written;
              const rate = Math.round(written / ((Date.now() - started) / 1000));
              process.stdout.write(`${process.stdout.isTTY ? '\r' : ''}${written}/${total} articles (${rate}/s)${process.stdout.isTTY ? '' : '\n'}`);
            }
          },
        });
        process.stdout.write(`\nAdded ${total} articles in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      }
      await handle.close();
    } catch (error) {
      fail(error);
    }
  });

/** A command's refused input (ValidationError) as one `masthead:` line per problem and exit code 1; anything else is rethrown. */
async function reportProblems(error: unknown): Promise<void> {
  // Loaded here, like the commands' own modules, so `--help` stays fast.
  const { ValidationError } = await import('../shared/validation.ts');
  if (!(error instanceof ValidationError)) throw error;
  for (const problem of error.problems) process.stderr.write(`masthead: ${problem}\n`);
  process.exitCode = 1;
}

/** Reads the whole of standard input (for --password-stdin), without the final newline. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

program
  .command('user:create')
  .description('Create an account from the shell (the first one may be the owner); the password comes from MASTHEAD_PASSWORD or --password-stdin')
  .requiredOption('--email <email>', 'the account\'s email address')
  .requiredOption('--role <role>', 'contributor, author, editor, admin or owner')
  .option('--name <name>', 'display name (defaults to the part of the email before @)')
  .option('--password-stdin', 'read the password from standard input')
  .action(async (options: { email: string; role: string; name?: string; passwordStdin?: boolean }) => {
    const settings = config();
    const password = options.passwordStdin ? await readStdin() : (process.env.MASTHEAD_PASSWORD ?? '');
    if (!password) {
      process.stderr.write('masthead: give the password in MASTHEAD_PASSWORD or pipe it with --password-stdin\n');
      process.exit(1);
    }
    try {
      const { handle } = await openMigratedDatabase(settings);
      const { createUser } = await import('../accounts/users.ts');
      try {
        const id = await createUser(handle.db, { email: options.email, name: options.name ?? options.email.split('@')[0] ?? options.email, role: options.role, password }, { actorUserId: null });
        process.stdout.write(`Created ${options.role} account ${options.email.trim().toLowerCase()} (id ${id}). Sign in at ${settings.publicUrl}/admin\n`);
      } catch (error) {
        await reportProblems(error);
      }
      await handle.close();
    } catch (error) {
      fail(error);
    }
  });

program
  .command('partner:token')
  .description('Make a partner-feed token for a licensee or syndication partner and print it once on standard output (only its fingerprint is kept; revoke it in the admin)')
  .argument('<licensee>', 'the organisation\'s name, e.g. "Levant Press Exchange" (the demo partner), or its number')
  .option('--label <label>', 'where the token will be used, e.g. "CMS importer"', 'Made with masthead partner:token')
  .action(async (licensee: string, options: { label: string }) => {
    const settings = config();
    try {
      const { handle } = await openMigratedDatabase(settings);
      const { createPartnerToken, findLicensee } = await import('../syndication/partner-tokens.ts');
      const holder = await findLicensee(handle.db, licensee);
      if (!holder) {
        await handle.close();
        process.stderr.write(`masthead: no single licensee or partner is called "${licensee}"; give its organisation's exact name or its number (see /admin/syndication/partners)\n`);
        process.exit(1);
      }
      try {
        const { token } = await createPartnerToken(handle.db, { licenseeId: holder.id, label: options.label }, { userId: null, ip: null });
        // The token goes to standard output alone (TOKEN=$(masthead partner:token …)); the guidance to standard error. Nothing is logged.
        process.stderr.write(`Feed token for ${holder.organisation}, shown this once:\n`);
        process.stdout.write(`${token}\n`);
        process.stderr.write(`Use it as "Authorization: Bearer <token>" on ${settings.publicUrl}/syndication/feed.atom or ${settings.publicUrl}/syndication/feed.json\n`);
      } catch (error) {
        await reportProblems(error);
      }
      await handle.close();
    } catch (error) {
      fail(error);
    }
  });

program
  .command('tags:suggest')
  .description('Suggest tags (people, organisations, places and their countries) from the text of archived articles; decisions already taken are kept')
  .option('--all', 'every article (articles already analysed at their current revision are skipped, so an interrupted run resumes)')
  .option('--article <id>', 'one article', positiveInteger)
  .option('--force', 'analyse again articles that are already up to date')
  .option('--auto-tag', 'also apply the auto-tagging rule for places, when the site settings enable it')
  .option('--batch-size <n>', 'articles read per query', positiveInteger, 200)
  .action(async (options: { all?: boolean; article?: number; force?: boolean; autoTag?: boolean; batchSize: number }) => {
    if (Boolean(options.all) === Boolean(options.article)) {
      process.stderr.write('masthead: give either --all or --article <id>\n');
      process.exit(1);
    }
    const settings = config();
    try {
      const { handle } = await openMigratedDatabase(settings);
      const { suggestAcrossArchive } = await import('../suggest/archive.ts');
      const { ProgressBar } = await import('../suggest/progress.ts');
      let bar: InstanceType<typeof ProgressBar> | null = null;
      const summary = await suggestAcrossArchive(handle.db, {
        articleId: options.article,
        isForced: options.force === true,
        autoTag: options.autoTag === true,
        batchSize: options.batchSize,
        onProgress: (done, total) => {
          bar ??= new ProgressBar(process.stderr, total, 'Suggesting tags');
          bar.update(done);
        },
        onFailure: (articleId, error) => process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}masthead: article ${articleId} could not be analysed: ${error instanceof Error ? error.message : String(error)}\n`),
      });
      (bar as InstanceType<typeof ProgressBar> | null)?.finish();
      await handle.close();
      if (options.article && summary.total === 0) {
        process.stderr.write(`masthead: no article has id ${options.article}\n`);
        process.exit(1);
      }
      const autoTagged = options.autoTag ? `; ${summary.autoTagged} tags added by the auto-tagging rule` : '';
      process.stdout.write(`Analysed ${summary.analysed} of ${summary.total} articles in ${summary.seconds.toFixed(1)} s (${summary.upToDate} already up to date, ${summary.failed} failed): ${summary.suggestions} suggestions${autoTagged}.\n`);
      if (summary.failed > 0) process.exitCode = 1;
    } catch (error) {
      fail(error);
    }
  });

await program.parseAsync(process.argv);

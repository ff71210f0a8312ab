/**
 * Starts Masthead: opens the database, migrates, seeds a fresh install, and serves HTTP.
 * Cached pages are answered straight from Node's request handler; everything else goes
 * through the Hono app.
 */
import http from 'node:http';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { AppContext } from './app-context.ts';
import { buildApp, MAX_URL_LENGTH } from './app.ts';
import { ContentGeneration } from './cache/content-generation.ts';
import { GenerationCache } from './cache/generation-cache.ts';
import { PageCache } from './cache/page-cache.ts';
import type { CachedPage } from './cache/page-cache.ts';
import { configWarnings } from './config.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { openMigratedDatabase } from './db/migrate.ts';
import { isNotModified } from './http/respond.ts';
import { createMailer } from './mail/mailer.ts';
import { createLogger } from './shared/logger.ts';
import { createLinkSigner } from './shared/signed-links.ts';
import type { Logger } from './shared/logger.ts';
import { AssetStore } from './site/assets.ts';
import { loadSiteCatalog } from './site/chrome.ts';
import type { SiteCatalog } from './site/chrome.ts';
import { startScheduler } from './newsroom/scheduler.ts';
import { startNewsletterSender } from './newsletters/delivery.ts';
import { settlePasswordResetMail } from './accounts/password-reset.ts';
import { settleSignupMail } from './newsletters/signup.ts';

/** Builds the shared context around an open database. */
export function createAppContext(config: Config, handle: DatabaseHandle, logger: Logger, assets: AssetStore): AppContext {
  const generation = new ContentGeneration(handle.db);
  let catalog: { generation: number; value: Promise<SiteCatalog> } | null = null;
  return {
    config,
    db: handle.db,
    dialect: handle.dialect,
    logger,
    pageCache: new PageCache(config.pageCacheBytes),
    articleData: new GenerationCache(config.dataCacheEntries),
    ccPackages: new GenerationCache(config.dataCacheEntries),
    generation,
    mediaDir: path.join(config.dataDir, 'media'),
    mailer: createMailer(handle.db, { smtpUrl: config.smtpUrl, from: config.mailFrom, logger, dkim: config.dkim }),
    links: createLinkSigner(handle.db, config.secret),
    assetPath: (name) => assets.pathOf(name),
    catalog: () => {
      const current = generation.current();
      if (!catalog || catalog.generation !== current) {
        const value = loadSiteCatalog(handle.db);
        catalog = { generation: current, value };
        value.catch(() => {
          catalog = null;
        });
      }
      return catalog.value;
    },
  };
}

function writeCached(req: http.IncomingMessage, res: http.ServerResponse, page: CachedPage): void {
  const headers: http.OutgoingHttpHeaders = {
    ...page.headers,
    'content-type': page.contentType,
    etag: page.etag,
    'last-modified': page.lastModified,
    'cache-control': page.cacheControl,
    'x-masthead-cache': 'hit',
  };
  if (isNotModified(req.headers['if-none-match'], req.headers['if-modified-since'], page.etag, page.lastModified)) {
    res.writeHead(304, { etag: page.etag, 'last-modified': page.lastModified, 'cache-control': page.cacheControl });
    res.end();
    return;
  }
  headers['content-length'] = page.body.byteLength;
  res.writeHead(page.status, headers);
  res.end(req.method === 'HEAD' ? undefined : page.body);
}

/** Creates the HTTP server for a context, with the cached-page fast path in front of the app. */
export function createHttpServer(ctx: AppContext, assets: AssetStore): http.Server {
  const app = buildApp(ctx, assets);
  // The adapter's own Response class lets it write our string and byte bodies straight
  // to the socket instead of reading them back through a stream.
  const listener = getRequestListener(app.fetch);
  return http.createServer((req, res) => {
    const url = req.url ?? '/';
    if ((req.method === 'GET' || req.method === 'HEAD') && url.length <= MAX_URL_LENGTH) {
      const page = ctx.pageCache.get(url, ctx.generation.current());
      if (page) {
        writeCached(req, res, page);
        return;
      }
    }
    void listener(req, res);
  });
}

/** A running server and how to stop it. */
export interface RunningServer {
  server: http.Server;
  context: AppContext;
  url: string;
  /** Port of the inbound mail listener, when INBOUND_SMTP_IN_SERVER runs it here. */
  inboundPort: number | null;
  close(): Promise<void>;
}

/** Opens the database, migrates, seeds a fresh install and listens. */
export async function startServer(config: Config): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  for (const warning of configWarnings(config)) logger.warn(warning);
  const { handle, applied } = await openMigratedDatabase(config);
  if (applied.length > 0) logger.info('migrations applied', { applied });
  const assets = new AssetStore();
  const context = createAppContext(config, handle, logger, assets);
  if (config.seedDemoContent) {
    // Loaded only when needed: the demo's texts and drawings need not live in a running server's memory.
    const { seedDemoIfEmpty } = await import('./seed/seed-demo.ts');
    const seeded = await seedDemoIfEmpty(handle.db, context.mediaDir);
    if (seeded) logger.info('demo newsroom created', { ...seeded });
  }
  await context.generation.refresh();
  const scheduler = startScheduler(handle.db, logger);
  // Newsletters go out from the server unless `masthead worker` processes send them instead.
  const newsletterSender = config.newsletter.sendInServer ? startNewsletterSender(context) : null;
  const server = createHttpServer(context, assets);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  // The inbound mail listener (unsubscribe mailbox, feedback reports) when the install asks for it here.
  const inbound = config.inbound.inServer ? await (await import('./newsletters/inbound/smtp-listener.ts')).startInboundListener(context) : null;
  if (inbound) logger.info('inbound mail listener started', { host: config.inbound.host, port: inbound.port });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    server,
    context,
    url: `http://${host}:${port}`,
    inboundPort: inbound?.port ?? null,
    close: async () => {
      await inbound?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await scheduler.stop();
      await newsletterSender?.stop();
      await settlePasswordResetMail();
      await settleSignupMail();
      context.generation.close();
      await context.mailer.close();
      await handle.close();
    },
  };
}

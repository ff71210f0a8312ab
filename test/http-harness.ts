/** Builds the real app around a test database, for in-process HTTP tests (`app.request`). */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../src/app-context.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import { createAppContext } from '../src/server.ts';
import { createLogger } from '../src/shared/logger.ts';
import { AssetStore } from '../src/site/assets.ts';

/** The app and its context. */
export interface TestApp {
  app: Hono<AppEnv>;
  ctx: AppContext;
  assets: AssetStore;
  logs: string[];
}

/** Creates the app with a media folder; logs are captured instead of printed. */
export function createTestApp(handle: DatabaseHandle, mediaDir: string, env: Record<string, string> = {}): TestApp {
  const config = loadConfig({ MASTHEAD_DATA_DIR: mediaDir, PUBLIC_URL: 'https://news.example.test', ...env });
  const logs: string[] = [];
  const assets = new AssetStore();
  const ctx = { ...createAppContext(config, handle, createLogger('debug', (line) => logs.push(line)), assets), mediaDir };
  return { app: buildApp(ctx, assets), ctx, assets, logs };
}

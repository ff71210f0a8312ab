/** The articles Admin API (lead). */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';

/** Registers the routes. */
export function registerArticleApi(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}

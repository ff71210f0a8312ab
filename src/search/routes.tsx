/** The search page of every edition. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Registers the routes. */
export function registerSearchRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}

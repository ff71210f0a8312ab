/** Admin pages for newsletter issues: compose, preview, test send, send or schedule, stats. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';

/** Registers the routes. */
export function registerIssueAdminRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}

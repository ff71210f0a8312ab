/** Users admin: list, invite, change roles, disable (helper). */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Registers the routes. */
export function registerUserRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}

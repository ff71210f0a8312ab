/** Site settings admin for admins. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Registers the routes. */
export function registerSettingsRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}

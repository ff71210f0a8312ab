/** The rate card editor in the admin. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';

/** Registers the routes. */
export function registerRateCardRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}

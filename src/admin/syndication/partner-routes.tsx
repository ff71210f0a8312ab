/** Partners and licensees, their feed tokens, and views of republished copies in the admin. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';

/** Registers the routes. */
export function registerPartnerAdminRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}

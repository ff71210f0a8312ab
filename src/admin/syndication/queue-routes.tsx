/** The republishing queue, requests, licences and certificates in the admin; the licensee's delivery page. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';

/** Registers the routes. */
export function registerSyndicationAdminRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}

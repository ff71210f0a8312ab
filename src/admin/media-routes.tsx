/** The media library page and the media Admin API (upload, search, edit). */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Registers the routes. */
export function registerMediaAdminRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}

/** Suggested tags in the Admin API. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Registers the routes. */
export function registerSuggestionRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}

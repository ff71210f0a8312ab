/** The editor island's script and stylesheet, bundled once at start. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';

/** Registers the routes. */
export function registerEditorAssets(app: Hono<AppEnv>, ctx: AppContext): void {
  void app;
  void ctx;
}

/**
 * The editor island's script and stylesheet: bundled by esbuild once per process (in
 * the background from registration, so the first editor page does not wait for it) and
 * served under content-hashed names that browsers may keep forever.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';
import { createLogger } from '../../shared/logger.ts';
import type { Logger } from '../../shared/logger.ts';

/** The island's entry point; it imports its stylesheets, so esbuild emits one CSS file beside the script. */
export const EDITOR_ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'client', 'main.ts');

const IMMUTABLE = 'public, max-age=31536000, immutable';
const ASSET_NAME = /^editor-([0-9a-f]{16})\.(js|css)$/;
/** What the asset URLs name while no bundle exists (the build failed): they answer 500. */
const FAILED_HASH = 'failed';

interface BuiltFile {
  body: Uint8Array<ArrayBuffer>;
  /** The same bytes gzipped once at build time: the script shrinks to about a third. */
  gzipped: Uint8Array<ArrayBuffer>;
  type: string;
}

function builtFile(body: Uint8Array<ArrayBuffer>, type: string): BuiltFile {
  return { body, gzipped: new Uint8Array(gzipSync(body, { level: 9 })), type };
}

/** A finished bundle: files by name, and the URLs pages link to. */
export interface EditorBundle {
  files: Map<string, BuiltFile>;
  urls: { script: string; style: string };
  /** Build time in milliseconds and sizes in bytes, for the start-up log. */
  stats: { milliseconds: number; scriptBytes: number; styleBytes: number };
}

function hashedName(contents: Uint8Array, extension: 'js' | 'css'): string {
  return `editor-${createHash('sha256').update(contents).digest('hex').slice(0, 16)}.${extension}`;
}

/** Runs esbuild over the island: one minified ESM script for browsers and its stylesheet, nothing written to disk. */
export async function bundleEditor(entry: string = EDITOR_ENTRY): Promise<EditorBundle> {
  const started = performance.now();
  // Loaded on first use: processes that never serve the editor (the CLI, most tests) never start esbuild.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    minify: true,
    write: false,
    outdir: 'editor-out',
    logLevel: 'silent',
    legalComments: 'eof',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.svg': 'dataurl' },
  });
  const script = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const style = result.outputFiles.find((file) => file.path.endsWith('.css'));
  if (!script) throw new Error('esbuild produced no script for the editor');
  // Copied once into plain ArrayBuffer-backed arrays, which a Response can send as they are.
  const scriptBody = new Uint8Array(script.contents);
  const styleBody = new Uint8Array(style?.contents ?? []);
  const scriptName = hashedName(scriptBody, 'js');
  const styleName = hashedName(styleBody, 'css');
  return {
    files: new Map([
      [scriptName, builtFile(scriptBody, 'text/javascript; charset=utf-8')],
      [styleName, builtFile(styleBody, 'text/css; charset=utf-8')],
    ]),
    urls: { script: `/admin/assets/${scriptName}`, style: `/admin/assets/${styleName}` },
    stats: { milliseconds: Math.round(performance.now() - started), scriptBytes: scriptBody.byteLength, styleBytes: styleBody.byteLength },
  };
}

/** Builds the bundle at most once and remembers the outcome, success or failure. */
export class EditorAssets {
  #build: Promise<EditorBundle | null> | null = null;

  constructor(
    private readonly entry: string = EDITOR_ENTRY,
    private logger: Logger = createLogger('info'),
  ) {}

  /** Starts the build if nothing has yet; later callers share it. A failure is logged once and yields null. */
  bundle(logger?: Logger): Promise<EditorBundle | null> {
    if (logger) this.logger = logger;
    this.#build ??= bundleEditor(this.entry).then(
      (bundle) => {
        this.logger.info('editor bundle built', bundle.stats);
        return bundle;
      },
      (error: unknown) => {
        this.logger.error('editor bundle failed', { error: error instanceof Error ? error.message : String(error) });
        return null;
      },
    );
    return this.#build;
  }

  /** URLs of the script and stylesheet; after a failed build they point at names that answer 500. */
  async urls(): Promise<{ script: string; style: string }> {
    const bundle = await this.bundle();
    return bundle?.urls ?? { script: `/admin/assets/editor-${FAILED_HASH}.js`, style: `/admin/assets/editor-${FAILED_HASH}.css` };
  }

  /** Registers `GET /admin/assets/editor-<hash>.(js|css)` and starts the build in the background. */
  register(app: Hono<AppEnv>, logger: Logger): void {
    void this.bundle(logger);
    app.get('/admin/assets/:name', async (c) => {
      const name = c.req.param('name');
      const isFailedName = name === `editor-${FAILED_HASH}.js` || name === `editor-${FAILED_HASH}.css`;
      if (!ASSET_NAME.test(name) && !isFailedName) return c.text('No such asset.', 404, { 'cache-control': 'no-store' });
      const bundle = await this.bundle();
      if (!bundle) return c.text('The editor could not be built; the server log says why.', 500, { 'cache-control': 'no-store' });
      const file = bundle.files.get(name);
      if (!file) return c.text('No such asset.', 404, { 'cache-control': 'no-store' });
      const isGzip = /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '');
      const body = isGzip ? file.gzipped : file.body;
      return new Response(c.req.method === 'HEAD' ? null : body, {
        headers: {
          'content-type': file.type,
          'content-length': String(body.byteLength),
          ...(isGzip ? { 'content-encoding': 'gzip' } : {}),
          vary: 'accept-encoding',
          'cache-control': IMMUTABLE,
          'x-content-type-options': 'nosniff',
        },
      });
    });
  }
}

/** The process's one editor bundle. */
const editorAssets = new EditorAssets();

/** Registers the editor's asset route and starts bundling in the background. */
export function registerEditorAssets(app: Hono<AppEnv>, ctx: AppContext): void {
  editorAssets.register(app, ctx.logger);
}

/** The script and stylesheet URLs an editor page links to (waits for the build if it is still running). */
export function editorAssetUrls(): Promise<{ script: string; style: string }> {
  return editorAssets.urls();
}

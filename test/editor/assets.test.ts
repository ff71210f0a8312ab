/**
 * The editor bundle: esbuild builds the island once, the app serves it under hashed
 * names with an immutable cache header and the right types, unknown names are 404, and
 * a failed build is logged and answered 500 without taking the server down.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import type { AppEnv } from '../../src/app-context.ts';
import { EditorAssets, editorAssetUrls } from '../../src/admin/editor/assets.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { openTestDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';

describe('editor assets', () => {
  let handle: DatabaseHandle;
  let mediaDir: string;
  let t: TestApp;

  before(async () => {
    handle = await openTestDatabase('sqlite');
    mediaDir = tempMediaDir();
    t = createTestApp(handle, mediaDir);
  });

  after(async () => {
    await handle.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('the island is bundled and served as an immutable, hashed script and stylesheet', async () => {
    const urls = await editorAssetUrls();
    assert.match(urls.script, /^\/admin\/assets\/editor-[0-9a-f]{16}\.js$/);
    assert.match(urls.style, /^\/admin\/assets\/editor-[0-9a-f]{16}\.css$/);

    const script = await t.app.request(urls.script);
    assert.equal(script.status, 200);
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(script.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(script.headers.get('x-content-type-options'), 'nosniff');
    const code = await script.text();
    assert.ok(code.length > 10_000, `the script holds the editor (${code.length} bytes)`);
    // Minified: long lines (the few line breaks left are inside libraries' template strings).
    assert.ok(code.split('\n').length < code.length / 1000, 'the script is minified');
    assert.match(code, /editor-state/, 'the entry point is in the bundle');

    const style = await t.app.request(urls.style);
    assert.equal(style.status, 200);
    assert.equal(style.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(style.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(await style.text(), /\.editor-headline/, 'the editor stylesheet is in the bundle');

    // Browsers that accept gzip get the same script compressed once at build time.
    const gzipped = await t.app.request(urls.script, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(gzipped.headers.get('content-encoding'), 'gzip');
    assert.equal(gzipped.headers.get('vary'), 'accept-encoding');
    const compressed = Buffer.from(await gzipped.arrayBuffer());
    assert.ok(compressed.byteLength < code.length / 2, 'gzip at least halves the script');
    assert.equal(gunzipSync(compressed).toString('utf8'), code);

    const head = await t.app.request(urls.script, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal((await head.arrayBuffer()).byteLength, 0);

    // Same process, same bundle: a second ask does not build again.
    assert.deepEqual(await editorAssetUrls(), urls);
  });

  test('unknown or malformed asset names are 404', async () => {
    for (const name of ['editor-0000000000000000.js', 'editor-0000000000000000.css', 'editor-zz.js', 'main.ts', 'editor-failed.js', '..%2Fassets.ts']) {
      const response = await t.app.request(`/admin/assets/${name}`);
      assert.equal(response.status, 404, name);
      assert.notEqual(response.headers.get('cache-control'), 'public, max-age=31536000, immutable', name);
    }
  });

  test('a failed build is logged and answered 500, and nothing throws', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-editor-broken-'));
    const entry = path.join(dir, 'main.ts');
    fs.writeFileSync(entry, "import './missing-module.ts';\nexport const x = ;\n");
    try {
      const lines: string[] = [];
      const assets = new EditorAssets(entry);
      const app = new Hono<AppEnv>();
      assets.register(app, createLogger('debug', (line) => lines.push(line)));
      const urls = await assets.urls();
      assert.deepEqual(urls, { script: '/admin/assets/editor-failed.js', style: '/admin/assets/editor-failed.css' });
      for (const url of [urls.script, urls.style, '/admin/assets/editor-0123456789abcdef.js']) {
        const response = await app.request(url);
        assert.equal(response.status, 500, url);
        assert.equal(response.headers.get('cache-control'), 'no-store');
      }
      const errors = lines.map((line) => JSON.parse(line) as { level: string; message: string }).filter((line) => line.level === 'error');
      assert.equal(errors.length, 1, 'logged once');
      assert.equal(errors[0]?.message, 'editor bundle failed');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Bad requests get the right 4xx in the site's own style: never a 500, never a stack trace. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { encodeCursor } from '../../src/articles/cursor.ts';
import { seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';

describeEachDatabase('bad input', (use) => {
  let t: TestApp;
  let mediaDir: string;

  before(async () => {
    mediaDir = tempMediaDir();
    await seedSmallNewsroom(use().db, mediaDir, 3);
    t = createTestApp(use(), mediaDir);
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  async function expectPage(path: string, status: number, init?: RequestInit): Promise<string> {
    const response = await t.app.request(path, init);
    assert.equal(response.status, status, `${init?.method ?? 'GET'} ${path}`);
    const html = await response.text();
    if (init?.method !== 'HEAD') {
      assert.match(html, /class="error-page"/, path);
      assert.match(html, /class="site-header"/, path);
    }
    assert.ok(!/at \S+ \(|Error:|node_modules/.test(html), `no stack trace in ${path}`);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    return html;
  }

  test('unknown slugs and paths are 404', async () => {
    for (const path of ['/no-such-section', '/news/no-such-article', '/topics/nothing', '/countries/atlantis', '/authors/nobody', '/pages/nothing', '/ar/nothing/here', '/a/b/c/d', '/news/UPPER-case', '/news/%00', '/authors/..%2f..%2fetc']) {
      await expectPage(path, 404);
    }
  });

  test('malformed and forged cursors are 400 with an explanation', async () => {
    const html = await expectPage('/news?after=not-a-cursor!!', 400);
    assert.match(html, /not a valid page marker/);
    await expectPage(`/news?after=${Buffer.from('2026-01-01|1').toString('base64url')}`, 400);
    await expectPage(`/news?after=${'A'.repeat(500)}`, 400);
    await expectPage(`/topics/water?after=${Buffer.from("2026-01-01T00:00:00.000Z|1' OR 1=1").toString('base64url')}`, 400);
    // A well-formed cursor past the end is simply an empty page.
    const response = await t.app.request(`/news?after=${encodeCursor({ at: '2000-01-01T00:00:00.000Z', id: 1 })}`);
    assert.equal(response.status, 200);
  });

  test('absurd query values are ignored or refused, never a 500', async () => {
    for (const path of ['/news?after=', '/news?after=%FF%FE', '/?page=-1&limit=99999999', '/news?after[]=1', '/news?after=a&after=b']) {
      const response = await t.app.request(path);
      assert.ok(response.status === 200 || response.status === 400, `${path} gave ${response.status}`);
    }
  });

  test('over-long addresses are 414', async () => {
    await expectPage(`/news/${'a'.repeat(3000)}`, 414);
  });

  test('path traversal on media addresses finds nothing', async () => {
    for (const path of ['/media/..%2f..%2fetc%2fpasswd', '/media/%2e%2e%2fmasthead.sqlite', '/media/../../masthead.sqlite', '/media/0123456789abcdef0123456789abcdef-320.webp%00.jpg', '/media/0123456789abcdef0123456789abcdef-320.webp']) {
      const response = await t.app.request(path);
      assert.equal(response.status, 404, path);
      assert.ok(!(await response.text()).includes('root:'), path);
    }
  });

  test('wrong methods are 405 with an Allow header', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const response = await t.app.request('/news/story-1', { method });
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get('allow'), 'GET, HEAD');
    }
  });

  test('HEAD answers like GET without a body', async () => {
    const response = await t.app.request('/news/story-1', { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '');
  });

  test('healthz answers with a small JSON status', async () => {
    const response = await t.app.request('/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', database: use().dialect });
  });

  test('a failure inside a page is a branded 500 that hides the cause', async () => {
    const broken = createTestApp(use(), mediaDir);
    broken.ctx.catalog = () => Promise.reject(new Error('secret internal detail'));
    const response = await broken.app.request('/news/story-1');
    assert.equal(response.status, 500);
    const html = await response.text();
    assert.ok(!html.includes('secret internal detail'));
    assert.match(html, /Something went wrong on our side/);
    assert.ok(broken.logs.some((line) => line.includes('secret internal detail')), 'the cause is logged');
  });
});

/** The audit log page through the real app: who may read it, keyset paging, filters, and everything shown as escaped text. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { recordAudit } from '../../src/accounts/audit.ts';
import { createUser } from '../../src/accounts/users.ts';
import { tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { AdminClient, signInAs } from './admin-client.ts';

/** The numbers of the `paging.test` entries on a page, in page order. */
function numbersOn(html: string): number[] {
  return [...html.matchAll(/n: (\d+)<\/pre>/g)].map((match) => Number(match[1]));
}

function olderLink(html: string): string | null {
  const href = /<a href="([^"]+)" rel="next">Older entries<\/a>/.exec(html)?.[1];
  return href ? href.replace(/&amp;/g, '&') : null;
}

describeEachDatabase('audit log page', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let admin: AdminClient;

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    admin = (await signInAs(t, 'admin')).client;
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('only admins and owners may read it', async () => {
    const { client: editor } = await signInAs(t, 'editor');
    assert.equal((await editor.request('/admin/audit')).status, 403);
    const { client: contributor } = await signInAs(t, 'contributor');
    assert.equal((await contributor.request('/admin/audit')).status, 403);
    assert.equal((await new AdminClient(t).request('/admin/audit')).headers.get('location'), '/admin/login');
    const { client: owner } = await signInAs(t, 'owner');
    const page = await owner.request('/admin/audit');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
  });

  test('newest first, fifty to a page, every entry exactly once through ?before', async () => {
    for (let n = 0; n < 120; n += 1) await recordAudit(use().db, { actorUserId: null, action: 'paging.test', details: { n } });
    const seen: number[] = [];
    let url: string | null = '/admin/audit?action=paging.';
    let pages = 0;
    while (url) {
      const response = await admin.request(url);
      assert.equal(response.status, 200, url);
      const html = await response.text();
      const numbers = numbersOn(html);
      assert.ok(numbers.length <= 50);
      seen.push(...numbers);
      url = olderLink(html);
      if (url) assert.match(url, /^\/admin\/audit\?action=paging\.&before=\d+$/, 'the filter is kept from page to page');
      pages += 1;
    }
    assert.equal(pages, 3);
    assert.deepEqual(
      seen,
      Array.from({ length: 120 }, (_, index) => 119 - index),
    );
  });

  test('filters by action prefix and by the person involved, showing names, subjects and addresses', async () => {
    const db = use().db;
    const actorId = await createUser(db, { email: 'desk@example.test', name: 'Desk <b>Chief</b>', role: 'admin', password: 'a long enough passphrase' }, { actorUserId: null });
    const subjectId = await createUser(db, { email: 'target@example.test', name: 'Tariq Subject', role: 'author', password: 'a long enough passphrase' }, { actorUserId: null });
    await recordAudit(db, { actorUserId: actorId, action: 'user.role_changed', subjectType: 'user', subjectId, details: { from: 'author', to: '<img src=x onerror=alert(1)>' }, ip: '192.0.2.7' });
    await recordAudit(db, { actorUserId: null, action: 'article.published', subjectType: 'article', subjectId: 42, details: { slug: 'harbour-report' } });

    const byAction = await (await admin.request('/admin/audit?action=user.role')).text();
    assert.match(byAction, /<code>user\.role_changed<\/code>/);
    assert.ok(!byAction.includes('article.published'));
    assert.match(byAction, /Desk &lt;b&gt;Chief&lt;\/b&gt; <span class="admin-audit__email">desk@example\.test<\/span>/);
    assert.match(byAction, /Tariq Subject <span class="admin-audit__email">target@example\.test<\/span>/);
    assert.match(byAction, /to: &lt;img src=x onerror=alert\(1\)&gt;/);
    assert.ok(!byAction.includes('<img src=x'));
    assert.match(byAction, /192\.0\.2\.7/);

    for (const id of [actorId, subjectId]) {
      const html = await (await admin.request(`/admin/audit?user=${id}`)).text();
      const actions = [...html.matchAll(/<code>([a-z_.]+)<\/code>/g)].map((match) => match[1]);
      assert.ok(actions.includes('user.role_changed'), `entry involving user ${id}`);
      assert.ok(actions.every((action) => action === 'user.role_changed' || action === 'user.create'), actions.join());
      assert.match(html, new RegExp(`<option value="${id}" selected>`));
    }
    const other = await (await admin.request('/admin/audit?action=article.')).text();
    assert.match(other, /article 42/);
    assert.match(other, /slug: harbour-report/);
  });

  test('malformed filters and cursors are 400 pages, never errors', async () => {
    for (const query of ['before=abc', 'before=-1', 'action=%25', 'action=User.', 'user=me', `action=${'a'.repeat(65)}`]) {
      assert.equal((await admin.request(`/admin/audit?${query}`)).status, 400, query);
    }
    const empty = await admin.request('/admin/audit?action=&user=');
    assert.equal(empty.status, 200, 'an empty filter form means no filter');
    const nothing = await (await admin.request('/admin/audit?action=no.such.action')).text();
    assert.match(nothing, /No entries\./);
  });
});

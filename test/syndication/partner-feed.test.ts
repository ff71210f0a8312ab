/**
 * Partner feeds: Atom that a real feed parser reads and ninjs JSON of the right shape, with
 * only the articles currently licensed to the token's licensee and only distributable photos;
 * Bearer header or ?token=; unknown and revoked tokens get 401; last use is noted.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { createPartnerToken, revokePartnerToken } from '../../src/syndication/partner-tokens.ts';
import type { Actor } from '../../src/syndication/partner-tokens.ts';
import { signInAs } from '../admin/admin-client.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { insertLicence, seedRepublishing } from './republish-fixtures.ts';
import type { RepublishFixture } from './republish-fixtures.ts';

interface NinjsItem {
  uri: string;
  type: string;
  version: string;
  firstcreated: string;
  versioncreated: string;
  headline: string;
  byline: string;
  body_html: string;
  language: string;
  subject: { name: string; uri: string }[];
  associations: Record<string, { type: string; uri: string; description_text: string; copyrightnotice?: string; by?: string; renditions: Record<string, { href: string; contenttype: string; width: number; height: number }> }>;
}

describeEachDatabase('partner feeds', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let f: RepublishFixture;
  let token = '';
  let expiredToken = '';
  let desk: Actor;

  before(async () => {
    mediaDir = tempMediaDir();
    f = await seedRepublishing(use().db, mediaDir);
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await insertLicence(use().db, { articleId: f.ccArticleId, licenseeId: f.licensees.current, validFrom: new Date().toISOString().slice(0, 10), validTo: inAWeek });
    t = createTestApp(use(), mediaDir);
    await t.ctx.generation.refresh();
    desk = { userId: (await signInAs(t, 'editor')).userId, ip: null };
    token = (await createPartnerToken(use().db, { licenseeId: f.licensees.current, label: 'CMS' }, desk)).token;
    expiredToken = (await createPartnerTokenFor(f.licensees.expired)).token;
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  async function createPartnerTokenFor(licenseeId: number) {
    return createPartnerToken(use().db, { licenseeId, label: '' }, desk);
  }

  test('Atom: parses, carries the currently licensed articles only, newest first, with the package HTML', async () => {
    const response = await t.app.request('/syndication/feed.atom', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/atom\+xml/);
    assert.match(response.headers.get('cache-control') ?? '', /no-store/);
    const text = await response.text();
    assert.equal(XMLValidator.validate(text), true);
    const feed = parseFeed(text);
    assert.equal(feed.meta.type, 'atom');
    assert.deepEqual(feed.items.map((item) => item.url), ['https://news.example.test/news/paid-story', 'https://news.example.test/news/rains-return']);
    const [paid, cc] = feed.items;
    assert.ok(paid?.content?.includes('/republish/pixel/'), 'the pixel counts the partner copy');
    assert.ok(paid?.content?.includes('Republished under licence TT-TEST-'));
    assert.ok(!cc?.content?.includes('Hero Wire Service'), 'no wire hero');
    assert.ok(!text.includes('draft-story'), 'an unpublished article is never in a feed');
  });

  test('ninjs JSON: the right shape, and only distributable photos as associations', async () => {
    const response = await t.app.request(`/syndication/feed.json?token=${encodeURIComponent(token)}`);
    assert.equal(response.status, 200);
    const document = (await response.json()) as { items: NinjsItem[] };
    assert.equal(document.items.length, 2);
    const distributableKeys = (JSON.parse((await use().db.selectFrom('images').select('variants').where('id', '=', f.distributableImageId).executeTakeFirstOrThrow()).variants) as { key: string }[]).map((v) => v.key);
    for (const item of document.items) {
      assert.equal(item.type, 'text');
      assert.match(item.uri, /^tag:news\.example\.test,\d{4}-\d{2}-\d{2}:article\/\d+$/);
      assert.match(item.firstcreated, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.match(item.versioncreated, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.equal(typeof item.version, 'string');
      assert.equal(item.language, 'en');
      assert.equal(item.byline, 'Rania Haddad');
      assert.ok(item.body_html.includes('<h1>'));
      assert.ok(item.subject.some((subject) => subject.name === 'Jordan' && subject.uri.startsWith('https://')));
      for (const association of Object.values(item.associations)) {
        assert.equal(association.type, 'picture');
        assert.equal(association.copyrightnotice, 'Lina Staff Photographer');
        for (const rendition of Object.values(association.renditions)) {
          assert.ok(rendition.href.startsWith('https://news.example.test/media/'));
          assert.equal(rendition.contenttype, 'image/jpeg');
          assert.ok(distributableKeys.some((key) => rendition.href.endsWith(key)), 'only the distributable photo');
        }
      }
    }
    const [paid, cc] = document.items;
    assert.deepEqual(Object.keys(paid?.associations ?? {}), ['featureimage'], 'the distributable hero (also in the body) once');
    assert.equal(paid?.associations.featureimage?.description_text, 'A test caption.');
    assert.deepEqual(Object.keys(cc?.associations ?? {}), ['picture1'], 'the wire hero is not associated');
  });

  test('unknown, missing and revoked tokens get 401 in the feed’s own format', async () => {
    const missing = await t.app.request('/syndication/feed.json');
    assert.equal(missing.status, 401);
    assert.equal(((await missing.json()) as { error: string }).error, 'unauthorized');
    assert.match(missing.headers.get('www-authenticate') ?? '', /^Bearer/);
    const unknown = await t.app.request('/syndication/feed.atom', { headers: { authorization: `Bearer ${'x'.repeat(43)}` } });
    assert.equal(unknown.status, 401);
    assert.equal(XMLValidator.validate(await unknown.text()), true);

    const { id, token: doomed } = await createPartnerTokenFor(f.licensees.current);
    assert.equal((await t.app.request('/syndication/feed.json', { headers: { authorization: `Bearer ${doomed}` } })).status, 200);
    await revokePartnerToken(use().db, f.licensees.current, id, desk);
    assert.equal((await t.app.request('/syndication/feed.json', { headers: { authorization: `Bearer ${doomed}` } })).status, 401);
  });

  test('an expired licence gives an empty feed; last use is recorded', async () => {
    const response = await t.app.request('/syndication/feed.json', { headers: { authorization: `Bearer ${expiredToken}` } });
    assert.equal(response.status, 200);
    assert.deepEqual(((await response.json()) as { items: unknown[] }).items, []);
    const row = await use().db.selectFrom('partner_feed_tokens').select('last_used_at').where('licensee_id', '=', f.licensees.expired).executeTakeFirstOrThrow();
    assert.ok(row.last_used_at);
  });
});

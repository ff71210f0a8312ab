/**
 * Partner feeds: Atom that a real feed parser reads and IPTC ninjs 2.0 JSON (checked against
 * the 2.0 structure by ninjs-checker.ts), with only the articles currently licensed to the
 * token's licensee and only distributable photos; Bearer header or ?token=; unknown and
 * revoked tokens get 401; last use is noted.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { createPartnerToken, revokePartnerToken } from '../../src/syndication/partner-tokens.ts';
import type { Actor } from '../../src/syndication/partner-tokens.ts';
import type { NinjsItem } from '../../src/syndication/partner-ninjs.ts';
import { signInAs } from '../admin/admin-client.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { ninjsProblems } from './ninjs-checker.ts';
import { insertLicence, seedRepublishing } from './republish-fixtures.ts';
import type { RepublishFixture } from './republish-fixtures.ts';

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

  test('ninjs 2.0: a JSON array of conforming ninjs objects, feed facts in Link headers', async () => {
    const response = await t.app.request(`/syndication/feed.json?token=${encodeURIComponent(token)}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const link = response.headers.get('link') ?? '';
    assert.ok(link.includes('<https://news.example.test/syndication/feed.json>; rel="self"'), link);
    assert.ok(link.includes('<https://news.example.test/syndication/feed.atom>; rel="alternate"; type="application/atom+xml"'), link);
    assert.ok(link.includes('<http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json>; rel="describedby"'), link);
    const items = (await response.json()) as NinjsItem[];
    assert.ok(Array.isArray(items), 'the body is a list of ninjs objects, with no wrapper of our own');
    assert.equal(items.length, 2);
    items.forEach((item, index) => assert.deepEqual(ninjsProblems(item, `$[${index}]`), []));
    for (const item of items) {
      assert.match(item.uri, /^tag:news\.example\.test,\d{4}-\d{2}-\d{2}:article\/\d+$/);
      assert.deepEqual(item.standard, { name: 'ninjs', version: '2.0', schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json' });
      assert.equal(item.type, 'text');
      assert.match(item.version ?? '', /^\d+$/);
      assert.equal(item.language, 'en');
      assert.equal(item.by, 'Rania Haddad');
      assert.equal(item.headlines?.[0]?.role, 'main');
      const html = item.bodies?.find((body) => body.contenttype === 'text/html')?.value ?? '';
      assert.ok(html.includes('<h1>') && html.includes('/republish/pixel/'), 'the package HTML, pixel included');
      assert.ok(item.bodies?.some((body) => body.contenttype === 'text/plain' && body.value.includes('Final paragraph of the test story.')), 'and its plain text');
      assert.ok(item.places?.some((place) => place.name === 'Jordan' && place.uri?.startsWith('https://')), 'a country tag is a place');
      assert.ok(item.subjects?.some((subject) => subject.name === 'Water' && subject.literal === 'topic:water'), 'a topic tag is a subject');
      assert.ok(item.altids?.some((id) => id.role === 'canonical-url' && id.value.startsWith('https://news.example.test/news/')));
      assert.ok(item.copyrightnotice?.includes('first published by Test Ledger'));
    }
    const distributableKeys = (JSON.parse((await use().db.selectFrom('images').select('variants').where('id', '=', f.distributableImageId).executeTakeFirstOrThrow()).variants) as { key: string }[]).map((v) => v.key);
    const [paid, cc] = items;
    assert.deepEqual(paid?.associations?.map((association) => association.name), ['featureimage'], 'the distributable hero (also in the body) once');
    assert.deepEqual(cc?.associations?.map((association) => association.name), ['picture1'], 'the wire hero and wire body photos are not associated');
    for (const association of [...(paid?.associations ?? []), ...(cc?.associations ?? [])]) {
      assert.equal(association.type, 'picture');
      assert.equal(association.by, 'Lina Staff Photographer');
      assert.ok((association.renditions ?? []).length > 0);
      for (const rendition of association.renditions ?? []) {
        assert.match(rendition.name, /^jpeg-\d+$/);
        assert.equal(rendition.contenttype, 'image/jpeg');
        assert.ok(rendition.href.startsWith('https://news.example.test/media/') && distributableKeys.some((key) => rendition.href.endsWith(key)), 'only the distributable photo');
      }
    }
    assert.deepEqual(paid?.associations?.[0]?.descriptions?.find((d) => d.role === 'caption')?.value, 'A test caption.');
    assert.equal(cc?.associations?.[0]?.descriptions?.find((d) => d.role === 'caption')?.value, 'Farmers inspect the canal.', 'the caption of this use');
    assert.equal(cc?.associations?.[0]?.descriptions?.find((d) => d.role === 'alternative-text')?.value, 'Two farmers beside a canal', 'and its alt text');
  });

  test('the ninjs checker itself refuses 1.x fields, keyed maps and nameless associations', () => {
    assert.deepEqual(ninjsProblems({ uri: 'tag:x.test,2026-01-01:a' }), []);
    const problems = ninjsProblems({ headline: 'x', body_html: '<p>x</p>', associations: { featureimage: { uri: 'https://x.test/a.jpg' } }, renditions: [{ href: 'https://x.test/a.jpg' }] });
    assert.deepEqual(problems, [
      '$.uri: is required',
      '$.headline: is not a property ninjs 2.0 defines here',
      '$.body_html: is not a property ninjs 2.0 defines here',
      '$.associations: must be an array of ninjs objects, not object',
      '$.renditions[0].name: is required',
    ]);
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
    assert.deepEqual(await response.json(), []);
    const row = await use().db.selectFrom('partner_feed_tokens').select('last_used_at').where('licensee_id', '=', f.licensees.expired).executeTakeFirstOrThrow();
    assert.ok(row.last_used_at);
  });
});

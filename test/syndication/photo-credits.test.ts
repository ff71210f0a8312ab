/**
 * Photo credits travel as the article page prints them, through one function
 * (src/media/credit.ts): the article's own hero credit reaches the package, and a stored
 * credit that already names its organisation ("Samer Odeh/Mashriq Wire" of "Mashriq
 * Wire") is never doubled, on the page, in the package, on the Creative Commons page, in
 * the removed-photo note, in the partner feeds and in the site's own feed.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createUser } from '../../src/accounts/users.ts';
import { createArticle } from '../../src/articles/commands.ts';
import { buildPackage } from '../../src/syndication/package.ts';
import { createPartnerToken } from '../../src/syndication/partner-tokens.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { buildArticle, createImage, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { insertLicence } from './republish-fixtures.ts';

const STAFF_HERO = 'Youssef Benali/Test Ledger';
const STAFF_BODY = 'Lina Sarkis/Test Ledger';
const WIRE = 'Samer Odeh/Mashriq Wire';
const DOUBLED = /Test Ledger\/Test Ledger|Mashriq Wire\/Mashriq Wire/;

function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describeEachDatabase('photo credits in packages and feeds', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let ccArticleId: number;
  let paidArticleId: number;
  let token: string;

  before(async () => {
    mediaDir = tempMediaDir();
    const db = use().db;
    const { newsId, authorId } = await seedSmallNewsroom(db, mediaDir, 1);
    const staffHero = await createImage(db, mediaDir, { credit: STAFF_HERO, creditOrganisation: 'Test Ledger', canDistribute: true });
    const staffBody = await createImage(db, mediaDir, { credit: 'Lina Sarkis', creditOrganisation: 'Test Ledger', canDistribute: true });
    const wire = await createImage(db, mediaDir, { credit: WIRE, creditOrganisation: 'Mashriq Wire', canDistribute: false });
    const body = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'The ferry resumed its crossings on Sunday.' }] },
        { type: 'imageBlock', attrs: { imageId: staffBody, caption: 'The quay at noon.', credit: null, alt: 'A quay with a moored ferry' } },
        { type: 'imageBlock', attrs: { imageId: wire, caption: 'Passengers boarding.', credit: null, alt: 'Passengers on a gangway' } },
      ],
    };
    const common = { sectionId: newsId, authorIds: [authorId], byline: null, body, heroImageId: staffHero };
    ccArticleId = await createArticle(db, buildArticle({ ...common, slug: 'ferry-resumes', licensingPolicy: 'cc' }));
    paidArticleId = await createArticle(db, buildArticle({ ...common, slug: 'ferry-timetable', licensingPolicy: 'paid', heroCredit: 'Harbour Authority handout' }));
    const licensee = (await db.insertInto('licensees').values({ name: 'Credit Desk', organisation: 'Credit Desk Media', email: 'credits@outlet.example', outlet_url: 'https://outlet.example', kind: 'partner', created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow()).id;
    await insertLicence(db, { articleId: paidArticleId, licenseeId: licensee, validFrom: day(-1), validTo: day(30) });
    t = createTestApp(use(), mediaDir);
    await t.ctx.generation.refresh();
    const editorId = await createUser(db, { email: `credits.${process.pid}@example.test`, name: 'Desk Editor', role: 'editor', password: 'correct horse battery staple' }, { actorUserId: null });
    token = (await createPartnerToken(db, { licenseeId: licensee, label: '' }, { userId: editorId, ip: null })).token;
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('the article page prints each credit once', async () => {
    const html = await (await t.app.request('/news/ferry-resumes')).text();
    assert.ok(html.includes(`Photo: ${STAFF_HERO}</span>`), 'the hero');
    assert.ok(html.includes(`Photo: ${STAFF_BODY}</span>`), 'a body photo: photographer and organisation');
    assert.ok(html.includes(`Photo: ${WIRE}</span>`), 'the wire photo');
    assert.doesNotMatch(html, DOUBLED);
  });

  test('the package and its removed-photo note carry the same credits, never doubled', async () => {
    const pkg = await buildPackage(t.ctx, ccArticleId, null);
    assert.ok(pkg);
    assert.ok(pkg.html.includes(`Photo: ${STAFF_HERO}`) && pkg.text.includes(`Photo: ${STAFF_HERO}`), 'the hero credit');
    assert.ok(pkg.html.includes(`Photo: ${STAFF_BODY}`) && pkg.text.includes(`Photo: ${STAFF_BODY}`));
    assert.deepEqual(pkg.removed.map((item) => item.description), [`Photo removed: wire photo, credit ${WIRE} (“Passengers boarding.”)`]);
    assert.doesNotMatch(pkg.html + pkg.text, DOUBLED);
  });

  test("the article's own hero credit reaches the package", async () => {
    const licence = await use().db.selectFrom('licences').select('id').where('article_id', '=', paidArticleId).executeTakeFirstOrThrow();
    const pkg = await buildPackage(t.ctx, paidArticleId, licence.id);
    assert.ok(pkg);
    assert.ok(pkg.html.includes('Photo: Harbour Authority handout'), pkg.html);
    assert.ok(!pkg.html.includes(`Photo: ${STAFF_HERO}`), 'the photo’s stored credit gives way to the article’s');
  });

  test('the Creative Commons page, the partner feeds and the site feed', async () => {
    const ccPage = await (await t.app.request(`/republish/${ccArticleId}`)).text();
    assert.ok(ccPage.includes(STAFF_HERO) && ccPage.includes(WIRE));
    assert.doesNotMatch(ccPage, DOUBLED);
    const headers = { authorization: `Bearer ${token}` };
    const ninjs = await (await t.app.request('/syndication/feed.json', { headers })).text();
    assert.ok(ninjs.includes('Harbour Authority handout'), 'the hero association carries the article’s credit');
    assert.ok(ninjs.includes(STAFF_BODY), 'the body photo’s association');
    assert.doesNotMatch(ninjs, DOUBLED);
    const atom = await (await t.app.request('/syndication/feed.atom', { headers })).text();
    assert.ok(atom.includes('Harbour Authority handout'));
    assert.doesNotMatch(atom, DOUBLED);
    const siteFeed = await (await t.app.request('/feed.json')).text();
    assert.ok(siteFeed.includes(STAFF_HERO));
    assert.doesNotMatch(siteFeed, DOUBLED);
  });
});

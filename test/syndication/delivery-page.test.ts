/**
 * The licensee's pages over HTTP, on both databases: the delivery page of a licence in
 * force (the package without wire photos, with credit, canonical link and pixel; never
 * cached), forged links (404, nothing named), expired or revoked licences ("this licence
 * has ended", nothing of the package), the certificate, and accepting a counter-offer.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createArticle } from '../../src/articles/commands.ts';
import { createUser } from '../../src/accounts/users.ts';
import { approveRequest, counterOffer } from '../../src/syndication/decisions.ts';
import { revokeLicence } from '../../src/syndication/licences.ts';
import { SYNDICATION_LINK, licenceDeliveryUrl, requestStatusUrl } from '../../src/syndication/links.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { buildArticle, createImage, seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { eventKinds, insertRequest } from './decisions-fixtures.ts';

const PUBLIC = 'https://news.example.test';

/** The decoded content of a textarea by id. */
function textareaOf(html: string, id: string): string {
  const raw = new RegExp(`<textarea id="${id}"[^>]*>([^]*?)</textarea>`).exec(html)?.[1] ?? '';
  return raw.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describeEachDatabase('licence delivery pages', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let articleId: number;
  let editorId: number;
  let wireKey: string;
  let openKey: string;
  const actor = () => ({ userId: editorId, ip: null });

  before(async () => {
    mediaDir = tempMediaDir();
    const db = use().db;
    const { newsId, authorId } = await seedSmallNewsroom(db, mediaDir, 1);
    const openPhoto = await createImage(db, mediaDir, { credit: 'Open Lens Photographer', canDistribute: true });
    const wirePhoto = await createImage(db, mediaDir, { credit: 'Wire Agency Staff', canDistribute: false });
    const keyOf = async (id: number) => {
      const row = await db.selectFrom('images').select('variants').where('id', '=', id).executeTakeFirstOrThrow();
      return (JSON.parse(row.variants) as { key: string }[])[0]?.key.split('-')[0] ?? 'missing';
    };
    [openKey, wireKey] = [await keyOf(openPhoto), await keyOf(wirePhoto)];
    const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
    articleId = await createArticle(
      db,
      buildArticle({
        sectionId: newsId,
        authorIds: [authorId],
        byline: null,
        headline: 'Reservoir levels recover after a wet spring',
        slug: 'reservoir-levels-recover',
        body: {
          type: 'doc',
          content: [
            paragraph('Engineers measured the reservoir every morning.'),
            { type: 'imageBlock', attrs: { imageId: openPhoto, caption: 'The dam at dawn.', credit: null, alt: 'A concrete dam with water behind it' } },
            paragraph('The water board published its figures on Monday.'),
            { type: 'imageBlock', attrs: { imageId: wirePhoto, caption: 'Officials at the briefing.', credit: null, alt: 'Officials at a table' } },
          ],
        },
      }),
    );
    t = createTestApp(use(), mediaDir);
    editorId = await createUser(db, { email: `delivery.${process.pid}@example.test`, name: 'Desk Editor', role: 'editor', password: 'correct horse battery staple' }, { actorUserId: null });
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  async function issue(email: string): Promise<{ licenceId: number; reference: string; path: string }> {
    const requestId = await insertRequest(t.ctx.db, articleId, { email, medium: 'web', territory: 'national:JO' });
    const outcome = await approveRequest(t.ctx, requestId, actor());
    const licence = await t.ctx.db.selectFrom('licences').select('valid_to').where('id', '=', outcome.licenceId).executeTakeFirstOrThrow();
    const url = await licenceDeliveryUrl(t.ctx, outcome.licenceId, licence.valid_to);
    return { ...outcome, path: url.slice(PUBLIC.length) };
  }

  test('the delivery page holds the clean package, never cached and sending no referrer', async () => {
    const { reference, path } = await issue('delivery@example.org');
    const response = await t.app.request(path);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    const html = await response.text();
    assert.ok(html.includes(reference));
    assert.ok(html.includes('Reservoir levels recover after a wet spring'));
    assert.ok(html.includes(`${PUBLIC}/news/reservoir-levels-recover`), 'canonical link');
    assert.ok(html.includes('Left out of your package'), 'the note of what was removed');
    assert.match(html, /<iframe[^>]*sandbox=""/);
    // The preview frame inherits the page's strict policy: styled from our origin, never inline.
    const srcdoc = (/srcdoc="([^"]*)"/.exec(html)?.[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    assert.ok(!srcdoc.includes('<style') && !srcdoc.includes('unsafe-inline') && !/ style="/.test(srcdoc), 'no inline style in the preview');
    assert.doesNotMatch(response.headers.get('content-security-policy') ?? '', /unsafe-inline/);
    const stylesheet = /<link rel="stylesheet" href="https:\/\/news\.example\.test(\/assets\/[0-9a-f]{12}\/package-preview\.css)">/.exec(srcdoc)?.[1];
    assert.ok(stylesheet, srcdoc.slice(0, 400));
    assert.ok(srcdoc.includes(`style-src https://news.example.test${stylesheet}`), 'the frame allows that one stylesheet');
    const css = await t.app.request(stylesheet);
    assert.equal(css.status, 200);
    assert.match(await css.text(), /img, picture, video \{ max-width: 100%; height: auto; \}/);

    const packageHtml = textareaOf(html, 'package-html');
    assert.ok(packageHtml.includes(openKey), 'the distributable photo is in the package');
    assert.ok(!packageHtml.includes(wireKey), 'the wire photo is not');
    assert.ok(packageHtml.includes('Open Lens Photographer'));
    assert.ok(!packageHtml.includes('Wire Agency Staff'));
    assert.ok(packageHtml.includes(`${PUBLIC}/news/reservoir-levels-recover`));
    assert.match(packageHtml, /<img src="https:\/\/news\.example\.test\/republish\/pixel\/[^"]+\.gif"/);
    assert.ok(textareaOf(html, 'package-text').includes('The water board published its figures'));

    const certificate = await t.app.request(`${path}/certificate`);
    assert.equal(certificate.status, 200);
    const certificateHtml = await certificate.text();
    assert.ok(certificateHtml.includes('Certificate of licence'));
    assert.ok(certificateHtml.includes(reference));
  });

  test('forged links are a plain 404 that names nothing', async () => {
    const { reference, path, licenceId } = await issue('forged@example.org');
    const token = path.split('/').at(-1) ?? '';
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const otherPurpose = await t.ctx.links.sign(SYNDICATION_LINK.request, { l: licenceId }, null);
    const wrongPayload = await t.ctx.links.sign(SYNDICATION_LINK.delivery, { l: 999_999 }, null);
    for (const candidate of [flipped, otherPurpose, wrongPayload, 'not-a-token', 'a'.repeat(3000)]) {
      for (const suffix of ['', '/certificate']) {
        const response = await t.app.request(`/republish/licences/${candidate}${suffix}`);
        assert.equal(response.status, candidate.length > 2000 ? 414 : 404, `${candidate.slice(0, 20)}${suffix}`);
        const body = await response.text();
        assert.ok(!body.includes(reference) && !body.includes('Reservoir levels'), 'nothing of the licence is shown');
      }
    }
  });

  test('an expired link or revoked licence shows that the licence has ended, and nothing of the package', async () => {
    const { licenceId, reference, path } = await issue('ended@example.org');
    const expired = await t.ctx.links.sign(SYNDICATION_LINK.delivery, { l: licenceId }, new Date(Date.now() - 60_000));
    const expiredPage = await t.app.request(`/republish/licences/${expired}`);
    assert.equal(expiredPage.status, 410);
    const expiredHtml = await expiredPage.text();
    assert.ok(expiredHtml.includes('This licence has ended'));
    assert.ok(!expiredHtml.includes(reference) && !expiredHtml.includes('Reservoir levels'));
    assert.equal((await t.app.request(`/republish/licences/${expired}/certificate`)).status, 410);

    await revokeLicence(t.ctx.db, actor(), licenceId, 'Credit line missing.');
    const revoked = await t.app.request(path);
    assert.equal(revoked.status, 410);
    const revokedHtml = await revoked.text();
    assert.ok(revokedHtml.includes('has withdrawn this licence'));
    assert.ok(!revokedHtml.includes('package-html') && !revokedHtml.includes('Reservoir levels'));
    const certificate = await (await t.app.request(`${path}/certificate`)).text();
    assert.ok(certificate.includes('this licence is no longer valid'));

    // A licence whose period is over, behind a link that would still be valid.
    const other = await issue('past@example.org');
    await t.ctx.db.updateTable('licences').set({ valid_from: '2020-01-01', valid_to: '2020-02-01' }).where('id', '=', other.licenceId).execute();
    const stillSigned = (await licenceDeliveryUrl(t.ctx, other.licenceId, '2099-01-01')).slice(PUBLIC.length);
    assert.equal((await t.app.request(stillSigned)).status, 410);
  });

  test('a requester accepts a counter-offer from the request page; forged or cross-site posts are refused', async () => {
    const db = t.ctx.db;
    const requestId = await insertRequest(db, articleId, { email: 'accept@example.org', medium: 'newsletter', territory: 'national:QA' });
    await counterOffer(t.ctx, requestId, actor(), { feeMinor: 7_500, message: 'Online only, please.' });
    const statusPath = (await requestStatusUrl(t.ctx, requestId)).slice(PUBLIC.length);
    const statusPage = await t.app.request(statusPath);
    assert.equal(statusPage.status, 200);
    const cookie = (statusPage.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const formToken = /name="form_token" value="([^"]+)"/.exec(await statusPage.text())?.[1] ?? '';
    assert.ok(cookie && formToken, 'the status page offers the accept form');
    const accept = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      t.app.request(`${statusPath}/accept`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PUBLIC, cookie, ...headers }, body: new URLSearchParams(body).toString() });

    assert.equal((await accept({ form_token: formToken }, { origin: 'https://evil.example.com' })).status, 403);
    assert.equal((await accept({ form_token: formToken }, { 'sec-fetch-site': 'cross-site' })).status, 403);
    assert.equal((await accept({ form_token: 'wrong' })).status, 403);
    assert.equal((await accept({ form_token: formToken, website: 'http://spam.example.com' })).status, 303, 'a bot is answered as if it worked');
    assert.equal((await db.selectFrom('syndication_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow()).status, 'countered');
    const forged = await t.app.request('/republish/requests/abc.def/accept', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PUBLIC, cookie }, body: `form_token=${formToken}` });
    assert.equal(forged.status, 404);

    const accepted = await accept({ form_token: formToken });
    assert.equal(accepted.status, 303);
    assert.equal(accepted.headers.get('location'), statusPath);
    const licence = await db.selectFrom('licences').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
    assert.equal(licence.fee_minor, 7_500);
    assert.ok((await eventKinds(db, requestId)).includes('accepted'));
    assert.equal((await accept({ form_token: formToken })).status, 303, 'accepting twice lands on the issued licence');
    assert.equal((await db.selectFrom('licences').select('id').where('request_id', '=', requestId).execute()).length, 1);

    // The status page now leads with the agreed fee; the instant quote is shown as the estimate it was.
    const after = await (await t.app.request(statusPath)).text();
    const agreed = after.indexOf('Agreed fee: <strong>US$75.00</strong>');
    assert.ok(agreed > 0, 'the agreed fee, prominently');
    assert.ok(agreed < after.indexOf('<table'), 'above the quote');
    assert.ok(after.includes('Your instant quote (an estimate)') && after.includes('replaces the instant quote'));
    assert.ok(!after.includes('<caption>Indicative quote</caption>'), 'the quote no longer reads as the price');
  });
});

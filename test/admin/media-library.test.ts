/**
 * The media library: search, keyset paging, who may edit an image's details, the upload
 * form that works without JavaScript, and pages that escape what people typed.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { createArticle } from '../../src/articles/commands.ts';
import { readContentVersion } from '../../src/content/content-version.ts';
import { buildArticle, createSection, makeJpeg, paragraphDoc, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import type { AdminClient } from './admin-client.ts';
import { signInAs } from './admin-client.ts';

interface ApiImage {
  id: number;
  caption: string | null;
  credit: string | null;
  alt: string;
  canDistribute: boolean;
  createdAt: string;
  uploadedBy: number | null;
}

interface ApiPage {
  images: ApiImage[];
  next: string | null;
}

let photoCounter = 0;

/** A small, distinct JPEG per call. */
function photo(): Promise<Buffer> {
  photoCounter += 1;
  return sharp({ create: { width: 60 + photoCounter, height: 40, channels: 3, background: { r: (photoCounter * 37) % 256, g: 90, b: 140 } } })
    .jpeg()
    .toBuffer();
}

/** Uploads through the API and returns the stored image. */
async function uploadAs(client: AdminClient, fields: Record<string, string>, fileName = 'photo.jpg', bytes?: Buffer): Promise<ApiImage> {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes ?? (await photo()))], { type: 'image/jpeg' }), fileName);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const response = await client.request('/admin/api/media', { method: 'POST', body: form, headers: { 'x-csrf-token': client.csrfToken } });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as ApiImage;
}

async function search(client: AdminClient, query: string): Promise<ApiPage> {
  const response = await client.request(`/admin/api/media?${query}`);
  assert.equal(response.status, 200);
  return (await response.json()) as ApiPage;
}

describeEachDatabase('media library', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let uploader: Awaited<ReturnType<typeof signInAs>>;
  let otherContributor: Awaited<ReturnType<typeof signInAs>>;
  let editor: Awaited<ReturnType<typeof signInAs>>;

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    uploader = await signInAs(t, 'contributor', 'Uploading Contributor');
    otherContributor = await signInAs(t, 'contributor');
    editor = await signInAs(t, 'editor');
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('search covers caption, credit, agency, alt and file name, ignoring case; every word must match', async () => {
    const flood = await uploadAs(uploader.client, { caption: 'Flooded market in Zarqa after the storm', credit: 'Rania Haddad', creditOrganisation: 'Wirelight Agency', alt: 'Stalls under brown water' });
    const harvest = await uploadAs(uploader.client, { caption: 'Olive harvest near Ajloun', credit: 'Staff photographer', alt: 'Pickers on ladders' }, 'ajloun_grove_2026.jpg');
    const ids = async (q: string) => (await search(editor.client, new URLSearchParams({ q }).toString())).images.map((image) => image.id);
    assert.deepEqual(await ids('zarqa'), [flood.id], 'caption, lower case');
    assert.deepEqual(await ids('RANIA'), [flood.id], 'credit, upper case');
    assert.deepEqual(await ids('wirelight'), [flood.id], 'credit organisation');
    assert.deepEqual(await ids('ladders'), [harvest.id], 'alt text');
    assert.deepEqual(await ids('grove_2026'), [harvest.id], 'file name');
    assert.deepEqual(await ids('zarqa haddad'), [flood.id], 'words may match different fields');
    assert.deepEqual(await ids('zarqa ajloun'), [], 'but every word must match');
    assert.deepEqual(await ids('   '), (await search(editor.client, '')).images.map((image) => image.id), 'a blank search lists everything');
  });

  test('LIKE wildcards in a search are literal characters', async () => {
    const percent = await uploadAs(uploader.client, { caption: 'Turnout reached 87% in Irbid' });
    await uploadAs(uploader.client, { caption: 'Turnout reached 870 in Irbid' });
    const underscore = await uploadAs(uploader.client, { caption: 'Scan' }, 'irbid_q9.jpg');
    await uploadAs(uploader.client, { caption: 'irbidxq9 scan' });
    const ids = async (q: string) => (await search(editor.client, new URLSearchParams({ q }).toString())).images.map((image) => image.id);
    assert.deepEqual(await ids('87%'), [percent.id]);
    assert.deepEqual(await ids('irbid_q9'), [underscore.id]);
    assert.deepEqual(await ids('irbid\\'), []);
  });

  test('paging walks newest first with an opaque cursor, with no image twice and none missed', async () => {
    const batch: number[] = [];
    for (let index = 0; index < 27; index += 1) batch.push((await uploadAs(editor.client, { caption: `Pagingbatch frame ${index}` })).id);
    const first = await search(uploader.client, 'q=pagingbatch');
    assert.equal(first.images.length, 24);
    assert.ok(first.next);
    const second = await search(uploader.client, new URLSearchParams({ q: 'pagingbatch', after: first.next }).toString());
    assert.equal(second.images.length, 3);
    assert.equal(second.next, null);
    const walked = [...first.images, ...second.images];
    assert.deepEqual(walked.map((image) => image.id).sort((a, b) => a - b), [...batch].sort((a, b) => a - b));
    for (let index = 1; index < walked.length; index += 1) {
      const [newer, older] = [walked[index - 1], walked[index]];
      assert.ok(newer && older && (newer.createdAt > older.createdAt || (newer.createdAt === older.createdAt && newer.id > older.id)), 'newest first');
    }
    // The unfiltered library pages the same way.
    const all = await search(uploader.client, '');
    assert.equal(all.images.length, 24);
    assert.equal(all.images[0]?.id, batch.at(-1));

    const bad = await uploader.client.request('/admin/api/media?after=not-a-cursor');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: string }).error, 'bad_request');
    assert.equal((await uploader.client.request('/admin/media?after=%00junk')).status, 400);
    assert.equal((await uploader.client.request(`/admin/api/media?q=${'x'.repeat(201)}`)).status, 400);

    const page = await (await uploader.client.request('/admin/media?q=pagingbatch')).text();
    const older = /<a href="(\/admin\/media\?q=pagingbatch&amp;after=[A-Za-z0-9_-]+)" rel="next">Older images<\/a>/.exec(page)?.[1];
    assert.ok(older, 'the page links to older images, keeping the search');
    const secondPage = await (await uploader.client.request(older.replaceAll('&amp;', '&'))).text();
    assert.equal((secondPage.match(/class="media-card"/g) ?? []).length, 3);
    assert.ok(!secondPage.includes('rel="next"'));
  });

  test('one image by id; unknown and malformed ids are 404', async () => {
    const image = await uploadAs(uploader.client, { caption: 'Single' });
    const response = await otherContributor.client.request(`/admin/api/media/${image.id}`);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as ApiImage).caption, 'Single');
    assert.equal((await otherContributor.client.request('/admin/api/media/999999')).status, 404);
    assert.equal((await otherContributor.client.request('/admin/api/media/abc')).status, 404);
    assert.equal((await otherContributor.client.request('/admin/media/999999')).status, 404);
  });

  test('editing: the uploader and editors may, another contributor may not; CSRF and validation hold', async () => {
    const image = await uploadAs(uploader.client, { caption: 'Before', alt: 'Old alt' });
    const path = `/admin/api/media/${image.id}`;

    const refused = await otherContributor.client.api('PATCH', path, { caption: 'Hijacked' });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: string }).error, 'forbidden');

    const versionBefore = await readContentVersion(t.ctx.db);
    const own = await uploader.client.api('PATCH', path, { caption: '  Council  meets\nat noon ', canDistribute: true });
    assert.equal(own.status, 200);
    const edited = (await own.json()) as ApiImage;
    assert.equal(edited.caption, 'Council meets at noon');
    assert.equal(edited.canDistribute, true);
    assert.equal(edited.alt, 'Old alt', 'fields left out are unchanged');
    assert.ok((await readContentVersion(t.ctx.db)).version > versionBefore.version, 'cached pages showing the caption are invalidated');

    const byEditor = await editor.client.api('PATCH', path, { credit: 'Desk', caption: '' });
    assert.equal(byEditor.status, 200);
    const byEditorBody = (await byEditor.json()) as ApiImage;
    assert.deepEqual([byEditorBody.credit, byEditorBody.caption], ['Desk', null]);

    assert.equal((await uploader.client.api('PATCH', path, { caption: 'No token' }, { csrf: false })).status, 403);
    const invalid = await uploader.client.api('PATCH', path, { caption: 'x'.repeat(2001), canDistribute: 'yes', uploadedBy: 1 });
    assert.equal(invalid.status, 422);
    const problems = ((await invalid.json()) as { problems: string[] }).problems;
    assert.ok(problems.some((problem) => problem.startsWith('caption: is longer than 2000')), problems.join(' | '));
    assert.ok(problems.some((problem) => problem.startsWith('canDistribute:')), problems.join(' | '));
    assert.ok(problems.some((problem) => problem.includes('uploadedBy')), problems.join(' | '));
    assert.equal((await uploader.client.api('PATCH', '/admin/api/media/999999', { caption: 'x' })).status, 404);
    assert.equal((await t.ctx.db.selectFrom('images').select('caption').where('id', '=', image.id).executeTakeFirstOrThrow()).caption, null, 'refused edits changed nothing');

    // The same rule on the edit page.
    const otherPage = await (await otherContributor.client.request(`/admin/media/${image.id}`)).text();
    assert.ok(!otherPage.includes(`action="/admin/media/${image.id}"`), 'no edit form for someone who may not edit');
    const formPost = await otherContributor.client.request(`/admin/media/${image.id}`, { form: { csrf: otherContributor.client.csrfToken, caption: 'Hijacked' } });
    assert.equal(formPost.status, 403);
    const saved = await uploader.client.request(`/admin/media/${image.id}`, { form: { csrf: uploader.client.csrfToken, alt: 'New alt', caption: 'From the page', credit: '', creditOrganisation: '' } });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), `/admin/media/${image.id}?saved=1`);
    const row = await t.ctx.db.selectFrom('images').select(['caption', 'alt', 'credit', 'can_distribute']).where('id', '=', image.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { caption: 'From the page', alt: 'New alt', credit: null, can_distribute: 0 }, 'an unticked box means not distributable');
    assert.equal((await uploader.client.request(`/admin/media/${image.id}`, { form: { caption: 'No token' } })).status, 403);
    const tooLong = await uploader.client.request(`/admin/media/${image.id}`, { form: { csrf: uploader.client.csrfToken, alt: 'a'.repeat(1001) } });
    assert.equal(tooLong.status, 422);
    assert.match(await tooLong.text(), /alt: is longer than 1000 characters/);
  });

  test('the upload form works without JavaScript: multipart with the token in a field, then a redirect', async () => {
    const page = await uploader.client.request('/admin/media');
    assert.equal(page.status, 200);
    const html = await page.text();
    const form = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"[^>]*>\s*<input type="hidden" name="csrf" value="([^"]+)">/.exec(html);
    assert.ok(form?.[1] && form[2], 'an upload form carrying the CSRF token');
    const action = form[1].replaceAll('&amp;', '&');
    assert.equal(form[2], uploader.client.csrfToken);
    assert.ok(!html.includes('<script'), 'the page needs no script');

    // A 5 MB photo: more than any other admin path accepts, well within the upload limit.
    const large = await sharp({ create: { width: 1500, height: 1200, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    assert.ok(large.length > 5 * 1024 * 1024);
    const body = new FormData();
    body.set('csrf', form[2]);
    body.set('file', new Blob([new Uint8Array(large)], { type: 'image/png' }), 'noise.png');
    body.set('caption', 'Sent by a plain form');
    body.set('canDistribute', 'on');
    const posted = await uploader.client.request(action, { method: 'POST', body });
    assert.equal(posted.status, 303);
    const location = posted.headers.get('location') ?? '';
    const id = Number(/^\/admin\/media\?uploaded=(\d+)$/.exec(location)?.[1]);
    const row = await t.ctx.db.selectFrom('images').select(['caption', 'uploaded_by', 'can_distribute', 'original_name']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { caption: 'Sent by a plain form', uploaded_by: uploader.userId, can_distribute: 1, original_name: 'noise.png' });
    const after = await (await uploader.client.request(location)).text();
    assert.match(after, /role="status">\s*Image uploaded\./);
    assert.ok(after.includes(`href="/admin/media/${id}"`));

    // A refused file comes back as the page, with the problem and what was typed.
    const count = async () => Number((await t.ctx.db.selectFrom('images').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const bad = new FormData();
    bad.set('csrf', form[2]);
    bad.set('file', new Blob(['just some text'], { type: 'image/jpeg' }), 'notes.jpg');
    bad.set('caption', 'Kept <caption> & typed');
    const refused = await uploader.client.request(action, { method: 'POST', body: bad });
    assert.equal(refused.status, 415);
    assert.match(refused.headers.get('content-type') ?? '', /^text\/html/);
    const refusedHtml = await refused.text();
    assert.match(refusedHtml, /class="form-errors" role="alert"/);
    assert.match(refusedHtml, /is not an image this site can read/);
    assert.ok(refusedHtml.includes('Kept &lt;caption&gt; &amp; typed</textarea>'));

    // Without the token (a forged cross-site form): refused, nothing stored.
    const forged = new FormData();
    forged.set('file', new Blob([new Uint8Array(await makeJpeg({ width: 200, height: 100 }))], { type: 'image/jpeg' }), 'forged.jpg');
    const forgedAnswer = await uploader.client.request(action, { method: 'POST', body: forged });
    assert.equal(forgedAnswer.status, 403);
    forged.set('csrf', otherContributor.client.csrfToken);
    assert.equal((await uploader.client.request(action, { method: 'POST', body: forged })).status, 403);
    assert.equal(await count(), before);

    const signedOut = await t.app.request(action, { method: 'POST', body: forged });
    assert.equal(signedOut.status, 303);
    assert.equal(signedOut.headers.get('location'), '/admin/login');
  });

  test('the library and image pages escape what people typed and show the wire badge', async () => {
    const hostile = '<script>alert("caption")</script> & "quotes"';
    const wire = await uploadAs(uploader.client, { caption: hostile, credit: '<b>Agency</b>', alt: '"><img src=x onerror=alert(1)>' }, '"<b>name.jpg');
    const staff = await uploadAs(uploader.client, { caption: 'Own photo', canDistribute: 'on' });
    const html = await (await editor.client.request('/admin/media')).text();
    assert.ok(html.includes('&lt;script&gt;alert(&quot;caption&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;'));
    assert.ok(html.includes('&lt;b&gt;Agency&lt;/b&gt;'));
    assert.ok(!html.includes('<script>alert') && !html.includes('<b>Agency') && !html.includes('<img src=x'));
    const cards = html.split('<li class="media-card">').slice(1);
    const card = (id: number) => cards.find((chunk) => chunk.startsWith(`<a class="media-card__link" href="/admin/media/${id}"`)) ?? '';
    assert.match(card(wire.id), /Wire – not distributable/);
    assert.doesNotMatch(card(staff.id), /Wire – not distributable/);
    assert.match(card(staff.id), /No alt text/);

    const detail = await editor.client.request(`/admin/media/${wire.id}`);
    assert.equal(detail.status, 200);
    const detailHtml = await detail.text();
    assert.ok(detailHtml.includes('<title>&lt;script&gt;alert'));
    assert.ok(detailHtml.includes('<dd>&quot;&lt;b&gt;name.jpg</dd>'), 'the file name, escaped');
    assert.ok(!detailHtml.includes('<script>alert') && !detailHtml.includes('<img src=x'));
    assert.match(detailHtml, /by Uploading Contributor/);
  });

  test('the image page lists variants and the articles that use the image, and no others', async () => {
    const image = await uploadAs(uploader.client, { caption: 'Used photo' }, 'used.jpg', await makeJpeg({ width: 700, height: 400 }));
    const sectionId = await createSection(t.ctx.db);
    const imageBlock = (imageId: number) => ({ type: 'imageBlock', attrs: { imageId, caption: null, credit: null, alt: null } });
    const doc = (imageId: number) => ({ type: 'doc', content: [...(paragraphDoc('Opening paragraph.') as { content: unknown[] }).content, imageBlock(imageId)] });
    await createArticle(t.ctx.db, buildArticle({ sectionId, headline: 'Hero user of the photo', heroImageId: image.id }));
    await createArticle(t.ctx.db, buildArticle({ sectionId, headline: 'Body user of the photo', body: doc(image.id), status: 'draft', publishedAt: null }));
    await createArticle(t.ctx.db, buildArticle({ sectionId, headline: 'Uses a different image id', body: doc(image.id * 10 + 1) }));
    const html = await (await editor.client.request(`/admin/media/${image.id}`)).text();
    assert.match(html, /Hero user of the photo<\/a> \(en, published; main image\)/);
    assert.match(html, /Body user of the photo<\/a> \(en, draft; in the text\)/);
    assert.ok(!html.includes('Uses a different image id'), `image ${image.id} is not image ${image.id * 10 + 1}`);
    for (const width of [320, 640]) {
      assert.match(html, new RegExp(`<td>JPEG</td><td>${width} × \\d+</td><td><a href="/media/[a-f0-9]{32}-${width}\\.jpg">`));
      assert.match(html, new RegExp(`<td>WebP</td><td>${width} × \\d+</td>`));
    }
    const unused = await uploadAs(uploader.client, { caption: 'Unused' });
    assert.match(await (await editor.client.request(`/admin/media/${unused.id}`)).text(), /Not used in any article yet\./);
  });

  test('signed-out visitors are sent to sign in', async () => {
    const response = await t.app.request('/admin/media');
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/admin/login');
    assert.equal((await t.app.request('/admin/media/1')).headers.get('location'), '/admin/login');
  });
});

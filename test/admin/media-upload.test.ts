/**
 * Image uploads through the Admin API, attacked the ways real uploads go wrong: files that
 * lie about their type, decompression bombs, oversized and empty files, photos carrying
 * GPS, missing CSRF tokens and strangers. Every refusal is a clear JSON 4xx that stores nothing.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { countUpload, UPLOAD_RATE_LIMIT } from '../../src/media/upload.ts';
import { makeJpeg, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { AdminClient, signInAs } from './admin-client.ts';

/** Sends a multipart upload as the API's clients do; `csrf: false` leaves the header off. */
async function upload(client: AdminClient, bytes: Buffer, fileName: string, fields: Record<string, string> = {}, options: { csrf?: boolean; type?: string } = {}): Promise<Response> {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)], { type: options.type ?? 'image/jpeg' }), fileName);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return client.request('/admin/api/media', { method: 'POST', body: form, headers: options.csrf === false ? {} : { 'x-csrf-token': client.csrfToken } });
}

interface ApiErrorBody {
  error: string;
  message: string;
  problems?: string[];
}

/** Asserts a JSON error answer of a status and kind, with a message a person can act on. */
async function assertApiError(response: Response, status: number, kind: string, message?: RegExp): Promise<ApiErrorBody> {
  assert.equal(response.status, status, `status ${response.status}, expected ${status}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = (await response.json()) as ApiErrorBody;
  assert.equal(body.error, kind);
  assert.ok(body.message.length > 10, 'the message explains the refusal');
  assert.ok(!/\bat \S+:\d+:\d+/.test(body.message), 'no stack trace');
  if (message) assert.match(body.message, message);
  return body;
}

/** A PNG of real structure whose header claims a size, with almost no pixel data behind it. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.alloc(1024))), chunk('IEND', Buffer.alloc(0))]);
}

describeEachDatabase('media upload abuse', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let client: AdminClient;
  let userId: number;

  const imageCount = async () => Number((await t.ctx.db.selectFrom('images').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    ({ client, userId } = await signInAs(t, 'contributor'));
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('a PNG and a WebP are accepted: 201 and the image in the API shape, variants served', async () => {
    const png = await sharp({ create: { width: 1000, height: 600, channels: 4, background: { r: 200, g: 40, b: 40, alpha: 0.5 } } }).png().toBuffer();
    const response = await upload(client, png, 'market.png', { alt: 'A red square', caption: 'Market at dawn', credit: 'Staff', creditOrganisation: 'Test Ledger', canDistribute: 'true' }, { type: 'image/png' });
    assert.equal(response.status, 201);
    const image = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(image).sort(), ['alt', 'canDistribute', 'caption', 'createdAt', 'credit', 'creditOrganisation', 'height', 'id', 'originalName', 'previewUrl', 'thumbnailUrl', 'uploadedBy', 'width']);
    assert.equal(image.width, 1000);
    assert.equal(image.height, 600);
    assert.equal(image.caption, 'Market at dawn');
    assert.equal(image.creditOrganisation, 'Test Ledger');
    assert.equal(image.canDistribute, true);
    assert.equal(image.originalName, 'market.png');
    assert.equal(image.uploadedBy, userId);
    assert.match(String(image.thumbnailUrl), /^\/media\/[a-f0-9]{32}-320\.jpg$/);
    assert.match(String(image.previewUrl), /^\/media\/[a-f0-9]{32}-960\.jpg$/);
    const thumbnail = await t.app.request(String(image.thumbnailUrl));
    assert.equal(thumbnail.status, 200);
    assert.equal((await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).width, 320);

    const webp = await sharp({ create: { width: 500, height: 400, channels: 3, background: { r: 10, g: 120, b: 60 } } }).webp().toBuffer();
    const second = await upload(client, webp, 'field.webp', {}, { type: 'image/webp' });
    assert.equal(second.status, 201);
    const stored = (await second.json()) as { width: number; canDistribute: boolean; alt: string; previewUrl: string };
    assert.equal(stored.width, 500);
    assert.equal(stored.canDistribute, false, 'without a say-so an upload is not distributable');
    assert.equal(stored.alt, '');
    assert.match(stored.previewUrl, /-320\.jpg$/, 'the largest JPEG up to 960 when there is no 960');
  });

  test('type is judged by content: text named .jpg, HTML sent as image/jpeg and SVG are 415; nothing stored', async () => {
    const before = await imageCount();
    await assertApiError(await upload(client, Buffer.from('This is a press release, not a photo.\n'.repeat(20)), 'photo.jpg'), 415, 'bad_request', /not an image/);
    await assertApiError(await upload(client, Buffer.from('<html><body><script>alert(1)</script></body></html>'), 'holiday.jpeg'), 415, 'bad_request', /not an image/);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><script>alert(1)</script></svg>');
    await assertApiError(await upload(client, svg, 'logo.png', {}, { type: 'image/png' }), 415, 'bad_request', /svg images are not accepted/);
    assert.equal(await imageCount(), before);
  });

  test('a decompression bomb (a 74-byte PNG claiming 30000×30000) is refused by its header: 422', async () => {
    const bomb = pngClaiming(30_000, 30_000);
    assert.ok(bomb.length < 200, 'the file itself is tiny');
    const before = await imageCount();
    const body = await assertApiError(await upload(client, bomb, 'innocent.png', {}, { type: 'image/png' }), 422, 'validation', /30000×30000 pixels/);
    assert.ok(body.problems?.some((problem) => problem.startsWith('file: ')));
    // Within the pixel budget but longer than any variant can be: refused the same way.
    await assertApiError(await upload(client, pngClaiming(20_000, 100), 'strip.png', {}, { type: 'image/png' }), 422, 'validation', /16,383 pixels on a side/);
    assert.equal(await imageCount(), before);
  });

  test('damaged, empty, tiny and missing files are 422, never 500', async () => {
    const before = await imageCount();
    const jpeg = await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg().toBuffer();
    await assertApiError(await upload(client, jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'cut-off.jpg'), 422, 'validation', /damaged or incomplete/);
    await assertApiError(await upload(client, Buffer.alloc(0), 'empty.jpg'), 422, 'validation', /empty/);
    await assertApiError(await upload(client, await makeJpeg({ width: 1, height: 1 }), 'pixel.jpg'), 422, 'validation', /at least 16 pixels/);
    const noFile = new FormData();
    noFile.set('caption', 'A caption without a photo');
    await assertApiError(await client.request('/admin/api/media', { method: 'POST', body: noFile, headers: { 'x-csrf-token': client.csrfToken } }), 422, 'validation', /file: choose an image/);
    await assertApiError(await client.api('POST', '/admin/api/media', { file: 'not multipart' }), 415, 'bad_request', /multipart\/form-data/);
    assert.equal(await imageCount(), before);
  });

  test('a file over 25 MB is 413, and so is a request over the endpoint limit', async () => {
    const before = await imageCount();
    const jpeg = await makeJpeg({ width: 200, height: 100 });
    const oversized = Buffer.concat([jpeg, Buffer.alloc(25 * 1024 * 1024 + 1 - jpeg.length)]);
    await assertApiError(await upload(client, oversized, 'huge.jpg'), 413, 'too_large', /25 MB/);
    const far = Buffer.alloc(27 * 1024 * 1024);
    await assertApiError(await upload(client, far, 'far-too-big.jpg'), 413, 'too_large');
    assert.equal(await imageCount(), before);
  });

  test('a photo carrying GPS EXIF is stored, and neither the original nor any variant keeps EXIF', async () => {
    const input = await makeJpeg({ width: 1400, height: 800, withGps: true });
    const inputMeta = await sharp(input).metadata();
    assert.ok(inputMeta.exif && inputMeta.exif.includes(Buffer.from('Source Name')), 'the test photo really carries EXIF');
    const response = await upload(client, input, 'source-meeting.jpg', { caption: 'Meeting place' });
    assert.equal(response.status, 201);
    const { id } = (await response.json()) as { id: number };
    const row = await t.ctx.db.selectFrom('images').select(['file_key', 'variants', 'uploaded_by', 'original_name']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.uploaded_by, userId);
    assert.equal(row.original_name, 'source-meeting.jpg');
    const variants = JSON.parse(row.variants) as { key: string }[];
    assert.equal(variants.length, 8, 'WebP and JPEG at 320, 640, 960 and 1280');
    const files = [path.join(mediaDir, 'originals', row.file_key), ...variants.map((variant) => path.join(mediaDir, 'variants', variant.key))];
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      const meta = await sharp(bytes).metadata();
      assert.equal(meta.exif, undefined, `${path.basename(file)} has no EXIF`);
      assert.equal(meta.xmp, undefined, `${path.basename(file)} has no XMP`);
      assert.ok(!bytes.includes(Buffer.from('Source Name')) && !bytes.includes(Buffer.from('TestCam')), `${path.basename(file)} names no one`);
    }
  });

  test('an animated GIF is accepted and kept as its first frame', async () => {
    const frame = (red: number) => sharp({ create: { width: 80, height: 60, channels: 3, background: { r: red, g: 0, b: 0 } } }).png().toBuffer();
    const gif = await sharp([await frame(250), await frame(20)], { join: { animated: true } }).gif().toBuffer();
    assert.equal((await sharp(gif).metadata()).pages, 2, 'the test file really is animated');
    const response = await upload(client, gif, 'blink.gif', {}, { type: 'image/gif' });
    assert.equal(response.status, 201);
    const { id, width, height } = (await response.json()) as { id: number; width: number; height: number };
    assert.deepEqual([width, height], [80, 60]);
    const row = await t.ctx.db.selectFrom('images').select('file_key').where('id', '=', id).executeTakeFirstOrThrow();
    const stored = sharp(path.join(mediaDir, 'originals', row.file_key));
    assert.equal((await stored.metadata()).pages, undefined, 'one frame');
    const { data } = await stored.raw().toBuffer({ resolveWithObject: true });
    assert.ok((data[0] ?? 0) > 200, 'the first frame, not the second');
  });

  test('file names are stored as safe text: no path, no bidi tricks, limited length', async () => {
    const jpeg = await makeJpeg({ width: 64, height: 48 });
    const tricky = `C:\\fakepath\\report\u202Egpj.exe`;
    const first = (await (await upload(client, jpeg, tricky)).json()) as { originalName: string };
    assert.equal(first.originalName, 'reportgpj.exe');
    const long = (await (await upload(client, jpeg, `${'ن'.repeat(400)}.jpeg`)).json()) as { originalName: string };
    assert.equal(Array.from(long.originalName).length, 200);
    assert.ok(long.originalName.endsWith('….jpeg'));
  });

  test('without the CSRF header, or with another session\'s token: 403 and nothing stored', async () => {
    const before = await imageCount();
    const jpeg = await makeJpeg({ width: 300, height: 200 });
    await assertApiError(await upload(client, jpeg, 'forged.jpg', {}, { csrf: false }), 403, 'csrf');
    const other = await signInAs(t, 'editor');
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'forged.jpg');
    await assertApiError(await client.request('/admin/api/media', { method: 'POST', body: form, headers: { 'x-csrf-token': other.client.csrfToken } }), 403, 'csrf');
    assert.equal(await imageCount(), before);
  });

  test('signed out: 401 and nothing stored', async () => {
    const before = await imageCount();
    const stranger = new AdminClient(t);
    await assertApiError(await upload(stranger, await makeJpeg({ width: 300, height: 200 }), 'anonymous.jpg'), 401, 'unauthenticated');
    await assertApiError(await stranger.request('/admin/api/media'), 401, 'unauthenticated');
    assert.equal(await imageCount(), before);
  });

  test(`more than ${UPLOAD_RATE_LIMIT.count} uploads an hour by one person: 429`, async () => {
    const busy = await signInAs(t, 'author');
    for (let index = 0; index < UPLOAD_RATE_LIMIT.count; index += 1) await countUpload(t.ctx.db, busy.userId);
    const before = await imageCount();
    await assertApiError(await upload(busy.client, await makeJpeg({ width: 300, height: 200 }), 'one-more.jpg'), 429, 'rate_limited', /Try again in \d+ seconds/);
    assert.equal(await imageCount(), before);
    assert.equal((await upload(client, await makeJpeg({ width: 300, height: 200 }), 'someone-else.jpg')).status, 201, 'others are not held back');
  });
});

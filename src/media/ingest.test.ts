/** Image intake: real files through sharp, metadata stripped, variants written once, non-images refused. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { ValidationError } from '../shared/validation.ts';
import { makeJpeg, tempMediaDir } from '../../test/factories.ts';
import { describeEachDatabase } from '../../test/db-matrix.ts';
import { ingestImage } from './ingest.ts';
import { loadImages } from './image-queries.ts';

const META = { alt: 'A square', caption: 'Caption', credit: 'Photographer/Agency', creditOrganisation: 'Agency', canDistribute: false };

describeEachDatabase('image intake', (use) => {
  let mediaDir: string;
  before(() => {
    mediaDir = tempMediaDir();
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  test('EXIF and GPS never survive into stored files', async () => {
    const input = await makeJpeg({ withGps: true });
    const inputMeta = await sharp(input).metadata();
    assert.ok(inputMeta.exif && inputMeta.exif.length > 0, 'the test file really carries EXIF');
    assert.ok(inputMeta.exif.includes(Buffer.from('Source Name')), 'the test file carries the artist name');
    const id = await ingestImage(use().db, mediaDir, input, META);
    const image = (await loadImages(use().db, [id])).get(id);
    assert.ok(image);
    const files = [...image.variants.map((variant) => path.join(mediaDir, 'variants', variant.key))];
    const row = await use().db.selectFrom('images').select('file_key').where('id', '=', id).executeTakeFirstOrThrow();
    files.push(path.join(mediaDir, 'originals', row.file_key));
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      const meta = await sharp(bytes).metadata();
      assert.equal(meta.exif, undefined, `${file} has no EXIF`);
      assert.equal(meta.xmp, undefined, `${file} has no XMP`);
      assert.ok(!bytes.includes(Buffer.from('Source Name')), `${file} does not carry the artist`);
      assert.ok(!bytes.includes(Buffer.from('TestCam')), `${file} does not carry the camera`);
    }
  });

  test('responsive variants in WebP and JPEG, never wider than the original', async () => {
    const id = await ingestImage(use().db, mediaDir, await makeJpeg({ width: 1000, height: 500 }), META);
    const image = (await loadImages(use().db, [id])).get(id);
    assert.ok(image);
    assert.deepEqual(
      image.variants.map((variant) => `${variant.format}:${variant.width}x${variant.height}`).sort(),
      ['jpeg:320x160', 'jpeg:640x320', 'jpeg:960x480', 'webp:320x160', 'webp:640x320', 'webp:960x480'],
    );
    assert.equal(image.canDistribute, false);
    assert.equal(image.creditOrganisation, 'Agency');
    for (const variant of image.variants) {
      const meta = await sharp(path.join(mediaDir, 'variants', variant.key)).metadata();
      assert.equal(meta.format, variant.format);
      assert.equal(meta.width, variant.width);
    }
  });

  test('the same photo stored twice shares its files', async () => {
    const input = await makeJpeg({ width: 700, height: 400 });
    const first = await ingestImage(use().db, mediaDir, input, META);
    const second = await ingestImage(use().db, mediaDir, input, { ...META, caption: 'Another use' });
    const images = await loadImages(use().db, [first, second]);
    assert.notEqual(first, second);
    assert.deepEqual(images.get(first)?.variants, images.get(second)?.variants);
    assert.equal(images.get(second)?.caption, 'Another use');
  });

  test('files that are not images are refused by content, whatever their name', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    await assert.rejects(ingestImage(use().db, mediaDir, html, META), (error: unknown) => error instanceof ValidationError && /not an image/.test(error.message));
    await assert.rejects(ingestImage(use().db, mediaDir, Buffer.alloc(0), META), ValidationError);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    await assert.rejects(ingestImage(use().db, mediaDir, svg, META), (error: unknown) => error instanceof ValidationError && /svg images are not accepted/.test(error.message));
  });
});

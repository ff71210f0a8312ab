import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPictureHtml } from './picture.ts';
import type { ImageVariant, RenderableImage } from './types.ts';

function variant(width: number, format: ImageVariant['format'], key = `k-${width}.${format}`): ImageVariant {
  return { width, height: Math.round((width * 2) / 3), format, key };
}

function image(variants: ImageVariant[], overrides: Partial<RenderableImage> = {}): RenderableImage {
  return {
    id: 1,
    width: 2400,
    height: 1600,
    alt: 'Delegates at the table',
    caption: null,
    credit: null,
    creditOrganisation: null,
    canDistribute: true,
    variants,
    ...overrides,
  };
}

const widths = [480, 960, 1920];
const both = image(widths.flatMap((width) => [variant(width, 'jpeg'), variant(width, 'webp')]));

describe('renderPictureHtml', () => {
  test('WebP source, JPEG fallback, src near 800px, dimensions of the largest variant', () => {
    assert.equal(
      renderPictureHtml(both, { sizes: '100vw', loading: 'lazy' }),
      '<picture><source type="image/webp" srcset="/media/k-480.webp 480w, /media/k-960.webp 960w, /media/k-1920.webp 1920w" sizes="100vw">' +
        '<img src="/media/k-960.jpeg" srcset="/media/k-480.jpeg 480w, /media/k-960.jpeg 960w, /media/k-1920.jpeg 1920w" sizes="100vw" ' +
        'width="1920" height="1280" alt="Delegates at the table" loading="lazy" decoding="async"></picture>',
    );
  });

  test('alt override (including decorative ""), class and fetch priority', () => {
    const html = renderPictureHtml(both, { sizes: '50vw', loading: 'eager', alt: '', className: 'hero__image', fetchPriority: 'high' });
    assert.ok(html.includes(' alt="" loading="eager" decoding="async" fetchpriority="high" class="hero__image">'), html);
  });

  test('no variants renders nothing', () => {
    assert.equal(renderPictureHtml(image([]), { sizes: '100vw', loading: 'lazy' }), '');
  });

  test('WebP-only images use WebP in the img and skip the source', () => {
    assert.equal(
      renderPictureHtml(image([variant(800, 'webp')]), { sizes: '100vw', loading: 'lazy' }),
      '<picture><img src="/media/k-800.webp" srcset="/media/k-800.webp 800w" sizes="100vw" width="800" height="533" alt="Delegates at the table" loading="lazy" decoding="async"></picture>',
    );
  });

  test('unsorted, duplicate and unusable variants are tidied', () => {
    const html = renderPictureHtml(
      image([variant(1600, 'jpeg'), variant(640, 'jpeg'), variant(640, 'jpeg', 'dup.jpeg'), variant(0, 'jpeg'), variant(700, 'jpeg')]),
      { sizes: '100vw', loading: 'lazy' },
    );
    assert.ok(html.includes('<img src="/media/k-700.jpeg" srcset="/media/k-640.jpeg 640w, /media/k-700.jpeg 700w, /media/k-1600.jpeg 1600w"'), html);
    assert.ok(html.includes('width="1600" height="1067"'));
  });

  test('every value is escaped', () => {
    const hostile = image([variant(800, 'jpeg', 'a" onerror="alert(1),x.jpg')], { alt: '"><script>alert(1)</script>' });
    const html = renderPictureHtml(hostile, { sizes: '100vw" onload="x', loading: 'lazy', className: 'c" onclick="x' });
    assert.equal(
      html,
      '<picture><img src="/media/a%22%20onerror%3D%22alert(1)%2Cx.jpg" srcset="/media/a%22%20onerror%3D%22alert(1)%2Cx.jpg 800w" sizes="100vw&quot; onload=&quot;x" ' +
        'width="800" height="533" alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" loading="lazy" decoding="async" class="c&quot; onclick=&quot;x"></picture>',
    );
  });

  test('Arabic alt text survives unchanged', () => {
    assert.ok(renderPictureHtml(both, { sizes: '100vw', loading: 'lazy', alt: 'مندوبون حول الطاولة' }).includes('alt="مندوبون حول الطاولة"'));
  });
});

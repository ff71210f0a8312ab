import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BlockNode, InlineNode, Mark } from './document.ts';
import { renderBodyHtml } from './render.ts';
import { buildContext, buildImage, docOf, paragraphOf, text } from './test-fixtures.ts';

function render(...blocks: BlockNode[]): string {
  return renderBodyHtml(docOf(...blocks), buildContext());
}

function marked(value: string, ...marks: Mark[]): InlineNode {
  return { type: 'text', text: value, marks };
}

const link = (href: string): Mark => ({ type: 'link', attrs: { href } });

const PICTURE =
  '<picture><source type="image/webp" srcset="/media/img7-640.webp 640w, /media/img7-800.webp 800w, /media/img7-1600.webp 1600w" sizes="(min-width: 48rem) 46rem, 100vw">' +
  '<img src="/media/img7-800.jpg" srcset="/media/img7-640.jpg 640w, /media/img7-800.jpg 800w, /media/img7-1600.jpg 1600w" sizes="(min-width: 48rem) 46rem, 100vw" width="1600" height="800" alt="A city square at dusk" loading="lazy" decoding="async"></picture>';

describe('renderBodyHtml: text blocks', () => {
  test('paragraphs, headings, blockquotes and rules', () => {
    assert.equal(
      render(
        { type: 'heading', attrs: { level: 2 }, content: [text('Two')] },
        { type: 'heading', attrs: { level: 3 }, content: [text('Three')] },
        { type: 'heading', attrs: { level: 4 }, content: [text('Four')] },
        paragraphOf(text('First line'), { type: 'hardBreak' }, text('second line')),
        { type: 'blockquote', content: [paragraphOf(text('Quoted'))] },
        { type: 'horizontalRule' },
      ),
      '<h2>Two</h2><h3>Three</h3><h4>Four</h4><p>First line<br>second line</p><blockquote><p>Quoted</p></blockquote><hr>',
    );
  });

  test('empty paragraphs and headings are left out', () => {
    assert.equal(render({ type: 'paragraph' }, paragraphOf(), { type: 'heading', attrs: { level: 2 } }), '');
  });

  test('every mark has its element', () => {
    assert.equal(
      render(
        paragraphOf(
          marked('b', { type: 'bold' }),
          marked('i', { type: 'italic' }),
          marked('u', { type: 'underline' }),
          marked('s', { type: 'strike' }),
          marked('c', { type: 'code' }),
          marked('2', { type: 'subscript' }),
          marked('3', { type: 'superscript' }),
        ),
      ),
      '<p><strong>b</strong><em>i</em><u>u</u><s>s</s><code>c</code><sub>2</sub><sup>3</sup></p>',
    );
  });

  test('marks shared by neighbouring text stay open, links outermost', () => {
    assert.equal(
      render(paragraphOf(marked('read ', link('/news/a')), marked('this', { type: 'bold' }, link('/news/a')), text(' now'))),
      '<p><a href="/news/a">read <strong>this</strong></a> now</p>',
    );
    assert.equal(
      render(paragraphOf(marked('a', { type: 'italic' }, { type: 'bold' }), marked('b', { type: 'bold' }))),
      '<p><strong><em>a</em>b</strong></p>',
    );
    assert.equal(
      render(paragraphOf(marked('one', link('/a')), marked('two', link('/b')))),
      '<p><a href="/a">one</a><a href="/b">two</a></p>',
    );
  });

  test('external links get rel, on-site and mailto links do not', () => {
    assert.equal(
      render(paragraphOf(marked('x', link('https://example.org/?a=1&b=2')), marked('y', link('mailto:desk@example.org')), marked('z', link('#notes')))),
      '<p><a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer">x</a><a href="mailto:desk@example.org">y</a><a href="#notes">z</a></p>',
    );
  });

  test('lists, with a start number only when it is not 1', () => {
    const item = (value: string): { type: 'listItem'; content: BlockNode[] } => ({ type: 'listItem', content: [paragraphOf(text(value))] });
    assert.equal(
      render(
        { type: 'bulletList', content: [item('a'), { type: 'listItem', content: [paragraphOf(text('b')), { type: 'bulletList', content: [item('c')] }] }] },
        { type: 'orderedList', attrs: { start: 1 }, content: [item('one')] },
        { type: 'orderedList', attrs: { start: 4 }, content: [item('four')] },
        { type: 'orderedList', content: [item('plain')] },
      ),
      '<ul><li><p>a</p></li><li><p>b</p><ul><li><p>c</p></li></ul></li></ul><ol><li><p>one</p></li></ol><ol start="4"><li><p>four</p></li></ol><ol><li><p>plain</p></li></ol>',
    );
  });

  test('pull quotes, with and without attribution', () => {
    assert.equal(
      render(
        { type: 'pullQuote', attrs: { attribution: 'A regional official' }, content: [text('We will meet again.')] },
        { type: 'pullQuote', attrs: { attribution: null }, content: [marked('Unattributed', { type: 'italic' })] },
      ),
      '<aside class="pull-quote"><blockquote>We will meet again.</blockquote><p class="pull-quote__attribution">A regional official</p></aside>' +
        '<aside class="pull-quote"><blockquote><em>Unattributed</em></blockquote></aside>',
    );
  });

  test('Arabic and other unicode text survives unchanged', () => {
    assert.equal(
      render(
        paragraphOf(text('مرحبا بالعالم — «اقتباس» 🙂 naïve')),
        paragraphOf(marked('رابط', link('/ar/أخبار/مقال'))),
      ),
      '<p>مرحبا بالعالم — «اقتباس» 🙂 naïve</p><p><a href="/ar/أخبار/مقال">رابط</a></p>',
    );
  });
});

describe('renderBodyHtml: images', () => {
  const image = (attrs: Partial<{ caption: string | null; credit: string | null; alt: string | null }> = {}, imageId = 7): BlockNode => ({
    type: 'imageBlock',
    attrs: { imageId, caption: null, credit: null, alt: null, ...attrs },
  });

  test('a figure with picture, caption and credit from the stored image', () => {
    assert.equal(
      render(image()),
      `<figure class="figure figure--inline">${PICTURE}<figcaption><span class="figure__caption">The square on Monday.</span> <span class="figure__credit">Photo: Jane Doe/Agency</span></figcaption></figure>`,
    );
  });

  test('per-use caption, credit and alt override the stored ones; empty strings hide them', () => {
    const html = render(image({ caption: 'الساحة', credit: 'Staff', alt: 'Crowd' }));
    assert.ok(html.includes('alt="Crowd"'));
    assert.ok(html.endsWith('<figcaption><span class="figure__caption">الساحة</span> <span class="figure__credit">Photo: Staff</span></figcaption></figure>'));
    assert.equal(render(image({ caption: '', credit: '' })), `<figure class="figure figure--inline">${PICTURE}</figure>`);
  });

  test('an unknown image id renders nothing', () => {
    assert.equal(render(image({}, 999), paragraphOf(text('after'))), '<p>after</p>');
  });

  test('only the first eagerImageCount rendered images load eagerly', () => {
    const ctx = buildContext({ eagerImageCount: 1 });
    const html = renderBodyHtml(docOf(image({}, 999), image(), image()), ctx);
    assert.deepEqual(html.match(/loading="\w+"/g), ['loading="eager"', 'loading="lazy"']);
    assert.deepEqual(render(image(), image()).match(/loading="\w+"/g), ['loading="lazy"', 'loading="lazy"']);
  });
});

describe('renderBodyHtml: embeds and related links', () => {
  test('an embed is a click-to-load placeholder that loads nothing itself', () => {
    assert.equal(
      render({ type: 'embed', attrs: { provider: 'youtube', url: 'https://www.youtube.com/watch?v=abc&t=5', title: 'Press conference' } }),
      '<figure class="embed" data-embed-provider="youtube" data-embed-url="https://www.youtube.com/watch?v=abc&amp;t=5">' +
        '<p class="embed__notice">This content is hosted by YouTube. Loading it shares data with that service.</p>' +
        '<p class="embed__actions"><button type="button" class="embed__load" hidden>Load content</button> ' +
        '<a class="embed__link" href="https://www.youtube.com/watch?v=abc&amp;t=5" rel="noopener noreferrer nofollow">Open on YouTube</a></p>' +
        '<figcaption class="embed__title">Press conference</figcaption></figure>',
    );
  });

  test('an "other" embed names its host', () => {
    const html = render({ type: 'embed', attrs: { provider: 'other', url: 'https://charts.example.net/c/1', title: null } });
    assert.ok(html.includes('<p class="embed__notice">This content is hosted by charts.example.net.'));
    assert.ok(!html.includes('<figcaption'));
  });

  test('related links resolve article ids to the current headline', () => {
    assert.equal(
      render({ type: 'relatedLink', attrs: { articleId: 42, href: null, title: 'Old headline' } }),
      '<aside class="related-link"><span class="related-link__label">Related</span> <a class="related-link__link" href="/news/envoy-holds-talks">Envoy holds talks in capital</a></aside>',
    );
  });

  test('unresolved related links fall back to href, or render nothing', () => {
    assert.equal(
      render({ type: 'relatedLink', attrs: { articleId: 7, href: 'https://example.org/report', title: 'The report' } }),
      '<aside class="related-link"><span class="related-link__label">Related</span> <a class="related-link__link" href="https://example.org/report" rel="noopener noreferrer">The report</a></aside>',
    );
    assert.equal(render({ type: 'relatedLink', attrs: { articleId: 7, href: null, title: 'Gone' } }), '');
  });
});

describe('renderBodyHtml: hostile input is escaped or dropped', () => {
  // These documents bypass parseBodyDocument on purpose: rendering must be safe on its own.
  test('markup in text, captions, credits, alt, titles and labels is escaped', () => {
    const attack = '"><script>alert(1)</script>';
    const ctx = buildContext({
      images: new Map([[7, buildImage({ caption: attack, credit: attack, creditOrganisation: null, alt: attack })]]),
      labels: { ...buildContext().labels, related: '<b>Related</b>', embedOpen: () => '<i>open</i>' },
    });
    const html = renderBodyHtml(
      docOf(
        paragraphOf(text('<img src=x onerror=alert(1)> & \'quotes\'')),
        { type: 'imageBlock', attrs: { imageId: 7, caption: null, credit: null, alt: null } },
        { type: 'pullQuote', attrs: { attribution: attack }, content: [text(attack)] },
        { type: 'embed', attrs: { provider: 'other', url: 'https://example.org/"><svg/onload=alert(1)>', title: attack } },
        { type: 'relatedLink', attrs: { articleId: null, href: '/x"onmouseover="alert(1)', title: attack } },
      ),
      ctx,
    );
    assert.ok(!/<(script|svg|img src=x|b>|i>)/.test(html), html);
    assert.ok(html.includes('<p>&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quotes&#39;</p>'));
    assert.ok(html.includes('alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
    assert.ok(html.includes('<span class="figure__credit">Photo: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</span>'));
    assert.ok(html.includes('data-embed-url="https://example.org/&quot;&gt;&lt;svg/onload=alert(1)&gt;"'));
    assert.ok(html.includes('href="/x&quot;onmouseover=&quot;alert(1)"'));
    assert.ok(html.includes('&lt;b&gt;Related&lt;/b&gt;'));
  });

  for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'vbscript:x', '//evil.example']) {
    test(`a ${JSON.stringify(href)} link renders as plain text`, () => {
      assert.equal(render(paragraphOf(marked('click', link(href)))), '<p>click</p>');
      assert.equal(render({ type: 'relatedLink', attrs: { articleId: null, href, title: 'x' } }), '');
    });
  }

  test('non-https and mismatched embed URLs render nothing', () => {
    assert.equal(render({ type: 'embed', attrs: { provider: 'other', url: 'javascript:alert(1)', title: null } }), '');
    assert.equal(render({ type: 'embed', attrs: { provider: 'youtube', url: 'http://youtube.com/x', title: null } }), '');
    assert.equal(render({ type: 'embed', attrs: { provider: 'youtube', url: 'https://evil.example/x', title: null } }), '');
  });

  test('a forged heading level cannot reach the tag name, and unknown nodes are skipped', () => {
    const forged = JSON.parse('[{"type":"heading","attrs":{"level":"1 onclick=alert(1)"},"content":[{"type":"text","text":"H"}]},{"type":"iframe"}]') as BlockNode[];
    assert.equal(render(...forged), '<h2>H</h2>');
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BODY_LIMITS } from './document.ts';
import { parseBodyDocument } from './schema.ts';

function errorsOf(input: unknown): string[] {
  const result = parseBodyDocument(input);
  assert.equal(result.ok, false, 'expected the document to be rejected');
  return result.ok ? [] : result.errors;
}

function linkDoc(href: string): unknown {
  return {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href } }] }] }],
  };
}

function embedDoc(provider: string, url: string): unknown {
  return { type: 'doc', content: [{ type: 'embed', attrs: { provider, url, title: null } }] };
}

/** doc > blockquote × quotes > paragraph > text: the text node sits at level quotes + 2. */
function nestedQuotes(quotes: number): unknown {
  let node: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'deep' }] };
  for (let i = 0; i < quotes; i++) node = { type: 'blockquote', content: [node] };
  return { type: 'doc', content: [node] };
}

const LINK_PATH = 'content[0].content[0].marks[0].attrs.href';
const NOT_ALLOWED = 'only http, https, mailto and site-relative links are allowed';

describe('parseBodyDocument: valid documents', () => {
  test('accepts the empty document', () => {
    assert.deepEqual(parseBodyDocument({ type: 'doc', content: [] }), { ok: true, doc: { type: 'doc', content: [] } });
  });

  test('accepts every node and mark, returning them unchanged', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Talks' }] },
        {
          type: 'paragraph',
          content: [
            ...['bold', 'italic', 'underline', 'strike', 'code', 'subscript', 'superscript'].map((type) => ({
              type: 'text',
              text: type,
              marks: [{ type }],
            })),
            { type: 'hardBreak' },
            { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.org/a?b=1&c=2' } }] },
          ],
        },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quoted' }] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
        { type: 'horizontalRule' },
        { type: 'pullQuote', attrs: { attribution: 'An official' }, content: [{ type: 'text', text: 'We talked.' }] },
        { type: 'imageBlock', attrs: { imageId: 7, caption: 'Caption', credit: null, alt: 'Alt' } },
        { type: 'embed', attrs: { provider: 'vimeo', url: 'https://vimeo.com/123', title: 'Clip' } },
        { type: 'relatedLink', attrs: { articleId: 42, href: null, title: 'Earlier' } },
        { type: 'heading', attrs: { level: 4 }, content: [{ type: 'text', text: 'مرحبا بالعالم' }] },
      ],
    };
    assert.deepEqual(parseBodyDocument(doc), { ok: true, doc });
  });

  test('drops attributes the renderer decides itself and fills absent optional attributes', () => {
    const result = parseBodyDocument({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: { textAlign: 'left' },
          content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: ' /news ', target: '_blank', rel: 'opener' } }] }],
        },
        { type: 'imageBlock', attrs: { imageId: 3 } },
      ],
    });
    assert.deepEqual(result, {
      ok: true,
      doc: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: '/news' } }] }] },
          { type: 'imageBlock', attrs: { imageId: 3, caption: null, credit: null, alt: null } },
        ],
      },
    });
  });

  for (const href of ['https://example.org', 'http://example.org/x', 'mailto:desk@example.org', '/news/story', '#section-2', '/ar/أخبار/مقال']) {
    test(`accepts the link ${href}`, () => {
      assert.equal(parseBodyDocument(linkDoc(href)).ok, true);
    });
  }
});

describe('parseBodyDocument: unsafe links', () => {
  const rejected: Array<[string, string]> = [
    ['javascript:alert(1)', NOT_ALLOWED],
    ['JaVaScRiPt:alert(1)', NOT_ALLOWED],
    ['  javascript:alert(1)', NOT_ALLOWED],
    ['data:text/html,<script>alert(1)</script>', NOT_ALLOWED],
    ['vbscript:msgbox(1)', NOT_ALLOWED],
    ['VBScript:msgbox(1)', NOT_ALLOWED],
    ['jav&#x61;script:alert(1)', NOT_ALLOWED],
    ['//evil.example/path', NOT_ALLOWED],
    ['/\\evil.example/path', NOT_ALLOWED],
    ['ftp://example.org/file', NOT_ALLOWED],
    ['news/story', NOT_ALLOWED],
    ['java\tscript:alert(1)', 'link must not contain whitespace or control characters'],
    ['java\nscript:alert(1)', 'link must not contain whitespace or control characters'],
    ['\u0001javascript:alert(1)', 'link must not contain whitespace or control characters'],
    ['java\u200Bscript:alert(1)', 'link must not contain whitespace or control characters'],
    ['https://bank.example@evil.example/', 'links must not contain a user name or password'],
    ['', 'link must not be empty'],
  ];
  for (const [href, message] of rejected) {
    test(`rejects ${JSON.stringify(href)} with a path-bearing error`, () => {
      assert.deepEqual(errorsOf(linkDoc(href)), [`${LINK_PATH}: ${message}`]);
    });
  }
});

describe('parseBodyDocument: structure errors carry paths', () => {
  test('unknown block, inline and mark types', () => {
    assert.deepEqual(
      errorsOf({
        type: 'doc',
        content: [
          { type: 'script', content: [] },
          { type: 'text', text: 'stray' },
          { type: 'paragraph', content: [{ type: 'image', src: 'x' }, { type: 'text', text: 'x', marks: [{ type: 'blink' }] }] },
          { type: 'paragraph', content: [{ type: 'paragraph' }] },
          { type: 'listItem', content: [] },
        ],
      }),
      [
        'content[0].type: unknown block node type "script"',
        'content[1].type: inline node "text" must be inside a paragraph',
        'content[2].content[0].type: unknown inline node type "image"',
        'content[2].content[1].marks[0].type: unknown mark type "blink"',
        'content[3].content[0].type: block node "paragraph" is not allowed in inline content',
        'content[4].type: listItem is only allowed inside bulletList or orderedList',
      ],
    );
  });

  test('not a document at all', () => {
    assert.deepEqual(errorsOf(null), ['document: a body document must be an object']);
    assert.deepEqual(errorsOf('<p>hi</p>'), ['document: a body document must be an object']);
    assert.deepEqual(errorsOf({ type: 'html', content: {} }), [
      'type: document type must be "doc"',
      'content: document content must be an array',
    ]);
  });

  test('heading levels other than 2, 3 and 4', () => {
    for (const level of [1, 5]) {
      assert.deepEqual(errorsOf({ type: 'doc', content: [{ type: 'heading', attrs: { level }, content: [] }] }), [
        'content[0].attrs.level: heading level must be 2, 3 or 4 (the page headline is the only h1)',
      ]);
    }
  });

  test('image ids must be positive whole numbers', () => {
    const image = (imageId: unknown) => ({ type: 'doc', content: [{ type: 'imageBlock', attrs: { imageId } }] });
    assert.deepEqual(errorsOf(image(1.5)), ['content[0].attrs.imageId: image id must be a whole number']);
    assert.deepEqual(errorsOf(image('7')), ['content[0].attrs.imageId: image id must be a number']);
    assert.deepEqual(errorsOf(image(-2)), ['content[0].attrs.imageId: image id must be positive']);
  });

  test('embeds must be https and match their provider', () => {
    assert.deepEqual(errorsOf(embedDoc('youtube', 'http://www.youtube.com/watch?v=1')), [
      'content[0].attrs.url: embed URL must be an absolute https URL',
    ]);
    assert.deepEqual(errorsOf(embedDoc('other', 'javascript:alert(1)')), [
      'content[0].attrs.url: embed URL must be an absolute https URL',
    ]);
    assert.deepEqual(errorsOf(embedDoc('youtube', 'https://youtube.com.evil.example/watch')), [
      'content[0].attrs.url: a youtube embed must point at youtube.com, youtu.be, youtube-nocookie.com',
    ]);
    assert.deepEqual(errorsOf(embedDoc('myspace', 'https://myspace.com/x')), [
      'content[0].attrs.provider: embed provider must be one of youtube, vimeo, x, instagram, facebook, tiktok, other',
    ]);
    assert.equal(parseBodyDocument(embedDoc('x', 'https://x.com/someone/status/1')).ok, true);
    assert.equal(parseBodyDocument(embedDoc('other', 'https://datawrapper.example/chart/1')).ok, true);
  });

  test('text must be non-empty, free of NUL, and within the length limit', () => {
    const textDoc = (value: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: value }] }] });
    assert.equal(parseBodyDocument(textDoc('a'.repeat(BODY_LIMITS.maxTextLength))).ok, true);
    assert.deepEqual(errorsOf(textDoc('a'.repeat(BODY_LIMITS.maxTextLength + 1))), [
      'content[0].content[0].text: text is longer than 100000 characters',
    ]);
    assert.deepEqual(errorsOf(textDoc('')), ['content[0].content[0].text: text must not be empty']);
    assert.deepEqual(errorsOf(textDoc('a\u0000b')), ['content[0].content[0].text: text must not contain NUL characters']);
  });

  test('duplicate marks, empty lists and related links that lead nowhere', () => {
    assert.deepEqual(
      errorsOf({
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'bold' }, { type: 'bold' }] }] },
          { type: 'bulletList', content: [] },
          { type: 'relatedLink', attrs: { articleId: null, href: null, title: 'Nowhere' } },
        ],
      }),
      [
        'content[0].content[0].marks[1]: duplicate "bold" mark',
        'content[1].content: a list must contain at least one item',
        'content[2].attrs: a related link needs an articleId or an href',
      ],
    );
  });

  test('caps the number of reported errors', () => {
    const content = Array.from({ length: 80 }, () => ({ type: 'bogus' }));
    const errors = errorsOf({ type: 'doc', content });
    assert.equal(errors.length, 51);
    assert.equal(errors[50], '…and 30 more problems');
  });
});

describe('parseBodyDocument: size limits', () => {
  test('accepts nesting up to 20 levels and rejects 21', () => {
    assert.equal(parseBodyDocument(nestedQuotes(18)).ok, true);
    const errors = errorsOf(nestedQuotes(19));
    assert.deepEqual(errors, [`${'content[0].'.repeat(20)}content[0]: nested deeper than 20 levels`]);
  });

  test('rejects pathologically deep documents without overflowing the stack', () => {
    assert.deepEqual(errorsOf(nestedQuotes(100_000)).map((error) => error.split(': ')[1]), ['nested deeper than 20 levels']);
  });

  test('accepts 20,000 nodes and rejects 20,001', () => {
    const paragraphs = (count: number) =>
      Array.from({ length: count }, () => ({ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }));
    assert.equal(parseBodyDocument({ type: 'doc', content: paragraphs(10_000) }).ok, true);
    const over = { type: 'doc', content: [...paragraphs(10_000), { type: 'horizontalRule' }] };
    assert.deepEqual(errorsOf(over), ['document: has more than 20000 nodes']);
  });
});

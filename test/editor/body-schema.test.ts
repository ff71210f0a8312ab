// Proves the body editor's schema is the stored body model (src/articles/body): every
// stored body loads into the editor and comes back unchanged, and what the server
// refuses the editor cannot hold either.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import type { BlockNode, BodyDocument, InlineNode, Mark } from '../../src/articles/body/document.ts';
import { EMBED_PROVIDERS } from '../../src/articles/body/document.ts';
import { parseBodyDocument } from '../../src/articles/body/schema.ts';
import { docOf, paragraphOf, text } from '../../src/articles/body/test-fixtures.ts';
import { bodyJsonFromNode, bodyNodeFromJson } from '../../src/admin/editor/client/body/body-document.ts';
import { detectEmbed } from '../../src/admin/editor/client/body/embed-url.ts';
import { dropPoint, insertBlockAt } from '../../src/admin/editor/client/body/insert-block.ts';
import { bodyExtensions } from '../../src/admin/editor/client/body/extensions.ts';
import { buildDemoContent } from '../../src/seed/demo/index.ts';

const schema = getSchema(bodyExtensions());

/** Loads a stored body into the editor schema and returns what the editor would save (as JSON, as it is stored). */
function throughEditor(body: unknown): unknown {
  const node = Node.fromJSON(schema, body);
  node.check();
  return JSON.parse(JSON.stringify(node.toJSON())) as unknown;
}

function assertRoundTrips(body: unknown, label: string): void {
  assert.deepEqual(throughEditor(body), body, `${label}: the editor changed the document`);
  const parsed = parseBodyDocument(body);
  assert.ok(parsed.ok, `${label}: the server refused it: ${parsed.ok ? '' : parsed.errors.join('; ')}`);
  assert.deepEqual(parsed.doc, body, `${label}: the server would store something else`);
}

function assertEditorRefuses(body: unknown, label: string): void {
  assert.equal(parseBodyDocument(body).ok, false, `${label}: expected the server to refuse it`);
  assert.throws(() => Node.fromJSON(schema, body).check(), RangeError, `${label}: the editor schema accepted it`);
}

// The demo stores photo keys where bodies hold image ids; the seeder swaps them the same way.
function withNumericImageIds(body: unknown): unknown {
  const ids = new Map<string, number>();
  return JSON.parse(JSON.stringify(body), (key, value: unknown) => {
    if (key !== 'imageId' || typeof value !== 'string') return value;
    if (!ids.has(value)) ids.set(value, ids.size + 1);
    return ids.get(value);
  }) as unknown;
}

const marked = (value: string, ...marks: Mark[]): InlineNode => ({ type: 'text', text: value, marks });
const listItem = (...content: BlockNode[]) => ({ type: 'listItem' as const, content });

/** A body using every node, every mark and every attribute form the stored model has. */
const EVERY_NODE: BodyDocument = docOf(
  { type: 'heading', attrs: { level: 2 }, content: [text('Two')] },
  { type: 'heading', attrs: { level: 3 }, content: [text('Three')] },
  { type: 'heading', attrs: { level: 4 } },
  paragraphOf(
    // Several marks on one run, in the order the editor's schema keeps them.
    marked('all', { type: 'link', attrs: { href: '/news/story' } }, { type: 'bold' }, { type: 'italic' }, { type: 'strike' }, { type: 'underline' }, { type: 'subscript' }, { type: 'superscript' }, { type: 'code' }),
    text(' then '),
    marked('mail', { type: 'link', attrs: { href: 'mailto:desk@example.org' } }),
    { type: 'hardBreak', marks: [{ type: 'bold' }] },
    marked('jump', { type: 'link', attrs: { href: '#section-2' } }),
    { type: 'hardBreak' },
    marked('linked code', { type: 'link', attrs: { href: 'https://example.org/a?b=c' } }, { type: 'code' }),
  ),
  { type: 'paragraph' },
  {
    type: 'blockquote',
    content: [paragraphOf(text('Quoted.')), { type: 'bulletList', content: [listItem(paragraphOf(text('inside a quote')))] }],
  },
  {
    type: 'bulletList',
    content: [
      listItem(paragraphOf(text('one')), { type: 'orderedList', attrs: { start: 0 }, content: [listItem(paragraphOf(text('nested')))] }),
      listItem({ type: 'paragraph' }, { type: 'imageBlock', attrs: { imageId: 3, caption: null, credit: null, alt: null } }),
    ],
  },
  { type: 'orderedList', attrs: { start: 5 }, content: [listItem(paragraphOf(text('five')))] },
  { type: 'horizontalRule' },
  { type: 'pullQuote', attrs: { attribution: 'A minister' }, content: [marked('Said', { type: 'italic' }), text(' this.')] },
  { type: 'pullQuote', attrs: { attribution: null } },
  { type: 'imageBlock', attrs: { imageId: 7, caption: 'Own caption', credit: '', alt: 'A city square at dusk' } },
  ...EMBED_PROVIDERS.map((provider): BlockNode => ({ type: 'embed', attrs: { provider, url: sampleEmbedUrl(provider), title: provider === 'x' ? null : `A ${provider} post` } })),
  { type: 'relatedLink', attrs: { articleId: 42, href: null, title: 'Envoy holds talks in capital' } },
  { type: 'relatedLink', attrs: { articleId: null, href: 'https://example.org/report', title: '' } },
);

function sampleEmbedUrl(provider: (typeof EMBED_PROVIDERS)[number]): string {
  const urls = {
    youtube: 'https://www.youtube.com/watch?v=abcdefghijk',
    vimeo: 'https://vimeo.com/123456',
    x: 'https://x.com/newsdesk/status/1234567890',
    instagram: 'https://www.instagram.com/p/abc123/',
    facebook: 'https://www.facebook.com/newsdesk/videos/987/',
    tiktok: 'https://www.tiktok.com/@desk/video/42',
    other: 'https://maps.example.org/embed/1',
  } as const;
  return urls[provider];
}

describe('body editor schema', () => {
  test('has exactly the node and mark types of the stored model', () => {
    assert.deepEqual(Object.keys(schema.nodes).sort(), [
      'blockquote', 'bulletList', 'doc', 'embed', 'hardBreak', 'heading', 'horizontalRule', 'imageBlock',
      'listItem', 'orderedList', 'paragraph', 'pullQuote', 'relatedLink', 'text',
    ]);
    assert.deepEqual(Object.keys(schema.marks).sort(), ['bold', 'code', 'italic', 'link', 'strike', 'subscript', 'superscript', 'underline']);
  });

  test('keeps only the attributes the stored model has', () => {
    const attrs = (type: { spec: { attrs?: object } }) => Object.keys(type.spec.attrs ?? {}).sort();
    assert.deepEqual(attrs(schema.marks.link!), ['href']);
    assert.deepEqual(attrs(schema.nodes.orderedList!), ['start']);
    assert.deepEqual(attrs(schema.nodes.heading!), ['level']);
    assert.deepEqual(attrs(schema.nodes.imageBlock!), ['alt', 'caption', 'credit', 'imageId']);
    assert.deepEqual(attrs(schema.nodes.embed!), ['provider', 'title', 'url']);
    assert.deepEqual(attrs(schema.nodes.relatedLink!), ['articleId', 'href', 'title']);
    assert.deepEqual(attrs(schema.nodes.pullQuote!), ['attribution']);
    for (const name of ['paragraph', 'blockquote', 'bulletList', 'listItem', 'horizontalRule', 'hardBreak']) {
      assert.deepEqual(attrs(schema.nodes[name]!), [], name);
    }
  });

  test('loads every demo article and page body and gives it back unchanged', () => {
    const { articles, pages } = buildDemoContent();
    const bodies = [...articles.map((a) => ({ label: `${a.language}:${a.slug}`, body: a.body })), ...pages.map((p) => ({ label: `page ${p.language}:${p.slug}`, body: p.body }))];
    assert.ok(bodies.length > 30, 'expected the whole demo newsroom');
    const seen = new Set<string>();
    for (const { label, body } of bodies) {
      const stored = withNumericImageIds(body);
      assertRoundTrips(stored, label);
      JSON.stringify(stored, (key, value: unknown) => {
        if (key === 'type' && typeof value === 'string') seen.add(value);
        return value;
      });
    }
    // The demo exercises the custom nodes, so this test covers more than paragraphs.
    for (const type of ['heading', 'bulletList', 'orderedList', 'blockquote', 'pullQuote', 'imageBlock', 'embed', 'relatedLink', 'link']) {
      assert.ok(seen.has(type), `no demo body uses ${type}`);
    }
  });

  test('loads bodies built with the body test fixtures unchanged', () => {
    assertRoundTrips(docOf(paragraphOf(text('Plain text.'))), 'one paragraph');
    assertRoundTrips(docOf(paragraphOf(text('a'), marked('b', { type: 'bold' })), { type: 'paragraph' }), 'two runs and an empty paragraph');
    assertRoundTrips(docOf({ type: 'imageBlock', attrs: { imageId: 7, caption: null, credit: null, alt: null } }), 'image 7 of buildContext');
    assertRoundTrips(docOf({ type: 'relatedLink', attrs: { articleId: 42, href: null, title: '' } }), 'article 42 of buildContext');
  });

  // The two normalisations ProseMirror applies; neither changes what readers see.
  test('writes an empty block without `content` and joins adjacent runs with the same marks', () => {
    assert.deepEqual(throughEditor(docOf(paragraphOf())), docOf({ type: 'paragraph' }));
    assert.deepEqual(throughEditor(docOf(paragraphOf(text('a'), text('b')))), docOf(paragraphOf(text('ab'))));
  });

  test('round-trips a body using every node, mark and attribute form', () => {
    assertRoundTrips(EVERY_NODE, 'every node');
  });

  test('cannot hold what the server refuses', () => {
    const refused: [string, unknown][] = [
      ['a level-1 heading', docOf({ type: 'heading', attrs: { level: 1 }, content: [text('Headline')] } as unknown as BlockNode)],
      ['a level-5 heading', { type: 'doc', content: [{ type: 'heading', attrs: { level: 5 } }] }],
      ['a code block', { type: 'doc', content: [{ type: 'codeBlock', content: [text('x = 1')] }] }],
      ['an inline image', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'image', attrs: { src: 'https://example.org/a.jpg' } }] }] }],
      ['a block image', { type: 'doc', content: [{ type: 'image', attrs: { src: 'https://example.org/a.jpg' } }] }],
      ['a table', { type: 'doc', content: [{ type: 'table', content: [] }] }],
      ['a javascript: link', docOf(paragraphOf(marked('x', { type: 'link', attrs: { href: 'javascript:alert(1)' } })))],
      ['a tel: link', docOf(paragraphOf(marked('x', { type: 'link', attrs: { href: 'tel:+123' } })))],
      ['a highlight mark', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'highlight' }] }] }] }],
      ['an http embed', { type: 'doc', content: [{ type: 'embed', attrs: { provider: 'other', url: 'http://example.org/', title: null } }] }],
      ['an unknown embed provider', { type: 'doc', content: [{ type: 'embed', attrs: { provider: 'myspace', url: 'https://myspace.com/x', title: null } }] }],
      ['image id 0', { type: 'doc', content: [{ type: 'imageBlock', attrs: { imageId: 0, caption: null, credit: null, alt: null } }] }],
      ['an image without an id', { type: 'doc', content: [{ type: 'imageBlock', attrs: { caption: null } }] }],
      ['a negative list start', { type: 'doc', content: [{ type: 'orderedList', attrs: { start: -1 }, content: [listItem(paragraphOf(text('x')))] }] }],
      ['an empty blockquote', { type: 'doc', content: [{ type: 'blockquote', content: [] }] }],
      ['an empty list', { type: 'doc', content: [{ type: 'bulletList', content: [] }] }],
      ['a list item outside a list', { type: 'doc', content: [listItem(paragraphOf(text('x')))] }],
      ['text directly in the document', { type: 'doc', content: [text('loose')] }],
    ];
    for (const [label, body] of refused) assertEditorRefuses(body, label);
  });

  test('an empty body opens with one paragraph and is saved as empty again', () => {
    const node = bodyNodeFromJson(schema, { type: 'doc', content: [] });
    assert.deepEqual(node.toJSON(), { type: 'doc', content: [{ type: 'paragraph' }] });
    assert.deepEqual(bodyJsonFromNode(node), { type: 'doc', content: [] });
    assert.ok(parseBodyDocument(bodyJsonFromNode(node)).ok);
  });

  test('the editor load path refuses an invalid body instead of dropping parts of it', () => {
    assert.throws(() => bodyNodeFromJson(schema, docOf({ type: 'heading', attrs: { level: 1 } } as unknown as BlockNode)), /heading level/);
    assert.throws(() => bodyNodeFromJson(schema, { type: 'doc', content: [{ type: 'codeBlock' }] }), /codeBlock/);
    assert.throws(() => bodyNodeFromJson(schema, { type: 'paragraph' }), /doc/);
    assert.deepEqual(bodyJsonFromNode(bodyNodeFromJson(schema, EVERY_NODE)), EVERY_NODE);
  });
});

describe('embed URLs from the editor', () => {
  test('are given the provider the server expects for their host', () => {
    for (const provider of EMBED_PROVIDERS) {
      const detected = detectEmbed(`  ${sampleEmbedUrl(provider)} `);
      assert.ok(detected.ok, provider);
      assert.equal(detected.provider, provider);
      const body = docOf({ type: 'embed', attrs: { provider: detected.provider, url: detected.url, title: null } });
      assertRoundTrips(body, `${provider} embed`);
    }
    assert.deepEqual(detectEmbed('https://m.youtube.com/watch?v=abcdefghijk'), { ok: true, provider: 'youtube', url: 'https://m.youtube.com/watch?v=abcdefghijk' });
    assert.deepEqual(detectEmbed('https://twitter.com/desk/status/1'), { ok: true, provider: 'x', url: 'https://twitter.com/desk/status/1' });
  });

  test('refuse what the server refuses', () => {
    for (const url of ['http://www.youtube.com/watch?v=abcdefghijk', 'youtube.com/watch?v=x', 'https://user:pw@vimeo.com/1', 'javascript:alert(1)', '']) {
      assert.equal(detectEmbed(url).ok, false, url);
    }
  });
});

describe('placing an image block', () => {
  const image = { type: 'imageBlock', attrs: { imageId: 5, caption: null, credit: null, alt: null } } as const;

  /** Inserts the image for a caret (or, with isDrop, a drop) at `pos` and returns the saved body. */
  function place(body: BodyDocument, pos: number, isDrop = false): unknown {
    const doc = Node.fromJSON(schema, body);
    const tr = EditorState.create({ schema, doc }).tr;
    assert.ok(insertBlockAt(tr, isDrop ? dropPoint(doc, pos) : pos, schema.nodeFromJSON(image)), 'nowhere to put the image');
    const saved = bodyJsonFromNode(tr.doc);
    assert.ok(parseBodyDocument(saved).ok, 'the server would refuse the result');
    return saved;
  }

  test('at a caret inside a paragraph, splits it there', () => {
    assert.deepEqual(place(docOf(paragraphOf(text('Hello world'))), 6), docOf(paragraphOf(text('Hello')), image, paragraphOf(text(' world'))));
  });

  test('in an empty paragraph, takes its place', () => {
    assert.deepEqual(place(docOf(paragraphOf(text('a')), { type: 'paragraph' }, paragraphOf(text('b'))), 4), docOf(paragraphOf(text('a')), image, paragraphOf(text('b'))));
  });

  test('at the very end, adds a paragraph after it to keep writing in', () => {
    assert.deepEqual(place(docOf(paragraphOf(text('end'))), 4), docOf(paragraphOf(text('end')), image, { type: 'paragraph' }));
  });

  test('for a drop, goes before or after the paragraph hit instead of splitting a word', () => {
    assert.deepEqual(place(docOf(paragraphOf(text('Hello world'))), 3, true), docOf(image, paragraphOf(text('Hello world'))));
    assert.deepEqual(place(docOf(paragraphOf(text('Hello world')), paragraphOf(text('next'))), 10, true), docOf(paragraphOf(text('Hello world')), image, paragraphOf(text('next'))));
  });

  test('where it cannot go (before the first paragraph of a list item), goes after the list', () => {
    const list: BlockNode = { type: 'bulletList', content: [listItem(paragraphOf(text('one')))] };
    assert.deepEqual(place(docOf(list), 3), docOf(list, image, { type: 'paragraph' }));
  });
});

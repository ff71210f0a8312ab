import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BlockNode } from './document.ts';
import { escapeAttribute, escapeHtml } from './escape.ts';
import { bodyToPlainText, collectArticleIds, collectImageIds, countWords, readingMinutes } from './render.ts';
import { docOf, paragraphOf, text } from './test-fixtures.ts';

const item = (...content: BlockNode[]): { type: 'listItem'; content: BlockNode[] } => ({ type: 'listItem', content });
const image = (imageId: number): BlockNode => ({ type: 'imageBlock', attrs: { imageId, caption: 'Caption words', credit: null, alt: null } });
const related = (articleId: number | null): BlockNode => ({ type: 'relatedLink', attrs: { articleId, href: '/x', title: 'Related words' } });

const sample = docOf(
  { type: 'heading', attrs: { level: 2 }, content: [text('What happened')] },
  paragraphOf(text('The envoy met the '), { type: 'text', text: 'security chief', marks: [{ type: 'bold' }] }, text('.'), { type: 'hardBreak' }, text('Talks continue.')),
  { type: 'paragraph' },
  { type: 'bulletList', content: [item(paragraphOf(text('first'))), item(paragraphOf(text('second')), { type: 'orderedList', attrs: { start: 9 }, content: [item(paragraphOf(text('nested')))] })] },
  { type: 'blockquote', content: [paragraphOf(text('A quote.'))] },
  { type: 'pullQuote', attrs: { attribution: 'Someone' }, content: [text('Repeated words here')] },
  image(3),
  { type: 'horizontalRule' },
  { type: 'embed', attrs: { provider: 'vimeo', url: 'https://vimeo.com/1', title: 'The clip' } },
  related(42),
  paragraphOf(text('مرحبا بالعالم')),
);

describe('bodyToPlainText', () => {
  test('blocks separated by blank lines, list items prefixed, non-prose left out', () => {
    assert.equal(
      bodyToPlainText(sample),
      [
        'What happened',
        'The envoy met the security chief.\nTalks continue.',
        '- first\n- second\n  9. nested',
        'A quote.',
        'The clip: https://vimeo.com/1',
        'مرحبا بالعالم',
      ].join('\n\n'),
    );
  });

  test('the empty document is the empty string', () => {
    assert.equal(bodyToPlainText(docOf()), '');
  });
});

describe('countWords and readingMinutes', () => {
  test('counts prose words only, in any script', () => {
    // What happened (2) + The envoy met the security chief Talks continue (8) + first second nested (3) + A quote (2) + مرحبا بالعالم (2)
    assert.equal(countWords(sample), 17);
    assert.equal(countWords(docOf(paragraphOf(text('Well — it’s 2025, isn’t it?')))), 5);
    assert.equal(countWords(docOf()), 0);
  });

  test('about 230 words a minute, never under one', () => {
    assert.deepEqual([0, 1, 229, 345, 460, 1000, Number.NaN, -5].map(readingMinutes), [1, 1, 1, 2, 2, 4, 1, 1]);
  });
});

describe('collectImageIds and collectArticleIds', () => {
  test('unique ids in document order, including nested blocks', () => {
    const doc = docOf(
      image(5),
      { type: 'blockquote', content: [image(2), related(8)] },
      { type: 'bulletList', content: [item(image(5), image(9), related(null), related(3))] },
      related(8),
    );
    assert.deepEqual(collectImageIds(doc), [5, 2, 9]);
    assert.deepEqual(collectArticleIds(doc), [8, 3]);
  });
});

describe('escapeHtml and escapeAttribute', () => {
  test('escape the five HTML-significant characters and nothing else', () => {
    const input = `<a href="x" title='y'>&amp; مرحبا</a>`;
    const expected = '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp; مرحبا&lt;/a&gt;';
    assert.equal(escapeHtml(input), expected);
    assert.equal(escapeAttribute(input), expected);
  });
});

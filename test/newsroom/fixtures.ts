/** Shared article fixtures for the newsroom tests. */
import type { EditableArticle } from '../../src/newsroom/editable.ts';

/** Fields of a complete, publishable article. */
export function completeFields(article: EditableArticle, overrides: Partial<EditableArticle['fields']> = {}): EditableArticle['fields'] {
  return {
    ...article.fields,
    slug: `water-talks-${article.id}`,
    headline: 'Water talks resume after a dry summer',
    standfirst: 'Negotiators return to the table with new river data.',
    byline: 'Test Desk',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The talks resumed on Monday in a quiet hall.' }] }] },
    ...overrides,
  };
}

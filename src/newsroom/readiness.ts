/**
 * What an article needs before it may go to the desk or to readers. Drafts may be
 * incomplete; these rules apply at submission and, more strictly, at publication.
 */
import type { Kysely, Transaction } from 'kysely';
import type { BodyDocument, BlockNode, ImageBlockNode } from '../articles/body/document.ts';
import type { Database } from '../db/schema.ts';
import type { StoredFields } from './snapshot.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Slug prefix of new drafts until someone gives the article its address. */
export const PLACEHOLDER_SLUG_PREFIX = 'draft-';
/** The exact shape of a placeholder slug (so a real slug such as `draft-law-passes` is not mistaken for one). */
const PLACEHOLDER_SLUG = /^draft-[0-9a-f]{10}$/;

function imageBlocks(blocks: readonly BlockNode[], found: ImageBlockNode[] = []): ImageBlockNode[] {
  for (const block of blocks) {
    if (block.type === 'imageBlock') found.push(block);
    else if (block.type === 'blockquote') imageBlocks(block.content, found);
    else if (block.type === 'bulletList' || block.type === 'orderedList') for (const item of block.content) imageBlocks(item.content, found);
  }
  return found;
}

function isEmptyBody(body: BodyDocument): boolean {
  return body.content.every((block) => block.type === 'paragraph' && (block.content ?? []).every((inline) => inline.type === 'text' && inline.text.trim() === ''));
}

/** Problems that stop an article being submitted for review. */
export function submissionProblems(fields: StoredFields): string[] {
  const problems: string[] = [];
  if (fields.headline.trim() === '') problems.push('headline: is required');
  if (fields.authorIds.length === 0 && (fields.byline ?? '') === '') problems.push('authors: add at least one author or a desk/agency byline');
  if (isEmptyBody(fields.body)) problems.push('body: is empty');
  return problems;
}

/** Problems that stop an article being published or scheduled: everything above, an address, and alt text on every photo. */
export async function publicationProblems(db: Executor, fields: StoredFields): Promise<string[]> {
  const problems = submissionProblems(fields);
  if (fields.slug === '' || PLACEHOLDER_SLUG.test(fields.slug)) problems.push('slug: give the article its web address before publishing');
  const blocks = imageBlocks(fields.body.content);
  const ids = [...new Set([...blocks.map((block) => block.attrs.imageId), ...(fields.heroImageId === null ? [] : [fields.heroImageId])])];
  const images = ids.length > 0 ? await db.selectFrom('images').select(['id', 'alt']).where('id', 'in', ids).execute() : [];
  const altOf = new Map(images.map((image) => [Number(image.id), image.alt]));
  if (fields.heroImageId !== null) {
    if (!altOf.has(fields.heroImageId)) problems.push('heroImageId: the main photo no longer exists');
    else if ((fields.heroAlt ?? altOf.get(fields.heroImageId) ?? '').trim() === '') problems.push('heroAlt: alt text is required before publishing');
  }
  blocks.forEach((block, index) => {
    if (!altOf.has(block.attrs.imageId)) problems.push(`body: photo ${index + 1} no longer exists`);
    else if ((block.attrs.alt ?? altOf.get(block.attrs.imageId) ?? '').trim() === '') problems.push(`body: photo ${index + 1} needs alt text before publishing`);
  });
  return problems;
}

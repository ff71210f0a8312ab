// Converting between a stored body and the editor's document. Kept free of the DOM
// so the schema tests in Node.js use the very functions the editor does.

import type { Schema } from '@tiptap/pm/model';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { BodyDocument } from '../../../../articles/body/document.ts';

function isEmptyBody(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const content = (json as { content?: unknown }).content;
  return content === undefined || (Array.isArray(content) && content.length === 0);
}

/**
 * Builds the editor document for a stored body and checks it against the schema, so
 * content the editor cannot represent is refused rather than silently dropped.
 * Throws a RangeError naming the problem.
 */
export function bodyNodeFromJson(schema: Schema, json: unknown): ProseMirrorNode {
  // A new article's body is `content: []`; ProseMirror needs at least one block to put the caret in.
  if (isEmptyBody(json) && (json as { type?: unknown }).type === 'doc') {
    const empty = schema.topNodeType.createAndFill();
    if (empty === null) throw new RangeError('the editor schema cannot create an empty document');
    return empty;
  }
  const doc = ProseMirrorNode.fromJSON(schema, json);
  if (doc.type !== schema.topNodeType) throw new RangeError(`expected a "doc" node, got "${doc.type.name}"`);
  doc.check();
  return doc;
}

/** The stored form of an editor document; a body holding one empty paragraph is saved as empty. */
export function bodyJsonFromNode(doc: ProseMirrorNode): BodyDocument {
  const onlyChild = doc.childCount === 1 ? doc.firstChild : null;
  if (onlyChild !== null && onlyChild.type.name === 'paragraph' && onlyChild.content.size === 0) {
    return { type: 'doc', content: [] };
  }
  // toJSON's shape is the stored model's (the schema test proves it for every node and
  // mark), but it shares attribute objects with the live document; a JSON copy is what
  // gets stored anyway, and callers cannot change the editor's state through it.
  return JSON.parse(JSON.stringify(doc.toJSON())) as BodyDocument;
}

// Placing a block atom (image, embed, related link) where the caret or a drop is.
// Free of the DOM so the schema test can check that every placement yields a body the
// server accepts.

import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { NodeSelection, Selection, TextSelection } from '@tiptap/pm/state';
import type { Transaction } from '@tiptap/pm/state';

// Where a block can go for a caret at `pos`: an empty paragraph is replaced, a caret
// at the start or end of a text block goes before or after it, and one in the middle
// splits it, as pasting a picture into a word processor does.
function placeBlock(tr: Transaction, pos: number, block: ProseMirrorNode): number | null {
  const $pos = tr.doc.resolve(pos);
  if (!$pos.parent.isTextblock || $pos.depth === 0) return canInsertAt(tr, pos, block) ? pos : null;
  const textblock = $pos.parent;
  const container = $pos.node($pos.depth - 1);
  const index = $pos.index($pos.depth - 1);
  if (textblock.content.size === 0 && container.canReplaceWith(index, index + 1, block.type)) {
    tr.delete($pos.before(), $pos.after());
    return $pos.before();
  }
  if ($pos.parentOffset === 0) return canInsertAt(tr, $pos.before(), block) ? $pos.before() : null;
  if ($pos.parentOffset === textblock.content.size) return canInsertAt(tr, $pos.after(), block) ? $pos.after() : null;
  if (!canInsertAt(tr, $pos.after(), block)) return null;
  tr.split(pos);
  return pos + 1;
}

function canInsertAt(tr: Transaction, pos: number, block: ProseMirrorNode): boolean {
  const $pos = tr.doc.resolve(pos);
  return $pos.parent.canReplaceWith($pos.index(), $pos.index(), block.type);
}

/**
 * Inserts a block node for a caret or drop at `pos` and puts the caret after it; an
 * image at the very end gets an empty paragraph below so writing can go on. Returns
 * false, changing nothing, when the block cannot go there.
 */
export function insertBlockAt(tr: Transaction, pos: number, block: ProseMirrorNode): boolean {
  // placeBlock changes the transaction only when it finds a place.
  let at = placeBlock(tr, pos, block);
  if (at === null) {
    // Inside something that cannot hold the block (a list item's first paragraph, say): after its top-level block.
    const $pos = tr.doc.resolve(pos);
    at = $pos.depth === 0 ? pos : $pos.after(1);
    if (!canInsertAt(tr, at, block)) return false;
  }
  tr.insert(at, block);
  const after = at + block.nodeSize;
  const $after = tr.doc.resolve(after);
  if ($after.depth === 0 && $after.nodeAfter === null) {
    const paragraph = tr.doc.type.schema.nodes.paragraph;
    if (paragraph !== undefined) tr.insert(after, paragraph.create());
  }
  const next = tr.doc.resolve(after);
  tr.setSelection(next.nodeAfter?.isTextblock === true ? TextSelection.create(tr.doc, after + 1) : Selection.near(next));
  return true;
}

/**
 * Where a dropped photo goes: a drop lands somewhere inside a line more or less by
 * chance, so it goes before or after the paragraph it hit, whichever is nearer,
 * rather than splitting a word. (A paste goes exactly to the caret, which was placed.)
 */
export function dropPoint(doc: ProseMirrorNode, pos: number): number {
  const $pos = doc.resolve(pos);
  const size = $pos.parent.content.size;
  if (!$pos.parent.isTextblock || $pos.depth === 0 || size === 0) return pos;
  return $pos.parentOffset * 2 < size ? $pos.before() : $pos.after();
}

/** Where a toolbar insertion goes: after a selected node or selected text, else at the caret. */
export function insertionPoint(selection: Selection): number {
  return selection instanceof NodeSelection || !selection.empty ? selection.to : selection.from;
}

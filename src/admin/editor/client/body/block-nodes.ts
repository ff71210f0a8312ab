// Text blocks whose stored shape differs from StarterKit's version (heading, ordered
// list) or that StarterKit lacks (pull quote). StarterKit's heading accepts any level
// as data and turns a pasted <h1> into a plain paragraph; its ordered list carries a
// `type` attribute (a, i, I…) that the reader site never shows.

import { Node, mergeAttributes, textblockTypeInputRule, wrappingInputRule } from '@tiptap/core';
import type { NodeViewRenderer } from '@tiptap/core';
import { isListStart, isOptionalText, listStart, numberAttr, optionalTextFrom, validator } from './attribute-rules.ts';

/** Levels a body heading may have; level 1 is the page headline. */
export const HEADING_LEVELS = [2, 3, 4] as const;

/** A body heading level. */
export type BodyHeadingLevel = (typeof HEADING_LEVELS)[number];

function isHeadingLevel(value: unknown): value is BodyHeadingLevel {
  return HEADING_LEVELS.some((level) => level === value);
}

/** A subheading of level 2, 3 or 4. */
export const BodyHeading = Node.create({
  name: 'heading',
  group: 'block',
  content: 'inline*',
  defining: true,

  addAttributes() {
    return {
      level: {
        default: 2,
        rendered: false,
        validate: validator(isHeadingLevel, 'heading level must be 2, 3 or 4 (the page headline is the only h1)'),
      },
    };
  },

  parseHTML() {
    // Pasted h1 (usually another page's title) and h5/h6 become the nearest allowed
    // level rather than losing their heading role.
    return [
      { tag: 'h1', attrs: { level: 2 } },
      { tag: 'h2', attrs: { level: 2 } },
      { tag: 'h3', attrs: { level: 3 } },
      { tag: 'h4', attrs: { level: 4 } },
      { tag: 'h5', attrs: { level: 4 } },
      { tag: 'h6', attrs: { level: 4 } },
    ];
  },

  renderHTML({ node }) {
    const level = numberAttr(node, 'level');
    return [level === 3 ? 'h3' : level === 4 ? 'h4' : 'h2', 0];
  },

  addKeyboardShortcuts() {
    return Object.fromEntries(
      HEADING_LEVELS.map((level) => [`Mod-Alt-${level}`, () => this.editor.commands.toggleNode(this.name, 'paragraph', { level })]),
    );
  },

  addInputRules() {
    // Markdown habit: "## " starts a level-2 heading; a single "#" is the headline's and does nothing.
    return [
      textblockTypeInputRule({
        find: /^(#{2,4})\s$/,
        type: this.type,
        getAttributes: (match) => ({ level: match[1]?.length ?? 2 }),
      }),
    ];
  },
});

/** A numbered list whose only attribute is the number it starts at. */
export const BodyOrderedList = Node.create({
  name: 'orderedList',
  group: 'block list',
  content: 'listItem+',

  addAttributes() {
    return {
      start: {
        default: 1,
        rendered: false,
        parseHTML: (element) => listStart(element.getAttribute('start')),
        validate: validator(isListStart, 'list start must be a whole number from 0 to 1,000,000'),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'ol' }];
  },

  renderHTML({ node }) {
    const start = numberAttr(node, 'start') ?? 1;
    return ['ol', start === 1 ? {} : { start }, 0];
  },

  addKeyboardShortcuts() {
    return { 'Mod-Shift-7': () => this.editor.commands.toggleList(this.name, 'listItem') };
  },

  addInputRules() {
    return [
      wrappingInputRule({
        find: /^(\d+)\.\s$/,
        type: this.type,
        getAttributes: (match) => ({ start: listStart(match[1]) }),
        // Typing "3. " right after a two-item list continues that list.
        joinPredicate: (match, node) => node.childCount + (numberAttr(node, 'start') ?? 1) === Number(match[1]),
      }),
    ];
  },
});

/** Options of the custom nodes: the browser passes a node view, Node.js tests pass none. */
export interface NodeViewOption {
  nodeView: NodeViewRenderer | null;
}

/** A line pulled out of the story and set large, with an optional attribution. */
export const PullQuote = Node.create<NodeViewOption>({
  name: 'pullQuote',
  group: 'block',
  content: 'inline*',
  defining: true,

  addOptions() {
    return { nodeView: null };
  },

  addAttributes() {
    return {
      attribution: {
        default: null,
        parseHTML: (element) => optionalTextFrom(element.getAttribute('data-attribution')),
        renderHTML: (attributes) => (attributes.attribution === null ? {} : { 'data-attribution': attributes.attribution as string }),
        validate: validator(isOptionalText, 'pull quote attribution must be text or null'),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'aside[data-body-node="pullQuote"]', contentElement: 'blockquote' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['aside', mergeAttributes({ 'data-body-node': 'pullQuote' }, HTMLAttributes), ['blockquote', 0]];
  },

  addNodeView() {
    return this.options.nodeView;
  },
});

// The marks the body allows beyond StarterKit's bold, italic, underline and strike.
// Link and code replace StarterKit's own: its link carries target, rel, class and
// title attributes the stored model does not have (and accepts tel:, ftp: and other
// schemes the server refuses), and its code mark excludes every other mark, which
// would refuse stored text that is, say, both linked and code.

import { Mark } from '@tiptap/core';
import type { InputRuleMatch } from '@tiptap/core';
import { markInputRule } from '@tiptap/core';
import { isStorableHref, validator } from './attribute-rules.ts';

/** A hyperlink whose only attribute is `href`, validated by the server's rule. */
export const BodyLink = Mark.create({
  name: 'link',
  // Highest priority puts links outermost, as the reader site nests them, so one
  // link can span runs with different formatting.
  priority: 1000,
  // Typing at the end of a link must not lengthen it.
  inclusive: false,

  addAttributes() {
    return {
      href: {
        isRequired: true,
        parseHTML: (element) => element.getAttribute('href')?.trim() ?? null,
        validate: validator(isStorableHref, 'link href must be http(s), mailto, site-relative or a #fragment'),
      },
    };
  },

  parseHTML() {
    // A pasted link the server would refuse (javascript:, tel:, data:…) stays as plain text.
    return [{ tag: 'a[href]', getAttrs: (element) => (isStorableHref(element.getAttribute('href')?.trim()) ? null : false) }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['a', HTMLAttributes, 0];
  },
});

// A backtick pair closes a code span unless the opening one is part of a longer run.
function findCodeSpan(text: string): InputRuleMatch | null {
  const match = /`([^`]+)`$/.exec(text);
  if (match === null || match[1] === undefined) return null;
  if (match.index > 0 && text[match.index - 1] === '`') return null;
  return { index: match.index, text: match[0], replaceWith: match[1] };
}

/** Inline code that, unlike StarterKit's, may combine with other marks (as the server allows). */
export const BodyCode = Mark.create({
  name: 'code',
  code: true,

  parseHTML() {
    return [{ tag: 'code' }];
  },

  renderHTML() {
    return ['code', 0];
  },

  addKeyboardShortcuts() {
    return { 'Mod-e': () => this.editor.commands.toggleMark(this.name) };
  },

  addInputRules() {
    return [markInputRule({ find: findCodeSpan, type: this.type })];
  },
});

// Sub- and superscript may coexist in the stored model, so the schema allows both;
// toggling one clears the other because text is never meant to be both.
function verticalMark(name: 'subscript' | 'superscript', tag: 'sub' | 'sup', opposite: string, shortcut: string) {
  return Mark.create({
    name,

    parseHTML() {
      return [{ tag }, { style: 'vertical-align', getAttrs: (value) => (value === tag ? null : false) }];
    },

    renderHTML() {
      return [tag, 0];
    },

    addKeyboardShortcuts() {
      return { [shortcut]: () => this.editor.chain().unsetMark(opposite).toggleMark(this.name).run() };
    },
  });
}

/** Subscript text, e.g. the 2 in CO₂. */
export const Subscript = verticalMark('subscript', 'sub', 'superscript', 'Mod-,');

/** Superscript text, e.g. the th in 19th or a footnote number. */
export const Superscript = verticalMark('superscript', 'sup', 'subscript', 'Mod-.');

// What the body toolbar offers, and how each button reads and changes the editor.

import type { Editor } from '@tiptap/core';
import { HEADING_LEVELS } from './block-nodes.ts';
import type { ToolbarGroup, ToolbarItem } from './toolbar.ts';

/** Opens one of the panels; given by createBodyEditor. */
export type OpenPanel = (name: 'link' | 'image' | 'embed' | 'related', button: HTMLButtonElement) => void;

function markItem(editor: Editor, name: string, label: string, glyph: string, shortcut: string, opposite?: string): ToolbarItem {
  return {
    name,
    label,
    face: { glyph },
    shortcut,
    isActive: () => editor.isActive(name),
    isEnabled: () => editor.can().toggleMark(name),
    run: () => {
      const chain = editor.chain().focus();
      (opposite === undefined ? chain : chain.unsetMark(opposite)).toggleMark(name).run();
    },
  };
}

/** The toolbar's groups: block type, text formatting, structure, inserts, history. */
export function toolbarGroups(editor: Editor, openPanel: OpenPanel): ToolbarGroup[] {
  const isParagraph = () => editor.isActive('paragraph') && !editor.isActive('bulletList') && !editor.isActive('orderedList') && !editor.isActive('blockquote');
  return [
    {
      label: 'Block type',
      items: [
        {
          name: 'paragraph',
          label: 'Paragraph',
          face: { glyph: '¶' },
          shortcut: 'Mod-Alt-0',
          isActive: isParagraph,
          isEnabled: () => isParagraph() || editor.can().setNode('paragraph'),
          run: () => editor.chain().focus().setNode('paragraph').run(),
        },
        ...HEADING_LEVELS.map(
          (level): ToolbarItem => ({
            name: `heading${level}`,
            // The visible "H2" is part of the name, so speech users can say what they see.
            label: `Heading H${level}`,
            face: { glyph: `H${level}` },
            shortcut: `Mod-Alt-${level}`,
            isActive: () => editor.isActive('heading', { level }),
            isEnabled: () => editor.can().toggleNode('heading', 'paragraph', { level }),
            run: () => editor.chain().focus().toggleNode('heading', 'paragraph', { level }).run(),
          }),
        ),
      ],
    },
    {
      label: 'Text formatting',
      items: [
        markItem(editor, 'bold', 'Bold', 'B', 'Mod-b'),
        markItem(editor, 'italic', 'Italic', 'I', 'Mod-i'),
        markItem(editor, 'underline', 'Underline', 'U', 'Mod-u'),
        markItem(editor, 'strike', 'Strikethrough', 'S', 'Mod-Shift-s'),
        markItem(editor, 'superscript', 'Superscript x²', 'x²', 'Mod-.', 'subscript'),
        markItem(editor, 'subscript', 'Subscript x₂', 'x₂', 'Mod-,', 'superscript'),
        markItem(editor, 'code', 'Code', '</>', 'Mod-e'),
        {
          name: 'link',
          label: 'Link',
          face: { icon: 'link' },
          shortcut: 'Mod-k',
          opensPanel: true,
          isActive: () => editor.isActive('link'),
          isEnabled: () => editor.can().setMark('link', { href: '/' }),
          run: (button) => openPanel('link', button),
        },
      ],
    },
    {
      label: 'Structure',
      items: [
        {
          name: 'bulletList',
          label: 'Bulleted list',
          face: { icon: 'bulletList' },
          shortcut: 'Mod-Shift-8',
          isActive: () => editor.isActive('bulletList'),
          isEnabled: () => editor.can().toggleList('bulletList', 'listItem'),
          run: () => editor.chain().focus().toggleList('bulletList', 'listItem').run(),
        },
        {
          name: 'orderedList',
          label: 'Numbered list',
          face: { icon: 'orderedList' },
          shortcut: 'Mod-Shift-7',
          isActive: () => editor.isActive('orderedList'),
          isEnabled: () => editor.can().toggleList('orderedList', 'listItem'),
          run: () => editor.chain().focus().toggleList('orderedList', 'listItem').run(),
        },
        {
          name: 'blockquote',
          label: 'Quote',
          face: { icon: 'blockquote' },
          shortcut: 'Mod-Shift-b',
          isActive: () => editor.isActive('blockquote'),
          isEnabled: () => editor.can().toggleWrap('blockquote'),
          run: () => editor.chain().focus().toggleWrap('blockquote').run(),
        },
        {
          name: 'pullQuote',
          label: 'Pull quote',
          face: { icon: 'pullQuote' },
          isActive: () => editor.isActive('pullQuote'),
          isEnabled: () => editor.can().toggleNode('pullQuote', 'paragraph'),
          run: () => editor.chain().focus().toggleNode('pullQuote', 'paragraph').run(),
        },
        {
          name: 'horizontalRule',
          label: 'Section break',
          face: { icon: 'rule' },
          isEnabled: () => editor.can().setHorizontalRule(),
          run: () => editor.chain().focus().setHorizontalRule().run(),
        },
      ],
    },
    {
      label: 'Insert',
      items: [
        { name: 'image', label: 'Photo', face: { icon: 'image' }, isLabelShown: true, opensPanel: true, run: (button) => openPanel('image', button) },
        { name: 'embed', label: 'Embed', face: { icon: 'embed' }, isLabelShown: true, opensPanel: true, run: (button) => openPanel('embed', button) },
        { name: 'related', label: 'Related', face: { icon: 'related' }, isLabelShown: true, opensPanel: true, run: (button) => openPanel('related', button) },
      ],
    },
    {
      label: 'History',
      items: [
        { name: 'undo', label: 'Undo', face: { icon: 'undo' }, shortcut: 'Mod-z', isEnabled: () => editor.can().undo(), run: () => editor.chain().focus().undo().run() },
        { name: 'redo', label: 'Redo', face: { icon: 'redo' }, shortcut: 'Mod-Shift-z', isEnabled: () => editor.can().redo(), run: () => editor.chain().focus().redo().run() },
      ],
    },
  ];
}

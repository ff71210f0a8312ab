// The article body editor: a toolbar, a panel strip for link and insert forms, and the
// TipTap editing area, in one element the page shell mounts where it likes.

import { Editor, getSchema } from '@tiptap/core';
import type { JSONContent } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { countWords } from '../../../../articles/body/text.ts';
import { bodyJsonFromNode, bodyNodeFromJson } from './body-document.ts';
import { h, uniqueId } from './dom.ts';
import { bodyExtensions } from './extensions.ts';
import { cachedImageInfo } from './image-view.ts';
import { UploadMarkers, createImageUploader, filesOf } from './image-upload.ts';
import { dropPoint } from './insert-block.ts';
import { embedPanel, imagePanel, relatedPanel } from './insert-panels.ts';
import type { InsertContext } from './insert-panels.ts';
import { linkPanel } from './link-panel.ts';
import { createNodeViews } from './node-views.ts';
import { PendingSelection, createPanel } from './panel.ts';
import { cleanPastedHtml, cleanPastedText, linkSelectionOnPaste } from './paste.ts';
import { createToolbar } from './toolbar.ts';
import type { Toolbar } from './toolbar.ts';
import { toolbarGroups } from './toolbar-items.ts';
import type { BodyDocumentJson, BodyEditor, BodyEditorOptions } from './types.ts';

/** The contract types, so the page shell needs only this module. */
export type { BodyDocumentJson, BodyEditor, BodyEditorOptions, ImageInfo, ArticleSearchResult } from './types.ts';

type Loaded = { ok: true; doc: ProseMirrorNode } | { ok: false; reason: string };

// Checked before the editor exists: TipTap would otherwise replace content it cannot
// represent with an empty document, which the next autosave would store.
function loadBody(options: BodyEditorOptions, extensions: ReturnType<typeof bodyExtensions>): Loaded {
  try {
    return { ok: true, doc: bodyNodeFromJson(getSchema(extensions), options.initialDoc) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Mounts a body editor into `host`. */
export function createBodyEditor(host: HTMLElement, options: BodyEditorOptions): BodyEditor {
  let editor: Editor | null = null;
  const imageInfo = cachedImageInfo((imageId) => options.imageInfo(imageId));
  const extensions = bodyExtensions({ placeholder: options.placeholder, nodeViews: createNodeViews({ imageInfo }) });
  const loaded = loadBody(options, extensions);
  const uploader = createImageUploader(() => editor, {
    uploadImage: (file) => options.uploadImage(file),
    onError: (message) => options.onError(message),
  });
  const panel = createPanel(() => editor);
  const contentId = uniqueId('body-editor-content');
  panel.element.id = uniqueId('body-editor-panel');

  const surface = h('div', { class: 'body-editor__surface' });
  const root = h('div', { class: 'body-editor', dir: options.dir });
  let isEditable = loaded.ok;
  // Built after the editor, whose commands its buttons call; early transactions find it missing.
  let toolbar: Toolbar | null = null;
  // Each refresh dry-runs a command per button, so a burst of transactions (typing) costs one per frame.
  let isRefreshScheduled = false;
  const scheduleToolbarRefresh = () => {
    if (isRefreshScheduled) return;
    isRefreshScheduled = true;
    requestAnimationFrame(() => {
      isRefreshScheduled = false;
      if (editor !== null && !editor.isDestroyed) toolbar?.refresh();
    });
  };

  const current = new Editor({
    element: surface,
    extensions: [...extensions, UploadMarkers, PendingSelection],
    // As JSON: the checked node belongs to a schema instance of its own, not the editor's.
    content: loaded.ok ? (loaded.doc.toJSON() as JSONContent) : null,
    editable: isEditable,
    // The admin's CSP allows no inline styles; body-editor.css carries ProseMirror's base rules.
    injectCSS: false,
    editorProps: {
      attributes: {
        id: contentId,
        class: 'body-editor__content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': options.labelledBy,
        dir: options.dir,
        spellcheck: 'true',
      },
      transformPastedHTML: cleanPastedHtml,
      transformPastedText: cleanPastedText,
      handlePaste(view, event) {
        if (!view.editable) return false;
        const files = filesOf(event.clipboardData).filter((file) => file.type.startsWith('image/'));
        // Word and some browsers put a picture of copied text on the clipboard next to the
        // text itself; only a paste without text is a photo paste.
        const hasText = (event.clipboardData?.getData('text/plain') ?? '').trim() !== '';
        if (files.length > 0 && !hasText) {
          uploader.upload(files, view.state.selection.from);
          return true;
        }
        return linkSelectionOnPaste(view, event);
      },
      handleDrop(view, event, _slice, isMove) {
        const files = filesOf(event.dataTransfer);
        if (isMove || files.length === 0) return false;
        event.preventDefault();
        if (!view.editable) return true;
        const pos = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? view.state.selection.from;
        uploader.upload(files, dropPoint(view.state.doc, pos));
        return true;
      },
      handleKeyDown(_view, event) {
        if (event.key === 'F10' && event.altKey) {
          // The usual way from a text area to its toolbar.
          event.preventDefault();
          toolbar?.focus();
          return true;
        }
        if (event.key.toLowerCase() === 'k' && (event.metaKey || event.ctrlKey) && !event.altKey && !event.shiftKey) {
          event.preventDefault();
          openPanel('link', null);
          return true;
        }
        return false;
      },
    },
    onUpdate: () => options.onChange(),
    onTransaction: () => scheduleToolbarRefresh(),
  });
  editor = current;

  const insertContext: InsertContext = {
    editor: current,
    panel,
    uploader,
    pickImage: () => options.pickImage(),
    searchArticles: (q) => options.searchArticles(q),
    onError: (message) => options.onError(message),
  };
  const openPanel = (name: 'link' | 'image' | 'embed' | 'related', button: HTMLButtonElement | null) => {
    if (!current.isEditable) return;
    if (panel.openName() === name) {
      panel.close();
      return;
    }
    const content =
      name === 'link' ? linkPanel(current, panel) : name === 'image' ? imagePanel(insertContext) : name === 'embed' ? embedPanel(insertContext) : relatedPanel(insertContext);
    panel.open(content, button);
  };

  const bodyToolbar = createToolbar(toolbarGroups(current, openPanel), { label: 'Text formatting', controls: contentId, panelId: panel.element.id });
  toolbar = bodyToolbar;
  panel.onChange((name) => bodyToolbar.setExpanded(name));
  bodyToolbar.setDisabled(!isEditable);
  root.append(bodyToolbar.element, panel.element, surface);
  host.append(root);
  watchFileDrags(root, surface, () => current.isEditable);

  if (!loaded.ok) {
    root.classList.add('is-unloadable');
    const message = `This article body cannot be edited here because it contains content the editor does not support (${loaded.reason}). It has not been changed.`;
    // After returning, so the page has its BodyEditor in hand when the message arrives.
    queueMicrotask(() => options.onError(message));
  }

  const setControlsEnabled = (enabled: boolean) => {
    // Node views read isEditable when they are created; this updates the ones already drawn.
    for (const control of surface.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLButtonElement>('.body-node input, .body-node textarea, .body-node button')) {
      control.disabled = !enabled;
    }
  };

  const getDocument = (): BodyDocumentJson =>
    // A body that could not be loaded is handed back as it came, never as the empty placeholder.
    loaded.ok ? bodyJsonFromNode(current.state.doc) : (options.initialDoc as BodyDocumentJson);

  return {
    getDocument,
    wordCount: () => countWords(getDocument()),
    focus: () => {
      current.commands.focus();
    },
    destroy: () => {
      panel.close({ keepFocus: true });
      current.destroy();
      editor = null;
      root.remove();
    },
    setEditable: (editable) => {
      isEditable = editable && loaded.ok;
      if (!isEditable) panel.close({ keepFocus: true });
      current.setEditable(isEditable, false);
      bodyToolbar.setDisabled(!isEditable);
      setControlsEnabled(isEditable);
      root.classList.toggle('is-readonly', !isEditable);
    },
  };
}

// Shows the drop state while files are dragged over the text, and keeps a file dropped
// next to it (on the toolbar, say) from making the browser open it and leave the page.
function watchFileDrags(root: HTMLElement, surface: HTMLElement, isEditable: () => boolean): void {
  const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') === true;
  const isOverSurface = (target: EventTarget | null) => target instanceof Node && surface.contains(target);
  // Only the editable text takes files; ProseMirror handles drops there.
  const takesFiles = (event: DragEvent) => isEditable() && isOverSurface(event.target);
  root.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    if (!takesFiles(event)) {
      event.preventDefault();
      if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'none';
    }
    root.classList.toggle('is-drag-over', takesFiles(event));
  });
  root.addEventListener('dragleave', (event) => {
    if (!isOverSurface(event.relatedTarget)) root.classList.remove('is-drag-over');
  });
  root.addEventListener('drop', (event) => {
    root.classList.remove('is-drag-over');
    if (hasFiles(event) && !takesFiles(event)) event.preventDefault();
  });
}

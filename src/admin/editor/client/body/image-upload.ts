// Photos dropped, pasted or picked from disk: each shows an "Uploading photo…" marker
// where it will go, and only a successful upload puts an imageBlock into the document,
// so a refused file never leaves a broken node behind (nor one an autosave could store).

import { Extension } from '@tiptap/core';
import type { Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { h } from './dom.ts';
import { insertBlockAt } from './insert-block.ts';

type UploadMeta = { add: { id: string; pos: number; name: string } } | { remove: string };

interface UploadSpec {
  uploadId: string;
}

const uploadsKey = new PluginKey<DecorationSet>('bodyImageUploads');

function uploadMarker(name: string): HTMLElement {
  return h(
    'span',
    { class: 'body-upload', role: 'status', contenteditable: 'false' },
    h('span', { class: 'body-upload__spinner', 'aria-hidden': 'true' }),
    h('span', {}, 'Uploading photo…'),
    h('span', { class: 'body-upload__name' }, name),
  );
}

/** Draws the markers of uploads in progress and keeps them in place as the text changes. */
export const UploadMarkers = Extension.create({
  name: 'bodyUploadMarkers',

  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: uploadsKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, markers) {
            let next = markers.map(tr.mapping, tr.doc);
            const meta = tr.getMeta(uploadsKey) as UploadMeta | undefined;
            if (meta !== undefined && 'add' in meta) {
              const { id, pos, name } = meta.add;
              const spec: UploadSpec = { uploadId: id };
              next = next.add(tr.doc, [Decoration.widget(pos, () => uploadMarker(name), { ...spec, side: -1 })]);
            } else if (meta !== undefined) {
              next = next.remove(next.find(undefined, undefined, (spec: Partial<UploadSpec>) => spec.uploadId === meta.remove));
            }
            return next;
          },
        },
        props: {
          decorations: (state) => uploadsKey.getState(state),
        },
      }),
    ];
  },
});

/** The files carried by a drop or paste. */
export function filesOf(transfer: DataTransfer | null): File[] {
  return transfer === null ? [] : Array.from(transfer.files);
}

/** Starts uploads and places their images when they finish. */
export interface ImageUploader {
  /** Uploads image files for a caret or drop at `pos`; other files are reported and skipped. */
  upload(files: readonly File[], pos: number): void;
}

/** Creates the uploader for one editor. */
export function createImageUploader(
  getEditor: () => Editor | null,
  deps: { uploadImage(file: File): Promise<{ id: number }>; onError(message: string): void },
): ImageUploader {
  let lastId = 0;

  const markerPos = (editor: Editor, id: string): number | null => {
    const markers = uploadsKey.getState(editor.state);
    const found = markers?.find(undefined, undefined, (spec: Partial<UploadSpec>) => spec.uploadId === id)[0];
    return found === undefined ? null : found.from;
  };

  const finish = (id: string, imageId: number | null) => {
    const editor = getEditor();
    if (editor === null || editor.isDestroyed) return;
    const pos = markerPos(editor, id);
    const tr = editor.state.tr.setMeta(uploadsKey, { remove: id } satisfies UploadMeta);
    const imageBlock = editor.schema.nodes.imageBlock;
    // No marker left means the text around it was deleted meanwhile: the photo stays in the library only.
    if (imageId !== null && pos !== null && imageBlock !== undefined) {
      insertBlockAt(tr, pos, imageBlock.create({ imageId, caption: null, credit: null, alt: null }));
    }
    editor.view.dispatch(tr);
  };

  return {
    upload(files, pos) {
      const editor = getEditor();
      if (editor === null) return;
      for (const file of files) {
        if (!file.type.startsWith('image/')) {
          deps.onError(`“${file.name}” is not an image, so it was not added.`);
          continue;
        }
        lastId += 1;
        const id = `upload-${lastId}`;
        editor.view.dispatch(editor.state.tr.setMeta(uploadsKey, { add: { id, pos, name: file.name } } satisfies UploadMeta));
        deps.uploadImage(file).then(
          (image) => finish(id, image.id),
          (error: unknown) => {
            finish(id, null);
            const reason = error instanceof Error && error.message !== '' ? error.message : 'the upload failed';
            deps.onError(`Could not upload “${file.name}”: ${reason}`);
          },
        );
      }
    },
  };
}

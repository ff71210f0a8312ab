// The body editor in its place on the page: mounted at start, mounted again when the
// language's direction turns or another version's body is loaded, and the server's
// plain-text body shown again if the rich editor cannot start.
import { createBodyEditor } from './body/body-editor.ts';
import type { BodyEditor, BodyEditorOptions } from './body/types.ts';

/** What the host needs besides the document and direction, which change per mount. */
export type BodyHostOptions = Omit<BodyEditorOptions, 'initialDoc' | 'dir'> & {
  isEditable: boolean;
};

/** The body editor's host element and the editor mounted in it, if any. */
export class BodyHost {
  #editor: BodyEditor | null = null;
  /** The document last given to the editor: what a save sends back unchanged while no editor runs. */
  #document: unknown;
  readonly #fallback: ChildNode[];

  constructor(
    private readonly host: HTMLElement,
    private readonly options: BodyHostOptions,
    storedDocument: unknown,
  ) {
    this.#document = storedDocument;
    this.#fallback = [...host.childNodes];
  }

  /** The running editor, or null when it could not start. */
  get editor(): BodyEditor | null {
    return this.#editor;
  }

  /** The body to save: the editor's document, or the last one given to it. */
  document(): unknown {
    return this.#editor ? this.#editor.getDocument() : this.#document;
  }

  /** (Re)creates the editor in `dir`, with `doc` or else the document it holds now. */
  mount(dir: 'ltr' | 'rtl', doc: unknown = this.document()): void {
    this.#document = doc;
    this.#editor?.destroy();
    this.host.replaceChildren();
    this.host.dir = dir;
    try {
      this.#editor = createBodyEditor(this.host, { ...this.options, initialDoc: doc, dir });
      this.#editor.setEditable(this.options.isEditable);
    } catch (error) {
      this.#editor = null;
      this.host.replaceChildren(...this.#fallback);
      this.options.onError(`The body editor could not start (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`);
    }
  }
}

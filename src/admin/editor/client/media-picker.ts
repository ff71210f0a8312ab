// The media picker: a modal <dialog> over the media library (search, thumbnails you can
// reach and choose by keyboard, more on request) with an upload button. Used for the
// hero image and for images placed in the body.
import { apiCall, problemsOf } from './api.ts';
import type { ApiResult } from './api.ts';
import { byId, h, maybeById, setText } from './dom.ts';
import { ID } from './dom-ids.ts';

/** An image as the media API returns it. */
export interface LibraryImage {
  id: number;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  creditOrganisation: string | null;
  canDistribute: boolean;
  originalName: string | null;
  createdAt: string;
  /** Null only for an image whose variants are missing. */
  thumbnailUrl: string | null;
  previewUrl: string | null;
}

/** The API's upload limit, checked here first so nobody waits for a refusal. */
const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** Uploads one image file to the library. */
export async function uploadImage(file: File): Promise<ApiResult<LibraryImage>> {
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, status: 413, error: { error: 'too_large', message: 'Images can be at most 25 MB.' } };
  const form = new FormData();
  form.append('file', file);
  return apiCall<LibraryImage>('POST', '/admin/api/media', form);
}

/** One image by id, or null when it is gone or cannot be read. */
export async function fetchImage(id: number): Promise<LibraryImage | null> {
  const result = await apiCall<LibraryImage>('GET', `/admin/api/media/${id}`);
  return result.ok ? result.data : null;
}

/** Describes an image in a few words: its alt text, caption or file name. */
export function describeImage(image: LibraryImage): string {
  return image.alt.trim() || image.caption?.trim() || image.originalName || `Image ${image.id}`;
}

/** The picker dialog of the page. */
export class MediaPicker {
  readonly #dialog = byId<HTMLDialogElement>(ID.mediaPicker);
  readonly #search = byId<HTMLInputElement>(ID.mediaSearch);
  readonly #results = byId<HTMLUListElement>(ID.mediaResults);
  readonly #more = byId<HTMLButtonElement>(ID.mediaMore);
  readonly #status = byId(ID.mediaStatus);
  #found = new Map<number, LibraryImage>();
  #next: string | null = null;
  #resolve: ((image: LibraryImage | null) => void) | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #loading: AbortController | null = null;

  constructor() {
    this.#search.addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.#load(false), 250);
    });
    this.#search.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        this.#results.querySelector<HTMLButtonElement>('button')?.focus();
      }
    });
    this.#more.addEventListener('click', () => void this.#load(true));
    this.#results.addEventListener('click', (event) => {
      const tile = (event.target as Element).closest<HTMLButtonElement>('[data-image-id]');
      const image = tile ? this.#found.get(Number(tile.dataset.imageId)) : undefined;
      if (image) this.#finish(image);
    });
    this.#results.addEventListener('keydown', (event) => this.#moveFocus(event));
    this.#dialog.querySelector('[data-close]')?.addEventListener('click', () => this.#finish(null));
    // Escape closes a modal dialog by itself; whoever waits then gets "nothing chosen".
    this.#dialog.addEventListener('close', () => this.#finish(null));
    const upload = maybeById<HTMLInputElement>(ID.mediaUpload);
    upload?.addEventListener('change', () => void this.#upload(upload));
  }

  /** Opens the picker; resolves with the chosen (or uploaded) image, or null if cancelled. */
  open(): Promise<LibraryImage | null> {
    this.#finish(null);
    return new Promise((resolve) => {
      this.#resolve = resolve;
      this.#dialog.showModal();
      this.#search.focus();
      void this.#load(false);
    });
  }

  #finish(image: LibraryImage | null): void {
    const resolve = this.#resolve;
    this.#resolve = null;
    if (this.#dialog.open) this.#dialog.close();
    resolve?.(image);
  }

  async #load(isMore: boolean): Promise<void> {
    this.#loading?.abort();
    const controller = new AbortController();
    this.#loading = controller;
    const query = this.#search.value.trim();
    const params = new URLSearchParams();
    if (query) params.set('q', query);
    if (isMore && this.#next) params.set('after', this.#next);
    setText(this.#status, 'Loading images…');
    let result: ApiResult<{ images: LibraryImage[]; next: string | null }>;
    try {
      result = await apiCall<{ images: LibraryImage[]; next: string | null }>('GET', `/admin/api/media?${params}`, undefined, { signal: controller.signal });
    } catch {
      return; // superseded by a newer search
    }
    if (!result.ok) {
      setText(this.#status, `Images could not be loaded: ${result.error.message}`);
      return;
    }
    const page = result.data;
    if (!isMore) {
      this.#found.clear();
      this.#results.replaceChildren();
    }
    for (const image of page.images) {
      this.#found.set(image.id, image);
      this.#results.append(
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'media-tile', 'data-image-id': image.id },
            image.thumbnailUrl ? h('img', { src: image.thumbnailUrl, alt: '', loading: 'lazy', width: 160, height: 120 }) : h('span', { class: 'media-tile__missing' }, 'No preview'),
            h('span', { class: 'media-tile__label' }, describeImage(image)),
          ),
        ),
      );
    }
    this.#next = page.next;
    this.#more.hidden = page.next === null;
    const count = this.#found.size;
    setText(this.#status, count === 0 ? (query ? `No images match “${query}”.` : 'The library has no images yet.') : `${count} ${count === 1 ? 'image' : 'images'}${page.next ? ' so far' : ''}. Choose one with Enter or a click.`);
  }

  async #upload(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setText(this.#status, `Uploading ${file.name}…`);
    const result = await uploadImage(file);
    if (result.ok) this.#finish(result.data);
    else setText(this.#status, `The upload failed: ${problemsOf(result).join('; ')}`);
  }

  /** Arrow keys, Home and End move between thumbnails (Tab still works too). */
  #moveFocus(event: KeyboardEvent): void {
    const tiles = [...this.#results.querySelectorAll<HTMLButtonElement>('button[data-image-id]')];
    const at = tiles.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const columns = Math.max(1, tiles.filter((tile) => tile.offsetTop === tiles[0]?.offsetTop).length);
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -at, End: tiles.length - 1 - at };
    const step = moves[event.key];
    if (step === undefined) return;
    event.preventDefault();
    if (event.key === 'ArrowUp' && at < columns) {
      this.#search.focus();
      return;
    }
    tiles[Math.min(tiles.length - 1, Math.max(0, at + step))]?.focus();
  }
}

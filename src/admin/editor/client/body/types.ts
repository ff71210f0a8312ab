// The body editor's public contract with the page shell (src/admin/editor/client/main.ts).

import type { BodyDocument } from '../../../../articles/body/document.ts';

/** A stored article body as the editor hands it out: already in the shape parseBodyDocument accepts. */
export type BodyDocumentJson = BodyDocument;

/** What the editor shows for a stored image (GET /admin/api/media/:id gives a superset). */
export interface ImageInfo {
  /** `/media/` URL of a small JPEG; null when the image has no variants yet. */
  thumbnailUrl: string | null;
  alt: string;
  caption: string | null;
  credit: string | null;
  /** False for wire and agency photos that must not be passed on to partners. */
  canDistribute: boolean;
}

/** An article offered as the target of a related link. */
export interface ArticleSearchResult {
  id: number;
  headline: string;
  url: string;
}

/** What the page shell supplies to createBodyEditor. */
export interface BodyEditorOptions {
  /** The stored BodyDocument. */
  initialDoc: unknown;
  /** Arabic articles are edited right to left. */
  dir: 'ltr' | 'rtl';
  /** Id of the visible label for the editing area. */
  labelledBy: string;
  /** Called on every document change (autosave, word count, dirty state). */
  onChange(): void;
  /** POST /admin/api/media; rejects with Error(message) when the server refuses the file. */
  uploadImage(file: File): Promise<{ id: number }>;
  /** GET /admin/api/media/:id; the editor caches the answers. */
  imageInfo(imageId: number): Promise<ImageInfo | null>;
  /** Opens the media library picker; null when the editor closes it without choosing. */
  pickImage(): Promise<{ id: number } | null>;
  /** Published articles whose headline matches, for related links. */
  searchArticles(q: string): Promise<ArticleSearchResult[]>;
  /** Shows a message to the user (upload refused, body could not be loaded…). */
  onError(message: string): void;
  /** Hint shown in an empty body; defaults to English. */
  placeholder?: string;
}

/** A mounted body editor. */
export interface BodyEditor {
  /** The current body, in the stored shape. */
  getDocument(): BodyDocumentJson;
  /** Words in the body's prose, counted exactly as the reader site counts them. */
  wordCount(): number;
  focus(): void;
  destroy(): void;
  setEditable(editable: boolean): void;
}

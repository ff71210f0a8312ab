/** One stored rendition of an image: a width in one format, served from `/media/<key>`. */
export interface ImageVariant {
  width: number;
  height: number;
  format: 'webp' | 'jpeg';
  /** File name under the media variants folder, e.g. `a1b2c3d4-640.webp`; never user input. */
  key: string;
}

/** What a view needs to draw an image: the stored image plus the caption/credit of this use. */
export interface RenderableImage {
  id: number;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  creditOrganisation: string | null;
  canDistribute: boolean;
  variants: ImageVariant[];
}

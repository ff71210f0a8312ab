// The hero image: choose from the library or upload, remove, and its caption, credit and
// alt text for this article. The chosen image's id lives on the panel (data-image-id).
import { problemsOf } from './api.ts';
import { byId, h, maybeById } from './dom.ts';
import { ID } from './dom-ids.ts';
import type { HeroImageInfo } from './editor-state.ts';
import type { LibraryImage, MediaPicker } from './media-picker.ts';
import { fetchImage, uploadImage } from './media-picker.ts';

/** The hero image's texts for this article. */
export interface HeroTexts {
  caption: string | null;
  credit: string | null;
  alt: string | null;
}

/** An image the article uses but whose details could not be loaded: keep it, show its number. */
export function placeholderHero(imageId: number | null): HeroImageInfo | null {
  return imageId === null ? null : { id: imageId, thumbnailUrl: '', alt: '', caption: null, credit: null, canDistribute: true };
}

function heroInfo(image: LibraryImage): HeroImageInfo {
  return { id: image.id, thumbnailUrl: image.thumbnailUrl ?? '', alt: image.alt, caption: image.caption, credit: image.credit, canDistribute: image.canDistribute };
}

/** Wires the hero panel. Returns a way to show another image with its texts (without `onChange`). */
export function wireHero(initial: HeroImageInfo | null, picker: MediaPicker, onChange: () => void, report: (message: string) => void): (imageId: number | null, texts: HeroTexts) => Promise<void> {
  const panel = byId(ID.hero);
  const preview = byId(ID.heroPreview);
  const fields = byId(ID.heroFields);
  const choose = byId<HTMLButtonElement>(ID.heroChoose);
  const remove = byId<HTMLButtonElement>(ID.heroRemove);
  const caption = byId<HTMLTextAreaElement>(ID.heroCaption);
  const credit = byId<HTMLInputElement>(ID.heroCredit);
  const alt = byId<HTMLTextAreaElement>(ID.heroAlt);

  function show(image: HeroImageInfo | null): void {
    if (image) panel.dataset.imageId = String(image.id);
    else delete panel.dataset.imageId;
    preview.replaceChildren(
      ...(image
        ? [
            image.thumbnailUrl ? h('img', { src: image.thumbnailUrl, alt: image.alt }) : h('p', { class: 'editor-hint' }, `Image ${image.id} (no preview available)`),
            image.canDistribute ? null : h('p', { class: 'editor-hint' }, 'Not cleared for syndication: partners will not receive this image.'),
          ].filter((node) => node !== null)
        : [h('p', { class: 'editor-hint' }, 'No hero image.')]),
    );
    fields.hidden = image === null;
    remove.hidden = image === null;
    choose.textContent = image ? 'Replace from library' : 'Choose from library';
  }

  /** A new image brings its own caption, credit and alt text; the old image's belong to the old image. */
  function use(image: LibraryImage): void {
    show(heroInfo(image));
    caption.value = image.caption ?? '';
    credit.value = image.credit ?? image.creditOrganisation ?? '';
    alt.value = image.alt;
    onChange();
    // Without alt text the article cannot be published: ask for it straight away.
    if (alt.value.trim() === '') alt.focus();
    else choose.focus();
  }

  show(initial);
  choose.addEventListener('click', () => {
    void picker.open().then((image) => {
      if (image) use(image);
      else choose.focus();
    });
  });
  remove.addEventListener('click', () => {
    show(null);
    caption.value = '';
    credit.value = '';
    alt.value = '';
    choose.focus();
    onChange();
  });
  const upload = maybeById<HTMLInputElement>(ID.heroUpload);
  upload?.addEventListener('change', () => {
    const file = upload.files?.[0];
    upload.value = '';
    if (!file) return;
    report(`Uploading ${file.name}…`);
    void uploadImage(file).then((result) => {
      if (result.ok) {
        report(`${file.name} uploaded.`);
        use(result.data);
      } else report(`The upload failed: ${problemsOf(result).join('; ')}`);
    });
  });

  return async (imageId, texts) => {
    const image = imageId === null ? null : await fetchImage(imageId);
    show(image ? heroInfo(image) : placeholderHero(imageId));
    caption.value = texts.caption ?? '';
    credit.value = texts.credit ?? '';
    alt.value = texts.alt ?? '';
  };
}

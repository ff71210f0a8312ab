// Reading the whole article from the page for a save (a save is always every field),
// and the small behaviours of the plain fields: the slug that follows the headline,
// headline and standfirst boxes that grow with their text.
import type { EditableArticle, EditableFieldsInput } from '../../../newsroom/editable.ts';
import { byId } from './dom.ts';
import { ID } from './dom-ids.ts';
import { slugify } from './slug.ts';

type TextControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function valueOf(id: string): string {
  return byId<TextControl>(id).value;
}

function optional(id: string): string | null {
  const value = valueOf(id).trim();
  return value === '' ? null : value;
}

/** Every editable field as the page shows it now; `body` comes from the body editor. */
export function collectFields(body: unknown): EditableFieldsInput {
  const hero = byId(ID.hero);
  const heroImageId = hero.dataset.imageId ? Number(hero.dataset.imageId) : null;
  const licensing = valueOf(ID.licensing);
  return {
    slug: valueOf(ID.slug).trim(),
    language: valueOf(ID.language) as EditableFieldsInput['language'],
    headline: valueOf(ID.headline).trim(),
    standfirst: valueOf(ID.standfirst).trim(),
    type: valueOf(ID.type) as EditableFieldsInput['type'],
    sectionId: Number(valueOf(ID.section)),
    authorIds: [...byId(ID.authorsList).querySelectorAll<HTMLElement>('[data-author-id]')].map((item) => Number(item.dataset.authorId)),
    byline: optional(ID.byline),
    dateline: optional(ID.dateline),
    body,
    heroImageId,
    heroCaption: heroImageId === null ? null : optional(ID.heroCaption),
    heroCredit: heroImageId === null ? null : optional(ID.heroCredit),
    heroAlt: heroImageId === null ? null : optional(ID.heroAlt),
    sources: collectSources(),
    tagIds: [...byId(ID.root).querySelectorAll<HTMLElement>('.editor-tags [data-tag-id]')].map((chip) => Number(chip.dataset.tagId)),
    licensingPolicy: licensing === 'paid' || licensing === 'cc' || licensing === 'none' ? licensing : null,
    seoTitle: optional(ID.seoTitle),
    seoDescription: optional(ID.seoDescription),
  };
}

/**
 * Puts a version's plain fields back into their controls: the writing column and the
 * panel's inputs and selects. Lists, tags, the hero image and the body have their own
 * owners; nothing here announces a change.
 */
export function fillFields(fields: EditableArticle['fields']): void {
  const values: [string, string][] = [
    [ID.headline, fields.headline],
    [ID.standfirst, fields.standfirst],
    [ID.type, fields.type],
    [ID.section, String(fields.sectionId)],
    [ID.language, fields.language],
    [ID.byline, fields.byline ?? ''],
    [ID.dateline, fields.dateline ?? ''],
    [ID.slug, fields.slug],
    [ID.seoTitle, fields.seoTitle ?? ''],
    [ID.seoDescription, fields.seoDescription ?? ''],
    [ID.licensing, fields.licensingPolicy ?? ''],
  ];
  for (const [id, value] of values) byId<TextControl>(id).value = value;
}

function collectSources(): EditableFieldsInput['sources'] {
  const rows = byId(ID.sourcesList).querySelectorAll<HTMLElement>('.editor-source');
  const sources: EditableFieldsInput['sources'] = [];
  for (const row of rows) {
    const field = (name: string) => row.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-source-field="${name}"]`)?.value.trim() ?? '';
    const name = field('name');
    const url = field('url');
    // A row added but never filled in is not a source; a half-filled one is sent so the server can say what is missing.
    if (name === '' && url === '') continue;
    sources.push({ name, kind: field('kind') as EditableFieldsInput['sources'][number]['kind'], url: url === '' ? null : url });
  }
  return sources;
}

/**
 * Keeps the slug in step with the headline while it is automatic (the server decides where
 * it starts: a never-published article whose slug is a placeholder or still the
 * headline's). Editing the slug by hand stops it; emptying it on an unpublished article
 * starts it again. A headline with no Latin letters leaves the slug alone.
 */
export function wireSlug(followsHeadline: boolean, hasBeenPublished: boolean, onChange: () => void): void {
  const headline = byId<HTMLTextAreaElement>(ID.headline);
  const slug = byId<HTMLInputElement>(ID.slug);
  let isAutomatic = followsHeadline;
  headline.addEventListener('input', () => {
    if (!isAutomatic) return;
    const next = slugify(headline.value);
    if (next === '' || next === slug.value) return;
    slug.value = next;
    onChange();
  });
  slug.addEventListener('input', () => {
    isAutomatic = !hasBeenPublished && slug.value.trim() === '';
  });
}

/** Sizes a box to its text (after a change made without an input event). */
export function fitToText(textarea: HTMLTextAreaElement): void {
  textarea.style.blockSize = 'auto';
  textarea.style.blockSize = `${textarea.scrollHeight + 2}px`;
}

/** Lets the headline and standfirst boxes grow with their text instead of scrolling. */
export function autoGrow(textarea: HTMLTextAreaElement): void {
  // The server renders a few rows so the text shows without script; from here the box fits its text.
  textarea.rows = 1;
  const fit = () => fitToText(textarea);
  textarea.addEventListener('input', fit);
  window.addEventListener('resize', fit);
  fit();
}

/** A headline is one line: Enter moves on to the standfirst instead of breaking it, and pasted line breaks become spaces. */
export function keepOnOneLine(textarea: HTMLTextAreaElement, next: HTMLElement): void {
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      next.focus();
    }
  });
  textarea.addEventListener('input', () => {
    if (/[\r\n]/.test(textarea.value)) textarea.value = textarea.value.replace(/\s*[\r\n]+\s*/g, ' ');
  });
}

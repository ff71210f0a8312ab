/** Comparing two versions of an article field by field, word by word, for the history page. */
import { diffWords } from 'diff';
import { bodyToPlainText } from '../articles/body/render.ts';
import type { StoredFields } from './snapshot.ts';

/** A run of text in a diff: kept, added or removed. */
export interface DiffPart {
  change: 'same' | 'added' | 'removed';
  text: string;
}

/** One changed field. */
export interface FieldDiff {
  label: string;
  parts: DiffPart[];
}

/** Names of the things fields refer to by id. */
export interface DiffNames {
  sections: Map<number, string>;
  authors: Map<number, string>;
  tags: Map<number, string>;
  images: Map<number, string>;
}

const LABELS: [keyof StoredFields, string][] = [
  ['headline', 'Headline'],
  ['standfirst', 'Standfirst'],
  ['body', 'Body'],
  ['type', 'Type label'],
  ['sectionId', 'Section'],
  ['authorIds', 'Authors'],
  ['byline', 'Desk/agency byline'],
  ['dateline', 'Dateline'],
  ['heroImageId', 'Main photo'],
  ['heroCaption', 'Main photo caption'],
  ['heroCredit', 'Main photo credit'],
  ['heroAlt', 'Main photo alt text'],
  ['tagIds', 'Tags'],
  ['sources', 'Sources'],
  ['language', 'Language'],
  ['slug', 'Web address'],
  ['seoTitle', 'SEO title'],
  ['seoDescription', 'SEO description'],
  ['licensingPolicy', 'Licensing'],
];

function named(ids: number[], names: Map<number, string>): string {
  return ids.map((id) => names.get(id) ?? `#${id}`).join(', ');
}

/** A field as readable text. */
function textOf(fields: StoredFields, key: keyof StoredFields, names: DiffNames): string {
  switch (key) {
    case 'body':
      return bodyToPlainText(fields.body);
    case 'sectionId':
      return names.sections.get(fields.sectionId) ?? `#${fields.sectionId}`;
    case 'authorIds':
      return named(fields.authorIds, names.authors);
    case 'tagIds':
      return named(fields.tagIds, names.tags);
    case 'heroImageId':
      return fields.heroImageId === null ? '' : (names.images.get(fields.heroImageId) ?? `photo #${fields.heroImageId}`);
    case 'sources':
      return fields.sources.map((source) => `${source.name} (${source.kind})${source.url ? ` ${source.url}` : ''}`).join('; ');
    default: {
      const value = fields[key];
      return value === null || value === undefined ? '' : String(value);
    }
  }
}

/** The fields that differ between two versions, with word-level changes. */
export function diffFields(from: StoredFields, to: StoredFields, names: DiffNames): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const [key, label] of LABELS) {
    const before = textOf(from, key, names);
    const after = textOf(to, key, names);
    if (before === after) continue;
    const parts = diffWords(before, after).map((part): DiffPart => ({ change: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value }));
    diffs.push({ label, parts });
  }
  return diffs;
}

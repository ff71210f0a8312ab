/**
 * Search normalisation, done here in TypeScript so SQLite and PostgreSQL index exactly the
 * same text and every query is folded the same way as the documents it looks for.
 *
 * - Arabic: tashkeel (harakat, tanwin, shadda, sukun, dagger alef, Quranic marks) and tatweel
 *   removed; alef variants أ إ آ ٱ → ا; ى → ي; ة → ه; Arabic-Indic and Persian digits → 0-9;
 *   presentation forms (ligatures) unfolded first.
 * - Other scripts: compatibility decomposition with combining marks removed (é → e, ﬁ → fi),
 *   so French accents fold in PostgreSQL as they do in SQLite's `remove_diacritics 2`.
 * - Control characters become spaces: they mean nothing to a reader, and the highlighter uses
 *   two of them as markers.
 *
 * Case is left alone: both databases' tokenizers fold it.
 */

const ALEF = 'ا';
const ARABIC_FOLDS: ReadonlyMap<number, string> = new Map([
  [0x0622, ALEF], // آ
  [0x0623, ALEF], // أ
  [0x0625, ALEF], // إ
  [0x0671, ALEF], // ٱ
  [0x0649, 'ي'], // ى
  [0x0629, 'ه'], // ة
  [0x0640, ''], // tatweel
]);

function isArabicMark(code: number): boolean {
  return (
    (code >= 0x0610 && code <= 0x061a) ||
    (code >= 0x064b && code <= 0x065f) ||
    code === 0x0670 ||
    (code >= 0x06d6 && code <= 0x06dc) ||
    (code >= 0x06df && code <= 0x06e8) ||
    (code >= 0x06ea && code <= 0x06ed)
  );
}

function foldArabic(code: number): string {
  const folded = ARABIC_FOLDS.get(code);
  if (folded !== undefined) return folded;
  if (isArabicMark(code)) return '';
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  return String.fromCodePoint(code);
}

const COMBINING_MARKS = /\p{Mn}/gu;

function foldCodePoint(code: number): string {
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d ? String.fromCharCode(code) : ' ';
  if (code < 0x80) return String.fromCharCode(code);
  if (code >= 0x0600 && code <= 0x06ff) return foldArabic(code);
  const char = String.fromCodePoint(code);
  // Arabic presentation forms (isolated/final letters, lam-alef ligatures) unfold to letters,
  // which are then folded like any other Arabic letter.
  if ((code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfeff)) {
    let out = '';
    for (const part of char.normalize('NFKC')) out += foldArabic(part.codePointAt(0) ?? 0);
    return out;
  }
  return char.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFC');
}

// A handful of distinct characters make up most text: fold each once.
const folds = new Map<number, string>();

function foldCached(code: number): string {
  let folded = folds.get(code);
  if (folded === undefined) {
    folded = foldCodePoint(code);
    if (folds.size < 50_000) folds.set(code, folded);
  }
  return folded;
}

const PLAIN_ASCII = /^[\t\n\r\x20-\x7e]*$/;

/** The text as it is indexed and queried. */
export function normalizeForSearch(text: string): string {
  if (PLAIN_ASCII.test(text)) return text;
  let out = '';
  for (const char of text) out += foldCached(char.codePointAt(0) ?? 0);
  return out;
}

/** Normalised text with, for each of its UTF-16 units, the span of the original it came from. */
export interface NormalizedWithOffsets {
  text: string;
  /** Original start offset of each unit of `text`. */
  starts: number[];
  /** Original end offset (exclusive) of each unit of `text`. */
  ends: number[];
}

/** Normalises and remembers where each character came from, to carry highlights back to the original. */
export function normalizeWithOffsets(original: string): NormalizedWithOffsets {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const char of original) {
    const folded = foldCached(char.codePointAt(0) ?? 0);
    const end = offset + char.length;
    for (let unit = 0; unit < folded.length; unit += 1) {
      starts.push(offset);
      ends.push(end);
    }
    text += folded;
    offset = end;
  }
  return { text, starts, ends };
}

/**
 * Names reduced to comparable keys: Latin letters folded (case, accents, dotless i),
 * Arabic normalised (diacritics and tatweel removed, letter variants unified), and the
 * clutter around names removed (possessives, quotes, trailing punctuation, "the").
 */

const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/;
/** Harakat, tanwin, shadda, sukun, superscript alef and Quranic marks. */
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;

/**
 * Arabic text as search compares it: without diacritics or tatweel, with the alef forms
 * (أ إ آ ٱ) as ا, ى as ي and ة as ه — the variations writers and keyboards disagree on.
 */
export function normaliseArabic(text: string): string {
  return text.replace(ARABIC_MARKS, '').replace(TATWEEL, '').replace(/[أإآٱ]/g, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه');
}

/** Whether a string contains Arabic letters. */
export function hasArabic(text: string): boolean {
  return ARABIC_LETTER.test(text);
}

/** Share of letters that are Arabic (0 for text without letters). */
export function arabicShare(text: string): number {
  let arabic = 0;
  let letters = 0;
  for (const char of text) {
    if (ARABIC_LETTER.test(char)) {
      arabic += 1;
      letters += 1;
    } else if (/\p{L}/u.test(char)) letters += 1;
  }
  return letters === 0 ? 0 : arabic / letters;
}

/** Latin text folded for comparison: lowercase, accents removed, ı → i, curly quotes straightened. */
export function foldLatin(text: string): string {
  return text
    .replace(/[ıİ]/g, 'i')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}

/** Any text folded for comparison (Latin and Arabic rules both apply). */
export function fold(text: string): string {
  return normaliseArabic(foldLatin(text));
}

/** Removes quotes, brackets and punctuation around a name, and an English possessive. */
export function trimName(raw: string): string {
  let name = raw
    .replace(/[\u200e\u200f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // Punctuation and quotes around the name, then a possessive ('s or a bare ' after s).
  for (let changed = true; changed; ) {
    const before = name;
    name = name.replace(/^[\s"'“”‘’«»(\[{—–\-,.;:!?]+/, '').replace(/[\s"“”«»)\]}—–\-,.;:!?]+$/, '');
    name = name.replace(/['’]s$/i, '').replace(/(s)['’]$/i, '$1').replace(/['’]$/, '');
    changed = name !== before;
  }
  return name;
}

/** The key two spellings of one name share: trimmed, folded, hyphens as spaces, without a leading "the". */
export function nameKey(raw: string): string {
  return fold(trimName(raw))
    .replace(/[-‐‑–—_/]/g, ' ')
    .replace(/[.'"“”()]/g, '')
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a token is written all in capitals (an acronym such as WHO or UAE), at least two letters. */
export function isAcronym(token: string): boolean {
  const letters = token.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** Whether a word starts with a capital letter. */
export function isCapitalised(word: string): boolean {
  const first = /\p{L}/u.exec(word)?.[0];
  return first !== undefined && first === first.toUpperCase() && first !== first.toLowerCase();
}

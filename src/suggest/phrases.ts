/**
 * Finding known phrases (tag names and aliases, gazetteer names) in text: the text is cut
 * into folded word tokens that remember where punctuation broke the run, and a phrase
 * matches only inside one run — "Saudi Arabia" matches, "Saudi. Arabia" does not. Arabic
 * words are also tried without the clitics that attach to them (و ف ب ل ك and ال).
 */
import { fold, isAcronym, isCapitalised } from './normalise.ts';

/** A word of the text. */
export interface Token {
  /** As written. */
  raw: string;
  /** Folded for comparison. */
  key: string;
  start: number;
  end: number;
  /** Punctuation (not just spaces or a hyphen) separates it from the previous word. */
  isAfterBreak: boolean;
  /** It begins a sentence or a block (so a capital letter says nothing about it). */
  isSentenceStart: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const BREAK = /[.,;:!?()[\]{}"“”«»|…\n\u060C\u061B\u061F]/;
/** A gap that ends a sentence: a full stop, question or exclamation mark, then perhaps quotes and spaces. */
const SENTENCE_END = /[.!?\u061F]["“”«»'‘’)\s]*$/;

/** Cuts text into words; a possessive 's is dropped, hyphens and apostrophes keep words in one run. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const raw = match[0];
    const gap = text.slice(previousEnd, start);
    // "Jordan’s": the s after an apostrophe belongs to the word before it.
    if ((raw === 's' || raw === 'S') && /^['’]$/.test(gap) && tokens.length > 0) {
      previousEnd = start + raw.length;
      continue;
    }
    const previous = tokens.at(-1);
    // The full stops of "U.N." do not end a run.
    const isInitialism = gap === '.' && previous !== undefined && /^\p{Lu}$/u.test(previous.raw) && /^\p{Lu}$/u.test(raw);
    tokens.push({
      raw,
      key: fold(raw),
      start,
      end: start + raw.length,
      isAfterBreak: tokens.length === 0 || (BREAK.test(gap) && !isInitialism),
      isSentenceStart: tokens.length === 0 || (!isInitialism && (SENTENCE_END.test(gap) || gap.includes('\n'))),
    });
    previousEnd = start + raw.length;
  }
  return tokens;
}

/** Arabic spellings a word may stand for once an attached conjunction, preposition or article is removed. */
export function arabicForms(key: string): string[] {
  const forms = new Set([key]);
  const add = (form: string) => {
    if (form.length >= 2) forms.add(form);
  };
  const stems = [key];
  if (/^[وف]/.test(key)) stems.push(key.slice(1));
  for (const stem of stems) {
    add(stem);
    if (/^لل/.test(stem)) add(`ال${stem.slice(2)}`);
    if (/^[بلك]/.test(stem)) add(stem.slice(1));
  }
  for (const form of [...forms]) if (form.startsWith('ال')) add(form.slice(2));
  return [...forms];
}

/** How a phrase must be written to count. */
export type CaseRule = 'any' | 'capitalised' | 'exact';

/** A phrase to look for, with what it stands for. */
export interface Phrase<T> {
  text: string;
  value: T;
  rule: CaseRule;
}

/** Where a phrase was found. */
export interface PhraseHit<T> {
  value: T;
  phrase: string;
  /** The words as written in the text. */
  surface: string;
  start: number;
  end: number;
  /** Index of the first token. */
  at: number;
  length: number;
}

interface Entry<T> {
  words: string[];
  rawWords: string[];
  phrase: Phrase<T>;
}

/** A set of phrases to find in token runs; the longest match at each place wins. */
export class PhraseMatcher<T> {
  readonly #byFirst = new Map<string, Entry<T>[]>();

  constructor(phrases: Iterable<Phrase<T>>) {
    for (const phrase of phrases) this.add(phrase);
  }

  /** Adds one phrase. */
  add(phrase: Phrase<T>): void {
    const rawWords = [...phrase.text.matchAll(WORD)].map((match) => match[0]);
    const words = rawWords.map(fold);
    const [first] = words;
    if (first === undefined) return;
    const list = this.#byFirst.get(first) ?? [];
    list.push({ words, rawWords, phrase });
    this.#byFirst.set(first, list);
  }

  /** Every match in the tokens, left to right, longest first, never overlapping. */
  find(tokens: readonly Token[], text: string): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    for (let i = 0; i < tokens.length; ) {
      const token = tokens[i];
      if (!token) break;
      const firstForms = /[\u0600-\u06FF]/.test(token.key) ? arabicForms(token.key) : [token.key];
      let best: { entry: Entry<T>; length: number } | null = null;
      for (const form of firstForms) {
        for (const entry of this.#byFirst.get(form) ?? []) {
          if (best && entry.words.length <= best.length) continue;
          if (this.#matchesAt(tokens, i, entry)) best = { entry, length: entry.words.length };
        }
      }
      if (!best) {
        i += 1;
        continue;
      }
      const last = tokens[i + best.length - 1] ?? token;
      hits.push({ value: best.entry.phrase.value, phrase: best.entry.phrase.text, surface: text.slice(token.start, last.end), start: token.start, end: last.end, at: i, length: best.length });
      i += best.length;
    }
    return hits;
  }

  #matchesAt(tokens: readonly Token[], at: number, entry: Entry<T>): boolean {
    for (let k = 0; k < entry.words.length; k += 1) {
      const token = tokens[at + k];
      if (!token) return false;
      if (k > 0 && (token.isAfterBreak || token.key !== entry.words[k])) return false;
      const rule = entry.phrase.rule;
      if (rule === 'exact' && token.raw !== entry.rawWords[k]) return false;
      if (rule === 'capitalised' && k === 0 && /\p{Script=Latin}/u.test(token.raw) && !isCapitalised(token.raw)) return false;
    }
    return true;
  }
}

/** The case rule a name needs: acronyms exactly, other Latin names with a capital, Arabic as it comes. */
export function caseRuleFor(name: string, isProperName: boolean): CaseRule {
  const words = [...name.matchAll(WORD)].map((match) => match[0]);
  if (words.length > 0 && words.every((word) => isAcronym(word) || /^\d+$/.test(word)) && words.some((word) => isAcronym(word))) return 'exact';
  return isProperName ? 'capitalised' : 'any';
}

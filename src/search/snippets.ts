/**
 * Highlighted snippets. The database marks matched words in the indexed (normalised) text,
 * with its own tokenizer and stemmer, so what is highlighted is exactly what matched; the
 * marks are then carried back onto the text readers see through the normalisation's
 * offset map, and a window around the densest run of matches is cut out. The result is
 * plain text parts: the view escapes them and wraps matches in <mark>.
 */
import { MARK_END, MARK_START } from './engine.ts';
import { normalizeWithOffsets } from './normalize.ts';

/** A run of snippet text; matched words have `isMatch`. */
export interface SnippetPart {
  text: string;
  isMatch: boolean;
}

/** Characters of original text a snippet shows, about two lines of a result. */
const WINDOW = 220;
/** How much text comes before the first match of the window. */
const LEAD_IN = 50;

// Body text separates blocks with blank lines and starts list items with "- " or "1. ";
// in a one-paragraph snippet a break becomes a space after a sentence, a dash otherwise.
const BLOCK_BREAK = /[ \t]*\n\s*(?:(?:[-•]|\d+\.)[ \t]+)?/g;
const SENTENCE_END = /[.!?:;…"”’)\]؟]/;

function readable(original: string, from: number, to: number): string {
  return original
    .slice(from, to)
    .replace(BLOCK_BREAK, (_match, offset: number) => {
      const before = original.slice(Math.max(0, from + offset - 80), from + offset).trimEnd().slice(-1);
      return before === '' || SENTENCE_END.test(before) ? ' ' : ' — ';
    })
    .replace(/\s+/g, ' ');
}

interface Range {
  start: number;
  end: number;
}

function readMarks(marked: string): { text: string; ranges: Range[] } {
  let text = '';
  const ranges: Range[] = [];
  let openedAt = -1;
  for (const char of marked) {
    if (char === MARK_START) openedAt = text.length;
    else if (char === MARK_END) {
      if (openedAt >= 0 && text.length > openedAt) ranges.push({ start: openedAt, end: text.length });
      openedAt = -1;
    } else text += char;
  }
  return { text, ranges };
}

function bestWindowStart(ranges: readonly Range[]): number {
  let best = 0;
  let bestCount = 0;
  for (let first = 0; first < ranges.length; first += 1) {
    const start = Math.max(0, (ranges[first]?.start ?? 0) - LEAD_IN);
    let count = 0;
    for (let index = first; index < ranges.length && (ranges[index]?.end ?? Infinity) <= start + WINDOW; index += 1) count += 1;
    if (count > bestCount) {
      best = start;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Cuts a snippet from `original`, given the database's marked copy of its normalised text.
 * Null when nothing is marked, or when the two no longer correspond (the article changed
 * between the queries): better no snippet than highlights on the wrong words.
 */
export function cutSnippet(original: string, marked: string): SnippetPart[] | null {
  if (!marked.includes(MARK_START)) return null;
  const { text, ranges } = readMarks(marked);
  const normalized = normalizeWithOffsets(original);
  if (normalized.text !== text || ranges.length === 0) return null;
  const matches = ranges.map((range) => ({ start: normalized.starts[range.start] ?? 0, end: normalized.ends[range.end - 1] ?? 0 }));
  let start = bestWindowStart(matches);
  let end = Math.min(original.length, start + WINDOW);
  // Whole words only: move the cut edges to the nearest space inside the window.
  if (start > 0) {
    const space = original.slice(start, matches.find((match) => match.start >= start)?.start ?? start).search(/\s/);
    if (space >= 0) start += space + 1;
  }
  if (end < original.length) {
    const lastSpace = original.slice(start, end).search(/\s\S*$/);
    const lastMatchEnd = Math.max(start, ...matches.filter((match) => match.end <= end).map((match) => match.end));
    if (lastSpace >= 0 && start + lastSpace >= lastMatchEnd) end = start + lastSpace;
  }
  const parts: SnippetPart[] = [];
  const push = (from: number, to: number, isMatch: boolean) => {
    const piece = readable(original, from, to);
    if (piece !== '') parts.push({ text: piece, isMatch });
  };
  if (start > 0) parts.push({ text: '… ', isMatch: false });
  let at = start;
  for (const match of matches) {
    if (match.start < start || match.end > end) continue;
    push(at, match.start, false);
    push(match.start, match.end, true);
    at = match.end;
  }
  push(at, end, false);
  if (end < original.length) parts.push({ text: ' …', isMatch: false });
  return parts;
}

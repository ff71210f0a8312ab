/**
 * People, organisations and places named in English text. compromise tags the words and
 * picks out `people()`, `organizations()` and `places()`; that alone misses most Arabic,
 * Turkish and Persian names and many institutions, so names are also read as runs of
 * capitalised words, and each run is weighed on the evidence around it: titles and roles
 * ("Minister …", "the geologist …"), the words that end names ("… Council", "… River"),
 * appositions ("X, a German rescue charity"), prepositions of place, speech verbs, the
 * gazetteer and compromise's own verdicts. Every occurrence is scored separately; the
 * analysis adds the scores of all occurrences of one name.
 */
import nlp from 'compromise';
import type { Gazetteer } from './gazetteer.ts';
import { EVENT_HEADS, HYPHENED_PARTICLES, NAME_CONNECTORS, NAME_PARTICLES, NEVER_NAMES, NOT_NAMES_ALONE, NOT_ORGANISATION_ACRONYMS, ORGANISATION_HEADS, ORGANISATION_NOUNS, ORGANISATION_STARTS, PLACE_HEADS, PLACE_NOUNS_AFTER, PLACE_PREPOSITIONS, PLACE_STARTS, SPEECH_VERBS, TITLES } from './lexicon.ts';
import { foldLatin, isAcronym, isCapitalised, trimName } from './normalise.ts';

/** What a found name is. */
export type EntityKind = 'person' | 'organisation' | 'place';

/** One occurrence of a name, with the evidence for each kind. */
export interface Mention {
  name: string;
  start: number;
  scores: Record<EntityKind, number>;
  /** Evidence, strongest first, in words ("after the title “Minister”"). */
  cues: string[];
  /** Number of words in the name. */
  words: number;
}

interface TermJson {
  text: string;
  pre: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

type Span = [start: number, end: number];

const HARD_BREAK = /[,;:!?()[\]"“”«»—–|]/;

function lower(term: TermJson | undefined): string {
  return term ? foldLatin(term.text.replace(/['’]s?$/i, '')).replace(/\.$/, '') : '';
}

function has(term: TermJson | undefined, tag: string): boolean {
  return term?.tags.includes(tag) === true;
}

function isAbbreviation(term: TermJson): boolean {
  return has(term, 'Honorific') || has(term, 'Abbreviation') || /^\p{Lu}$/u.test(term.text);
}

/** Whether punctuation after a term ends a name run; so does a possessive ("Iraq’s Kurdistan Region", but not "Writers’ Union"). */
function breaksAfter(term: TermJson, next: TermJson | undefined): boolean {
  if (HARD_BREAK.test(term.post) || (next && /[("“«[]/.test(next.pre))) return true;
  if (/['’]s$/i.test(term.text)) return true;
  return term.post.includes('.') && !isAbbreviation(term);
}

/** Whether a term is joined to the next by a hyphen ("Sea-Watch", "al-Khatib"). */
function isHyphened(term: TermJson): boolean {
  return term.post === '-' || term.post === '‐';
}

/** Whether a term is a lowercase name particle ("al-", "bin") before a capitalised word. */
function isParticle(term: TermJson, next: TermJson | undefined): boolean {
  if (!next || isCapitalised(term.text) || !isCapitalised(next.text)) return false;
  const word = lower(term);
  return (NAME_PARTICLES.has(word) && !breaksAfter(term, next)) || (HYPHENED_PARTICLES.has(word) && isHyphened(term));
}

/** Whether a word can be part of a name by itself (capitalised, an acronym, not a function word). */
function isNameWord(term: TermJson): boolean {
  const word = term.text.replace(/['’]s?$/i, '');
  if (!/\p{L}/u.test(word) || /^\d/.test(word)) return false;
  if (!isCapitalised(word)) return false;
  if (NEVER_NAMES.has(lower(term))) return false;
  return !['Date', 'Value', 'Pronoun', 'Determiner', 'Preposition', 'Conjunction', 'QuestionWord'].some((tag) => has(term, tag)) || has(term, 'ProperNoun');
}

const LEXICON = (nlp.model() as { one: { lexicon: Record<string, string | string[] | undefined> } }).one.lexicon;
const NAME_TAGS = new Set(['Country', 'City', 'Place', 'Region', 'Person', 'FirstName', 'MaleName', 'FemaleName', 'LastName', 'Organization', 'ProperNoun', 'Demonym', 'Acronym', 'Honorific']);

/** Whether compromise's lexicon knows the word as an ordinary English word (not a name it knows). */
function isOrdinaryWord(word: string): boolean {
  const entry = LEXICON[word];
  if (entry === undefined) return false;
  return !(Array.isArray(entry) ? entry : [entry]).some((tag) => NAME_TAGS.has(tag));
}

/**
 * Whether a sentence's first word is an ordinary English word that happens to be
 * capitalised ("Residents", "Engineers", "Said"), rather than the start of a name. Words
 * compromise does not know ("Hatem", "Nizar") are taken for names.
 */
function isCommonWordAtStart(term: TermJson, next: TermJson | undefined): boolean {
  if (TITLES.has(lower(term)) || has(term, 'FirstName') || isHyphened(term)) return false;
  // "Said al-Mashani": a word before a name particle is a name.
  if (next && NAME_PARTICLES.has(lower(next)) && !isCapitalised(next.text)) return false;
  // "Turkish Airlines", "Lebanese University": a nationality before a capitalised word begins a name.
  if (has(term, 'Demonym') || /(ish|ese|ian|i)$/.test(lower(term))) {
    if (next && isCapitalised(next.text)) return false;
  }
  if (['Person', 'Place', 'Organization', 'Acronym', 'Country', 'City'].some((tag) => has(term, tag)) && !has(term, 'Plural') && !isOrdinaryWord(lower(term))) return false;
  if (['Plural', 'Verb', 'Adjective', 'Adverb', 'Actor', 'Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Value', 'Date'].some((tag) => has(term, tag))) return true;
  return isOrdinaryWord(lower(term));
}

function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some(([a, b]) => a < end && start < b);
}

function spansOf(view: { json(options: object): unknown }): Span[] {
  return (view.json({ offset: true }) as { offset: { start: number; length: number } }[]).map(({ offset }) => [offset.start, offset.start + offset.length]);
}

/** Cuts a sentence's terms into runs of name words (with connectors and particles inside). */
function runsOf(terms: readonly TermJson[]): TermJson[][] {
  const runs: TermJson[][] = [];
  let run: TermJson[] = [];
  let connectors: TermJson[] = [];
  const flush = () => {
    if (run.length > 0) runs.push(run);
    run = [];
    connectors = [];
  };
  terms.forEach((term, index) => {
    const next = terms[index + 1];
    const word = lower(term);
    if (isNameWord(term) || isParticle(term, next) || (isAcronym(term.text) && term.text.length > 1)) {
      run.push(...connectors, term);
      connectors = [];
    } else if (run.length > 0 && NAME_CONNECTORS.has(word) && !isCapitalised(term.text) && next !== undefined && !breaksAfter(term, next)) {
      connectors.push(term);
    } else {
      flush();
    }
    if (breaksAfter(term, next)) flush();
  });
  flush();
  return runs;
}

function isHead(word: string): boolean {
  return ORGANISATION_HEADS.has(word) || PLACE_HEADS.has(word);
}

function isStart(word: string): boolean {
  return ORGANISATION_STARTS.has(word) || PLACE_STARTS.has(word);
}

/**
 * Splits a run at its connectors unless they belong to one name: "of", "for", "to"…
 * stay inside a name whose words so far say it is an institution or a place ("Central
 * Bank of Iran", "Strait of Gibraltar") and split others ("Amal Osman | University of
 * Khartoum"); "and" stays inside such a name unless it joins two complete names ("Saudia
 * | Iran Air", "Istanbul Airport | Black Sea").
 */
function splitRun(run: TermJson[], gazetteer: Gazetteer): TermJson[][] {
  const words = run.map(lower);
  if (gazetteer.country(run.map((term) => term.text).join(' '))) return [run];
  const hasAnyHead = words.some((word) => isHead(word) || isStart(word));
  const parts: TermJson[][] = [[]];
  run.forEach((term, index) => {
    const word = words[index] ?? '';
    const current = parts.at(-1) as TermJson[];
    const isConnector = NAME_CONNECTORS.has(word) && !isCapitalised(term.text);
    if (!isConnector) {
      current.push(term);
      return;
    }
    if (current.length === 0) return;
    const left = current.map(lower);
    const nextWord = run[index + 1];
    let keeps: boolean;
    if (word === 'and' || word === '&') {
      const endsComplete = isHead(left.at(-1) ?? '');
      const startsName = nextWord !== undefined && (gazetteer.country(nextWord.text) !== null || gazetteer.cities(nextWord.text).length > 0);
      keeps = hasAnyHead && !endsComplete && !startsName;
    } else {
      keeps = left.some((each) => isHead(each) || isStart(each)) || (word === 'the' && current.length > 0 && left.some(isStart));
    }
    if (keeps) current.push(term);
    else parts.push([]);
  });
  return parts
    .map((part) => {
      while (part.length > 0 && NAME_CONNECTORS.has(lower(part.at(-1))) && !isCapitalised((part.at(-1) as TermJson).text)) part.pop();
      return part;
    })
    .filter((part) => part.length > 0);
}

/** Finds the names in English text. `text` is the whole analysed text; offsets refer to it. */
export function findEnglishMentions(text: string, gazetteer: Gazetteer): Mention[] {
  const doc = nlp(text);
  const compromise = { person: spansOf(doc.people()), organisation: spansOf(doc.organizations()), place: spansOf(doc.places()) };
  const sentences = doc.json({ offset: true }) as { terms: TermJson[] }[];
  const mentions: Mention[] = [];
  for (const { terms } of sentences) {
    for (const run of runsOf(terms)) {
      // A quoted title ("“Letters to the River”") names a work, not an entity.
      if (/[“"«]/.test((run[0] as TermJson).pre) && /[”"»]/.test((run.at(-1) as TermJson).post)) continue;
      for (const part of splitRun(run, gazetteer)) {
        const mention = weigh(part, terms, text, gazetteer, compromise);
        if (mention) mentions.push(mention);
      }
    }
  }
  return mentions;
}

/** Scores one run as a person, an organisation and a place, from the words in it and around it. */
function weigh(part: TermJson[], terms: readonly TermJson[], text: string, gazetteer: Gazetteer, compromise: Record<EntityKind, Span[]>): Mention | null {
  const scores: Record<EntityKind, number> = { person: 0, organisation: 0, place: 0 };
  const cues: string[] = [];
  const cue = (kind: EntityKind, points: number, why: string) => {
    scores[kind] += points;
    cues.push(why);
  };
  let name = [...part];
  // A capitalised common word opening the sentence ("Protesters", "Residents") is not part of the name.
  if (terms.indexOf(name[0] as TermJson) === 0 && isCommonWordAtStart(name[0] as TermJson, name[1])) name = name.slice(1);
  const trimEdges = () => {
    while (name.length > 0 && NAME_CONNECTORS.has(lower(name[0])) && !isCapitalised((name[0] as TermJson).text)) name = name.slice(1);
    while (name.length > 0 && ((NAME_CONNECTORS.has(lower(name.at(-1))) && !isCapitalised((name.at(-1) as TermJson).text)) || NAME_PARTICLES.has(lower(name.at(-1))))) name = name.slice(0, -1);
  };
  trimEdges();
  // Titles and roles before a name ("Minister", "Dr.", "Geologist") are evidence, not part of it —
  // unless the name is an institution's or a place's ("King Hussein Cancer Center").
  const lastWord = lower(name.at(-1));
  if (!isHead(lastWord)) {
    while (name.length > 1 && TITLES.has(lower(name[0]))) {
      cue('person', 3, `after the title “${(name[0] as TermJson).text.replace(/\.$/, '')}”`);
      name = name.slice(1);
    }
  }
  trimEdges();
  const [first] = name;
  const last = name.at(-1);
  if (!first || !last) return null;
  if (name.length === 1 && (has(first, 'Demonym') || NEVER_NAMES.has(lower(first)) || NOT_NAMES_ALONE.has(lower(first)) || TITLES.has(lower(first)))) return null;
  if (name.every((term) => NOT_NAMES_ALONE.has(lower(term)) || NAME_CONNECTORS.has(lower(term)))) return null;
  // Events ("World Cup", "Champions League" aside, which is an organisation's word) are not tagged as entities here.
  if (EVENT_HEADS.has(lower(name.at(-1)))) return null;

  const start = first.offset.start;
  const end = last.offset.start + last.offset.length;
  const display = trimName(text.slice(start, end));
  if (display.length < 2) return null;
  const words = name.map(lower);
  const before = terms[terms.indexOf(first) - 1];
  const beforeThat = terms[terms.indexOf(first) - 2];
  const after = terms[terms.indexOf(last) + 1];
  const isBrokenAfter = breaksAfter(last, after);

  // Words inside the name.
  const headAt = words.findIndex((word, i) => ORGANISATION_HEADS.has(word) && (i === words.length - 1 || NAME_CONNECTORS.has(words[i + 1] ?? '')) && !(word === 'bank' && words[0] === 'west'));
  const quoted = (term: TermJson | undefined) => `“${term?.text.replace(/['’]s?$/, '') ?? ''}”`;
  if (headAt !== -1) cue('organisation', 4, `named like an organisation (${quoted(name[headAt])})`);
  else if (name.length > 1 && ORGANISATION_STARTS.has(words[0] ?? '')) cue('organisation', 3, `named like an organisation (${quoted(first)})`);
  if (PLACE_HEADS.has(words.at(-1) ?? '') && name.length > 1) cue('place', 4, `named like a place (${quoted(last)})`);
  if (PLACE_STARTS.has(words[0] ?? '') && name.length > 1) cue('place', 2, `named like a place (${quoted(first)})`);
  if (name.length === 1 && isAcronym(first.text) && !NOT_ORGANISATION_ACRONYMS.has(words[0] ?? '') && !gazetteer.country(first.text)) cue('organisation', 2.5, 'written as an acronym');

  // The gazetteer.
  const country = gazetteer.country(display);
  const cities = country ? [] : gazetteer.cities(display);
  if (country && (name.length > 1 || !isAcronym(first.text) || display.length <= 3)) cue('place', 6, `a country in the gazetteer`);
  else if (cities[0]) cue('place', (cities[0].population >= 100_000 ? 4 : 3) - (name.length === 1 && has(first, 'FirstName') ? 2 : 0), 'a town in the gazetteer');

  // compromise's verdicts.
  if (overlaps(compromise.person, start, end)) cue('person', 2, 'reads as a person’s name');
  if (overlaps(compromise.organisation, start, end)) cue('organisation', 2, 'reads as an organisation');
  if (overlaps(compromise.place, start, end)) cue('place', 2, 'reads as a place');
  if (name.some((term) => has(term, 'FirstName'))) cue('person', has(first, 'FirstName') && name.length > 1 ? 2 : 1, 'a known first name');
  if (name.length > 1 && has(last, 'LastName')) cue('person', 1, 'a known surname');

  // The words around it.
  if (before && TITLES.has(lower(before)) && !isCapitalised(before.text)) cue('person', 3, `after “${before.text}”`);
  else if (before && has(before, 'Actor') && !isCapitalised(before.text)) cue('person', 2, `after “${before.text}”`);
  if (before && ORGANISATION_NOUNS.has(lower(before)) && !isCapitalised(before.text)) cue('organisation', 3, `after “${before.text}”`);
  if (before && PLACE_PREPOSITIONS.has(lower(before)) && !isCapitalised(before.text)) cue('place', 1, `after “${before.text}”`);
  if (before && beforeThat && lower(before) === 'of' && ['city', 'town', 'village', 'port', 'district', 'island', 'province'].includes(lower(beforeThat))) cue('place', 3, `after “${beforeThat.text} of”`);
  if (after && !isBrokenAfter && PLACE_NOUNS_AFTER.has(lower(after)) && !isCapitalised(after.text)) cue('place', 3, `before “${after.text}”`);
  if (after && SPEECH_VERBS.has(lower(after)) && !HARD_BREAK.test(last.post)) {
    scores.person += 1.5;
    scores.organisation += 0.5;
  }
  if (before && SPEECH_VERBS.has(lower(before)) && !HARD_BREAK.test(before.post)) scores.person += 1.5;
  // Two to four capitalised words that nothing so far makes an institution or a place: most likely a person.
  if (name.length >= 2 && name.length <= 4 && !scores.organisation && !scores.place && name.every((term) => isCapitalised(term.text) || NAME_PARTICLES.has(lower(term)) || HYPHENED_PARTICLES.has(lower(term)))) scores.person += 1.5;
  appositionCues(last, terms, cue);
  // "Heba Mostafa is a coastal engineer": a sentence that says who someone is.
  const verb = after ? lower(after) : '';
  if ((verb === 'is' || verb === 'was') && !HARD_BREAK.test(last.post)) {
    const from = terms.indexOf(last) + 2;
    for (let i = from; i < Math.min(terms.length, from + 5); i += 1) {
      const term = terms[i] as TermJson;
      if ((TITLES.has(lower(term)) || has(term, 'Actor')) && !isCapitalised(term.text)) {
        cue('person', 3, `described as a ${lower(term)}`);
        break;
      }
      if (HARD_BREAK.test(term.post)) break;
    }
  }
  // "Its spokesman in Benghazi, Tawfiq Shukri, said": a name set off by commas after a role.
  if (before && before.post.trim().startsWith(',') && /^,/.test(last.post.trim())) {
    const from = terms.indexOf(first);
    for (let i = from - 1; i >= Math.max(0, from - 6); i -= 1) {
      const term = terms[i] as TermJson;
      if (i < from - 1 && HARD_BREAK.test(term.post)) break;
      if ((TITLES.has(lower(term)) || has(term, 'Actor')) && !isCapitalised(term.text)) {
        cue('person', 2, `named as the ${lower(term)}`);
        break;
      }
    }
  }
  return { name: display, start, scores, cues, words: name.length };
}

/** "X, a German rescue charity," / "X, 52," / "X, the council’s secretary-general,": what follows the comma says what X is. */
function appositionCues(last: TermJson, terms: readonly TermJson[], cue: (kind: EntityKind, points: number, why: string) => void): void {
  if (!/^,/.test(last.post.trim())) return;
  const from = terms.indexOf(last) + 1;
  const next = terms[from];
  if (next && /^\d{1,3}$/.test(next.text) && /,/.test(next.post)) {
    cue('person', 3, 'an age follows the name');
    return;
  }
  if (!next || !['a', 'an', 'the', 'who', 'whose', 'its', 'his', 'her'].includes(lower(next))) return;
  if (['who', 'whose', 'his', 'her'].includes(lower(next))) {
    cue('person', 2, `followed by “${next.text}”`);
    return;
  }
  for (let i = from + 1; i < Math.min(terms.length, from + 7); i += 1) {
    const term = terms[i] as TermJson;
    const word = lower(term);
    // The description ends at a preposition ("a lecturer at Kuwait University").
    if (has(term, 'Preposition')) return;
    if (ORGANISATION_NOUNS.has(word)) {
      cue('organisation', 3, `described as a ${word}`);
      return;
    }
    if (TITLES.has(word) || has(term, 'Actor')) {
      cue('person', 2, `described as ${word === 'official' ? 'an' : 'a'} ${word}`);
      return;
    }
    if (HARD_BREAK.test(term.post)) return;
  }
}

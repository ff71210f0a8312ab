/**
 * Suggested tags for one article, from its text alone (no database): the names found in
 * it (english-entities.ts, arabic-entities.ts), the existing tags whose name or alias
 * appears in it (tag-index.ts), and the gazetteer, which turns places into countries.
 *
 * Every occurrence of a name is counted once: an existing tag's phrase wins over the
 * finder's reading of the same words, except that an organisation's name swallows the
 * place inside it ("Kuwait University" is not a mention of Kuwait).
 */
import { findArabicMentions } from './arabic-entities.ts';
import type { ArticleText } from './article-text.ts';
import { findEnglishMentions } from './english-entities.ts';
import type { EntityKind, Mention } from './english-entities.ts';
import type { Gazetteer, GazetteerCountry } from './gazetteer.ts';
import { arabicShare, hasArabic, nameKey, trimName } from './normalise.ts';
import { PhraseMatcher, caseRuleFor, tokenize } from './phrases.ts';
import type { IndexedTag, TagIndex, TagKind } from './tag-index.ts';

/** One suggested tag. */
export interface Suggestion {
  kind: TagKind;
  name: string;
  /** Stable across re-analyses and tag creation: `country:<ISO code>` for countries, else `<kind>:<folded name>`. */
  key: string;
  /** The existing tag, or null for a tag to create. */
  tagId: number | null;
  /** For a new country its ISO code; for a new place the code of its country. */
  countryCode: string | null;
  reason: string;
  /** 0–1. */
  confidence: number;
  /** Times the name occurs (0 for a country suggested only because places in it are named). */
  mentions: number;
}

/** Below this, a suggestion is not offered. */
export const MIN_CONFIDENCE = 0.5;
/** Summed evidence a name found by reading (not an existing tag) needs. */
const MIN_EVIDENCE = 3;

interface Candidate {
  key: string;
  tag: IndexedTag | null;
  kind: TagKind | null;
  scores: Record<EntityKind, number>;
  mentions: number;
  isProminent: boolean;
  cues: string[];
  alias: string | null;
  country: GazetteerCountry | null;
  /** Places in this country that the article names. */
  impliedBy: Set<string>;
  surfaces: Map<string, number>;
  words: number;
}

const countryMatchers = new WeakMap<Gazetteer, PhraseMatcher<GazetteerCountry>>();

function countryMatcher(gazetteer: Gazetteer): PhraseMatcher<GazetteerCountry> {
  let matcher = countryMatchers.get(gazetteer);
  if (!matcher) {
    matcher = new PhraseMatcher(gazetteer.countryForms.map(({ text, country }) => ({ text, value: country, rule: caseRuleFor(text, true) })));
    countryMatchers.set(gazetteer, matcher);
  }
  return matcher;
}

/**
 * How much of the body is analysed: about 5,000 words, more than nearly any story, while
 * a pasted book cannot hold up a save — the analysis runs on the save's request, and
 * compromise reads some 30,000 characters a second.
 */
export const MAX_BODY_CHARACTERS = 30_000;

/** Joins the parts into one text (each part its own sentence); returns where the prominent parts end. */
function assemble(article: ArticleText): { text: string; prominentEnd: number } {
  const asSentence = (part: string) => (part === '' || /[.!?؟…"”»]$/.test(part) ? part : `${part}.`);
  const top = [article.headline, article.standfirst].map((part) => asSentence(part.trim())).filter((part) => part !== '');
  let body = article.body.trim();
  if (body.length > MAX_BODY_CHARACTERS) {
    const cut = body.lastIndexOf('\n\n', MAX_BODY_CHARACTERS);
    body = body.slice(0, cut > 0 ? cut : MAX_BODY_CHARACTERS);
  }
  const rest = [body, ...article.captions.slice(0, 50).map((caption) => asSentence(caption.trim()))].filter((part) => part !== '');
  const head = top.join('\n\n');
  return { text: [head, ...rest].filter((part) => part !== '').join('\n\n'), prominentEnd: head.length };
}

function blankCandidate(key: string): Candidate {
  return { key, tag: null, kind: null, scores: { person: 0, organisation: 0, place: 0 }, mentions: 0, isProminent: false, cues: [], alias: null, country: null, impliedBy: new Set(), surfaces: new Map(), words: 1 };
}

function bestKind(scores: Record<EntityKind, number>): EntityKind {
  return (Object.keys(scores) as EntityKind[]).reduce((best, kind) => (scores[kind] > scores[best] ? kind : best), 'person');
}

/** The suggestions for an article's text, most confident first. */
export function analyseArticle(article: ArticleText, tags: TagIndex, gazetteer: Gazetteer, options: { minConfidence?: number } = {}): Suggestion[] {
  const { text, prominentEnd } = assemble(article);
  const isArabic = article.language === 'ar' || arabicShare(text) > 0.5;
  const tokens = tokenize(text);
  const candidates = new Map<string, Candidate>();
  const candidate = (key: string, init: Partial<Candidate>): Candidate => {
    let found = candidates.get(key);
    if (!found) {
      found = { ...blankCandidate(key), ...init };
      candidates.set(key, found);
    }
    return found;
  };
  const count = (found: Candidate, surface: string, at: number) => {
    found.mentions += 1;
    if (at >= 0 && at < prominentEnd) found.isProminent = true;
    const name = trimName(surface);
    found.surfaces.set(name, (found.surfaces.get(name) ?? 0) + 1);
  };

  const mentions = isArabic ? findArabicMentions(text) : findEnglishMentions(text, gazetteer);
  const isStrongOrganisation = (mention: Mention) => bestKind(mention.scores) === 'organisation' && mention.scores.organisation >= 4;
  const within = (inner: { start: number; end: number }, outer: { start: number; end: number }) => inner.start >= outer.start && inner.end <= outer.end;
  const spanOf = (mention: Mention) => ({ start: mention.start, end: mention.start + mention.name.length });
  const organisationSpans = mentions.filter(isStrongOrganisation).map(spanOf);
  const isInsideOrganisation = (hit: { start: number; end: number }) => organisationSpans.some((span) => within(hit, span) && (span.end - span.start) > (hit.end - hit.start));

  // 1. Existing tags and gazetteer countries named in the text.
  const allTagHits = tags.find(tokens, text).filter((hit) => hit.value.tag.kind === 'topic' || !isInsideOrganisation(hit));
  const countryHits = countryMatcher(gazetteer)
    .find(tokens, text)
    .filter((hit) => !isInsideOrganisation(hit) && !allTagHits.some((tagHit) => tagHit.start < hit.end && hit.start < tagHit.end));
  const namedCountries = new Set<string>();
  for (const hit of countryHits) namedCountries.add(hit.value.code);
  for (const hit of allTagHits) if (hit.value.tag.kind === 'country' && hit.value.tag.countryCode) namedCountries.add(hit.value.tag.countryCode.toUpperCase());
  // "Tripoli (Lebanon)" stands for this Tripoli only when the article names its country; otherwise the words are read afresh.
  const tagHits = allTagHits.filter((hit) => hit.value.qualifier === null || isParentNamed(hit.value.tag, tags, namedCountries));
  const countryKey = (country: GazetteerCountry) => {
    const tag = tags.countryTag(country.code);
    return tag ? `tag:${tag.id}` : `country:${country.code}`;
  };
  const countryCandidate = (country: GazetteerCountry) => {
    const tag = tags.countryTag(country.code) ?? null;
    return candidate(countryKey(country), { tag, kind: 'country', country });
  };

  for (const hit of tagHits) {
    const { tag, alias } = hit.value;
    const found = candidate(`tag:${tag.id}`, { tag, kind: tag.kind, alias, words: tag.name.split(/\s+/).length });
    if (alias === null) found.alias = null;
    if (tag.kind === 'country' && tag.countryCode) found.country = gazetteer.countryByCode(tag.countryCode);
    count(found, hit.surface, hit.start);
  }
  for (const hit of countryHits) count(countryCandidate(hit.value), hit.surface, hit.start);

  // 2. Names found by reading, unless a tag or country phrase already covers them.
  const covered = [...tagHits, ...countryHits];
  for (const mention of mentions) {
    const span = spanOf(mention);
    if (covered.some((hit) => hit.start < span.end && span.start < hit.end && !(within(hit, span) && span.end - span.start > hit.end - hit.start))) continue;
    const key = nameKey(mention.name);
    if (key === '') continue;
    const kind = bestKind(mention.scores);
    const tag = tags.withKey(key).find((found) => fits(found.kind, kind)) ?? null;
    const found = tag ? candidate(`tag:${tag.id}`, { tag, kind: tag.kind, words: tag.name.split(/\s+/).length }) : candidate(`name:${key}`, {});
    if (!tag) {
      for (const each of Object.keys(found.scores) as EntityKind[]) found.scores[each] += mention.scores[each];
      found.cues.push(...mention.cues);
      found.words = Math.max(found.words, mention.words);
    }
    count(found, mention.name, mention.start);
  }
  datelinePlaces(article.dateline, tags, gazetteer, candidate, count);

  resolveNames(candidates, tags, gazetteer, namedCountries, countryCandidate);
  implyCountries(candidates, tags, gazetteer, countryCandidate);

  const suggestions: Suggestion[] = [];
  const floor = options.minConfidence ?? MIN_CONFIDENCE;
  for (const found of candidates.values()) {
    const suggestion = present(found);
    if (suggestion && suggestion.confidence >= floor) suggestions.push(suggestion);
  }
  return suggestions.sort((a, b) => b.confidence - a.confidence || b.mentions - a.mentions || a.name.localeCompare(b.name));
}

/** Whether a tag's kind can stand for what the finder read. */
function fits(tagKind: TagKind, kind: EntityKind): boolean {
  return tagKind === kind || (kind === 'place' && tagKind === 'country');
}

function isParentNamed(tag: IndexedTag, tags: TagIndex, namedCountries: Set<string>): boolean {
  const parent = tag.parentId === null ? undefined : tags.byId(tag.parentId);
  return parent?.countryCode ? namedCountries.has(parent.countryCode.toUpperCase()) : false;
}

/** The dateline ("ANTAKYA, Türkiye") names where the story was reported: each part is a place. */
function datelinePlaces(dateline: string | null, tags: TagIndex, gazetteer: Gazetteer, candidate: (key: string, init: Partial<Candidate>) => Candidate, count: (found: Candidate, surface: string, at: number) => void): void {
  if (!dateline) return;
  for (const raw of dateline.split(/[,،/]/)) {
    const part = trimName(raw);
    if (part === '') continue;
    // Datelines are often in capitals; names are matched in title case.
    const name = hasArabic(part) ? part : part.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase()).replace(/\bAl-/g, 'al-');
    const key = nameKey(name);
    const tag = tags.withKey(key).find((found) => found.kind === 'place' || found.kind === 'country');
    const found = tag ? candidate(`tag:${tag.id}`, { tag, kind: tag.kind }) : candidate(`name:${key}`, {});
    if (!tag) {
      found.scores.place += 5;
      found.cues.push('the dateline');
      found.words = Math.max(found.words, name.split(/\s+/).length);
    }
    count(found, name, 0);
    found.isProminent = true;
  }
}

/** Decides what each name found by reading is, merges surnames into full names, and resolves places. */
function resolveNames(candidates: Map<string, Candidate>, tags: TagIndex, gazetteer: Gazetteer, namedCountries: Set<string>, countryCandidate: (country: GazetteerCountry) => Candidate): void {
  const read = [...candidates.values()].filter((found) => found.tag === null && found.kind === null);
  for (const found of read) found.kind = bestKind(found.scores);
  // "Haddad" after "Rania Haddad": the same person (or organisation: "Ahly" after "Al Ahly").
  const fullNames = [...candidates.values()].filter((found) => (found.kind === 'person' || found.kind === 'organisation') && found.words > 1);
  for (const found of read) {
    if (found.words > 1) continue;
    const word = found.key.replace(/^name:/, '');
    if (gazetteer.country(word)) continue;
    const owner = fullNames.find((full) => {
      const words = nameKey(displayName(full)).split(' ');
      return full !== found && (words.at(-1) === word || (full.kind === 'organisation' && words.includes(word)));
    });
    if (!owner || (found.kind === 'place' && found.scores.place >= 6)) continue;
    owner.mentions += found.mentions;
    owner.isProminent ||= found.isProminent;
    candidates.delete(found.key);
  }
  for (const found of read) {
    if (!candidates.has(found.key) || found.kind !== 'place') continue;
    const name = displayName(found);
    const country = gazetteer.country(name);
    if (country) {
      const target = countryCandidate(country);
      target.mentions += found.mentions;
      target.isProminent ||= found.isProminent;
      for (const [surface, times] of found.surfaces) target.surfaces.set(surface, (target.surfaces.get(surface) ?? 0) + times);
      candidates.delete(found.key);
      continue;
    }
    const namesakes = gazetteer.cities(name);
    const city = namesakes.find((each) => namedCountries.has(each.countryCode)) ?? namesakes[0];
    if (city) {
      found.country = gazetteer.countryByCode(city.countryCode);
      found.cues.unshift(`a town in ${found.country?.name ?? city.countryCode}`);
      found.scores.place += 2;
    }
    const tag = tags.withKey(nameKey(name)).find((each) => each.kind === 'place');
    if (tag) {
      const target = candidates.get(`tag:${tag.id}`) ?? Object.assign(found, { tag });
      if (target !== found) {
        target.mentions += found.mentions;
        candidates.delete(found.key);
      }
    }
  }
}

/** Every place with a known country suggests that country too ("Amman is in Jordan"). */
function implyCountries(candidates: Map<string, Candidate>, tags: TagIndex, gazetteer: Gazetteer, countryCandidate: (country: GazetteerCountry) => Candidate): void {
  for (const found of [...candidates.values()]) {
    if (found.kind !== 'place') continue;
    const parent = found.tag?.parentId != null ? tags.byId(found.tag.parentId) : undefined;
    if (parent?.kind === 'country') {
      let target = candidates.get(`tag:${parent.id}`);
      if (!target) {
        const country = parent.countryCode ? gazetteer.countryByCode(parent.countryCode) : null;
        target = country && tags.countryTag(country.code)?.id === parent.id ? countryCandidate(country) : undefined;
      }
      if (!target) {
        target = { ...blankCandidate(`tag:${parent.id}`), tag: parent, kind: 'country' };
        candidates.set(target.key, target);
      }
      target.impliedBy.add(displayName(found));
    } else if (found.country) {
      countryCandidate(found.country).impliedBy.add(displayName(found));
    }
  }
}

/** The name to show: the tag's, else the spelling used most. */
function displayName(found: Candidate): string {
  if (found.tag) return found.tag.name;
  if (found.kind === 'country' && found.country) return found.country.name;
  let best = '';
  let times = 0;
  for (const [surface, n] of found.surfaces) {
    if (n > times || (n === times && surface.length > best.length)) {
      best = surface;
      times = n;
    }
  }
  return best || found.key.replace(/^[a-z]+:/, '');
}

function mentionPhrase(found: Candidate): string {
  const times = found.mentions === 1 ? 'once' : found.mentions === 2 ? 'twice' : `${found.mentions} times`;
  return found.isProminent ? `mentioned ${times} (top of the story)` : `mentioned ${times}`;
}

/** A candidate as a suggestion, with its confidence and reason; null when the evidence is too thin. */
function present(found: Candidate): Suggestion | null {
  const kind = found.kind;
  if (!kind) return null;
  const name = displayName(found);
  const extra = Math.min(0.15, 0.05 * Math.max(0, found.mentions - 1)) + (found.isProminent ? 0.05 : 0);
  const implied = [...found.impliedBy].filter((place) => place !== name);
  const impliedReason = implied.length > 0 ? `${implied.slice(0, 3).join(', ')}${implied.length > 3 ? ' and others' : ''} ${implied.length === 1 ? 'is' : 'are'} in ${name}` : '';
  let confidence: number;
  let reason: string;
  if (found.tag) {
    const matched = found.mentions > 0 && found.alias ? `; as its alias “${found.alias}”` : '';
    if (found.mentions === 0) {
      confidence = 0.8;
      reason = impliedReason;
    } else {
      confidence = (kind === 'topic' ? 0.45 : found.alias ? 0.82 : 0.88) + extra;
      reason = `${mentionPhrase(found)}${matched}${impliedReason ? `; ${impliedReason}` : ''}`;
    }
  } else if (kind === 'country') {
    confidence = found.mentions > 0 ? 0.93 + extra : 0.78;
    reason = found.mentions > 0 ? `${mentionPhrase(found)}${impliedReason ? `; ${impliedReason}` : ''}` : impliedReason;
  } else {
    const evidence = found.scores[kind as EntityKind];
    const others = (Object.keys(found.scores) as EntityKind[]).filter((each) => each !== kind).map((each) => found.scores[each]);
    const margin = evidence - Math.max(0, ...others);
    if (evidence < MIN_EVIDENCE || (found.words === 1 && kind === 'person' && evidence < 6)) return null;
    confidence = Math.min(0.9, 0.3 + 0.04 * evidence + 0.03 * margin) + extra;
    const cue = found.cues[0];
    reason = `${mentionPhrase(found)}${cue ? `; ${cue}` : ''}`;
  }
  const code = found.tag ? found.tag.countryCode : (found.country?.code ?? null);
  return {
    kind,
    name,
    key: kind === 'country' && code ? `country:${code.toUpperCase()}` : `${kind}:${nameKey(name)}`,
    tagId: found.tag?.id ?? null,
    countryCode: found.tag ? null : (found.country?.code ?? null),
    reason,
    confidence: Math.round(Math.min(0.99, confidence) * 100) / 100,
    mentions: found.mentions,
  };
}

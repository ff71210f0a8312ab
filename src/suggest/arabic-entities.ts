/**
 * People, organisations and places named in Arabic text. compromise reads English only,
 * so Arabic relies on the existing tags' Arabic aliases, the gazetteer's Arabic country
 * names, and a few dependable patterns of news writing:
 * - a speaker after a speech verb or a role ("وقالت الناقدة شيرين عادل إن…"): the name is
 *   the run of words before إن/أن or a comma, after the role words (which carry ال);
 * - an institution after the word that heads it ("وزارة الكهرباء العراقية", "منظمة أطباء
 *   بلا حدود", "دار الشروق");
 * - a place after the word that introduces one ("بلدة عرسال", "ريف درعا", "شمال تبوك").
 */
import type { EntityKind, Mention } from './english-entities.ts';
import { tokenize } from './phrases.ts';
import type { Token } from './phrases.ts';

/** Speech verbs: the speaker follows them. */
const SPEECH = new Set(['قال', 'قالت', 'وقال', 'وقالت', 'أكد', 'أكدت', 'وأكد', 'وأكدت', 'أضاف', 'أضافت', 'وأضاف', 'وأضافت', 'أوضح', 'أوضحت', 'وأوضح', 'وأوضحت', 'صرح', 'صرحت', 'وصرح', 'وصرحت']);
/** Roles written before a name (with and without the article). */
const ROLES = new Set([
  'الوزير', 'وزير', 'الوزيرة', 'وزيرة', 'الرئيس', 'رئيس', 'رئيسة', 'الدكتور', 'الدكتورة', 'د', 'الروائي', 'الروائية', 'الناقد',
  'الناقدة', 'الكاتب', 'الكاتبة', 'الشاعر', 'الشاعرة', 'المهندس', 'المهندسة', 'المتحدث', 'المتحدثة', 'التنفيذي', 'النائب',
  'النائبة', 'السفير', 'السفيرة', 'المخرج', 'المخرجة', 'الخبير', 'الخبيرة', 'المحلل', 'المحللة', 'الصحفي', 'الصحفية', 'السيد',
  'السيدة', 'المدير', 'المديرة', 'مدير', 'مديرة', 'العام', 'الأمين', 'أمينها', 'أمينه', 'الباحث', 'الباحثة', 'المحامي',
  'المحامية', 'الأستاذ', 'الأستاذة', 'الناشط', 'الناشطة', 'المدون', 'المدونة', 'اللواء', 'العميد', 'العقيد', 'الفنان', 'الفنانة',
]);
/** Words that end a name: particles, prepositions, time words. */
const STOP = new Set(['التابعة', 'التابع', 'هذا', 'هذه', 'ذلك', 'تلك', 'إن', 'أن', 'ان', 'في', 'من', 'إلى', 'الى', 'على', 'عن', 'مع', 'يوم', 'حتى', 'قبل', 'بعد', 'الذي', 'التي', 'بأن', 'لأن', 'إنه', 'إنها', 'أنه', 'أنها', 'قد', 'لم', 'لن', 'ما', 'لا', 'هو', 'هي', 'كما', 'بين', 'عند', 'منذ', 'خلال', 'بحسب', 'وفق', 'نحو', 'أمام', 'فيما', 'بينما', 'حيث', 'ثم', 'أو', 'و', 'دبلوماسي', 'سابق', 'كاتب', 'كاتبة', 'صحفي', 'صحفية', 'باحث', 'باحثة']);
/** Words that head an institution's name; the number is how many words must follow. */
const INSTITUTIONS: Record<string, number> = {
  'وزارة': 2, 'منظمة': 1, 'هيئة': 2, 'الهيئة': 2, 'المرصد': 2, 'مرصد': 2, 'مجلس': 2, 'جامعة': 1, 'شركة': 1, 'دار': 1, 'نقابة': 1,
  'المديرية': 2, 'مديرية': 2, 'بنك': 1, 'البنك': 1, 'صندوق': 2, 'معهد': 1, 'مؤسسة': 1, 'منتدى': 1, 'اتحاد': 1, 'الاتحاد': 1,
  'حزب': 1, 'حركة': 1, 'جمعية': 1, 'معرض': 2, 'مفوضية': 1, 'المفوضية': 2, 'السوق': 2, 'مستشفى': 1, 'مركز': 2,
};
/** Heads that are generic words, left out of the name ("شركة شمس الحجاز" is "شمس الحجاز"). */
const DROPPED_HEADS = new Set(['شركة']);
/** Words that introduce a place. */
const PLACE_MARKERS = new Set(['بلدة', 'مدينة', 'محافظة', 'مديرية', 'مديريتي', 'ريف', 'سوق', 'مخيم', 'قرية', 'ميناء', 'مرفأ', 'نهر', 'شمال', 'جنوب', 'شرق', 'غرب', 'قرب', 'ساحل', 'جزيرة', 'منطقة', 'حي', 'قضاء', 'ولاية']);

function isArticleWord(word: string): boolean {
  return /^(ال|لل|وال|بال|فال|كال)/.test(word);
}

function isStop(token: Token): boolean {
  return STOP.has(token.raw) || /^\d/.test(token.raw) || !/[\u0600-\u06FF]/.test(token.raw);
}

function mention(tokens: Token[], text: string, kind: EntityKind, points: number, why: string): Mention {
  const first = tokens[0] as Token;
  const last = tokens.at(-1) as Token;
  const scores: Record<EntityKind, number> = { person: 0, organisation: 0, place: 0 };
  scores[kind] = points;
  return { name: text.slice(first.start, last.end), start: first.start, scores, cues: [why], words: tokens.length };
}

/** Finds names in Arabic text by the patterns above; offsets refer to `text`. */
export function findArabicMentions(text: string): Mention[] {
  const tokens = tokenize(text);
  const mentions: Mention[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (SPEECH.has(token.raw) || ROLES.has(token.raw)) {
      const person = speakerAfter(tokens, i + 1);
      if (person) mentions.push(mention(person, text, 'person', 4, SPEECH.has(token.raw) ? 'named as the speaker' : `after “${token.raw}”`));
    }
    const needed = INSTITUTIONS[token.raw] ?? INSTITUTIONS[token.raw.replace(/^[وب]/, '')];
    if (needed !== undefined) {
      const words = institutionAfter(tokens, i + 1);
      if (words.length >= needed) {
        const whole = DROPPED_HEADS.has(token.raw.replace(/^[وب]/, '')) ? words : [token, ...words];
        mentions.push(mention(whole, text, 'organisation', 4, `begins with “${token.raw.replace(/^[وب]/, '')}”`));
      }
    }
    if (PLACE_MARKERS.has(token.raw) || PLACE_MARKERS.has(token.raw.replace(/^[وفب]/, ''))) {
      for (const place of placesAfter(tokens, i + 1)) mentions.push(mention(place, text, 'place', 3.5, `after “${token.raw}”`));
    }
  }
  return mentions;
}

/** The name after a speech verb or role: skip role words (they carry ال), take up to three name words. */
function speakerAfter(tokens: readonly Token[], from: number): Token[] | null {
  let i = from;
  while (i < tokens.length && i < from + 6) {
    const token = tokens[i] as Token;
    if (i > from && token.isAfterBreak) return null;
    if (!ROLES.has(token.raw) && !isArticleWord(token.raw) && token.raw !== 'باسم') break;
    i += 1;
  }
  const name: Token[] = [];
  for (; i < tokens.length && name.length < 3; i += 1) {
    const token = tokens[i] as Token;
    if (name.length > 0 && token.isAfterBreak) break;
    if (isStop(token) || ROLES.has(token.raw)) break;
    // An institution or a place marker is not a person's name ("رئيس نقابة الصيادين").
    if (INSTITUTIONS[token.raw] !== undefined || PLACE_MARKERS.has(token.raw)) return null;
    // A nisba surname ("الطرابلسي") may carry the article, but only as the last word.
    if (isArticleWord(token.raw) && name.length === 0) return null;
    name.push(token);
    if (isArticleWord(token.raw)) break;
  }
  return name.length >= 2 ? name : null;
}

/** Adjectives that may follow a genitive ("للأمن العام") and still belong to the name. */
function isAdjectiveAfterGenitive(word: string): boolean {
  return /^ال.+(ي|ية|ة|ى|ا)$/.test(word) || ['العام', 'العامة', 'الأعلى', 'العليا'].includes(word);
}

/**
 * The words of an institution's name after its head: words with the article, joined by
 * و, or led by one proper word. The name ends after a nationality ("… العراقية") or after
 * a genitive with ل ("… للانتخابات"), which is where such names end in news writing.
 */
function institutionAfter(tokens: readonly Token[], from: number): Token[] {
  const words: Token[] = [];
  for (let i = from; i < tokens.length && words.length < 5; i += 1) {
    const token = tokens[i] as Token;
    if (token.isAfterBreak || isStop(token)) break;
    const previous = words.at(-1)?.raw ?? '';
    if (/^لل/.test(previous) && !isAdjectiveAfterGenitive(token.raw)) break;
    if (words.length >= 2 && /^ال.+ي(ة)?$/.test(previous) && !/^لل/.test(token.raw)) break;
    const isLinked = isArticleWord(token.raw) || /^(بلا|دون)$/.test(token.raw);
    // One proper word may lead ("أطباء بلا حدود", "شمس الحجاز"); after it, only linked words follow.
    if (!isLinked && words.length > 0 && !/^(بلا|دون)$/.test(previous)) break;
    words.push(token);
  }
  return words;
}

/** First words of two-word place names ("دير البلح", "الشيخ عثمان", "رأس تنورة"). */
const COMPOUND_PLACE_STARTS = new Set(['دير', 'تل', 'عين', 'رأس', 'خان', 'بئر', 'أبو', 'الشيخ', 'كفر', 'جبل', 'وادي', 'بيت', 'بني', 'سيدي', 'أم', 'باب', 'جسر', 'بنت', 'حمام', 'سوق', 'قلعة', 'مرج', 'برج', 'ميت', 'كوم', 'نجع', 'منية']);

/** Place names after a marker: a word (or a two-word name such as "دير البلح"), several joined by و. */
function placesAfter(tokens: readonly Token[], from: number): Token[][] {
  const places: Token[][] = [];
  let i = from;
  while (i < tokens.length && places.length < 4) {
    let first = tokens[i] as Token;
    if (places.length > 0) {
      // Another place only when joined by و ("الشيخ عثمان وكريتر").
      if (!/^و./.test(first.raw) || first.isAfterBreak) break;
      first = { ...first, raw: first.raw.slice(1), start: first.start + 1 };
    } else if (i > from && first.isAfterBreak) break;
    if (isStop(first) || PLACE_MARKERS.has(first.raw) || (isArticleWord(first.raw) && !COMPOUND_PLACE_STARTS.has(first.raw))) break;
    const name = [first];
    const second = tokens[i + 1];
    if (second && !second.isAfterBreak && COMPOUND_PLACE_STARTS.has(first.raw) && !isStop(second)) name.push(second);
    places.push(name);
    i += name.length;
  }
  return places;
}

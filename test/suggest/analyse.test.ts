/**
 * The analysis without a database: normalising names and Arabic, finding phrases, the
 * gazetteer's choices (a country before a namesake town, the namesake in a country the
 * article names), and the progress bar the CLI draws.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyseArticle } from '../../src/suggest/analyse.ts';
import type { Suggestion } from '../../src/suggest/analyse.ts';
import type { ArticleText } from '../../src/suggest/article-text.ts';
import { loadGazetteer } from '../../src/suggest/gazetteer.ts';
import type { Gazetteer } from '../../src/suggest/gazetteer.ts';
import { nameKey, normaliseArabic, trimName } from '../../src/suggest/normalise.ts';
import { PhraseMatcher, arabicForms, caseRuleFor, tokenize } from '../../src/suggest/phrases.ts';
import { ProgressBar, clock } from '../../src/suggest/progress.ts';
import { TagIndex } from '../../src/suggest/tag-index.ts';

let gazetteer: Gazetteer;
before(async () => {
  gazetteer = await loadGazetteer();
});

function article(body: string, extra: Partial<ArticleText> = {}): ArticleText {
  return { language: 'en', headline: '', standfirst: '', dateline: null, body, captions: [], ...extra };
}

function named(suggestions: Suggestion[], name: string): Suggestion | undefined {
  return suggestions.find((suggestion) => suggestion.name === name);
}

test('Arabic is normalised: diacritics, tatweel, alef forms, ى and ة', () => {
  assert.equal(normaliseArabic('عمّان'), 'عمان');
  assert.equal(normaliseArabic('الصحـــة'), 'الصحه');
  assert.equal(normaliseArabic('أإآٱ'), 'اااا');
  assert.equal(normaliseArabic('مستشفى'), 'مستشفي');
  assert.equal(nameKey('الأُرْدُنّ'), nameKey('الاردن'));
});

test('names are compared without possessives, punctuation, case, accents or hyphens', () => {
  assert.equal(trimName('“Jordan’s'), 'Jordan');
  assert.equal(trimName('(UNHCR),'), 'UNHCR');
  assert.equal(nameKey('the World Bank,'), 'world bank');
  assert.equal(nameKey('Omar al-Khatib'), nameKey('Omar Al Khatib'));
  assert.equal(nameKey('Türkiye'), 'turkiye');
  assert.equal(nameKey('Cem Aydın'), 'cem aydin');
});

test('Arabic words are also tried without attached conjunctions, prepositions and the article', () => {
  assert.ok(arabicForms(normaliseArabic('والأردن')).includes('الاردن'));
  assert.ok(arabicForms(normaliseArabic('للأردن')).includes('الاردن'));
  assert.ok(arabicForms(normaliseArabic('بعمان')).includes('عمان'));
  assert.ok(arabicForms(normaliseArabic('وبالعراق')).includes('العراق'));
});

test('phrases match inside one run of words, acronyms only as written, names only capitalised', () => {
  const matcher = new PhraseMatcher<string>(['WHO', 'Saudi Arabia', 'drought', 'Aden'].map((text) => ({ text, value: text, rule: caseRuleFor(text, text !== 'drought') })));
  const found = (text: string) => matcher.find(tokenize(text), text).map((hit) => hit.value);
  assert.deepEqual(found('The WHO said who knows.'), ['WHO']);
  assert.deepEqual(found('Saudi Arabia and Saudi. Arabia'), ['Saudi Arabia']);
  assert.deepEqual(found('A Drought, then drought.'), ['drought', 'drought']);
  assert.deepEqual(found('the aden of Aden’s port'), ['Aden']);
  assert.deepEqual(new PhraseMatcher([{ text: 'U.N.', value: 'un', rule: 'exact' }]).find(tokenize('The U.N. agency'), 'The U.N. agency').map((hit) => hit.value), ['un']);
});

test('a country wins over its namesake towns, and a place resolves to its country', () => {
  const suggestions = analyseArticle(article('Officials in Lebanon said a delegation from Irbid would arrive on Tuesday.'), new TagIndex([]), gazetteer);
  assert.equal(named(suggestions, 'Lebanon')?.kind, 'country');
  assert.equal(named(suggestions, 'Lebanon')?.countryCode, 'LB');
  assert.equal(named(suggestions, 'Irbid')?.countryCode, 'JO');
  const jordan = named(suggestions, 'Jordan');
  assert.equal(jordan?.kind, 'country');
  assert.equal(jordan?.mentions, 0);
  assert.match(jordan?.reason ?? '', /Irbid is in Jordan/);
});

test('namesake towns: the one in a country the article names, else the largest', () => {
  const inLebanon = analyseArticle(article('Fishermen in Tripoli, in northern Lebanon, said the port was quiet.'), new TagIndex([]), gazetteer);
  assert.equal(named(inLebanon, 'Tripoli')?.countryCode, 'LB');
  const plain = analyseArticle(article('Traffic in Tripoli was heavy on Sunday, residents said.'), new TagIndex([]), gazetteer);
  assert.equal(named(plain, 'Tripoli')?.countryCode, 'LY');
});

test('a country named inside an organisation’s name is not suggested', () => {
  const suggestions = analyseArticle(article('Noura Haddad, a lecturer at Kuwait University, said the figures were wrong.'), new TagIndex([]), gazetteer);
  assert.equal(named(suggestions, 'Kuwait University')?.kind, 'organisation');
  assert.equal(named(suggestions, 'Kuwait'), undefined);
  assert.equal(named(suggestions, 'Noura Haddad')?.kind, 'person');
});

test('surnames count towards the full name; titles are not part of it', () => {
  const text = 'Minister Karim Saadeh opened the port. Saadeh said the silos would be rebuilt. Later, Saadeh left for Beirut.';
  const saadeh = named(analyseArticle(article(text), new TagIndex([]), gazetteer), 'Karim Saadeh');
  assert.equal(saadeh?.kind, 'person');
  assert.equal(saadeh?.mentions, 3);
  assert.match(saadeh?.reason ?? '', /mentioned 3 times/);
});

test('the dateline names places, in capitals or not', () => {
  const suggestions = analyseArticle(article('Shopkeepers reopened on Saturday.', { dateline: 'ANTAKYA, Türkiye' }), new TagIndex([]), gazetteer);
  assert.equal(named(suggestions, 'Antakya')?.countryCode, 'TR');
  assert.equal(named(suggestions, 'Türkiye')?.kind, 'country');
});

test('existing tags are matched by name and alias, and their kind wins', () => {
  const tags = new TagIndex([
    { id: 1, kind: 'country', name: 'Jordan', aliases: ['الأردن'], countryCode: 'JO', parentId: null },
    { id: 2, kind: 'place', name: 'Amman', aliases: ['عمّان'], countryCode: null, parentId: 1 },
    { id: 3, kind: 'organisation', name: 'Levant Water Council', aliases: ['LWC', 'مجلس مياه المشرق'], countryCode: null, parentId: null },
  ]);
  const english = analyseArticle(article('The LWC met in Amman. The council was founded in 2001.'), tags, gazetteer);
  assert.equal(named(english, 'Levant Water Council')?.tagId, 3);
  assert.match(named(english, 'Levant Water Council')?.reason ?? '', /alias “LWC”/);
  assert.equal(named(english, 'Jordan')?.tagId, 1);
  const arabic = analyseArticle(article('اجتمع مجلس مياه المشرق في عمان وقال إن الوضع بالأردن صعب.', { language: 'ar' }), tags, gazetteer);
  assert.deepEqual(arabic.map((suggestion) => suggestion.tagId).sort(), [1, 2, 3]);
});

test('Arabic text without tags: countries from the gazetteer, speakers and institutions from the patterns', () => {
  const suggestions = analyseArticle(article('وقالت الناقدة شيرين عادل إن وزارة الثقافة المصرية ستدعم المعرض في مصر والأردن.', { language: 'ar' }), new TagIndex([]), gazetteer);
  assert.equal(named(suggestions, 'شيرين عادل')?.kind, 'person');
  assert.equal(named(suggestions, 'وزارة الثقافة المصرية')?.kind, 'organisation');
  assert.equal(named(suggestions, 'Egypt')?.kind, 'country');
  assert.equal(named(suggestions, 'Jordan')?.kind, 'country');
});

test('the progress bar redraws in place on a terminal and prints plain lines elsewhere', () => {
  let now = 0;
  const terminal: string[] = [];
  const bar = new ProgressBar({ isTTY: true, columns: 120, write: (text: string) => terminal.push(text) }, 200, 'Suggesting tags', () => now);
  for (let done = 1; done <= 200; done += 1) {
    now += 10;
    bar.update(done);
  }
  bar.finish();
  assert.ok(terminal.length > 5 && terminal.length < 200, 'throttled redraws');
  assert.ok(terminal.slice(0, -1).every((text) => text.startsWith('\r')));
  assert.match(terminal.at(-2) ?? '', /\[#{24}\] 200\/200 100% {2}100\.0\/s {2}ETA 0:00/);
  assert.equal(terminal.at(-1), '\n');

  now = 0;
  const log: string[] = [];
  const plain = new ProgressBar({ write: (text: string) => log.push(text) }, 200, 'Suggesting tags', () => now);
  for (let done = 1; done <= 200; done += 1) plain.update(done);
  assert.ok(log.every((line) => line.endsWith('\n') && !line.includes('\r')));
  assert.equal(log.length, 11, 'one line per tenth of the way');
  assert.equal(clock(3725), '1:02:05');
});

test('a very long body is analysed only as far as a long story goes, quickly', () => {
  const paragraph = 'Officials in Amman met delegates from the Levant Water Council on Tuesday to discuss the river. ';
  const body = Array.from({ length: 6000 }, () => paragraph).join('\n\n');
  const started = performance.now();
  const suggestions = analyseArticle(article(body), new TagIndex([]), gazetteer);
  const seconds = (performance.now() - started) / 1000;
  assert.ok(named(suggestions, 'Amman'), 'still finds what the text names');
  assert.ok(seconds < 5, `took ${seconds.toFixed(1)} s`);
});

test('a tag with a qualified name stands for its namesake only when the article names the country', () => {
  const tags = new TagIndex([
    { id: 1, kind: 'country', name: 'Lebanon', aliases: [], countryCode: 'LB', parentId: null },
    { id: 2, kind: 'place', name: 'Tripoli (Lebanon)', aliases: [], countryCode: null, parentId: 1 },
  ]);
  const lebanese = analyseArticle(article('Fishermen in Tripoli said the port in northern Lebanon was quiet.'), tags, gazetteer);
  assert.equal(named(lebanese, 'Tripoli (Lebanon)')?.tagId, 2);
  const libyan = analyseArticle(article('Traffic in Tripoli was heavy on Sunday, residents said.'), tags, gazetteer);
  assert.equal(libyan.find((suggestion) => suggestion.tagId === 2), undefined);
  assert.equal(named(libyan, 'Tripoli')?.countryCode, 'LY');
});

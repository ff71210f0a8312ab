/** The newsletter promo on article pages: which list the rules choose, what the promo holds, and that a rule edit shows at once. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { createArticle } from '../../src/articles/commands.ts';
import type { Database } from '../../src/db/schema.ts';
import { choosePromo } from '../../src/newsletters/promo.ts';
import type { PromoCandidate } from '../../src/newsletters/promo.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { buildArticle, createSection, createTag, tempMediaDir } from '../factories.ts';
import { signInAs } from '../admin/admin-client.ts';

describe('choosePromo', () => {
  const list = (id: number, language: string, kind: PromoCandidate['kind'], value: string | null, priority = 0, position = id): PromoCandidate => ({ id, name: `List ${id}`, description: '', cadence: '', language, position, kind, value, priority });
  const article = { language: 'en', sectionId: 7, tagIds: [3, 4] };

  test('tag beats section beats language beats default, whatever the priorities', () => {
    const candidates = [list(1, 'en', 'default', null, 99), list(2, 'en', 'language', 'en', 50), list(3, 'en', 'section', '7', 10), list(4, 'en', 'tag', '4', 0)];
    assert.equal(choosePromo(candidates, article)?.newsletterId, 4);
    assert.equal(choosePromo(candidates.slice(0, 3), article)?.newsletterId, 3);
    assert.equal(choosePromo(candidates.slice(0, 2), article)?.newsletterId, 2);
    assert.equal(choosePromo(candidates.slice(0, 1), article)?.newsletterId, 1);
  });

  test('among equally specific rules the higher priority wins, then the earlier position', () => {
    assert.equal(choosePromo([list(1, 'en', 'tag', '3', 1), list(2, 'en', 'tag', '4', 5)], article)?.newsletterId, 2);
    assert.equal(choosePromo([list(1, 'en', 'tag', '3', 5, 2), list(2, 'en', 'tag', '4', 5, 1)], article)?.newsletterId, 2);
  });

  test('only lists in the article’s language, unless a language rule names it; nothing when nothing matches', () => {
    assert.equal(choosePromo([list(1, 'ar', 'default', null), list(2, 'ar', 'tag', '3', 9)], article), null);
    assert.equal(choosePromo([list(1, 'ar', 'language', 'en')], article)?.newsletterId, 1);
    assert.equal(choosePromo([list(1, 'en', 'tag', '99'), list(2, 'en', 'section', '8'), list(3, 'en', null, null)], article), null);
  });

  test('the others are the remaining lists of the same language, once each, in order', () => {
    const promo = choosePromo([list(1, 'en', 'default', null), list(1, 'en', 'tag', '3'), list(2, 'en', null, null), list(3, 'ar', 'default', null), list(4, 'en', 'section', '1')], article);
    assert.equal(promo?.newsletterId, 1);
    assert.deepEqual(promo?.others, ['List 2', 'List 4']);
  });
});

describeEachDatabase('newsletter promo on article pages', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let ids: { daily: number; jordanList: number; featuresList: number; arabic: number; hidden: number; features: number; jordan: number };
  const db = () => use().db;

  async function createList(database: Kysely<Database>, slug: string, name: string, language: string, position: number, visibility: 'public' | 'private' = 'public'): Promise<number> {
    const now = new Date().toISOString();
    return (await database.insertInto('newsletters').values({ slug, name, description: `About ${name}.`, cadence: 'Weekly', sender_name: 'Desk', sender_address: 'news@example.org', reply_to: null, language, visibility, position, track_opens: 0, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  }
  const rule = (newsletterId: number, kind: 'tag' | 'section' | 'language' | 'default', value: string | null, priority = 0) => db().insertInto('newsletter_promo_rules').values({ newsletter_id: newsletterId, kind, value, priority }).execute();

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    const news = await createSection(db(), { slug: 'news', name: 'News' });
    const features = await createSection(db(), { slug: 'features', name: 'Features' });
    const jordan = await createTag(db(), { kind: 'country', slug: 'jordan', name: 'Jordan' });
    const energy = await createTag(db(), { slug: 'energy', name: 'Energy' });
    const daily = await createList(db(), 'daily', 'Daily Briefing', 'en', 0);
    const jordanList = await createList(db(), 'jordan-letter', 'Jordan Letter', 'en', 1);
    const featuresList = await createList(db(), 'long-reads', 'Long Reads', 'en', 2);
    const arabic = await createList(db(), 'arabic-weekly', 'الأسبوعية', 'ar', 3);
    const hidden = await createList(db(), 'vip', 'Private Club', 'en', 4, 'private');
    await rule(daily, 'default', null);
    await rule(jordanList, 'tag', String(jordan), 0);
    await rule(featuresList, 'section', String(features));
    await rule(arabic, 'language', 'ar');
    await rule(hidden, 'tag', String(jordan), 100);
    for (const [slug, sectionId, tagIds, language] of [
      ['jordan-story', news, [jordan], 'en'],
      ['plain-story', news, [], 'en'],
      ['feature-story', features, [energy], 'en'],
      ['arabic-story', news, [jordan], 'ar'],
      ['french-story', news, [], 'fr'],
    ] as const) {
      await createArticle(db(), buildArticle({ slug, sectionId, tagIds: [...tagIds], language }));
    }
    ids = { daily, jordanList, featuresList, arabic, hidden, features, jordan };
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  async function promoOf(path: string): Promise<string | null> {
    const response = await t.app.request(path);
    assert.equal(response.status, 200, path);
    const html = await response.text();
    return /<aside class="slot slot--newsletter newsletter-promo"[^]*?<\/aside>/.exec(html)?.[0] ?? null;
  }
  const chosen = (promo: string | null) => /<h2 id="newsletter-promo-title" class="newsletter-promo__title">([^<]*)<\/h2>/.exec(promo ?? '')?.[1] ?? null;

  test('the most specific public rule wins on each article', async () => {
    assert.equal(chosen(await promoOf('/news/jordan-story')), 'Jordan Letter', 'tag rule; the private list’s higher priority does not count');
    assert.equal(chosen(await promoOf('/features/feature-story')), 'Long Reads', 'section rule');
    assert.equal(chosen(await promoOf('/news/plain-story')), 'Daily Briefing', 'default rule');
    assert.equal(chosen(await promoOf('/ar/news/arabic-story')), 'الأسبوعية', 'language rule; English tag rules do not apply to Arabic articles');
    assert.equal(await promoOf('/fr/news/french-story'), null, 'no French list: no promo at all');
    const french = await (await t.app.request('/fr/news/french-story')).text();
    assert.match(french, /<aside class="slot slot--newsletter" data-slot="newsletter-promo" aria-label="[^"]+" hidden><\/aside>/, 'only the hidden, empty slot');
  });

  test('the promo is a no-JS form with a label, the list id, a honeypot and no per-visitor token, naming the other lists', async () => {
    const promo = (await promoOf('/news/jordan-story')) ?? '';
    assert.match(promo, /<form class="newsletter-form newsletter-promo__form" method="post" action="\/newsletters\/subscribe">/);
    assert.match(promo, new RegExp(`<input type="hidden" name="newsletter" value="${ids.jordanList}"`));
    assert.match(promo, /<label for="newsletter-promo-email">Email address<\/label>/);
    assert.match(promo, /<input id="newsletter-promo-email" class="newsletter-form__email" type="email" name="email"/);
    assert.match(promo, /name="website" value="" tabindex="-1" autocomplete="off"/);
    assert.match(promo, /<input type="hidden" name="source" value="promo"/);
    assert.doesNotMatch(promo, /form_token|csrf/);
    assert.match(promo, /Also: Daily Briefing, Long Reads — /);
    assert.doesNotMatch(promo, /Private Club/);
    assert.match(promo, /<a href="\/newsletters">See all newsletters<\/a>/);
    const arabic = (await promoOf('/ar/news/arabic-story')) ?? '';
    assert.match(arabic, /<a href="\/ar\/newsletters">كل النشرات البريدية<\/a>/);
    assert.match(arabic, /<input type="hidden" name="language" value="ar"/);
  });

  test('a rule edited in the admin shows on the article page at once (cached data invalidated)', async () => {
    assert.equal(chosen(await promoOf('/news/jordan-story')), 'Jordan Letter');
    assert.equal(chosen(await promoOf('/news/jordan-story')), 'Jordan Letter', 'served again from the same generation');
    const { client } = await signInAs(t, 'editor');
    const added = await client.request(`/admin/newsletters/${ids.featuresList}/rules`, { form: { csrf: client.csrfToken, kind: 'tag', value: 'jordan', priority: '50' } });
    assert.equal(added.status, 303);
    assert.equal(chosen(await promoOf('/news/jordan-story')), 'Long Reads', 'the higher-priority tag rule now wins');

    const rules = await db().selectFrom('newsletter_promo_rules').select('id').where('newsletter_id', '=', ids.featuresList).where('kind', '=', 'tag').execute();
    const removed = await client.request(`/admin/newsletters/${ids.featuresList}/rules/${rules[0]?.id ?? 0}/delete`, { form: { csrf: client.csrfToken } });
    assert.equal(removed.status, 303);
    assert.equal(chosen(await promoOf('/news/jordan-story')), 'Jordan Letter');

    const renamed = await client.request(`/admin/newsletters/${ids.jordanList}`, {
      form: { csrf: client.csrfToken, name: 'The Amman Letter', slug: 'jordan-letter', description: 'x', cadence: 'Weekly', senderName: 'Desk', senderAddress: 'news@example.org', replyTo: '', language: 'en', visibility: 'public', position: '1' },
    });
    assert.equal(renamed.status, 303);
    assert.equal(chosen(await promoOf('/news/jordan-story')), 'The Amman Letter', 'list edits show at once too');
  });
});

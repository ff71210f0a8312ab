/** The rate card editor: who may use it, saving new versions (history kept, audited), refusing bad money, and quotes following the newest card. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { rateCardFormValues } from '../../src/admin/syndication/rate-card-form.ts';
import { DEFAULT_RATE_CARD } from '../../src/syndication/rate-card.ts';
import type { RateCard } from '../../src/syndication/rate-card.ts';
import { signInAs } from '../admin/admin-client.ts';
import type { AdminClient } from '../admin/admin-client.ts';
import { seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { postForm, validForm } from './request-form-helpers.ts';

const PATH = '/admin/syndication/rate-card';

describeEachDatabase('rate card editor', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let admin: AdminClient;
  let editor: AdminClient;
  let seeded: Awaited<ReturnType<typeof seedSmallNewsroom>>;

  async function versions(): Promise<{ id: number; currency: string; card: RateCard; created_by: number | null }[]> {
    const rows = await use().db.selectFrom('rate_cards').select(['id', 'currency', 'card', 'created_by']).orderBy('id').execute();
    return rows.map((row) => ({ ...row, card: JSON.parse(row.card) as RateCard }));
  }

  function form(changes: Record<string, string>, client: AdminClient = admin): Record<string, string> {
    return { csrf: client.csrfToken, ...rateCardFormValues(DEFAULT_RATE_CARD), ...changes };
  }

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    seeded = await seedSmallNewsroom(use().db, mediaDir, 2);
    admin = (await signInAs(t, 'admin', 'Samir Admin')).client;
    editor = (await signInAs(t, 'editor')).client;
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('editors are refused, strangers sent to sign in', async () => {
    assert.equal((await editor.request(PATH)).status, 403);
    assert.equal((await editor.request(PATH, { form: form({}, editor) })).status, 403);
    const stranger = await t.app.request(PATH);
    assert.equal(stranger.status, 303);
    assert.equal(stranger.headers.get('location'), '/admin/login');
    assert.equal((await versions()).length, 0);
  });

  test('the page shows the default card, its values and example quotes', async () => {
    const response = await admin.request(PATH);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /No card has been saved yet/);
    assert.match(html, /name="outlet\.1\.base" value="250\.00"/);
    assert.match(html, /name="medium\.print" value="1\.25"/);
    assert.match(html, /name="exclusive" value="3"/);
    assert.match(html, /Example quotes/);
    // Non-profit web national 10k–100k in English: $75.00; the student newsletter sample hits the $50.00 minimum.
    assert.match(html, /\$75\.00/);
    assert.match(html, /Minimum fee applies/);
  });

  test('saving writes a new version with exact minor units, audited; the page says who changed it', async () => {
    const changes = {
      currency: 'KWD',
      minimum: '10.500',
      'outlet.0.base': '25',
      'outlet.1.base': '75.250',
      'outlet.2.base': '8.5',
      'outlet.3.base': '120',
      'outlet.4.key': 'wire',
      'outlet.4.label': 'News agency',
      'outlet.4.base': '300.125',
      'medium.print': '1.5',
      translation: '1.1',
      'override.0.section': String(seeded.opinionId),
      'override.0.fixed': '40',
      'override.1.article': String(seeded.articleIds[0]),
      'override.1.base.commercial': '99.999',
    };
    const response = await admin.request(PATH, { form: form(changes) });
    assert.equal(response.status, 303, await response.clone().text());
    assert.equal(response.headers.get('location'), `${PATH}?notice=saved`);
    const [saved] = await versions();
    assert.ok(saved);
    assert.equal(saved.currency, 'KWD');
    assert.equal(saved.card.minimumMinor, 10_500);
    assert.deepEqual(saved.card.outletTypes.map((type) => [type.key, type.baseMinor]), [['nonprofit', 25_000], ['commercial', 75_250], ['student', 8_500], ['broadcaster', 120_000], ['wire', 300_125]]);
    assert.equal(saved.card.medium.print, 15_000);
    assert.equal(saved.card.translationBp, 11_000);
    assert.deepEqual(saved.card.overrides, [
      { scope: 'section', id: seeded.opinionId, baseMinor: {}, fixedMinor: 40_000 },
      { scope: 'article', id: seeded.articleIds[0], baseMinor: { commercial: 99_999 }, fixedMinor: null },
    ]);
    const audit = await use().db.selectFrom('audit_log').select(['action', 'subject_id']).where('action', '=', 'syndication.rate_card.saved').execute();
    assert.deepEqual(audit, [{ action: 'syndication.rate_card.saved', subject_id: String(saved.id) }]);

    const html = await (await admin.request(`${PATH}?notice=saved`)).text();
    assert.match(html, /Rate card saved/);
    assert.match(html, new RegExp(`Version ${saved.id}, last changed by Samir Admin`));
    assert.match(html, /name="minimum" value="10\.500"/);

    // Saving again keeps the first version.
    assert.equal((await admin.request(PATH, { form: form({ ...changes, minimum: '11' }) })).status, 303);
    const all = await versions();
    assert.equal(all.length, 2);
    assert.equal(all[0]?.card.minimumMinor, 10_500);
    assert.equal(all[1]?.card.minimumMinor, 11_000);

    // New requests are quoted with the newest version, in its currency: the article override (99.999 KWD commercial base)
    // ×1.5 print = 149.9985 → 149.999 (half up), ×1 national, audience, non-exclusive, ×1.1 translation = 164.9989 → 164.999 KWD.
    const posted = await postForm(t, `/republish/${seeded.articleIds[0]}/request`, validForm({ email: 'kwd@outlet.example.org' }));
    assert.equal(posted.status, 303);
    const request = await use().db.selectFrom('syndication_requests').select(['rate_card_id', 'currency', 'quote_minor']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(request, { rate_card_id: all[1]?.id, currency: 'KWD', quote_minor: 164_999 });
  });

  test('bad values are refused (422) with their field named, and nothing is saved', async () => {
    const before = (await versions()).length;
    const cases: [Record<string, string>, RegExp][] = [
      [{ minimum: '1.234' }, /Minimum fee: can have at most 2 decimals/],
      [{ currency: 'JPY', minimum: '50.5' }, /Minimum fee: cannot have decimals/],
      [{ 'outlet.0.base': '-5' }, /Outlet type 1 base fee: cannot be negative/],
      [{ 'outlet.0.base': '100000000000' }, /Outlet type 1 base fee: is too large/],
      [{ 'outlet.0.base': 'ten' }, /Outlet type 1 base fee: must be a number/],
      [{ 'outlet.0.key': 'Non Profit' }, /Outlet type 1 key/],
      [{ 'outlet.1.key': 'nonprofit' }, /each needs its own key/],
      [{ 'medium.web': '1.23456' }, /Medium: Website: can have at most 4 decimals/],
      [{ 'territory.worldwide': '' }, /Territory: Worldwide: is required/],
      [{ exclusive: '11' }, /Exclusive: is too large/],
      [{ currency: 'XYZ' }, /Currency: choose one of/],
      [{ 'override.0.article': '999999' , 'override.0.fixed': '10' }, /no article has the number 999999/],
      [{ 'override.0.fixed': '10' }, /Override 1: choose a section or give an article number/],
      [{ 'override.0.section': String(seeded.newsId), 'override.0.article': '1', 'override.0.fixed': '1' }, /not both/],
      [{ 'override.0.section': String(seeded.newsId) }, /give a fixed fee or at least one base fee/],
    ];
    for (const [changes, problem] of cases) {
      const response = await admin.request(PATH, { form: form(changes) });
      assert.equal(response.status, 422, JSON.stringify(changes));
      const html = await response.text();
      assert.match(html, problem, JSON.stringify(changes));
      assert.match(html, /class="form-errors"/);
    }
    const noCsrf = await admin.request(PATH, { form: { ...form({}), csrf: 'forged' } });
    assert.equal(noCsrf.status, 403);
    assert.equal((await versions()).length, before);
  });
});

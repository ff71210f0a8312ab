/**
 * Exclusivity: territory overlap rules, `exclusiveConflict` against licence rows, and the
 * request form refusing (422, nothing written) what an exclusive licence already covers.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { isoNow } from '../../src/shared/time.ts';
import { territoriesOverlap, territoryKey } from '../../src/syndication/request-territory.ts';
import { exclusiveConflict } from '../../src/syndication/requests.ts';
import { seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { day, postForm, validForm } from './request-form-helpers.ts';

test('territory overlap rules', () => {
  const cases: [string, string, boolean][] = [
    ['worldwide', 'local:FR', true],
    ['worldwide', 'worldwide', true],
    ['regional:mena', 'regional:mena', true],
    ['regional:mena', 'national:JO', true],
    ['local:EG', 'regional:mena', true],
    ['regional:mena', 'national:FR', false],
    ['national:JO', 'national:JO', true],
    ['national:JO', 'local:JO', true],
    ['national:JO', 'national:LB', false],
    ['local:JO', 'local:LB', false],
    ['something-else', 'local:LB', true],
  ];
  for (const [a, b, expected] of cases) {
    assert.equal(territoriesOverlap(a, b), expected, `${a} / ${b}`);
    assert.equal(territoriesOverlap(b, a), expected, `${b} / ${a}`);
  }
  assert.equal(territoryKey('national', 'JO'), 'national:JO');
  assert.equal(territoryKey('national', 'ZZ'), null);
  assert.equal(territoryKey('regional', ''), 'regional:mena');
});

describeEachDatabase('exclusivity', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let articleIds: number[];
  let licenseeId: number;
  let ipCounter = 0;
  let licenceCounter = 0;

  async function licence(db: Kysely<Database>, values: { articleId: number; territory: string; medium: string; exclusive: boolean; from: string; to: string; revoked?: boolean }): Promise<number> {
    licenceCounter += 1;
    const row = await db
      .insertInto('licences')
      .values({
        reference: `TT-TEST-${process.pid}-${licenceCounter}`, request_id: null, article_id: values.articleId, licensee_id: licenseeId, terms: 'Test terms.',
        fee_minor: 10_000, currency: 'USD', territory: values.territory, medium: values.medium, language: 'en', exclusive: values.exclusive ? 1 : 0,
        valid_from: values.from, valid_to: values.to, invoice_number: `INV-${licenceCounter}`, invoice_status: 'unpaid',
        revoked_at: values.revoked ? isoNow() : null, created_by: null, created_at: isoNow(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function requestCount(): Promise<number> {
    const row = await use().db.selectFrom('syndication_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function ask(articleId: number, changes: Record<string, string>): Promise<Response> {
    ipCounter += 1;
    return postForm(t, `/republish/${articleId}/request`, validForm({ email: `ask${ipCounter}@outlet.example.org`, ...changes }), { ip: `192.0.2.${ipCounter}` });
  }

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    const db = use().db;
    articleIds = (await seedSmallNewsroom(db, mediaDir, 5)).articleIds;
    const row = await db.insertInto('licensees').values({ name: 'Other Outlet', organisation: 'Other Outlet Ltd', email: 'rights@other.example.org', outlet_url: 'https://other.example.org', kind: 'licensee', created_at: isoNow() }).returning('id').executeTakeFirstOrThrow();
    licenseeId = row.id;
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test('an exclusive licence blocks an overlapping request (422, nothing written); elsewhere is fine', async () => {
    const articleId = articleIds[0] ?? 0;
    await licence(use().db, { articleId, territory: 'national:JO', medium: 'print', exclusive: true, from: day(-30), to: day(200) });
    const before = await requestCount();

    const blocked = await ask(articleId, { territoryScope: 'national', country: 'JO', medium: 'print' });
    assert.equal(blocked.status, 422);
    const html = await blocked.text();
    assert.match(html, new RegExp(`not available for Jordan \\(national\\) and print until ${day(201)}`));
    assert.match(html, /value="Coastal Weekly"/, 'the form comes back filled in');
    const local = await ask(articleId, { territoryScope: 'local', country: 'JO', medium: 'print' });
    assert.equal(local.status, 422, 'a local licence inside the country overlaps');
    const regional = await ask(articleId, { territoryScope: 'regional', country: '', medium: 'print' });
    assert.equal(regional.status, 422, 'the region holds Jordan');
    const worldwide = await ask(articleId, { territoryScope: 'worldwide', country: '', medium: 'print' });
    assert.equal(worldwide.status, 422, 'worldwide holds Jordan');
    assert.equal(await requestCount(), before, 'nothing written');

    assert.equal((await ask(articleId, { territoryScope: 'national', country: 'LB', medium: 'print' })).status, 303, 'another country is free');
    assert.equal((await ask(articleId, { territoryScope: 'national', country: 'JO', medium: 'web' })).status, 303, 'another medium is free');
    assert.equal((await ask(articleId, { territoryScope: 'national', country: 'JO', medium: 'print', periodStart: day(201), periodEnd: day(400), intendedDate: '' })).status, 303, 'after the licence ends is free');
    assert.equal(await requestCount(), before + 3);
  });

  test('expired and revoked exclusive licences do not block', async () => {
    const articleId = articleIds[1] ?? 0;
    await licence(use().db, { articleId, territory: 'worldwide', medium: 'print', exclusive: true, from: day(-400), to: day(-1) });
    await licence(use().db, { articleId, territory: 'worldwide', medium: 'print', exclusive: true, from: day(-10), to: day(300), revoked: true });
    assert.equal((await ask(articleId, { territoryScope: 'national', country: 'JO', medium: 'print' })).status, 303);
  });

  test('a worldwide exclusive licence blocks every territory', async () => {
    const articleId = articleIds[2] ?? 0;
    await licence(use().db, { articleId, territory: 'worldwide', medium: 'web', exclusive: true, from: day(0), to: day(30) });
    assert.equal((await ask(articleId, { territoryScope: 'local', country: 'FR', medium: 'web', periodStart: day(30), periodEnd: day(90), intendedDate: '' })).status, 422, 'the last day counts');
  });

  test('a new exclusive request conflicts with any licence there, exclusive or not', async () => {
    const articleId = articleIds[3] ?? 0;
    await licence(use().db, { articleId, territory: 'national:EG', medium: 'print', exclusive: false, from: day(-5), to: day(100) });
    assert.equal((await ask(articleId, { territoryScope: 'national', country: 'EG', medium: 'print', exclusive: 'no' })).status, 303, 'non-exclusive beside non-exclusive is fine');
    assert.equal((await ask(articleId, { territoryScope: 'regional', country: '', medium: 'print', exclusive: 'yes' })).status, 422);
    assert.equal((await ask(articleId, { territoryScope: 'national', country: 'FR', medium: 'print', exclusive: 'yes' })).status, 303, 'outside the licence’s territory');
  });

  test('exclusiveConflict: the latest-ending blocker, and a licence can be left out of its own check', async () => {
    const db = use().db;
    const articleId = articleIds[4] ?? 0;
    const early = await licence(db, { articleId, territory: 'national:JO', medium: 'broadcast', exclusive: true, from: day(0), to: day(50) });
    const late = await licence(db, { articleId, territory: 'regional:mena', medium: 'broadcast', exclusive: true, from: day(10), to: day(90) });
    const query = { articleId, territory: 'national:JO', medium: 'broadcast', from: day(5), to: day(60), exclusive: false };
    assert.equal((await exclusiveConflict(db, query))?.id, late);
    assert.equal((await exclusiveConflict(db, { ...query, excludeLicenceId: late }))?.id, early);
    const onlyEarly = await exclusiveConflict(db, { ...query, excludeLicenceId: late });
    assert.equal(onlyEarly?.validTo, day(50));
    assert.equal(await exclusiveConflict(db, { ...query, from: day(91), to: day(120) }), null);
    assert.equal(await exclusiveConflict(db, { ...query, territory: 'national:FR' }), null);
  });
});

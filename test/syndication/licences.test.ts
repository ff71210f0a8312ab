/**
 * Licences as data, on both databases: the licences in force for an article (what
 * correction notices are sent to), the keyset-paged list and its invoice filter, invoice
 * changes and revocation (audited), and direct grants with their checks.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createUser } from '../../src/accounts/users.ts';
import { ValidationError } from '../../src/shared/validation.ts';
import { LicenceRefusal } from '../../src/syndication/licence-issue.ts';
import { currentLicencesOf, grantLicence, listLicences, revokeLicence, setInvoiceStatus } from '../../src/syndication/licences.ts';
import type { LicenceCursor, LicenceGrant } from '../../src/syndication/licences.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { seedSmallNewsroom, tempMediaDir } from '../factories.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { dayFrom } from './decisions-fixtures.ts';

describeEachDatabase('licences', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let articleIds: number[];
  let editorId: number;
  let partnerId: number;
  const actor = () => ({ userId: editorId, ip: null });

  before(async () => {
    mediaDir = tempMediaDir();
    ({ articleIds } = await seedSmallNewsroom(use().db, mediaDir, 2));
    t = createTestApp(use(), mediaDir);
    editorId = await createUser(t.ctx.db, { email: `licences.${process.pid}@example.test`, name: 'Desk Editor', role: 'editor', password: 'correct horse battery staple' }, { actorUserId: null });
    partnerId = (await t.ctx.db.insertInto('licensees').values({ name: 'Partner', organisation: 'Example Wire Partner', email: 'partner@example.com', outlet_url: 'https://example.com', kind: 'partner', created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow()).id;
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  const grant = (overrides: Partial<LicenceGrant> = {}): LicenceGrant => ({
    licenseeId: partnerId,
    articleId: articleIds[0] ?? 0,
    feeMinor: 10_000,
    currency: 'USD',
    territory: 'national:JO',
    medium: 'web',
    language: 'en',
    exclusive: false,
    validFrom: dayFrom(-5),
    validTo: dayFrom(5),
    ...overrides,
  });

  test('the licences in force for an article are those started, not ended and not revoked', async () => {
    const article = articleIds[1] ?? 0;
    const current = await grantLicence(t.ctx, actor(), grant({ articleId: article }));
    await grantLicence(t.ctx, actor(), grant({ articleId: article, validFrom: dayFrom(-40), validTo: dayFrom(-10), medium: 'print' }));
    await grantLicence(t.ctx, actor(), grant({ articleId: article, validFrom: dayFrom(10), validTo: dayFrom(20), medium: 'broadcast' }));
    const revoked = await grantLicence(t.ctx, actor(), grant({ articleId: article, medium: 'newsletter' }));
    await revokeLicence(t.ctx.db, actor(), revoked.licenceId);

    const inForce = await currentLicencesOf(t.ctx.db, article, new Date());
    assert.deepEqual(inForce.map((licence) => licence.reference), [current.reference]);
    assert.equal(inForce[0]?.email, 'partner@example.com');
    assert.deepEqual(await currentLicencesOf(t.ctx.db, article, `${dayFrom(15)}T12:00:00.000Z`).then((list) => list.map((licence) => licence.medium)), ['broadcast']);
  });

  test('the list pages by keyset and filters by invoice status; invoice changes are audited', async () => {
    const article = articleIds[0] ?? 0;
    const made: { licenceId: number; reference: string }[] = [];
    for (const territory of ['national:EG', 'national:LB', 'national:MA', 'national:TN', 'national:DZ']) made.push(await grantLicence(t.ctx, actor(), grant({ articleId: article, territory, feeMinor: territory === 'national:DZ' ? 0 : 5_000 })));
    const first = await listLicences(t.ctx.db, { limit: 2 });
    assert.equal(first.licences.length, 2);
    assert.ok(first.next);
    const seen = new Set(first.licences.map((licence) => licence.id));
    for (let cursor: LicenceCursor | null = first.next; cursor; ) {
      const page = await listLicences(t.ctx.db, { limit: 2, after: cursor });
      for (const licence of page.licences) {
        assert.ok(!seen.has(licence.id), 'no licence twice');
        seen.add(licence.id);
      }
      cursor = page.next;
    }
    const total = (await t.ctx.db.selectFrom('licences').select('id').execute()).length;
    assert.equal(seen.size, total);

    const waived = await listLicences(t.ctx.db, { invoiceStatus: 'waived' });
    assert.ok(waived.licences.some((licence) => licence.reference === made[4]?.reference), 'a free licence is waived');
    await setInvoiceStatus(t.ctx.db, actor(), made[0]?.licenceId ?? 0, 'paid');
    const paid = await listLicences(t.ctx.db, { invoiceStatus: 'paid' });
    assert.deepEqual(paid.licences.map((licence) => licence.reference), [made[0]?.reference]);
    await assert.rejects(setInvoiceStatus(t.ctx.db, actor(), made[0]?.licenceId ?? 0, 'settled'), ValidationError);
    await assert.rejects(setInvoiceStatus(t.ctx.db, actor(), 999_999, 'paid'), (error: unknown) => error instanceof LicenceRefusal && error.status === 404);
    const audit = await t.ctx.db.selectFrom('audit_log').select('details').where('action', '=', 'syndication.invoice').execute();
    assert.equal(audit.length, 1);
    assert.match(audit[0]?.details ?? '', /"to":"paid"/);
  });

  test('direct grants check their input and exclusivity', async () => {
    await assert.rejects(grantLicence(t.ctx, actor(), grant({ territory: 'atlantis' })), ValidationError);
    await assert.rejects(grantLicence(t.ctx, actor(), grant({ validFrom: dayFrom(5), validTo: dayFrom(1) })), ValidationError);
    await assert.rejects(grantLicence(t.ctx, actor(), grant({ licenseeId: 999_999 })), (error: unknown) => error instanceof LicenceRefusal && error.status === 422);
    await assert.rejects(grantLicence(t.ctx, actor(), grant({ articleId: 999_999 })), (error: unknown) => error instanceof LicenceRefusal && error.status === 422);
    // A worldwide exclusive licence clashes with the non-exclusive ones already granted for this article and medium.
    await assert.rejects(grantLicence(t.ctx, actor(), grant({ territory: 'worldwide', exclusive: true })), (error: unknown) => error instanceof LicenceRefusal && error.status === 409);
    const exclusive = await grantLicence(t.ctx, actor(), grant({ territory: 'worldwide', exclusive: true, medium: 'broadcast', validFrom: dayFrom(30), validTo: dayFrom(40) }));
    assert.match(exclusive.reference, /^TL-\d{4}-\d{4}$/);
    await assert.rejects(grantLicence(t.ctx, actor(), grant({ medium: 'broadcast', validFrom: dayFrom(35), validTo: dayFrom(50) })), (error: unknown) => error instanceof LicenceRefusal && error.status === 409 && error.message.includes(exclusive.reference));
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase } from '../db-matrix.ts';
import { createLinkSigner } from '../../src/shared/signed-links.ts';

describeEachDatabase('signed links', (getDb) => {
  test('a link verifies for its purpose and carries its payload', async () => {
    const signer = createLinkSigner(getDb().db);
    const token = await signer.sign('newsletter-confirm', { s: 42, v: 1 }, new Date(Date.now() + 60_000));
    assert.deepEqual(await signer.verify('newsletter-confirm', token), { ok: true, payload: { s: 42, v: 1 } });
  });

  test('another purpose, a changed payload, a changed seal or garbage are forged', async () => {
    const signer = createLinkSigner(getDb().db);
    const token = await signer.sign('newsletter-confirm', { s: 42, v: 1 }, null);
    assert.deepEqual(await signer.verify('newsletter-unsubscribe', token), { ok: false, reason: 'forged' });
    const [body, mac] = token.split('.') as [string, string];
    const otherBody = Buffer.from(JSON.stringify({ s: 43, v: 1, _e: 0 })).toString('base64url');
    assert.deepEqual(await signer.verify('newsletter-confirm', `${otherBody}.${mac}`), { ok: false, reason: 'forged' });
    const flipped = `${body}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    assert.deepEqual(await signer.verify('newsletter-confirm', flipped), { ok: false, reason: 'forged' });
    for (const junk of ['', 'abc', `${body}.`, `${'x'.repeat(3000)}.${mac}`, null, undefined]) {
      assert.deepEqual(await signer.verify('newsletter-confirm', junk), { ok: false, reason: 'forged' });
    }
  });

  test('an expired link is refused as expired', async () => {
    const signer = createLinkSigner(getDb().db);
    const token = await signer.sign('licence-delivery', { l: 7 }, new Date('2026-01-01T00:00:00Z'));
    assert.deepEqual(await signer.verify('licence-delivery', token, new Date('2026-01-02T00:00:00Z')), { ok: false, reason: 'expired' });
    assert.equal((await signer.verify('licence-delivery', token, new Date('2025-12-31T00:00:00Z'))).ok, true);
  });

  test('every process of one installation shares the key; another key refuses the link', async () => {
    const { db } = getDb();
    const token = await createLinkSigner(db).sign('p', { a: 1 }, null);
    assert.equal((await createLinkSigner(db).verify('p', token)).ok, true);
    const configured = createLinkSigner(db, 'x'.repeat(40));
    assert.deepEqual(await configured.verify('p', token), { ok: false, reason: 'forged' });
  });
});

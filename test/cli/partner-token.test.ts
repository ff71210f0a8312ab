/**
 * `masthead partner:token`: the way to the demo partner's feed (and any partner's) from the
 * shell. The token is printed once, alone on standard output; only its fingerprint is
 * stored, the making is audited, and it opens that partner's feed. Unknown names fail with
 * one line.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openMigratedDatabase } from '../../src/db/migrate.ts';
import { tokenHash } from '../../src/accounts/tokens.ts';
import { authenticatePartnerToken, createPartner } from '../../src/syndication/partner-tokens.ts';

const BIN = path.resolve('bin/masthead.js');
let dataDir: string;

function masthead(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '', MASTHEAD_DATA_DIR: dataDir, MASTHEAD_SEED: 'false', LOG_LEVEL: 'debug' } });
}

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openMigratedDatabase>>['handle']['db']) => Promise<T>): Promise<T> {
  const { handle } = await openMigratedDatabase({ databaseUrl: null, dataDir });
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-cli-token-'));
  await withDatabase((db) => createPartner(db, { name: 'Rana Aziz', organisation: 'Levant Press Exchange', email: 'partners@levantexchange.example.org', outletUrl: '' }, { userId: null, ip: null }));
});
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test('prints one usable token on standard output, stores only its fingerprint, and audits the making', async () => {
  const result = masthead(['partner:token', 'levant press exchange', '--label', 'Newsletter importer']);
  assert.equal(result.status, 0, result.stderr);
  const token = result.stdout.trim();
  assert.match(token, /^[A-Za-z0-9_-]{43}$/, 'the token alone, for TOKEN=$(masthead partner:token …)');
  assert.ok(!result.stderr.includes(token), 'the guidance does not repeat it');
  assert.match(result.stderr, /Levant Press Exchange/);
  await withDatabase(async (db) => {
    const holder = await authenticatePartnerToken(db, token);
    const partner = await db.selectFrom('licensees').select('id').where('organisation', '=', 'Levant Press Exchange').executeTakeFirstOrThrow();
    assert.equal(holder?.licenseeId, partner.id, 'it opens that partner’s feed');
    const stored = await db.selectFrom('partner_feed_tokens').select(['token_hash', 'label']).where('licensee_id', '=', partner.id).executeTakeFirstOrThrow();
    assert.equal(stored.token_hash, tokenHash(token));
    assert.equal(stored.label, 'Newsletter importer');
    const audit = await db.selectFrom('audit_log').select(['action', 'actor_user_id', 'details']).where('action', '=', 'syndication.feed_token_created').executeTakeFirstOrThrow();
    assert.equal(audit.actor_user_id, null);
    assert.ok(!JSON.stringify(audit).includes(token), 'the audit log never holds the token');
  });
});

test('an unknown licensee is one clear line and exit 1', () => {
  const result = masthead(['partner:token', 'Nobody Media']);
  assert.equal(result.status, 1);
  assert.equal(result.stdout, '');
  assert.match(result.stderr.trim(), /^masthead: no single licensee or partner is called "Nobody Media"/);
});

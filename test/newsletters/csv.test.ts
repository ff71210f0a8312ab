/** CSV: our RFC 4180 reader and writer, and subscriber import and export through the admin. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { CsvSyntaxError, csvCell, csvRow, parseCsv } from '../../src/newsletters/csv.ts';
import { createTestApp } from '../http-harness.ts';
import type { TestApp } from '../http-harness.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { tempMediaDir } from '../factories.ts';
import { signInAs } from '../admin/admin-client.ts';
import type { AdminClient } from '../admin/admin-client.ts';

describe('csv', () => {
  test('quotes, doubled quotes, separators and line breaks inside quotes, CRLF, a BOM, no final newline', () => {
    const text = '\ufeffemail,name\r\n"a@example.org","Haddad, Rania"\r\nb@example.org,"She said ""hi""\r\nthen left"\r\nc@example.org,';
    assert.deepEqual(parseCsv(text), [
      { line: 1, fields: ['email', 'name'] },
      { line: 2, fields: ['a@example.org', 'Haddad, Rania'] },
      { line: 3, fields: ['b@example.org', 'She said "hi"\r\nthen left'] },
      { line: 5, fields: ['c@example.org', ''] },
    ]);
    assert.deepEqual(parseCsv('x\n\ny\n'), [{ line: 1, fields: ['x'] }, { line: 2, fields: [''] }, { line: 3, fields: ['y'] }]);
    assert.deepEqual(parseCsv(''), []);
  });

  test('malformed quoting is refused with the line', () => {
    assert.throws(() => parseCsv('email\n"never closed\n'), (error: unknown) => error instanceof CsvSyntaxError && error.line === 2);
    assert.throws(() => parseCsv('a\n"x"y,z\n'), CsvSyntaxError);
  });

  test('the writer defuses formulas and round-trips through the reader', () => {
    assert.equal(csvCell('=HYPERLINK("http://evil")'), `"'=HYPERLINK(""http://evil"")"`);
    for (const start of ['+', '-', '@', '\t']) assert.equal(csvCell(`${start}1`).replace(/^"/, '')[0], "'");
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell(null), '');
    const values = ['a,b', 'say "x"', 'two\nlines', ' padded ', 'ok'];
    assert.deepEqual(parseCsv(csvRow(values))[0]?.fields, values);
  });
});

describeEachDatabase('subscriber import and export', (use) => {
  let t: TestApp;
  let mediaDir: string;
  let admin: AdminClient;
  let list: number;
  const db = () => use().db;

  before(async () => {
    mediaDir = tempMediaDir();
    t = createTestApp(use(), mediaDir);
    admin = (await signInAs(t, 'admin')).client;
    const now = new Date().toISOString();
    list = (await db().insertInto('newsletters').values({ slug: 'imported', name: 'Imported List', description: '', cadence: '', sender_name: 'Desk', sender_address: 'news@example.org', reply_to: null, language: 'en', visibility: 'private', position: 0, track_opens: 0, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  });
  after(async () => {
    await t.ctx.mailer.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  async function upload(client: AdminClient, csv: string | Uint8Array<ArrayBuffer>): Promise<Response> {
    const body = new FormData();
    body.set('csrf', client.csrfToken);
    body.set('file', new File([csv], 'readers.csv', { type: 'text/csv' }));
    return client.request(`/admin/newsletters/${list}/subscribers/import`, { method: 'POST', body });
  }
  const rowCounts = async () => ({
    subscribers: Number((await db().selectFrom('subscribers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    subscriptions: Number((await db().selectFrom('subscriptions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });

  test('a file without a consent column is refused whole: 400, nothing written', async () => {
    const form = await admin.request(`/admin/newsletters/${list}/subscribers/import`);
    assert.equal(form.status, 200);
    assert.match(await form.text(), /<form method="post" action="\/admin\/newsletters\/\d+\/subscribers\/import" enctype="multipart\/form-data"/);
    const before = await rowCounts();
    const response = await upload(admin, 'email,name\nok@example.org,Ok\n');
    assert.equal(response.status, 400);
    assert.match(await response.text(), /no “consent” column/);
    assert.deepEqual(await rowCounts(), before);
    const broken = await upload(admin, 'email,consent\n"unclosed@example.org,yes\n');
    assert.equal(broken.status, 400);
    assert.match(await broken.text(), /not valid CSV/);
    const latin1 = await upload(admin, new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xe9, 0x0a]));
    assert.equal(latin1.status, 400);
    assert.deepEqual(await rowCounts(), before);
  });

  test('the report: imported, already subscribed, and each refused row with its line and reason', async () => {
    const now = new Date().toISOString();
    const { id: existing } = await db().insertInto('subscribers').values({ email: 'already@example.org', name: null, language: 'en', created_at: now, updated_at: now, link_version: 1 }).returning('id').executeTakeFirstOrThrow();
    await db().insertInto('subscriptions').values({ subscriber_id: existing, newsletter_id: list, status: 'confirmed', source: 'form', consent: null, created_at: now, confirmed_at: now, updated_at: now }).execute();
    const { id: left } = await db().insertInto('subscribers').values({ email: 'left@example.org', name: null, language: 'en', created_at: now, updated_at: now, link_version: 1 }).returning('id').executeTakeFirstOrThrow();
    await db().insertInto('subscriptions').values({ subscriber_id: left, newsletter_id: list, status: 'unsubscribed', source: 'form', consent: null, created_at: now, confirmed_at: now, updated_at: now }).execute();

    const csv = [
      'Name,EMAIL,consent,consented_at',
      'Rania Haddad,rania@Example.ORG,Signed up at the Amman book fair,2026-10-03',
      'Omar,not-an-address,yes,',
      'Layla,layla@example.org,,',
      'Karim,karim@example.org,no,',
      'Again,RANIA@example.org,yes,',
      `Long,${'x'.repeat(250)}@example.org,yes,`,
      '"Evil\r\nBcc: x@example.org",evil@example.org,yes,',
      // Known readers under another case of their address: the same readers.
      'Already,ALREADY@example.org,yes,',
      'Left,Left@example.org,yes,',
      'Nadia,nadia@example.org,Newsletter opt-in on our old site,',
      '',
    ].join('\r\n');
    const response = await upload(admin, csv);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /2 imported, 1 already subscribed, 7 refused\./);
    for (const [line, reason] of [
      [3, 'not a valid email address'],
      [4, 'no consent given'],
      [5, 'no consent given'],
      [6, 'duplicate of line 2'],
      [7, 'address longer than 254 characters'],
      [8, 'contains a line break or control character'],
      [11, 'left this newsletter earlier'],
    ] as const) {
      assert.match(html, new RegExp(`<td>${line}</td><td><span dir="ltr">[^<]*</span></td><td>${reason}`), `line ${line}`);
    }
    const rania = await db()
      .selectFrom('subscriptions')
      .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
      .select(['subscribers.email', 'subscribers.name', 'subscriptions.status', 'subscriptions.source', 'subscriptions.consent', 'subscriptions.confirmed_at'])
      .where('subscribers.email', '=', 'rania@example.org')
      .executeTakeFirstOrThrow();
    assert.deepEqual(rania, { email: 'rania@example.org', name: 'Rania Haddad', status: 'confirmed', source: 'import', consent: 'Signed up at the Amman book fair', confirmed_at: '2026-10-03T00:00:00.000Z' });
    const leftNow = await db().selectFrom('subscriptions').select('status').where('subscriber_id', '=', left).executeTakeFirstOrThrow();
    assert.equal(leftNow.status, 'unsubscribed', 'an import never puts back someone who left');
    const leftSpellings = await db().selectFrom('subscribers').select('email').where((eb) => eb(eb.fn('lower', ['email']), '=', 'left@example.org')).execute();
    assert.deepEqual(leftSpellings, [{ email: 'left@example.org' }], 'another case of the address is the same reader, not a new one');
    const imported = await db().selectFrom('subscription_events').select('kind').where('newsletter_id', '=', list).where('kind', '=', 'imported').execute();
    assert.equal(imported.length, 2);
    const audit = await db().selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'newsletter.subscribers_imported').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(audit.details), { imported: 2, alreadySubscribed: 1, rejected: 7 });
  });

  test('export: every subscriber as CSV, formulas defused, filtered like the page; search and status filter the list', async () => {
    const now = new Date().toISOString();
    const { id } = await db().insertInto('subscribers').values({ email: 'formula@example.org', name: '=cmd|calc', language: 'en', created_at: now, updated_at: now, link_version: 1 }).returning('id').executeTakeFirstOrThrow();
    await db().insertInto('subscriptions').values({ subscriber_id: id, newsletter_id: list, status: 'pending', source: 'form', consent: '@SUM(1)', created_at: now, confirmed_at: null, updated_at: now }).execute();
    const response = await admin.request(`/admin/newsletters/${list}/subscribers/export`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(response.headers.get('content-disposition') ?? '', /attachment; filename="imported-subscribers\.csv"/);
    const records = parseCsv(await response.text());
    assert.deepEqual(records[0]?.fields, ['email', 'name', 'status', 'source', 'consent', 'created_at', 'confirmed_at']);
    const formula = records.find((record) => record.fields[0] === 'formula@example.org');
    assert.deepEqual(formula?.fields.slice(1, 5), ["'=cmd|calc", 'pending', 'form', "'@SUM(1)"]);
    assert.ok(records.some((record) => record.fields[0] === 'rania@example.org'));

    const pendingOnly = parseCsv(await (await admin.request(`/admin/newsletters/${list}/subscribers/export?status=pending`)).text());
    assert.deepEqual(pendingOnly.slice(1).map((record) => record.fields[0]), ['formula@example.org']);

    const page = await (await admin.request(`/admin/newsletters/${list}/subscribers?q=RANIA&status=confirmed`)).text();
    assert.match(page, /rania@example\.org/);
    assert.doesNotMatch(page, /nadia@example\.org/);
    const wildcard = await (await admin.request(`/admin/newsletters/${list}/subscribers?q=%25`)).text();
    assert.match(wildcard, /No subscribers match/, 'a % is searched for literally');
    assert.equal((await admin.request(`/admin/newsletters/${list}/subscribers?status=nonsense`)).status, 400);
    assert.equal((await admin.request(`/admin/newsletters/${list}/subscribers?after=abc`)).status, 400);
  });

  test('keyset pages walk every subscriber once', async () => {
    const now = new Date().toISOString();
    const many = await db().insertInto('subscribers').values(Array.from({ length: 60 }, (_, i) => ({ email: `bulk${i}@example.com`, name: null, language: 'en', created_at: now, updated_at: now, link_version: 1 }))).returning('id').execute();
    await db().insertInto('subscriptions').values(many.map(({ id }) => ({ subscriber_id: id, newsletter_id: list, status: 'confirmed' as const, source: 'import', consent: 'yes', created_at: now, confirmed_at: now, updated_at: now }))).execute();
    const seen: string[] = [];
    let pages = 0;
    let path: string | null = `/admin/newsletters/${list}/subscribers`;
    for (let guard = 0; path && guard < 10; guard++) {
      const html = await (await admin.request(path)).text();
      pages += 1;
      seen.push(...[...html.matchAll(/<span dir="ltr">([^<]+)<\/span>/g)].map((match) => match[1] ?? ''));
      path = /<a href="([^"]+)">Next page<\/a>/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? null;
    }
    const total = Number((await db().selectFrom('subscriptions').select((eb) => eb.fn.countAll().as('n')).where('newsletter_id', '=', list).executeTakeFirstOrThrow()).n);
    assert.ok(total > 60);
    assert.equal(pages, 2);
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total);
  });

  test('an editor may manage lists but not see, import or export subscribers', async () => {
    const { client } = await signInAs(t, 'editor');
    assert.equal((await client.request(`/admin/newsletters/${list}/subscribers`)).status, 403);
    assert.equal((await client.request(`/admin/newsletters/${list}/subscribers/export`)).status, 403);
    const before = await rowCounts();
    assert.equal((await upload(client, 'email,consent\nsneak@example.org,yes\n')).status, 403);
    assert.deepEqual(await rowCounts(), before);
  });
});

/** Prepared queries return what the same Kysely query returns, on both databases. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase } from '../../test/db-matrix.ts';
import { isoNow } from '../shared/time.ts';
import { prepareQuery } from './prepared.ts';

const byKind = prepareQuery<{ kind: 'topic' | 'country'; limit: number }, { slug: string }>((db, p) =>
  db.selectFrom('tags').select('slug').where('kind', '=', p.value('kind')).orderBy('slug').limit(p.value('limit')),
);
const bySlugs = prepareQuery<{ slugs: string[]; kind: 'topic' }, { slug: string }>((db, p) =>
  db.selectFrom('tags').select('slug').where('slug', 'in', p.list('slugs')).where('kind', '=', p.value('kind')).orderBy('slug'),
);

describeEachDatabase('prepared queries', (use) => {
  test('scalar and list parameters bind fresh values on every run', async () => {
    const db = use().db;
    const now = isoNow();
    for (const [kind, slug] of [['topic', 'water'], ['topic', 'energy'], ['topic', 'elections'], ['country', 'jordan']] as const) {
      await db.insertInto('tags').values({ kind, slug, name: slug, aliases: '[]', description: null, country_code: null, parent_id: null, created_at: now }).execute();
    }
    assert.deepEqual((await byKind.execute(db, { kind: 'topic', limit: 2 })).map((r) => r.slug), ['elections', 'energy']);
    assert.deepEqual((await byKind.execute(db, { kind: 'country', limit: 5 })).map((r) => r.slug), ['jordan']);
    assert.deepEqual((await bySlugs.execute(db, { slugs: ['water', 'jordan'], kind: 'topic' })).map((r) => r.slug), ['water']);
    assert.deepEqual((await bySlugs.execute(db, { slugs: ['water', 'energy', 'elections'], kind: 'topic' })).map((r) => r.slug), ['elections', 'energy', 'water']);
    assert.equal((await byKind.executeTakeFirst(db, { kind: 'topic', limit: 1 }))?.slug, 'elections');
  });

  test('values are bound, never spliced into SQL', async () => {
    const hostile = "water' or '1'='1";
    assert.deepEqual(await bySlugs.execute(use().db, { slugs: [hostile], kind: 'topic' }), []);
  });
});

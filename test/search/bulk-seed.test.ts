/** Bulk-generated articles get search documents, and the index keeps following writes afterwards. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createArticle } from '../../src/articles/commands.ts';
import { searchArticles } from '../../src/search/search.ts';
import { seedBulkArticles } from '../../src/seed/bulk-seed.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { buildArticle } from '../factories.ts';

describeEachDatabase('search documents of a bulk seed', (use, dialect) => {
  test('every generated article is indexed, and triggers resume after the load', async () => {
    const { db } = use();
    const written = await seedBulkArticles(db, dialect, { count: 1500 });
    assert.equal(written, 1500);
    const documents = await db.selectFrom('search_documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(documents.n), 1500);

    // Generated headlines read "<Subject> <verb> <object> in <Place>"; the places are also tags.
    const sample = await db.selectFrom('articles').select(['id', 'headline']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const place = sample.headline.split(' in ').at(-1) ?? '';
    const page = await searchArticles(db, { text: `"${sample.headline}"`, sort: 'date', limit: 50 });
    assert.ok(page.hits.some((hit) => hit.articleId === sample.id), 'the exact headline is found');
    const byPlace = await searchArticles(db, { text: place, filters: { language: 'en' } });
    assert.equal(byPlace.hits.length, 20);
    assert.ok(byPlace.nextCursor);

    if (dialect === 'sqlite') {
      await sql`INSERT INTO search_fts(search_fts) VALUES ('integrity-check')`.execute(db);
      const flags = await sql<{ n: number }>`SELECT count(*) AS n FROM search_bulk_load`.execute(db);
      assert.equal(Number(flags.rows[0]?.n), 0);
    }
    const section = await db.selectFrom('sections').select('id').limit(1).executeTakeFirstOrThrow();
    const fresh = await createArticle(db, buildArticle({ sectionId: section.id, headline: 'Pelicans return to the marsh' }));
    assert.deepEqual((await searchArticles(db, { text: 'pelicans' })).hits.map((hit) => hit.articleId), [fresh]);
  });
});

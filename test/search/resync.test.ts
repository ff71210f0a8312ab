/** Articles stay findable when what they show changes outside them: tags, authors, captions. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createArticle } from '../../src/articles/commands.ts';
import { updateImageMetadata } from '../../src/media/library.ts';
import { resyncSearchFor } from '../../src/search/resync.ts';
import { searchArticles } from '../../src/search/search.ts';
import { isoNow } from '../../src/shared/time.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { buildArticle, createAuthor, createImage, createSection, createTag, paragraphDoc, tempMediaDir } from '../factories.ts';

describeEachDatabase('search after outside changes', (use) => {
  let mediaDir: string;
  let articleId: number;
  let tagId: number;
  let authorId: number;
  let imageId: number;

  before(async () => {
    mediaDir = tempMediaDir();
    const db = use().db;
    const sectionId = await createSection(db, { slug: 'news', name: 'News' });
    tagId = await createTag(db, { kind: 'topic', slug: 'irrigation', name: 'Irrigation' });
    authorId = await createAuthor(db, { slug: 'lina-saad', name: 'Lina Saad' });
    imageId = await createImage(db, mediaDir);
    articleId = await createArticle(db, buildArticle({ sectionId, slug: 'canal-repairs', headline: 'Canal repairs begin', authorIds: [authorId], byline: null, tagIds: [tagId], heroImageId: imageId, body: paragraphDoc('Crews started work on Monday.'), publishedAt: isoNow() }));
  });
  after(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

  const found = async (text: string) => (await searchArticles(use().db, { text })).hits.map((hit) => hit.articleId);

  test('a renamed tag, a renamed author and an edited caption are searchable at once', async () => {
    const db = use().db;
    assert.deepEqual(await found('aqueducts'), []);
    await db.updateTable('tags').set({ name: 'Aqueducts' }).where('id', '=', tagId).execute();
    await resyncSearchFor(db, { tagId });
    assert.deepEqual(await found('aqueducts'), [articleId]);
    await db.updateTable('authors').set({ name: 'Lina Haddadin' }).where('id', '=', authorId).execute();
    await resyncSearchFor(db, { authorId });
    assert.deepEqual(await found('haddadin'), [articleId]);
    await updateImageMetadata(db, imageId, { caption: 'Excavators beside the sluice gate.' });
    assert.deepEqual(await found('sluice'), [articleId]);
  });
});

/**
 * Scheduled publishing survives a stopped server: an article whose time came while
 * nothing was running is published when the server starts again, exactly once.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { createArticle } from '../../src/articles/commands.ts';
import { startServer } from '../../src/server.ts';
import { buildArticle, seedSmallNewsroom } from '../factories.ts';

test('an article that fell due while the server was down is published at start, once', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-scheduler-'));
  const config = loadConfig({ MASTHEAD_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', MASTHEAD_SEED: 'false', LOG_LEVEL: 'error', PUBLIC_URL: 'http://127.0.0.1' });
  try {
    // First run: the newsroom schedules an article for a minute from now, then the server stops.
    const first = await startServer(config);
    const db = first.context.db;
    await seedSmallNewsroom(db, first.context.mediaDir, 1);
    const sectionId = (await db.selectFrom('sections').select('id').where('slug', '=', 'news').executeTakeFirstOrThrow()).id;
    const at = new Date(Date.now() + 60_000).toISOString();
    const id = await createArticle(db, buildArticle({ sectionId, slug: 'dawn-market-opens', headline: 'Dawn market opens on the old quay', byline: 'Test Desk', status: 'scheduled', publishedAt: null }));
    await db.updateTable('articles').set({ scheduled_at: at, published_at: at }).where('id', '=', id).execute();
    const early = await fetch(`${first.url}/news/dawn-market-opens`);
    assert.equal(early.status, 404);
    await first.close();

    // While it was down the time passed (simulated by moving the schedule into the past).
    const second = await startServer(config);
    try {
      await second.context.db.updateTable('articles').set({ scheduled_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
      await second.close();
      const third = await startServer(config);
      try {
        let status = 0;
        for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
          status = (await fetch(`${third.url}/news/dawn-market-opens`)).status;
          if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.equal(status, 200, 'published on start-up');
        const activity = await third.context.db.selectFrom('article_activity').select('action').where('article_id', '=', id).where('action', '=', 'published').execute();
        assert.equal(activity.length, 1, 'exactly once');
      } finally {
        await third.close();
      }
    } catch (error) {
      await second.close().catch(() => undefined);
      throw error;
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

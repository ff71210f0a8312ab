/** Issue commands: validation (one-line subjects, published articles only), editing rules, scheduling, and digests. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createArticle } from '../../src/articles/commands.ts';
import { IssueStateError, applyItemAction, cancelIssue, createDigest, createIssue, deleteIssue, getIssue, parseItemAction, scheduleIssue, unscheduleIssue, updateIssue } from '../../src/newsletters/issues.ts';
import { isoHoursFrom, isoNow } from '../../src/shared/time.ts';
import { ValidationError } from '../../src/shared/validation.ts';
import { buildArticle, createAuthor, createSection, createTag } from '../factories.ts';
import { describeEachDatabase } from '../db-matrix.ts';
import { createList } from './support/fixtures.ts';

test('item actions add, move and remove without duplicates', () => {
  const items = [{ articleId: 1 }, { articleId: 2, blurb: 'Note' }, { articleId: 3 }];
  assert.deepEqual(applyItemAction(items, { kind: 'up', articleId: 2 }), [{ articleId: 2, blurb: 'Note' }, { articleId: 1 }, { articleId: 3 }]);
  assert.deepEqual(applyItemAction(items, { kind: 'down', articleId: 3 }), items);
  assert.deepEqual(applyItemAction(items, { kind: 'remove', articleId: 1 }), [{ articleId: 2, blurb: 'Note' }, { articleId: 3 }]);
  assert.deepEqual(applyItemAction(items, { kind: 'add', articleId: 2 }), items);
  assert.deepEqual(applyItemAction(items, { kind: 'add', articleId: 9 }).at(-1), { articleId: 9 });
  assert.equal(parseItemAction('save'), null);
  assert.equal(parseItemAction('up:0'), null);
  assert.equal(parseItemAction('drop:3'), null);
  assert.deepEqual(parseItemAction('down:42'), { kind: 'down', articleId: 42 });
});

describeEachDatabase('newsletter issues', (use) => {
  let sectionId: number;
  let otherSectionId: number;
  let authorId: number;
  let tagId: number;
  let publishedId: number;
  let draftArticleId: number;

  before(async () => {
    const db = use().db;
    sectionId = await createSection(db, { slug: 'region' });
    otherSectionId = await createSection(db, { slug: 'culture' });
    authorId = await createAuthor(db);
    tagId = await createTag(db, { slug: 'water-rights', name: 'Water rights' });
    publishedId = await createArticle(db, buildArticle({ sectionId, authorIds: [authorId], byline: null }));
    draftArticleId = await createArticle(db, buildArticle({ sectionId, authorIds: [authorId], byline: null, status: 'draft', publishedAt: null }));
  });

  async function issueCount(listId: number): Promise<number> {
    return (await use().db.selectFrom('newsletter_issues').select('id').where('newsletter_id', '=', listId).execute()).length;
  }

  test('a subject with CR/LF or control characters is refused with a field message, and nothing is written', async () => {
    const listId = await createList(use().db);
    for (const subject of ['Line one\r\nBcc: victim@example.test', 'Tab\tin subject', 'Bell\u0007', 'Separator\u2028here']) {
      await assert.rejects(createIssue(use().db, listId, { subject }, { userId: null }), (error: unknown) => error instanceof ValidationError && error.problems.some((problem) => problem.startsWith('subject:')));
    }
    await assert.rejects(createIssue(use().db, listId, { subject: 'x'.repeat(201) }, { userId: null }), /subject: must be at most 200 characters/);
    await assert.rejects(createIssue(use().db, listId, { subject: '   ' }, { userId: null }), /subject: is required/);
    assert.equal(await issueCount(listId), 0);

    const id = await createIssue(use().db, listId, { subject: 'Fine subject', intro: 'Para one.\r\n\r\nPara two.' }, { userId: null });
    await assert.rejects(updateIssue(use().db, id, { subject: 'Changed\nsubject', intro: 'Changed' }), ValidationError);
    const issue = await getIssue(use().db, id);
    assert.equal(issue?.subject, 'Fine subject');
    assert.equal(issue?.intro, 'Para one.\n\nPara two.');
  });

  test('only published articles may be items, each once', async () => {
    const listId = await createList(use().db);
    await assert.rejects(createIssue(use().db, listId, { subject: 'S', items: [{ articleId: draftArticleId }] }, { userId: null }), /items: article \d+ is not a published article/);
    await assert.rejects(createIssue(use().db, listId, { subject: 'S', items: [{ articleId: publishedId }, { articleId: publishedId }] }, { userId: null }), /items: lists an article twice/);
    assert.equal(await issueCount(listId), 0);
    const id = await createIssue(use().db, listId, { subject: 'S', items: [{ articleId: publishedId, blurb: 'Why it matters.' }] }, { userId: null });
    assert.deepEqual((await getIssue(use().db, id))?.items, [{ articleId: publishedId, blurb: 'Why it matters.' }]);
  });

  test('scheduling: future only, audited; unschedule and cancel; sent issues cannot be edited or deleted', async () => {
    const listId = await createList(use().db);
    const id = await createIssue(use().db, listId, { subject: 'Schedule me', items: [{ articleId: publishedId }] }, { userId: null });
    await assert.rejects(scheduleIssue(use().db, id, isoHoursFrom(isoNow(), -1), { userId: null }), /scheduled_at: must be in the future/);
    await assert.rejects(scheduleIssue(use().db, id, 'tomorrow', { userId: null }), ValidationError);
    const at = isoHoursFrom(isoNow(), 5);
    const scheduled = await scheduleIssue(use().db, id, at, { userId: null, ip: '203.0.113.9' });
    assert.equal(scheduled.status, 'scheduled');
    assert.equal(scheduled.scheduledAt, new Date(at).toISOString());
    const audit = await use().db.selectFrom('audit_log').select(['action', 'ip']).where('subject_type', '=', 'newsletter_issue').where('subject_id', '=', String(id)).execute();
    assert.deepEqual(audit, [{ action: 'newsletter_issue.scheduled', ip: '203.0.113.9' }]);
    // A scheduled issue may still be edited.
    await updateIssue(use().db, id, { subject: 'Edited while scheduled', items: [{ articleId: publishedId }] });
    assert.equal((await unscheduleIssue(use().db, id, { userId: null })).status, 'draft');
    assert.equal((await cancelIssue(use().db, id, { userId: null })).status, 'cancelled');
    await assert.rejects(updateIssue(use().db, id, { subject: 'Too late' }), IssueStateError);
    await deleteIssue(use().db, id);
    assert.equal(await getIssue(use().db, id), null);

    const sentId = await createIssue(use().db, listId, { subject: 'Already out' }, { userId: null });
    await use().db.updateTable('newsletter_issues').set({ status: 'sent' }).where('id', '=', sentId).execute();
    await assert.rejects(updateIssue(use().db, sentId, { subject: 'Rewrite history' }), IssueStateError);
    await assert.rejects(scheduleIssue(use().db, sentId, isoHoursFrom(isoNow(), 2), { userId: null }), IssueStateError);
    await assert.rejects(deleteIssue(use().db, sentId), IssueStateError);
    assert.equal((await getIssue(use().db, sentId))?.subject, 'Already out');

    const empty = await createIssue(use().db, listId, { subject: 'Nothing in it' }, { userId: null });
    await assert.rejects(scheduleIssue(use().db, empty, isoHoursFrom(isoNow(), 2), { userId: null }), /add at least one article or an introduction/);
  });

  test('a digest’s default subject reads well in the list’s language, its preheader is the lead headline, and both can be edited', async () => {
    const db = use().db;
    const now = new Date('2026-12-07T06:30:00.000Z');
    const section = await createSection(db, { slug: 'digest-subjects' });
    const lead = await createArticle(db, buildArticle({ sectionId: section, authorIds: [authorId], byline: null, headline: 'Water talks resume in the capital', publishedAt: isoHoursFrom(now.toISOString(), -1) }));
    await createArticle(db, buildArticle({ sectionId: section, authorIds: [authorId], byline: null, publishedAt: isoHoursFrom(now.toISOString(), -3) }));
    const english = await getIssue(db, await createDigest(db, await createList(db, { name: 'The Daily Briefing' }), { sectionId: section }, { userId: null }, now));
    assert.equal(english?.subject, 'The Daily Briefing — 7 December 2026');
    assert.equal(english?.preheader, 'Water talks resume in the capital');
    assert.equal(english?.items[0]?.articleId, lead);
    await createArticle(db, buildArticle({ sectionId: section, authorIds: [authorId], byline: null, language: 'ar', slug: 'digest-ar', headline: 'استئناف محادثات المياه', publishedAt: isoHoursFrom(now.toISOString(), -2) }));
    const arabic = await getIssue(db, await createDigest(db, await createList(db, { name: 'الطرفاء الأسبوعية', language: 'ar' }), { sectionId: section }, { userId: null }, now));
    assert.equal(arabic?.subject, 'الطرفاء الأسبوعية — 7 ديسمبر 2026');
    assert.equal(arabic?.preheader, 'استئناف محادثات المياه');
    await createArticle(db, buildArticle({ sectionId: section, authorIds: [authorId], byline: null, language: 'fr', slug: 'digest-fr', headline: 'Reprise des pourparlers sur l’eau', publishedAt: isoHoursFrom(now.toISOString(), -2) }));
    const french = await getIssue(db, await createDigest(db, await createList(db, { name: 'La Lettre', language: 'fr' }), { sectionId: section }, { userId: null }, now));
    assert.equal(french?.subject, 'La Lettre — 7 décembre 2026');
    // A default, not a decision: the desk rewrites it before sending.
    const edited = await updateIssue(db, english?.id ?? 0, { subject: 'Water talks: what to expect', preheader: 'And two more stories', items: english?.items ?? [] });
    assert.deepEqual({ subject: edited.subject, preheader: edited.preheader }, { subject: 'Water talks: what to expect', preheader: 'And two more stories' });
  });

  test('a digest takes what a section or tag published since the last issue, in the list language, newest first, at most twelve', async () => {
    const db = use().db;
    const listId = await createList(db);
    const now = new Date();
    const hoursAgo = (h: number) => isoHoursFrom(now.toISOString(), -h);
    // The list's last issue started 30 hours ago.
    const lastIssue = await createIssue(db, listId, { subject: 'Last one' }, { userId: null });
    await db.updateTable('newsletter_issues').set({ status: 'sent', started_at: hoursAgo(30) }).where('id', '=', lastIssue).execute();

    const section = await createSection(db, { slug: 'digest-section' });
    const inWindow: number[] = [];
    for (let index = 0; index < 14; index += 1) inWindow.push(await createArticle(db, buildArticle({ sectionId: section, authorIds: [authorId], byline: null, publishedAt: hoursAgo(index + 1), tagIds: index === 3 ? [tagId] : [] })));
    const older = await createArticle(db, buildArticle({ sectionId: section, authorIds: [authorId], byline: null, publishedAt: hoursAgo(40), tagIds: [tagId] }));
    const arabic = await createArticle(db, buildArticle({ sectionId: section, authorIds: [authorId], byline: null, language: 'ar', publishedAt: hoursAgo(2) }));
    const elsewhere = await createArticle(db, buildArticle({ sectionId: otherSectionId, authorIds: [authorId], byline: null, publishedAt: hoursAgo(2), tagIds: [tagId] }));

    const digestId = await createDigest(db, listId, { sectionId: section }, { userId: null }, now);
    const digest = await getIssue(db, digestId);
    assert.equal(digest?.kind, 'digest');
    assert.deepEqual(
      digest?.items.map((item) => item.articleId),
      inWindow.slice(0, 12),
    );
    assert.equal(digest?.digestSource?.since, hoursAgo(30));
    assert.ok(!digest?.items.some((item) => [older, arabic, elsewhere].includes(item.articleId)));

    const byTag = await getIssue(db, await createDigest(db, listId, { tagId }, { userId: null }, now));
    assert.deepEqual(
      byTag?.items.map((item) => item.articleId),
      [elsewhere, inWindow[3]],
    );

    // A list without a sent issue looks back seven days.
    const freshList = await createList(db);
    const fresh = await getIssue(db, await createDigest(db, freshList, { tagId }, { userId: null }, now));
    assert.deepEqual(
      fresh?.items.map((item) => item.articleId),
      [elsewhere, inWindow[3], older],
    );

    await assert.rejects(createDigest(db, listId, { sectionId: 999_999 }, { userId: null }, now), /source: no such section or tag/);
    const quiet = await createSection(db, { slug: 'quiet-section' });
    const before = await issueCount(listId);
    await assert.rejects(createDigest(db, listId, { sectionId: quiet }, { userId: null }, now), /has published nothing/);
    assert.equal(await issueCount(listId), before);
  });
});

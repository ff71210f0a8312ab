/** The role × action matrix, written out in full so any change to a rule shows up here. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Action } from './policy.ts';
import { ROLES, can, canAssignRole, canDeleteArticle, canEditArticle, canPublishArticle, canReadArticle, canSubmitArticle } from './policy.ts';
import type { ArticleStatus } from '../db/schema.ts';

const EXPECTED: Record<Action, string[]> = {
  'admin.enter': ['contributor', 'author', 'editor', 'admin', 'owner'],
  'article.create': ['contributor', 'author', 'editor', 'admin', 'owner'],
  'article.editOwn': ['contributor', 'author', 'editor', 'admin', 'owner'],
  'article.submitForReview': ['contributor', 'author', 'editor', 'admin', 'owner'],
  'article.publishOwn': ['author', 'editor', 'admin', 'owner'],
  'article.editAny': ['editor', 'admin', 'owner'],
  'article.publishAny': ['editor', 'admin', 'owner'],
  'article.addCorrection': ['editor', 'admin', 'owner'],
  'article.review': ['editor', 'admin', 'owner'],
  'article.assign': ['editor', 'admin', 'owner'],
  'article.readAny': ['editor', 'admin', 'owner'],
  'media.upload': ['contributor', 'author', 'editor', 'admin', 'owner'],
  'media.editAny': ['editor', 'admin', 'owner'],
  'taxonomy.create': ['author', 'editor', 'admin', 'owner'],
  'taxonomy.manage': ['editor', 'admin', 'owner'],
  'users.manage': ['admin', 'owner'],
  'settings.manage': ['admin', 'owner'],
  'outbox.read': ['admin', 'owner'],
  'audit.read': ['admin', 'owner'],
  'newsletters.manage': ['editor', 'admin', 'owner'],
  'newsletters.send': ['editor', 'admin', 'owner'],
  'subscribers.manage': ['admin', 'owner'],
  'syndication.manage': ['editor', 'admin', 'owner'],
  'syndication.rateCard': ['admin', 'owner'],
};

test('every role × action is as the newsroom expects', () => {
  for (const [action, allowed] of Object.entries(EXPECTED) as [Action, string[]][]) {
    for (const role of ROLES) {
      assert.equal(can({ id: 1, role, status: 'active' }, action), allowed.includes(role), `${role} ${action}`);
    }
  }
});

test('nobody, and no invited or disabled account, can do anything', () => {
  for (const action of Object.keys(EXPECTED) as Action[]) {
    assert.equal(can(null, action), false);
    assert.equal(can({ id: 1, role: 'owner', status: 'disabled' }, action), false);
    assert.equal(can({ id: 1, role: 'owner', status: 'invited' }, action), false);
  }
});

test('admins assign roles up to their own; only owners make owners', () => {
  assert.equal(canAssignRole({ id: 1, role: 'admin', status: 'active' }, 'editor'), true);
  assert.equal(canAssignRole({ id: 1, role: 'admin', status: 'active' }, 'admin'), true);
  assert.equal(canAssignRole({ id: 1, role: 'admin', status: 'active' }, 'owner'), false);
  assert.equal(canAssignRole({ id: 1, role: 'owner', status: 'active' }, 'owner'), true);
  assert.equal(canAssignRole({ id: 1, role: 'editor', status: 'active' }, 'contributor'), false);
});

const STATUSES: ArticleStatus[] = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'];

test('article rules: own work, others\' work, every state', () => {
  for (const role of ROLES) {
    const actor = { id: 7, role, status: 'active' as const };
    const rank = ROLES.indexOf(role);
    for (const status of STATUSES) {
      const own = { createdBy: 7, assigneeId: null, status };
      const other = { createdBy: 8, assigneeId: null, status };
      const assigned = { createdBy: 8, assigneeId: 7, status };
      assert.equal(canReadArticle(actor, own), true, `${role} reads own ${status}`);
      assert.equal(canReadArticle(actor, other), rank >= 2, `${role} reads other ${status}`);
      assert.equal(canReadArticle(actor, assigned), true, `${role} reads assigned ${status}`);
      const ownEditable = rank >= 1 || status === 'draft' || status === 'unpublished';
      assert.equal(canEditArticle(actor, own), ownEditable, `${role} edits own ${status}`);
      assert.equal(canEditArticle(actor, other), rank >= 2, `${role} edits other ${status}`);
      assert.equal(canPublishArticle(actor, own), rank >= 1, `${role} publishes own ${status}`);
      assert.equal(canPublishArticle(actor, other), rank >= 2, `${role} publishes other ${status}`);
      assert.equal(canSubmitArticle(actor, own), true, `${role} submits own`);
      assert.equal(canSubmitArticle(actor, other), rank >= 2, `${role} submits other`);
    }
    const disabled = { id: 7, role, status: 'disabled' as const };
    assert.equal(canEditArticle(disabled, { createdBy: 7, assigneeId: null, status: 'draft' }), false);
    assert.equal(canReadArticle(disabled, { createdBy: 7, assigneeId: null, status: 'draft' }), false);
  }
});

test('deleting: never published or scheduled work; editors anything else; writers their own unpublished drafts', () => {
  for (const role of ROLES) {
    const actor = { id: 7, role, status: 'active' as const };
    const rank = ROLES.indexOf(role);
    for (const status of STATUSES) {
      for (const everPublished of [false, true]) {
        const own = { createdBy: 7, assigneeId: null, status, everPublished };
        const other = { createdBy: 8, assigneeId: null, status, everPublished };
        const live = status === 'published' || status === 'scheduled';
        assert.equal(canDeleteArticle(actor, own), !live && (rank >= 2 || (status === 'draft' && !everPublished)), `${role} deletes own ${status} ${everPublished}`);
        assert.equal(canDeleteArticle(actor, other), !live && rank >= 2, `${role} deletes other ${status} ${everPublished}`);
      }
    }
  }
});

/** The role × action matrix, written out in full so any change to a rule shows up here. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Action } from './policy.ts';
import { ROLES, can, canAssignRole } from './policy.ts';

const EXPECTED: Record<Action, string[]> = {
  'admin.enter': ['contributor', 'author', 'editor', 'admin', 'owner'],
  'article.create': ['contributor', 'author', 'editor', 'admin', 'owner'],
  'article.editOwn': ['contributor', 'author', 'editor', 'admin', 'owner'],
  'article.submitForReview': ['contributor', 'author', 'editor', 'admin', 'owner'],
  'article.publishOwn': ['author', 'editor', 'admin', 'owner'],
  'article.editAny': ['editor', 'admin', 'owner'],
  'article.publishAny': ['editor', 'admin', 'owner'],
  'article.addCorrection': ['editor', 'admin', 'owner'],
  'taxonomy.manage': ['editor', 'admin', 'owner'],
  'users.manage': ['admin', 'owner'],
  'settings.manage': ['admin', 'owner'],
  'outbox.read': ['admin', 'owner'],
  'audit.read': ['admin', 'owner'],
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

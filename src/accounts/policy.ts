/**
 * Who may do what, in one place. Routes ask `can(user, action, resource)`; nothing else
 * in the code decides permissions.
 */
import type { Role } from '../db/schema.ts';

/** Roles from least to most powerful. */
export const ROLES: readonly Role[] = ['contributor', 'author', 'editor', 'admin', 'owner'];

/** Everything the admin can do. */
export type Action =
  | 'admin.enter'
  | 'article.create'
  | 'article.editOwn'
  | 'article.editAny'
  | 'article.submitForReview'
  | 'article.publishOwn'
  | 'article.publishAny'
  | 'article.addCorrection'
  | 'taxonomy.manage'
  | 'users.manage'
  | 'settings.manage'
  | 'outbox.read'
  | 'audit.read';

/** The signed-in person, as far as permissions are concerned. */
export interface Actor {
  id: number;
  role: Role;
  status: 'active' | 'invited' | 'disabled';
}

const RANK: Record<Role, number> = { contributor: 0, author: 1, editor: 2, admin: 3, owner: 4 };

const MINIMUM_ROLE: Record<Action, Role> = {
  'admin.enter': 'contributor',
  'article.create': 'contributor',
  'article.editOwn': 'contributor',
  'article.submitForReview': 'contributor',
  'article.publishOwn': 'author',
  'article.editAny': 'editor',
  'article.publishAny': 'editor',
  'article.addCorrection': 'editor',
  'taxonomy.manage': 'editor',
  'users.manage': 'admin',
  'settings.manage': 'admin',
  'outbox.read': 'admin',
  'audit.read': 'admin',
};

/** Whether a role is at least another. */
export function isAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/** Whether an actor may perform an action; only active accounts may do anything. */
export function can(actor: Actor | null, action: Action): boolean {
  if (!actor || actor.status !== 'active') return false;
  return isAtLeast(actor.role, MINIMUM_ROLE[action]);
}

/** Whether an actor may give someone a role: admins up to admin, only owners make owners. */
export function canAssignRole(actor: Actor | null, role: Role): boolean {
  if (!can(actor, 'users.manage') || !actor) return false;
  return role === 'owner' ? actor.role === 'owner' : isAtLeast(actor.role, role);
}

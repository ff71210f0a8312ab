/**
 * Who may do what, in one place. Routes ask `can(user, action, resource)`; nothing else
 * in the code decides permissions.
 */
import type { ArticleStatus, Role } from '../db/schema.ts';

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
  | 'article.review'
  | 'article.assign'
  | 'article.readAny'
  | 'media.upload'
  | 'media.editAny'
  | 'taxonomy.create'
  | 'taxonomy.manage'
  | 'users.manage'
  | 'settings.manage'
  | 'outbox.read'
  | 'audit.read'
  | 'newsletters.manage'
  | 'newsletters.send'
  | 'subscribers.manage'
  | 'syndication.manage'
  | 'syndication.rateCard';

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
  'article.review': 'editor',
  'article.assign': 'editor',
  'article.readAny': 'editor',
  'media.upload': 'contributor',
  'media.editAny': 'editor',
  'taxonomy.create': 'author',
  'taxonomy.manage': 'editor',
  'users.manage': 'admin',
  'settings.manage': 'admin',
  'outbox.read': 'admin',
  'audit.read': 'admin',
  // Audience editors: lists, issues and sending are the desk's; readers' personal data and
  // the licensing prices are the administrators'.
  'newsletters.manage': 'editor',
  'newsletters.send': 'editor',
  'subscribers.manage': 'admin',
  'syndication.manage': 'editor',
  'syndication.rateCard': 'admin',
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

/** The facts about an article that permissions depend on. */
export interface ArticleFacts {
  createdBy: number | null;
  assigneeId: number | null;
  status: ArticleStatus;
}

/** Whether the article is the actor's own work. */
function isOwn(actor: Actor, article: ArticleFacts): boolean {
  return article.createdBy === actor.id;
}

/** Whether an actor may open an article in the editor and read its history. */
export function canReadArticle(actor: Actor | null, article: ArticleFacts): boolean {
  if (!actor || !can(actor, 'admin.enter')) return false;
  return can(actor, 'article.readAny') || isOwn(actor, article) || article.assigneeId === actor.id;
}

/**
 * Whether an actor may change an article's fields. Contributors edit their own work
 * only while it is a draft (once submitted, it is the desk's); authors edit their own
 * work in any state; editors and above edit everyone's.
 */
export function canEditArticle(actor: Actor | null, article: ArticleFacts): boolean {
  if (!actor) return false;
  if (can(actor, 'article.editAny')) return true;
  if (!can(actor, 'article.editOwn') || !isOwn(actor, article)) return false;
  if (can(actor, 'article.publishOwn')) return true;
  return article.status === 'draft' || article.status === 'unpublished';
}

/** Whether an actor may publish, schedule or unpublish an article. */
export function canPublishArticle(actor: Actor | null, article: ArticleFacts): boolean {
  if (!actor) return false;
  if (can(actor, 'article.publishAny')) return true;
  return can(actor, 'article.publishOwn') && isOwn(actor, article);
}

/** Whether an actor may submit an article for review. */
export function canSubmitArticle(actor: Actor | null, article: ArticleFacts): boolean {
  if (!actor || !can(actor, 'article.submitForReview')) return false;
  return can(actor, 'article.editAny') || isOwn(actor, article);
}

/** Whether an actor may change an image's caption, credit, alt text or distribution flag: its uploader, or editors. */
export function canEditImage(actor: Actor | null, uploadedBy: number | null): boolean {
  if (!actor) return false;
  return can(actor, 'media.editAny') || (can(actor, 'media.upload') && uploadedBy === actor.id);
}

/**
 * Whether an actor may delete an article. Published work is never deleted (unpublish it
 * first); editors may delete anything else; writers may delete their own drafts that
 * never went out.
 */
export function canDeleteArticle(actor: Actor | null, article: ArticleFacts & { everPublished: boolean }): boolean {
  if (!actor || article.status === 'published' || article.status === 'scheduled') return false;
  if (can(actor, 'article.editAny')) return true;
  return can(actor, 'article.editOwn') && isOwn(actor, article) && article.status === 'draft' && !article.everPublished;
}

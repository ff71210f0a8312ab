/**
 * Managing the newsroom's accounts: the list admins see, role changes, disabling and
 * enabling. Each change runs in one transaction that re-reads (and on PostgreSQL locks)
 * the people it depends on, so two admins acting at once can never leave the newsroom
 * without an active owner.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, Role, UsersTable } from '../db/schema.ts';
import { dialectOf } from '../db/dialect.ts';
import { isoNow } from '../shared/time.ts';
import { ValidationError } from '../shared/validation.ts';
import { revokeAccountTokens } from './account-tokens.ts';
import { recordAudit } from './audit.ts';
import type { Actor } from './policy.ts';
import { ROLES, can, canAssignRole } from './policy.ts';
import { destroyAllSessions } from './sessions.ts';

/** The actor is not allowed to make this change (answered with 403). */
export class NotPermittedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotPermittedError';
  }
}

/** No account has that id (answered with 404). */
export class UserNotFoundError extends Error {
  constructor() {
    super('No account has that number.');
    this.name = 'UserNotFoundError';
  }
}

/** One account as the users page lists it. */
export interface UserSummary {
  id: number;
  email: string;
  name: string;
  role: Role;
  status: UsersTable['status'];
  lastLoginAt: string | null;
  createdAt: string;
}

/** Who is acting, and from where, for the checks and the audit log. */
export interface ActingContext {
  actor: Actor;
  ip: string | null;
}

/** Every account, by name; a newsroom has tens or hundreds, so one page holds them all. */
export async function listUsers(db: Kysely<Database>): Promise<UserSummary[]> {
  const rows = await db.selectFrom('users').select(['id', 'email', 'name', 'role', 'status', 'last_login_at', 'created_at']).orderBy('name').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, email: row.email, name: row.name, role: row.role, status: row.status, lastLoginAt: row.last_login_at, createdAt: row.created_at }));
}

/**
 * The roles an actor may give an account: only roles the policy lets them assign, only
 * to someone whose current role they could assign too (an admin cannot touch an owner),
 * and on their own account only roles that keep them able to manage users.
 */
export function rolesActorMayGive(actor: Actor, target: { id: number; role: Role }): Role[] {
  if (!canAssignRole(actor, target.role)) return [];
  return ROLES.filter((role) => canAssignRole(actor, role) && (target.id !== actor.id || can({ ...actor, role }, 'users.manage')));
}

/** Whether an actor may disable or enable an account: never their own, only one whose role they could assign. */
export function mayChangeStatusOf(actor: Actor, target: { id: number; role: Role }): boolean {
  return target.id !== actor.id && canAssignRole(actor, target.role);
}

interface LockedPeople {
  actor: Actor | undefined;
  target: { id: number; role: Role; status: UsersTable['status']; hasPassword: boolean } | undefined;
  activeOwnerIds: number[];
}

/**
 * Reads, fresh inside the transaction, the actor, the target and every active owner. On
 * PostgreSQL the rows are locked in id order (so two admins' transactions queue rather
 * than deadlock); a concurrent change that committed first is seen here, not missed.
 */
async function lockPeople(trx: Transaction<Database>, actorId: number, targetId: number): Promise<LockedPeople> {
  const rows = await trx
    .selectFrom('users')
    .select(['id', 'role', 'status', 'password_hash'])
    .where((eb) => eb.or([eb('id', 'in', [actorId, targetId]), eb.and([eb('role', '=', 'owner'), eb('status', '=', 'active')])]))
    .orderBy('id')
    .$if(dialectOf(trx) === 'postgres', (query) => query.forUpdate())
    .execute();
  const actorRow = rows.find((row) => row.id === actorId);
  const targetRow = rows.find((row) => row.id === targetId);
  return {
    actor: actorRow ? { id: actorRow.id, role: actorRow.role, status: actorRow.status } : undefined,
    target: targetRow ? { id: targetRow.id, role: targetRow.role, status: targetRow.status, hasPassword: targetRow.password_hash !== null } : undefined,
    activeOwnerIds: rows.filter((row) => row.role === 'owner' && row.status === 'active').map((row) => row.id),
  };
}

/** Throws unless someone other than the target would remain an active owner. */
function keepAnOwner(people: LockedPeople, targetId: number, change: string): void {
  const target = people.target;
  if (!target || target.role !== 'owner' || target.status !== 'active') return;
  if (people.activeOwnerIds.some((id) => id !== targetId)) return;
  throw new ValidationError([`This is the last active owner: ${change} would leave nobody able to run the newsroom. Make someone else an owner first.`]);
}

/** Reads the actor and target under lock and checks the actor may still manage users. */
async function lockForChange(trx: Transaction<Database>, acting: ActingContext, targetId: number): Promise<LockedPeople & { actor: Actor; target: NonNullable<LockedPeople['target']> }> {
  const people = await lockPeople(trx, acting.actor.id, targetId);
  // The actor is re-read: a role lost a moment ago must not still count.
  if (!people.actor || !can(people.actor, 'users.manage')) throw new NotPermittedError('Only admins and owners can manage accounts.');
  if (!people.target) throw new UserNotFoundError();
  return { ...people, actor: people.actor, target: people.target };
}

/** Gives an account a new role; refuses what the policy forbids and leaving no active owner. */
export async function changeUserRole(db: Kysely<Database>, acting: ActingContext, targetId: number, role: Role): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const people = await lockForChange(trx, acting, targetId);
    const { actor, target } = people;
    if (target.role === role) return;
    if (!rolesActorMayGive(actor, target).includes(role)) {
      if (target.id === actor.id && canAssignRole(actor, role)) throw new ValidationError([`role: you cannot make yourself ${role}: you would lose access to this page. Ask another admin or owner.`]);
      throw new NotPermittedError(`Your role cannot change a ${target.role}'s role to ${role}.`);
    }
    if (role !== 'owner') keepAnOwner(people, target.id, 'changing their role');
    await trx.updateTable('users').set({ role, updated_at: isoNow() }).where('id', '=', target.id).execute();
    await recordAudit(trx, { actorUserId: actor.id, action: 'user.role_changed', subjectType: 'user', subjectId: target.id, details: { from: target.role, to: role }, ip: acting.ip });
  });
}

/** Disables an account: it can no longer sign in, its sessions end and its unused links stop working. */
export async function disableUser(db: Kysely<Database>, acting: ActingContext, targetId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const people = await lockForChange(trx, acting, targetId);
    const { actor, target } = people;
    if (target.id === actor.id) throw new ValidationError(['You cannot disable your own account. Ask another admin or owner.']);
    if (!mayChangeStatusOf(actor, target)) throw new NotPermittedError(`Your role cannot disable a ${target.role}.`);
    if (target.status === 'disabled') return;
    keepAnOwner(people, target.id, 'disabling them');
    await trx.updateTable('users').set({ status: 'disabled', updated_at: isoNow() }).where('id', '=', target.id).execute();
    await destroyAllSessions(trx, target.id);
    await revokeAccountTokens(trx, target.id);
    await recordAudit(trx, { actorUserId: actor.id, action: 'user.disabled', subjectType: 'user', subjectId: target.id, details: { previousStatus: target.status }, ip: acting.ip });
  });
}

/** Enables a disabled account: active again if it had a password, otherwise back to waiting for an invitation. */
export async function enableUser(db: Kysely<Database>, acting: ActingContext, targetId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { actor, target } = await lockForChange(trx, acting, targetId);
    if (!mayChangeStatusOf(actor, target)) throw new NotPermittedError(`Your role cannot enable a ${target.role}.`);
    if (target.status !== 'disabled') return;
    const status = target.hasPassword ? 'active' : 'invited';
    await trx.updateTable('users').set({ status, updated_at: isoNow() }).where('id', '=', target.id).execute();
    await recordAudit(trx, { actorUserId: actor.id, action: 'user.enabled', subjectType: 'user', subjectId: target.id, details: { status }, ip: acting.ip });
  });
}

/**
 * Inviting people into the newsroom. An invitation creates the account (status `invited`,
 * no password) and emails a link that works once, for a week; accepting it sets the
 * password, optionally corrects the name, and makes the account active.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Role } from '../db/schema.ts';
import { isoNow } from '../shared/time.ts';
import { ValidationError, parseOrThrow } from '../shared/validation.ts';
import { TOKEN_LIFETIME_HOURS, UnusableTokenError, accountLinkUrl, consumeAccountToken, issueAccountToken, readableExpiry, sendAccountMail } from './account-tokens.ts';
import type { AccountMailContext, Delivery } from './account-tokens.ts';
import { recordAudit } from './audit.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { canAssignRole } from './policy.ts';
import { NotPermittedError, UserNotFoundError } from './user-management.ts';
import type { ActingContext } from './user-management.ts';
import { newUserSchema } from './users.ts';

/** What an admin fills in to invite someone. */
export const invitationSchema = newUserSchema.pick({ email: true, name: true, role: true });

/** What the invited person fills in: a password, and their name if the admin got it wrong. */
const acceptanceSchema = z.object({
  name: z.string().trim().max(120, 'is too long'),
  password: z.string(),
});

/** Who sends invitations: the acting admin plus their name, which the email mentions. */
export type Inviter = ActingContext & { name: string };

function article(role: Role): string {
  return role === 'admin' || role === 'owner' || role === 'author' || role === 'editor' ? 'an' : 'a';
}

/** The invitation email: plain text, saying who invited whom to what, and what to do. */
export function invitationEmail(input: { siteName: string; inviterName: string; inviteeName: string; role: Role; link: string; expiresAt: string }): { subject: string; text: string } {
  const days = TOKEN_LIFETIME_HOURS.invitation / 24;
  return {
    subject: `You are invited to join ${input.siteName}`,
    text: [
      `Hello ${input.inviteeName},`,
      '',
      `${input.inviterName} has invited you to join the newsroom of ${input.siteName} as ${article(input.role)} ${input.role}.`,
      '',
      'To accept, open this link and choose a password:',
      '',
      input.link,
      '',
      `The link works once and expires in ${days} days, on ${readableExpiry(input.expiresAt)}. If it has expired, ask ${input.inviterName} to send a new invitation.`,
      '',
      'If you were not expecting this, you can ignore this email: no account is usable until the link is opened and a password chosen.',
      '',
      `${input.siteName}`,
    ].join('\n'),
  };
}

async function emailInvitation(context: AccountMailContext, to: { email: string; name: string; role: Role }, inviterName: string, token: { token: string; expiresAt: string }): Promise<Delivery> {
  const link = accountLinkUrl(context.publicUrl, 'invitation', token.token);
  const mail = invitationEmail({ siteName: context.siteName, inviterName, inviteeName: to.name, role: to.role, link, expiresAt: token.expiresAt });
  return sendAccountMail(context, { to: to.email, ...mail, purpose: 'invitation' });
}

/**
 * Creates an invited account and emails its link. Refuses roles the inviter may not
 * assign (NotPermittedError) and taken addresses (ValidationError). The account exists
 * even when the email fails; `delivery` says how the email fared.
 */
export async function inviteUser(context: AccountMailContext, inviter: Inviter, input: unknown): Promise<{ userId: number; delivery: Delivery }> {
  const invitee = parseOrThrow(invitationSchema, input);
  if (!canAssignRole(inviter.actor, invitee.role)) throw new NotPermittedError(`Your role cannot invite someone as ${invitee.role}.`);
  const now = isoNow();
  const { userId, token } = await context.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('email', '=', invitee.email).executeTakeFirst();
    if (taken) throw new ValidationError(['email: an account with this address already exists']);
    const row = await trx
      .insertInto('users')
      .values({ email: invitee.email, name: invitee.name, role: invitee.role, status: 'invited', password_hash: null, author_id: null, created_at: now, updated_at: now, last_login_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    const issued = await issueAccountToken(trx, 'invitation', id, inviter.actor.id);
    await recordAudit(trx, { actorUserId: inviter.actor.id, action: 'user.invited', subjectType: 'user', subjectId: id, details: { email: invitee.email, role: invitee.role }, ip: inviter.ip });
    return { userId: id, token: issued };
  });
  return { userId, delivery: await emailInvitation(context, invitee, inviter.name, token) };
}

/** Sends a fresh invitation link to an account still waiting to accept; the older link stops working. */
export async function resendInvitation(context: AccountMailContext, inviter: Inviter, userId: number): Promise<{ delivery: Delivery }> {
  const { invitee, token } = await context.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').select(['id', 'email', 'name', 'role', 'status']).where('id', '=', userId).executeTakeFirst();
    if (!row) throw new UserNotFoundError();
    if (!canAssignRole(inviter.actor, row.role)) throw new NotPermittedError(`Your role cannot invite someone as ${row.role}.`);
    if (row.status !== 'invited') throw new ValidationError([`${row.email} is not waiting for an invitation: the account is ${row.status}.`]);
    const issued = await issueAccountToken(trx, 'invitation', row.id, inviter.actor.id);
    await recordAudit(trx, { actorUserId: inviter.actor.id, action: 'user.invitation_resent', subjectType: 'user', subjectId: row.id, details: { email: row.email, role: row.role }, ip: inviter.ip });
    return { invitee: row, token: issued };
  });
  return { delivery: await emailInvitation(context, invitee, inviter.name, token) };
}

/**
 * Accepts an invitation: uses the link up, sets the password (and the name, when given),
 * and makes the account active, all in one transaction. Throws UnusableTokenError for a
 * used, expired or unknown link and ValidationError for a weak password.
 */
export async function acceptInvitation(db: Kysely<Database>, token: string, input: unknown, ip: string | null): Promise<number> {
  const { name, password } = parseOrThrow(acceptanceSchema, input);
  const problem = passwordProblem(password);
  if (problem) throw new ValidationError([`password: ${problem}`]);
  // Hashed before the transaction: scrypt takes a while and must not hold a lock.
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const userId = await consumeAccountToken(trx, 'invitation', token);
    const updated = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, status: 'active', updated_at: isoNow(), ...(name ? { name } : {}) })
      .where('id', '=', userId)
      .where('status', '=', 'invited')
      .executeTakeFirst();
    // Disabled (or somehow already active) since the link was sent: the link no longer counts.
    if (Number(updated.numUpdatedRows) !== 1) throw new UnusableTokenError('unknown');
    await recordAudit(trx, { actorUserId: userId, action: 'user.invitation_accepted', subjectType: 'user', subjectId: userId, details: name ? { name } : {}, ip });
    return userId;
  });
}

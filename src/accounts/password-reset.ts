/**
 * Forgotten passwords. Asking for a reset answers the same way, in about the same time,
 * whether or not the address has an account: the link is issued and emailed in the
 * background, so neither the answer nor a slow mail server tells a stranger who works
 * here. The link works once, for an hour; using it ends every session of the account.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { isoNow } from '../shared/time.ts';
import { ValidationError, parseOrThrow } from '../shared/validation.ts';
import { TOKEN_LIFETIME_HOURS, accountLinkUrl, consumeAccountToken, issueAccountToken, readableExpiry, sendAccountMail, UnusableTokenError } from './account-tokens.ts';
import type { AccountMailContext } from './account-tokens.ts';
import { recordAudit } from './audit.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { destroyAllSessions } from './sessions.ts';
import { newUserSchema } from './users.ts';

const requestSchema = z.object({ email: newUserSchema.shape.email });
const resetSchema = z.object({ password: z.string() });

/** Emails still being prepared or sent after their request was answered. */
const inFlight = new Set<Promise<void>>();

/** The password reset email: plain text, what to do, and what to do if it was not you. */
export function passwordResetEmail(input: { siteName: string; name: string; email: string; link: string; expiresAt: string }): { subject: string; text: string } {
  const hours = TOKEN_LIFETIME_HOURS.password_reset;
  return {
    subject: `Reset your password for ${input.siteName}`,
    text: [
      `Hello ${input.name},`,
      '',
      `Someone asked to reset the password of your account at ${input.siteName} (${input.email}). If it was you, open this link and choose a new password:`,
      '',
      input.link,
      '',
      `The link works once and expires in ${hours === 1 ? 'one hour' : `${hours} hours`}, at ${readableExpiry(input.expiresAt)}. Choosing a new password signs you out on every device.`,
      '',
      'If you did not ask for this, ignore this email: your password stays as it is.',
      '',
      `${input.siteName}`,
    ].join('\n'),
  };
}

async function issueAndEmail(context: AccountMailContext, user: { id: number; email: string; name: string }): Promise<void> {
  const issued = await context.db.transaction().execute((trx) => issueAccountToken(trx, 'password_reset', user.id, null));
  const link = accountLinkUrl(context.publicUrl, 'password_reset', issued.token);
  const mail = passwordResetEmail({ siteName: context.siteName, name: user.name, email: user.email, link, expiresAt: issued.expiresAt });
  await sendAccountMail(context, { to: user.email, ...mail, purpose: 'password_reset' });
}

/**
 * Handles "I forgot my password" for an address. Both paths do the same database work
 * before returning (one lookup, one audit entry); for an active account, the link is
 * then issued and emailed in the background. Throws ValidationError only for input that
 * is not an email address at all.
 */
export async function requestPasswordReset(context: AccountMailContext, input: unknown, ip: string | null): Promise<void> {
  const { email } = parseOrThrow(requestSchema, input);
  const user = await context.db.selectFrom('users').select(['id', 'email', 'name', 'status']).where('email', '=', email).executeTakeFirst();
  const account = user?.status === 'active' ? user : undefined;
  await recordAudit(context.db, { actorUserId: null, action: 'user.password_reset_requested', ...(account ? { subjectType: 'user', subjectId: account.id } : {}), details: { email }, ip });
  if (!account) return;
  const work = issueAndEmail(context, account).catch((error: unknown) => {
    context.logger.error('password reset email failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
  inFlight.add(work);
  void work.finally(() => inFlight.delete(work));
}

/** Waits for reset emails still being sent (for an orderly shutdown, and for tests that read the outbox). */
export async function settlePasswordResetMail(): Promise<void> {
  await Promise.all([...inFlight]);
}

/**
 * Sets a new password through a reset link: uses the link up, stores the password and
 * ends every session of the account, in one transaction. Throws UnusableTokenError for a
 * used, expired or unknown link and ValidationError for a weak password.
 */
export async function resetPassword(db: Kysely<Database>, token: string, input: unknown, ip: string | null): Promise<number> {
  const { password } = parseOrThrow(resetSchema, input);
  const problem = passwordProblem(password);
  if (problem) throw new ValidationError([`password: ${problem}`]);
  // Hashed before the transaction: scrypt takes a while and must not hold a lock.
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const userId = await consumeAccountToken(trx, 'password_reset', token);
    const updated = await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: isoNow() }).where('id', '=', userId).where('status', '=', 'active').executeTakeFirst();
    // Disabled since the link was sent: the link no longer counts.
    if (Number(updated.numUpdatedRows) !== 1) throw new UnusableTokenError('unknown');
    await destroyAllSessions(trx, userId);
    await recordAudit(trx, { actorUserId: userId, action: 'user.password_reset', subjectType: 'user', subjectId: userId, ip });
    return userId;
  });
}

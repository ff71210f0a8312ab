/** Creating accounts and checking sign-ins. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Role } from '../db/schema.ts';
import { isoNow } from '../shared/time.ts';
import { ValidationError, parseOrThrow } from '../shared/validation.ts';
import { recordAudit } from './audit.ts';
import { DUMMY_HASH_PROMISE, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { ROLES } from './policy.ts';

/** Input for a new account. */
export const newUserSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'is too long')
    .regex(/^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+$/, 'is not an email address'),
  name: z.string().trim().min(1, 'is required').max(120, 'is too long'),
  role: z.enum(ROLES as [Role, ...Role[]]),
  password: z.string(),
});

/** Number of accounts; zero means the one-time setup is open. */
export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Creates an active account with a password; refuses a taken email. */
export async function createUser(db: Kysely<Database>, input: unknown, context: { actorUserId: number | null; ip?: string | null }): Promise<number> {
  const user = parseOrThrow(newUserSchema, input);
  const problem = passwordProblem(user.password);
  if (problem) throw new ValidationError([`password: ${problem}`]);
  const passwordHash = await hashPassword(user.password);
  const now = isoNow();
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('email', '=', user.email).executeTakeFirst();
    if (taken) throw new ValidationError(['email: an account with this address already exists']);
    const row = await trx
      .insertInto('users')
      .values({ email: user.email, name: user.name, role: user.role, status: 'active', password_hash: passwordHash, author_id: null, created_at: now, updated_at: now, last_login_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: context.actorUserId, action: 'user.create', subjectType: 'user', subjectId: row.id, details: { role: user.role }, ip: context.ip ?? null });
    return Number(row.id);
  });
}

/** The account for an email and password, or null; takes as long whether or not the email exists. */
export async function checkCredentials(db: Kysely<Database>, email: string, password: string): Promise<{ id: number; role: Role } | null> {
  const row = await db.selectFrom('users').select(['id', 'role', 'status', 'password_hash']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  const hash = row?.password_hash ?? (await DUMMY_HASH_PROMISE);
  const matches = await verifyPassword(hash, password);
  return row && row.status === 'active' && row.password_hash && matches ? { id: row.id, role: row.role } : null;
}

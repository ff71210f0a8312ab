/** Users admin: the newsroom's accounts, invitations, roles, disabling and enabling. */
import type { Context, Hono, Input } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import type { AccountMailContext, Delivery } from '../accounts/account-tokens.ts';
import { inviteUser, resendInvitation } from '../accounts/invitations.ts';
import type { Inviter } from '../accounts/invitations.ts';
import { ROLES, canAssignRole } from '../accounts/policy.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import { NotPermittedError, UserNotFoundError, changeUserRole, disableUser, enableUser, listUsers, mayChangeStatusOf, rolesActorMayGive } from '../accounts/user-management.ts';
import type { UserSummary } from '../accounts/user-management.ts';
import type { Role } from '../db/schema.ts';
import { PublicError } from '../http/errors.tsx';
import { htmlPage } from '../http/respond.ts';
import { ValidationError } from '../shared/validation.ts';
import { AdminLayout, FormErrors } from './admin-layout.tsx';
import { clientIp, staffMember } from './session-middleware.ts';

type AnyContext = Context<AppEnv, string, Input>;

/** What a finished action says on the page it returns to (fixed texts: nothing from the address is shown). */
const NOTICES: Record<string, string> = {
  'invited-sent': 'Invitation sent.',
  'invited-stored': 'Invitation created. No SMTP server is configured, so the email is waiting in the outbox: send its link to them yourself.',
  'invited-failed': 'Invitation created, but the email could not be sent; the outbox says why. Once mail works, use “Resend invitation”.',
  'resent-sent': 'A new invitation was sent; the earlier link no longer works.',
  'resent-stored': 'A new invitation is waiting in the outbox (no SMTP server is configured); the earlier link no longer works.',
  'resent-failed': 'A new invitation was created, but the email could not be sent; the outbox says why.',
  'role-changed': 'Role changed.',
  disabled: 'Account disabled and signed out everywhere.',
  enabled: 'Account enabled.',
};

const STATUS_LABELS: Record<UserSummary['status'], string> = { active: 'Active', invited: 'Invited', disabled: 'Disabled' };

interface InviteValues {
  email: string;
  name: string;
  role: string;
}

const EMPTY_INVITE: InviteValues = { email: '', name: '', role: 'contributor' };

function field(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

function when(iso: string | null) {
  return iso ? <time datetime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`}</time> : 'Never';
}

function RoleOptions(props: { roles: Role[]; selected: string }) {
  return (
    <>
      {props.roles.map((role) => (
        <option value={role} selected={role === props.selected}>
          {role}
        </option>
      ))}
    </>
  );
}

function UserRow(props: { actor: SessionUser; person: UserSummary }) {
  const { actor, person } = props;
  const roles = rolesActorMayGive(actor, person);
  const canChangeStatus = mayChangeStatusOf(actor, person);
  const hidden = <input type="hidden" name="csrf" value={actor.csrfToken} />;
  return (
    <tr>
      <td>
        {person.name}
        {person.id === actor.id ? <span class="admin-users__you"> (you)</span> : null}
      </td>
      <td>{person.email}</td>
      <td>
        {roles.length > 1 ? (
          <form method="post" action={`/admin/users/${person.id}/role`} class="admin-inline-form">
            {hidden}
            <label>
              <span class="visually-hidden">Role of {person.name}</span>
              <select name="role">
                <RoleOptions roles={roles} selected={person.role} />
              </select>
            </label>
            <button type="submit">Change role</button>
          </form>
        ) : (
          person.role
        )}
      </td>
      <td>{STATUS_LABELS[person.status]}</td>
      <td>{when(person.lastLoginAt)}</td>
      <td>
        {person.status === 'invited' && canAssignRole(actor, person.role) ? (
          <form method="post" action={`/admin/users/${person.id}/resend`} class="admin-inline-form">
            {hidden}
            <button type="submit">Resend invitation</button>
          </form>
        ) : null}
        {canChangeStatus && person.status !== 'disabled' ? (
          <form method="post" action={`/admin/users/${person.id}/disable`} class="admin-inline-form">
            {hidden}
            <button type="submit">Disable</button>
          </form>
        ) : null}
        {canChangeStatus && person.status === 'disabled' ? (
          <form method="post" action={`/admin/users/${person.id}/enable`} class="admin-inline-form">
            {hidden}
            <button type="submit">Enable</button>
          </form>
        ) : null}
      </td>
    </tr>
  );
}

function InviteForm(props: { actor: SessionUser; values: InviteValues }) {
  const roles = ROLES.filter((role) => canAssignRole(props.actor, role));
  return (
    <form method="post" action="/admin/users/invite" class="admin-form">
      <input type="hidden" name="csrf" value={props.actor.csrfToken} />
      <label>
        Email
        <input name="email" type="email" autocomplete="off" required maxlength={254} value={props.values.email} />
      </label>
      <label>
        Name
        <span class="hint">They can correct it when they accept.</span>
        <input name="name" autocomplete="off" required maxlength={120} value={props.values.name} />
      </label>
      <label>
        Role
        <select name="role">
          <RoleOptions roles={roles} selected={props.values.role} />
        </select>
      </label>
      <button type="submit">Send invitation</button>
    </form>
  );
}

async function usersPage(c: AnyContext, ctx: AppContext, actor: SessionUser, state: { problems?: string[]; invite?: InviteValues; notice?: string }, status = 200): Promise<Response> {
  const [people, catalog] = await Promise.all([listUsers(ctx.db), ctx.catalog()]);
  return htmlPage(
    c,
    ctx,
    <AdminLayout title="Users" user={actor} assetPath={ctx.assetPath} siteName={catalog.site.name} current="/admin/users">
      {state.notice ? (
        <p class="admin-notice" role="status">
          {state.notice}
        </p>
      ) : null}
      <FormErrors problems={state.problems ?? []} />
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <UserRow actor={actor} person={person} />
          ))}
        </tbody>
      </table>
      <h2 id="invite">Invite someone</h2>
      <p>They get an email with a link to choose a password; it works once, for seven days.</p>
      <InviteForm actor={actor} values={state.invite ?? EMPTY_INVITE} />
    </AdminLayout>,
    { status, cacheable: false, language: 'en' },
  );
}

/** The signed-in manager of a users-admin request, or the answer that ends it. */
function manager(c: AnyContext, ctx: AppContext, form: Record<string, unknown> | null): Promise<SessionUser | Response> {
  return staffMember(c, ctx, 'users.manage', { form, refusal: 'Only admins and owners can manage accounts.' });
}

function targetId(c: AnyContext): number {
  const id = c.req.param('id') ?? '';
  if (!/^\d{1,15}$/.test(id)) throw new PublicError(404, 'No account has that number.');
  return Number(id);
}

/** Turns a refused change into its answer: 403, 404, or the page again with the problems (422). */
async function refusal(c: AnyContext, ctx: AppContext, actor: SessionUser, error: unknown, invite?: InviteValues): Promise<Response> {
  if (error instanceof NotPermittedError) throw new PublicError(403, error.message);
  if (error instanceof UserNotFoundError) throw new PublicError(404, error.message);
  if (error instanceof ValidationError) return usersPage(c, ctx, actor, { problems: error.problems, ...(invite ? { invite } : {}) }, 422);
  throw error;
}

function inviter(c: AnyContext, actor: SessionUser): Inviter {
  return { actor, name: actor.name, ip: clientIp(c) };
}

async function mailContext(ctx: AppContext): Promise<AccountMailContext> {
  const catalog = await ctx.catalog();
  return { db: ctx.db, mailer: ctx.mailer, logger: ctx.logger, publicUrl: ctx.config.publicUrl, siteName: catalog.site.name };
}

function backToUsers(c: AnyContext, notice: string): Response {
  return c.redirect(`/admin/users?notice=${notice}`, 303);
}

function deliveryNotice(prefix: 'invited' | 'resent', delivery: Delivery): string {
  return `${prefix}-${delivery}`;
}

/** Registers /admin/users and its forms (admins and owners). */
export function registerUserRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  app.get('/admin/users', async (c) => {
    const actor = await manager(c, ctx, null);
    if (actor instanceof Response) return actor;
    return usersPage(c, ctx, actor, { notice: NOTICES[c.req.query('notice') ?? ''] ?? '' });
  });

  app.post('/admin/users/invite', async (c) => {
    const form = await c.req.parseBody();
    const actor = await manager(c, ctx, form);
    if (actor instanceof Response) return actor;
    const values = { email: field(form, 'email'), name: field(form, 'name'), role: field(form, 'role') };
    try {
      const { delivery } = await inviteUser(await mailContext(ctx), inviter(c, actor), values);
      return backToUsers(c, deliveryNotice('invited', delivery));
    } catch (error) {
      return refusal(c, ctx, actor, error, values);
    }
  });

  app.post('/admin/users/:id/resend', async (c) => {
    const form = await c.req.parseBody();
    const actor = await manager(c, ctx, form);
    if (actor instanceof Response) return actor;
    try {
      const { delivery } = await resendInvitation(await mailContext(ctx), inviter(c, actor), targetId(c));
      return backToUsers(c, deliveryNotice('resent', delivery));
    } catch (error) {
      return refusal(c, ctx, actor, error);
    }
  });

  app.post('/admin/users/:id/role', async (c) => {
    const form = await c.req.parseBody();
    const actor = await manager(c, ctx, form);
    if (actor instanceof Response) return actor;
    const role = field(form, 'role');
    if (!(ROLES as readonly string[]).includes(role)) return usersPage(c, ctx, actor, { problems: ['role: choose one of the listed roles'] }, 422);
    try {
      await changeUserRole(ctx.db, { actor, ip: clientIp(c) }, targetId(c), role as Role);
      return backToUsers(c, 'role-changed');
    } catch (error) {
      return refusal(c, ctx, actor, error);
    }
  });

  app.post('/admin/users/:id/disable', async (c) => {
    const form = await c.req.parseBody();
    const actor = await manager(c, ctx, form);
    if (actor instanceof Response) return actor;
    try {
      await disableUser(ctx.db, { actor, ip: clientIp(c) }, targetId(c));
      return backToUsers(c, 'disabled');
    } catch (error) {
      return refusal(c, ctx, actor, error);
    }
  });

  app.post('/admin/users/:id/enable', async (c) => {
    const form = await c.req.parseBody();
    const actor = await manager(c, ctx, form);
    if (actor instanceof Response) return actor;
    try {
      await enableUser(ctx.db, { actor, ip: clientIp(c) }, targetId(c));
      return backToUsers(c, 'enabled');
    } catch (error) {
      return refusal(c, ctx, actor, error);
    }
  });
}

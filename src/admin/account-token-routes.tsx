/** Accepting invitations and resetting passwords by emailed, single-use links. */
import type { Context, Hono, Input } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { UnusableTokenError, lookUpAccountToken } from '../accounts/account-tokens.ts';
import type { AccountMailContext, AccountTokenKind, UnusableReason } from '../accounts/account-tokens.ts';
import { acceptInvitation } from '../accounts/invitations.ts';
import { PASSWORD_LIMITS } from '../accounts/passwords.ts';
import { requestPasswordReset, resetPassword } from '../accounts/password-reset.ts';
import { hitRateLimit } from '../accounts/rate-limit.ts';
import { createSession, destroySession } from '../accounts/sessions.ts';
import { PublicError } from '../http/errors.tsx';
import { htmlPage } from '../http/respond.ts';
import { ValidationError } from '../shared/validation.ts';
import { AdminLayout, FormErrors } from './admin-layout.tsx';
import { checkCsrf, clientIp, currentUser, formCsrfToken, setSessionCookie } from './session-middleware.ts';

type AnyContext = Context<AppEnv, string, Input>;
type Body = Parameters<typeof AdminLayout>[0]['children'];

const FIFTEEN_MINUTES = 15 * 60;
const ONE_HOUR = 60 * 60;

async function adminPage(c: AnyContext, ctx: AppContext, title: string, body: Body, status = 200): Promise<Response> {
  const catalog = await ctx.catalog();
  const response = await htmlPage(c, ctx, <AdminLayout title={title} user={null} assetPath={ctx.assetPath} siteName={catalog.site.name}>{body}</AdminLayout>, { status, cacheable: false, language: 'en' });
  // These pages carry a secret in their address: no other site may learn it from a Referer.
  response.headers.set('referrer-policy', 'no-referrer');
  return response;
}

function field(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

/** Refuses a burst of link form posts from one address (each costs a password hash). */
async function limitLinkPosts(c: AnyContext, ctx: AppContext): Promise<void> {
  const limit = await hitRateLimit(ctx.db, `account-link-ip:${clientIp(c) ?? 'unknown'}`, 30, FIFTEEN_MINUTES);
  if (!limit.allowed) throw new PublicError(429, `Too many attempts. Try again in ${limit.retryAfterSeconds} seconds.`);
}

/** Ends a session this browser may already hold, before signing it in as the link's owner. */
async function endCurrentSession(c: AnyContext, ctx: AppContext): Promise<void> {
  const user = await currentUser(c, ctx);
  if (user) await destroySession(ctx.db, user.tokenHash);
}

async function signIn(c: AnyContext, ctx: AppContext, userId: number): Promise<Response> {
  await endCurrentSession(c, ctx);
  const session = await createSession(ctx.db, userId, { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null });
  setSessionCookie(c, ctx, session.token);
  return c.redirect('/admin', 303);
}

async function mailContext(ctx: AppContext): Promise<AccountMailContext> {
  const catalog = await ctx.catalog();
  return { db: ctx.db, mailer: ctx.mailer, logger: ctx.logger, publicUrl: ctx.config.publicUrl, siteName: catalog.site.name };
}

const UNUSABLE_TEXT: Record<AccountTokenKind, Record<UnusableReason, { title: string; text: string }>> = {
  invitation: {
    used: { title: 'This invitation has been accepted', text: 'The link has already been used to set a password. Sign in with your email address and that password.' },
    expired: { title: 'This invitation has expired', text: 'Invitation links work for seven days. Ask the person who invited you to send a new one.' },
    unknown: { title: 'This invitation link does not work', text: 'It may have been replaced by a newer invitation, withdrawn, or not copied in full from the email. Ask the person who invited you to send a new one.' },
  },
  password_reset: {
    used: { title: 'This link has already been used', text: 'Each password reset link works once. If you still need to change your password, ask for a new link.' },
    expired: { title: 'This link has expired', text: 'Password reset links work for one hour. Ask for a new link.' },
    unknown: { title: 'This link does not work', text: 'It may have been replaced by a newer link, or not copied in full from the email. Ask for a new link.' },
  },
};

/** The answer to a link that cannot be used: 410 once it was good, 404 when it never was (or no longer exists). */
function unusableLinkPage(c: AnyContext, ctx: AppContext, kind: AccountTokenKind, reason: UnusableReason): Promise<Response> {
  const { title, text } = UNUSABLE_TEXT[kind][reason];
  return adminPage(
    c,
    ctx,
    title,
    <>
      <p>{text}</p>
      <p>
        {kind === 'password_reset' ? <a href="/admin/forgot">Ask for a new link</a> : null}
        {kind === 'password_reset' ? ' · ' : null}
        <a href="/admin/login">Sign in</a>
      </p>
    </>,
    reason === 'unknown' ? 404 : 410,
  );
}

function AcceptInvitationForm(props: { token: string; csrf: string; email: string; name: string; problems: string[] }) {
  return (
    <>
      <p>
        Choose a password for <strong>{props.email}</strong>. You will be signed in straight away.
      </p>
      <FormErrors problems={props.problems} />
      <form method="post" action={`/admin/invite/${props.token}`} class="admin-form">
        <input type="hidden" name="csrf" value={props.csrf} />
        <input type="hidden" name="email" autocomplete="username" value={props.email} />
        <label>
          Your name
          <span class="hint">As colleagues and readers will see it. Change it if it is not right.</span>
          <input name="name" autocomplete="name" required maxlength={120} value={props.name} />
        </label>
        <label>
          Password
          <span class="hint">At least {PASSWORD_LIMITS.min} characters. A few unrelated words make a strong one.</span>
          <input name="password" type="password" autocomplete="new-password" required minlength={PASSWORD_LIMITS.min} maxlength={PASSWORD_LIMITS.max} />
        </label>
        <button type="submit">Accept the invitation</button>
      </form>
    </>
  );
}

function ForgotForm(props: { csrf: string; email: string; problems: string[] }) {
  return (
    <>
      <p>Enter the email address of your account. If it has one, we will email it a link to choose a new password.</p>
      <FormErrors problems={props.problems} />
      <form method="post" action="/admin/forgot" class="admin-form">
        <input type="hidden" name="csrf" value={props.csrf} />
        <label>
          Email
          <input name="email" type="email" autocomplete="username" required maxlength={254} value={props.email} />
        </label>
        <button type="submit">Email me a link</button>
      </form>
      <p>
        <a href="/admin/login">Back to sign in</a>
      </p>
    </>
  );
}

function ResetForm(props: { token: string; csrf: string; email: string; problems: string[] }) {
  return (
    <>
      <p>
        Choose a new password for <strong>{props.email}</strong>. This signs you out on every other device.
      </p>
      <FormErrors problems={props.problems} />
      <form method="post" action={`/admin/reset/${props.token}`} class="admin-form">
        <input type="hidden" name="csrf" value={props.csrf} />
        <input type="hidden" name="email" autocomplete="username" value={props.email} />
        <label>
          New password
          <span class="hint">At least {PASSWORD_LIMITS.min} characters.</span>
          <input name="password" type="password" autocomplete="new-password" required minlength={PASSWORD_LIMITS.min} maxlength={PASSWORD_LIMITS.max} />
        </label>
        <button type="submit">Set the new password</button>
      </form>
    </>
  );
}

/** Registers /admin/invite/:token, /admin/forgot and /admin/reset/:token. */
export function registerAccountTokenRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  app.get('/admin/invite/:token', async (c) => {
    const token = c.req.param('token');
    const link = await lookUpAccountToken(ctx.db, 'invitation', token);
    if (link.state !== 'usable') return unusableLinkPage(c, ctx, 'invitation', link.state);
    return adminPage(c, ctx, 'Join the newsroom', <AcceptInvitationForm token={token} csrf={formCsrfToken(c, ctx)} email={link.user.email} name={link.user.name} problems={[]} />);
  });

  app.post('/admin/invite/:token', async (c) => {
    const token = c.req.param('token');
    const form = await c.req.parseBody();
    checkCsrf(c, form.csrf, null);
    await limitLinkPosts(c, ctx);
    // Checked before the password is hashed, so a dead link costs no scrypt.
    const link = await lookUpAccountToken(ctx.db, 'invitation', token);
    if (link.state !== 'usable') return unusableLinkPage(c, ctx, 'invitation', link.state);
    let userId: number;
    try {
      userId = await acceptInvitation(ctx.db, token, { name: field(form, 'name'), password: field(form, 'password') }, clientIp(c));
    } catch (error) {
      if (error instanceof UnusableTokenError) return unusableLinkPage(c, ctx, 'invitation', error.reason);
      if (!(error instanceof ValidationError)) throw error;
      const name = field(form, 'name').trim().slice(0, 120) || link.user.name;
      return adminPage(c, ctx, 'Join the newsroom', <AcceptInvitationForm token={token} csrf={formCsrfToken(c, ctx)} email={link.user.email} name={name} problems={error.problems} />, 422);
    }
    return signIn(c, ctx, userId);
  });

  app.get('/admin/forgot', (c) => adminPage(c, ctx, 'Forgot your password?', <ForgotForm csrf={formCsrfToken(c, ctx)} email="" problems={[]} />));

  app.post('/admin/forgot', async (c) => {
    const form = await c.req.parseBody();
    checkCsrf(c, form.csrf, null);
    const email = field(form, 'email').trim().toLowerCase().slice(0, 254);
    // Per address and per account, like sign-in; neither count depends on whether the account exists.
    const byIp = await hitRateLimit(ctx.db, `reset-ip:${clientIp(c) ?? 'unknown'}`, 20, FIFTEEN_MINUTES);
    const byEmail = await hitRateLimit(ctx.db, `reset-email:${email}`, 5, ONE_HOUR);
    if (!byIp.allowed || !byEmail.allowed) {
      throw new PublicError(429, `Too many requests. Try again in ${Math.max(byIp.retryAfterSeconds, byEmail.retryAfterSeconds)} seconds.`);
    }
    try {
      await requestPasswordReset(await mailContext(ctx), { email }, clientIp(c));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return adminPage(c, ctx, 'Forgot your password?', <ForgotForm csrf={formCsrfToken(c, ctx)} email={email} problems={error.problems} />, 422);
    }
    return adminPage(
      c,
      ctx,
      'Check your email',
      <>
        <p>If an account exists for that address, we have sent it a link to choose a new password. The link works once, for one hour.</p>
        <p>Nothing arriving? Check your spam folder, or ask an admin of your newsroom for help.</p>
        <p>
          <a href="/admin/login">Back to sign in</a>
        </p>
      </>,
    );
  });

  app.get('/admin/reset/:token', async (c) => {
    const token = c.req.param('token');
    const link = await lookUpAccountToken(ctx.db, 'password_reset', token);
    if (link.state !== 'usable') return unusableLinkPage(c, ctx, 'password_reset', link.state);
    return adminPage(c, ctx, 'Choose a new password', <ResetForm token={token} csrf={formCsrfToken(c, ctx)} email={link.user.email} problems={[]} />);
  });

  app.post('/admin/reset/:token', async (c) => {
    const token = c.req.param('token');
    const form = await c.req.parseBody();
    checkCsrf(c, form.csrf, null);
    await limitLinkPosts(c, ctx);
    const link = await lookUpAccountToken(ctx.db, 'password_reset', token);
    if (link.state !== 'usable') return unusableLinkPage(c, ctx, 'password_reset', link.state);
    let userId: number;
    try {
      userId = await resetPassword(ctx.db, token, { password: field(form, 'password') }, clientIp(c));
    } catch (error) {
      if (error instanceof UnusableTokenError) return unusableLinkPage(c, ctx, 'password_reset', error.reason);
      if (!(error instanceof ValidationError)) throw error;
      return adminPage(c, ctx, 'Choose a new password', <ResetForm token={token} csrf={formCsrfToken(c, ctx)} email={link.user.email} problems={error.problems} />, 422);
    }
    return signIn(c, ctx, userId);
  });
}

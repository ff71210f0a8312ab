/** First-run setup, sign-in and sign-out. */
import type { Context, Hono, Input, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext, AppEnv } from '../app-context.ts';
import { recordAudit } from '../accounts/audit.ts';
import { PASSWORD_LIMITS } from '../accounts/passwords.ts';
import { can } from '../accounts/policy.ts';
import { hitRateLimit } from '../accounts/rate-limit.ts';
import { createSession, destroyAllSessions, destroySession } from '../accounts/sessions.ts';
import { checkCredentials, countUsers, createUser } from '../accounts/users.ts';
import { PublicError, errorPage } from '../http/errors.tsx';
import { htmlPage } from '../http/respond.ts';
import { ValidationError } from '../shared/validation.ts';
import { AdminLayout, FormErrors } from './admin-layout.tsx';
import { inboxPage } from './articles/article-pages.tsx';
import { checkCsrf, clearSessionCookie, clientIp, currentUser, formCsrfToken, setSessionCookie } from './session-middleware.ts';

type AnyContext = Context<AppEnv, string, Input>;

const FIFTEEN_MINUTES = 15 * 60;

async function adminPage(c: AnyContext, app: AppContext, title: string, body: Parameters<typeof AdminLayout>[0]['children'], status = 200): Promise<Response> {
  const catalog = await app.catalog();
  const user = await currentUser(c, app);
  return htmlPage(c, app, <AdminLayout title={title} user={user} assetPath={app.assetPath} siteName={catalog.site.name}>{body}</AdminLayout>, { status, cacheable: false, language: 'en' });
}

function field(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

function SetupForm(props: { csrf: string; values: { name: string; email: string }; problems: string[] }) {
  return (
    <>
      <p>Nobody has an account yet. Create the owner account: the owner can invite the rest of the newsroom.</p>
      <FormErrors problems={props.problems} />
      <form method="post" action="/admin/setup" class="admin-form">
        <input type="hidden" name="csrf" value={props.csrf} />
        <label>
          Your name
          <input name="name" autocomplete="name" required maxlength={120} value={props.values.name} />
        </label>
        <label>
          Email
          <input name="email" type="email" autocomplete="email" required maxlength={254} value={props.values.email} />
        </label>
        <label>
          Password
          <span class="hint">At least {PASSWORD_LIMITS.min} characters.</span>
          <input name="password" type="password" autocomplete="new-password" required minlength={PASSWORD_LIMITS.min} maxlength={PASSWORD_LIMITS.max} />
        </label>
        <button type="submit">Create the owner account</button>
      </form>
    </>
  );
}

function LoginForm(props: { csrf: string; email: string; problems: string[] }) {
  return (
    <>
      <FormErrors problems={props.problems} />
      <form method="post" action="/admin/login" class="admin-form">
        <input type="hidden" name="csrf" value={props.csrf} />
        <label>
          Email
          <input name="email" type="email" autocomplete="username" required maxlength={254} value={props.email} />
        </label>
        <label>
          Password
          <input name="password" type="password" autocomplete="current-password" required maxlength={PASSWORD_LIMITS.max} />
        </label>
        <button type="submit">Sign in</button>
      </form>
      <p><a href="/admin/forgot">Forgot your password?</a></p>
    </>
  );
}

/** Registers /admin, /admin/setup, /admin/login, /admin/logout and /admin/logout-everywhere. */
export function registerAuthRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const formLimit = bodyLimit({ maxSize: 64 * 1024, onError: (c) => errorPage(c as AnyContext, ctx, 413, 'The form sent more data than this page accepts.') });
  // Admin forms are small; the JSON API (articles, uploads) sets its own limits.
  // The subscriber import takes a CSV file and applies its own, larger limit.
  const ownLimit = (path: string) => path.startsWith('/admin/api/') || /^\/admin\/newsletters\/\d+\/subscribers\/import$/.test(path);
  app.use('/admin/*', async (c: Context<AppEnv, string>, next: Next) => (ownLimit(c.req.path) ? next() : formLimit(c, next)));

  app.get('/admin', async (c) => {
    if ((await countUsers(ctx.db)) === 0) return c.redirect('/admin/setup', 303);
    const user = await currentUser(c, ctx);
    if (!user) return c.redirect('/admin/login', 303);
    if (!can(user, 'admin.enter')) throw new PublicError(403, 'Your account cannot use the admin.');
    return inboxPage(c, ctx, user);
  });

  app.get('/admin/setup', async (c) => {
    if ((await countUsers(ctx.db)) > 0) return c.redirect('/admin/login', 303);
    return adminPage(c, ctx, 'Set up Masthead', <SetupForm csrf={formCsrfToken(c, ctx)} values={{ name: '', email: '' }} problems={[]} />);
  });

  app.post('/admin/setup', async (c) => {
    const form = await c.req.parseBody();
    checkCsrf(c, form.csrf, null);
    const ip = clientIp(c);
    const limited = await hitRateLimit(ctx.db, `setup:${ip ?? 'unknown'}`, 20, FIFTEEN_MINUTES);
    if (!limited.allowed) throw new PublicError(429, `Too many attempts. Try again in ${limited.retryAfterSeconds} seconds.`);
    // The setup is one-time: once any account exists it is closed, whatever the request says.
    if ((await countUsers(ctx.db)) > 0) throw new PublicError(403, 'Masthead is already set up. Sign in instead.');
    const values = { name: field(form, 'name'), email: field(form, 'email') };
    let userId: number;
    try {
      userId = await createUser(ctx.db, { ...values, password: field(form, 'password'), role: 'owner' }, { actorUserId: null, ip });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return adminPage(c, ctx, 'Set up Masthead', <SetupForm csrf={formCsrfToken(c, ctx)} values={values} problems={error.problems} />, 422);
    }
    const session = await createSession(ctx.db, userId, { ip, userAgent: c.req.header('user-agent') ?? null });
    setSessionCookie(c, ctx, session.token);
    await recordAudit(ctx.db, { actorUserId: userId, action: 'user.signin', subjectType: 'user', subjectId: userId, ip });
    return c.redirect('/admin', 303);
  });

  app.get('/admin/login', async (c) => {
    if ((await countUsers(ctx.db)) === 0) return c.redirect('/admin/setup', 303);
    return adminPage(c, ctx, 'Sign in', <LoginForm csrf={formCsrfToken(c, ctx)} email="" problems={[]} />);
  });

  app.post('/admin/login', async (c) => {
    const form = await c.req.parseBody();
    checkCsrf(c, form.csrf, null);
    const ip = clientIp(c);
    const email = field(form, 'email').trim().toLowerCase().slice(0, 254);
    // Per address and per account: guessing one account's password and spraying many
    // accounts from one address are both slowed. The answer never says which applied.
    const byIp = await hitRateLimit(ctx.db, `login-ip:${ip ?? 'unknown'}`, 30, FIFTEEN_MINUTES);
    const byAccount = await hitRateLimit(ctx.db, `login-account:${email}`, 10, FIFTEEN_MINUTES);
    if (!byIp.allowed || !byAccount.allowed) {
      throw new PublicError(429, `Too many sign-in attempts. Try again in ${Math.max(byIp.retryAfterSeconds, byAccount.retryAfterSeconds)} seconds.`);
    }
    const account = await checkCredentials(ctx.db, email, field(form, 'password'));
    if (!account) {
      await recordAudit(ctx.db, { actorUserId: null, action: 'user.signin_failed', details: { email }, ip });
      return adminPage(c, ctx, 'Sign in', <LoginForm csrf={formCsrfToken(c, ctx)} email={email} problems={['The email or password is not right.']} />, 401);
    }
    const session = await createSession(ctx.db, account.id, { ip, userAgent: c.req.header('user-agent') ?? null });
    setSessionCookie(c, ctx, session.token);
    await recordAudit(ctx.db, { actorUserId: account.id, action: 'user.signin', subjectType: 'user', subjectId: account.id, ip });
    return c.redirect('/admin', 303);
  });

  app.post('/admin/logout', async (c) => {
    const form = await c.req.parseBody();
    const user = await currentUser(c, ctx);
    if (user) {
      checkCsrf(c, form.csrf, user);
      await destroySession(ctx.db, user.tokenHash);
      await recordAudit(ctx.db, { actorUserId: user.id, action: 'user.signout', subjectType: 'user', subjectId: user.id, ip: clientIp(c) });
    }
    clearSessionCookie(c, ctx);
    return c.redirect('/admin/login', 303);
  });

  app.post('/admin/logout-everywhere', async (c) => {
    const form = await c.req.parseBody();
    const user = await currentUser(c, ctx);
    if (!user) return c.redirect('/admin/login', 303);
    checkCsrf(c, form.csrf, user);
    await destroyAllSessions(ctx.db, user.id);
    await recordAudit(ctx.db, { actorUserId: user.id, action: 'user.signout_everywhere', subjectType: 'user', subjectId: user.id, ip: clientIp(c) });
    clearSessionCookie(c, ctx);
    return c.redirect('/admin/login', 303);
  });
}

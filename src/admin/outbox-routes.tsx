/** The admin outbox: every email the platform sent or kept (the install's mailbox when no SMTP server is set). */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { can } from '../accounts/policy.ts';
import { PublicError } from '../http/errors.tsx';
import { htmlPage } from '../http/respond.ts';
import { getOutboxMessage, listOutbox } from '../mail/outbox.ts';
import { AdminLayout } from './admin-layout.tsx';
import { currentUser } from './session-middleware.ts';

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_(\d{1,15})$/;

/** Registers /admin/outbox and /admin/outbox/:id (admins and owners). */
export function registerOutboxRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  app.get('/admin/outbox', async (c) => {
    const user = await currentUser(c, ctx);
    if (!user) return c.redirect('/admin/login', 303);
    if (!can(user, 'outbox.read')) throw new PublicError(403, 'Only admins can read the outbox.');
    const raw = c.req.query('before');
    const match = raw === undefined ? null : CURSOR.exec(raw);
    if (raw !== undefined && !match) throw new PublicError(400, 'The "before" value in this address is not a valid page marker.');
    const page = await listOutbox(ctx.db, { limit: 50, ...(match?.[1] && match[2] ? { before: { at: match[1], id: Number(match[2]) } } : {}) });
    const catalog = await ctx.catalog();
    return htmlPage(
      c,
      ctx,
      <AdminLayout title="Outbox" user={user} assetPath={ctx.assetPath} siteName={catalog.site.name}>
        <p>{ctx.config.smtpUrl ? 'Every email the platform sent, newest first.' : 'No SMTP server is configured (SMTP_URL), so emails are kept here instead of being sent.'}</p>
        {page.messages.length === 0 ? (
          <p>No emails yet.</p>
        ) : (
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Purpose</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {page.messages.map((message) => (
                <tr>
                  <td>
                    <time datetime={message.createdAt}>{message.createdAt.replace('T', ' ').slice(0, 16)} UTC</time>
                  </td>
                  <td>{message.to}</td>
                  <td>
                    <a href={`/admin/outbox/${message.id}`}>{message.subject}</a>
                  </td>
                  <td>{message.purpose}</td>
                  <td>{message.status === 'failed' ? `failed: ${message.error ?? ''}` : message.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {page.next ? (
          <p>
            <a href={`/admin/outbox?before=${page.next.at}_${page.next.id}`} rel="next">
              Older emails
            </a>
          </p>
        ) : null}
      </AdminLayout>,
      { cacheable: false, language: 'en' },
    );
  });

  app.get('/admin/outbox/:id', async (c) => {
    const user = await currentUser(c, ctx);
    if (!user) return c.redirect('/admin/login', 303);
    if (!can(user, 'outbox.read')) throw new PublicError(403, 'Only admins can read the outbox.');
    const id = c.req.param('id');
    const message = /^\d{1,15}$/.test(id) ? await getOutboxMessage(ctx.db, Number(id)) : null;
    if (!message) throw new PublicError(404, 'No email has that number.');
    const catalog = await ctx.catalog();
    // The message is shown as text, never as HTML: an email's HTML is not this page's to run.
    return htmlPage(
      c,
      ctx,
      <AdminLayout title={message.subject} user={user} assetPath={ctx.assetPath} siteName={catalog.site.name}>
        <dl>
          <dt>To</dt>
          <dd>{message.to}</dd>
          <dt>From</dt>
          <dd>{message.from}</dd>
          <dt>Message-ID</dt>
          <dd>{message.messageId}</dd>
          <dt>Status</dt>
          <dd>{message.status}</dd>
        </dl>
        <h2>Text</h2>
        <pre class="admin-message">{message.text}</pre>
      </AdminLayout>,
      { cacheable: false, language: 'en' },
    );
  });
}

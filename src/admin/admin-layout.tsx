/** The frame of every admin page: a plain, keyboard-friendly shell with the signed-in user's menu. */
import type { Child } from '../site/jsx/jsx-runtime.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import { can } from '../accounts/policy.ts';

/** Renders an admin page. */
export function AdminLayout(props: { title: string; user: SessionUser | null; assetPath: (name: string) => string; siteName: string; children: Child }) {
  const { user } = props;
  return (
    <html lang="en" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} | ${props.siteName} admin`}</title>
        <link rel="stylesheet" href={props.assetPath('styles.css')} />
        <link rel="stylesheet" href={props.assetPath('admin.css')} />
        <link rel="icon" href={props.assetPath('favicon.svg')} type="image/svg+xml" />
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <header class="admin-header">
          <a class="admin-header__brand" href="/admin">
            {props.siteName} <span>admin</span>
          </a>
          {user ? (
            <nav class="admin-nav" aria-label="Admin">
              <ul>
                <li>
                  <a href="/admin">Dashboard</a>
                </li>
                {can(user, 'outbox.read') ? (
                  <li>
                    <a href="/admin/outbox">Outbox</a>
                  </li>
                ) : null}
                <li>
                  <a href="/">View site</a>
                </li>
              </ul>
              <form method="post" action="/admin/logout" class="admin-nav__signout">
                <input type="hidden" name="csrf" value={user.csrfToken} />
                <button type="submit">Sign out {user.name}</button>
              </form>
            </nav>
          ) : null}
        </header>
        <main id="main" tabindex={-1} class="admin-main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A list of field problems at the top of a form, announced to screen readers. */
export function FormErrors(props: { problems: string[] }) {
  if (props.problems.length === 0) return null;
  return (
    <div class="form-errors" role="alert">
      <p>Please fix the following:</p>
      <ul>
        {props.problems.map((problem) => (
          <li>{problem}</li>
        ))}
      </ul>
    </div>
  );
}

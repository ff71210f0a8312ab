/** The frame of every admin page: a plain, keyboard-friendly shell with the signed-in user's menu. */
import type { Child } from '../site/jsx/jsx-runtime.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import { can } from '../accounts/policy.ts';

/** The admin's sections a user may open. */
function navItems(user: SessionUser): { href: string; label: string }[] {
  const items = [
    { href: '/admin', label: 'Inbox' },
    { href: '/admin/articles', label: 'Articles' },
    { href: '/admin/articles/new', label: 'New article' },
    { href: '/admin/media', label: 'Media' },
  ];
  if (can(user, 'taxonomy.manage')) items.push({ href: '/admin/sections', label: 'Sections' }, { href: '/admin/tags', label: 'Tags' }, { href: '/admin/authors', label: 'Authors' });
  if (can(user, 'newsletters.manage')) items.push({ href: '/admin/newsletters', label: 'Newsletters' });
  if (can(user, 'syndication.manage')) items.push({ href: '/admin/syndication', label: 'Republishing' });
  if (can(user, 'settings.manage')) items.push({ href: '/admin/settings', label: 'Settings' });
  if (can(user, 'users.manage')) items.push({ href: '/admin/users', label: 'Users' });
  if (can(user, 'audit.read')) items.push({ href: '/admin/audit', label: 'Audit log' });
  if (can(user, 'outbox.read')) items.push({ href: '/admin/outbox', label: 'Outbox' });
  items.push({ href: '/', label: 'View site' });
  return items;
}

/** Renders an admin page. */
export function AdminLayout(props: {
  title: string;
  user: SessionUser | null;
  assetPath: (name: string) => string;
  siteName: string;
  children: Child;
  /** Module scripts of an island (same-origin URLs); the page must be served with `scripts: true`. */
  scripts?: string[];
  /** Extra stylesheets (same-origin URLs). */
  styles?: string[];
  /** Use the full width (the editor). */
  wide?: boolean;
  /** Where the page sits in the navigation, for aria-current. */
  current?: string;
}) {
  const { user } = props;
  return (
    <html lang="en" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        {user ? <meta name="csrf-token" content={user.csrfToken} /> : null}
        <title>{`${props.title} | ${props.siteName} admin`}</title>
        <link rel="stylesheet" href={props.assetPath('styles.css')} />
        <link rel="stylesheet" href={props.assetPath('admin.css')} />
        <link rel="stylesheet" href={props.assetPath('newsroom.css')} />
        {(props.styles ?? []).map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        <link rel="icon" href={props.assetPath('favicon.svg')} type="image/svg+xml" />
        {(props.scripts ?? []).map((src) => (
          <script type="module" src={src}></script>
        ))}
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
                {navItems(user).map((item) => (
                  <li>
                    <a href={item.href} aria-current={props.current === item.href ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
              <form method="post" action="/admin/logout" class="admin-nav__signout">
                <input type="hidden" name="csrf" value={user.csrfToken} />
                <button type="submit">Sign out {user.name}</button>
              </form>
            </nav>
          ) : null}
        </header>
        <main id="main" tabindex={-1} class={props.wide ? 'admin-main admin-main--wide' : 'admin-main'}>
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

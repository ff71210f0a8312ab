/**
 * A signed-in (or signed-out) admin client for in-process tests: a cookie jar around
 * `app.request`, form posts, and JSON Admin API calls carrying the CSRF header.
 */
import { createSession } from '../../src/accounts/sessions.ts';
import { createUser } from '../../src/accounts/users.ts';
import type { Role } from '../../src/db/schema.ts';
import type { TestApp } from '../http-harness.ts';

/** How a test request is built. */
export interface RequestInit {
  method?: string;
  form?: Record<string, string>;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/** A cookie jar speaking to the in-process app. */
export class AdminClient {
  readonly cookies = new Map<string, string>();
  csrfToken = '';
  constructor(private readonly t: TestApp) {}

  /** Sends a request with the jar's cookies and keeps the cookies it sets. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...init.headers };
    let body: BodyInit | undefined = init.body;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const method = init.method ?? (body === undefined ? 'GET' : 'POST');
    const response = await this.t.app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1));
    }
    return response;
  }

  /** An Admin API call with the session's CSRF token (pass `csrf: false` to forge one without it). */
  async api(method: string, path: string, json?: unknown, options: { csrf?: boolean | string } = {}): Promise<Response> {
    const token = typeof options.csrf === 'string' ? options.csrf : options.csrf === false ? undefined : this.csrfToken;
    return this.request(path, { method, ...(json === undefined ? {} : { json }), headers: token ? { 'x-csrf-token': token } : {} });
  }

  /** The CSRF token of a form on a page (session token when signed in, form cookie before). */
  async formCsrf(path: string): Promise<string> {
    const html = await (await this.request(path)).text();
    return /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  }
}

let counter = 0;

/** Creates an active account of a role and a client signed in as it (session made directly: fast). */
export async function signInAs(t: TestApp, role: Role, name = `${role} ${++counter}`): Promise<{ client: AdminClient; userId: number; email: string }> {
  const email = `${role}.${++counter}.${process.pid}@example.test`;
  const userId = await createUser(t.ctx.db, { email, name, role, password: 'correct horse battery staple' }, { actorUserId: null });
  const session = await createSession(t.ctx.db, userId, { ip: null, userAgent: 'test' });
  const client = new AdminClient(t);
  client.cookies.set('masthead_session', session.token);
  client.csrfToken = session.csrfToken;
  return { client, userId, email };
}

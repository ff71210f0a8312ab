/**
 * The Admin API's plumbing: who is calling, the CSRF header every state-changing call
 * must carry, JSON bodies read within limits, and JSON answers for every failure
 * (never an HTML page, never a stack trace).
 */
import type { Context, Hono, Input, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { AppContext, AppEnv } from '../app-context.ts';
import { can } from '../accounts/policy.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import { PublicError } from '../http/errors.tsx';
import type { ApiError } from '../newsroom/editable.ts';
import { isSameToken } from '../shared/same-token.ts';
import { ValidationError, describeIssues } from '../shared/validation.ts';
import { currentUser } from './session-middleware.ts';

type AnyContext = Context<AppEnv, string, Input>;

/** Header that carries the session's CSRF token on every state-changing API call. */
export const CSRF_HEADER = 'x-csrf-token';
/** Largest JSON body (an article with a long body document). */
export const MAX_JSON_BYTES = 4 * 1024 * 1024;
/** Largest upload request (the image limit plus form overhead). */
export const MAX_UPLOAD_REQUEST_BYTES = 26 * 1024 * 1024;

/** A failure with a status and a JSON body for the client. */
export class ApiFailure extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    readonly body: ApiError,
  ) {
    super(body.message);
    this.name = 'ApiFailure';
  }
}

/** Shorthand for the common failures. */
export const fail = {
  forbidden: (message = 'Your role does not allow this.') => new ApiFailure(403, { error: 'forbidden', message }),
  notFound: (message = 'Not found.') => new ApiFailure(404, { error: 'not_found', message }),
  badRequest: (message: string) => new ApiFailure(400, { error: 'bad_request', message }),
  validation: (problems: string[]) => new ApiFailure(422, { error: 'validation', message: problems.join('; '), problems }),
};


/**
 * The signed-in staff member calling the API. Requests that change anything
 * (any method but GET/HEAD) must carry the session's CSRF token in `x-csrf-token`.
 */
export async function apiUser(c: AnyContext, app: AppContext): Promise<SessionUser> {
  const user = await currentUser(c, app);
  if (!user) throw new ApiFailure(401, { error: 'unauthenticated', message: 'Sign in first.' });
  if (!can(user, 'admin.enter')) throw fail.forbidden('Your account cannot use the admin.');
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !isSameToken(c.req.header(CSRF_HEADER), user.csrfToken)) {
    throw new ApiFailure(403, { error: 'csrf', message: 'This request did not carry a valid CSRF token. Reload the page and try again.' });
  }
  return user;
}

/** Reads and validates a JSON body. */
export async function readJson<S extends z.ZodType>(c: AnyContext, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new ApiFailure(415, { error: 'bad_request', message: 'Send JSON (Content-Type: application/json).' });
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw fail.badRequest('The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw fail.validation(describeIssues(parsed.error));
  return parsed.data;
}

/** Parses a positive integer path parameter or answers 404. */
export function idParam(c: AnyContext, name = 'id'): number {
  const raw = c.req.param(name) ?? '';
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw fail.notFound();
  return Number(raw);
}

/** A JSON answer that no cache keeps. */
export function apiJson<P extends string, I extends Input>(c: Context<AppEnv, P, I>, body: unknown, status: ContentfulStatusCode = 200): Response {
  return c.json(body as object, status, { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
}

/** The JSON answer for an error raised anywhere under /admin/api/. */
export function apiErrorResponse<P extends string, I extends Input>(c: Context<AppEnv, P, I>, error: unknown): Response | null {
  if (error instanceof ApiFailure) return apiJson(c, error.body, error.status);
  if (error instanceof ValidationError) return apiJson(c, { error: 'validation', message: error.message, problems: error.problems }, 422);
  if (error instanceof PublicError) {
    const kind = error.status === 404 ? 'not_found' : error.status === 403 ? 'forbidden' : error.status === 429 ? 'rate_limited' : error.status === 413 ? 'too_large' : 'bad_request';
    return apiJson(c, { error: kind, message: error.message }, error.status);
  }
  return null;
}

/** Whether a request is an Admin API call. */
export function isApiPath(path: string): boolean {
  return path.startsWith('/admin/api/');
}

/** Body-size limits for the API: uploads get room for an image, everything else for an article. */
export function registerApiLimits(app: Hono<AppEnv>): void {
  const tooLarge = (c: AnyContext) => apiJson(c, { error: 'too_large', message: 'The request is larger than this endpoint accepts.' }, 413);
  app.use('/admin/api/media', bodyLimit({ maxSize: MAX_UPLOAD_REQUEST_BYTES, onError: tooLarge }));
  app.use('/admin/api/*', async (c: Context<AppEnv, string>, next: Next) => {
    if (c.req.path === '/admin/api/media') return next();
    return bodyLimit({ maxSize: MAX_JSON_BYTES, onError: tooLarge })(c, next);
  });
}

// The island's only way to reach the server: same-origin JSON calls to the Admin API,
// with the session's CSRF token on everything that changes something.
import type { ApiError } from '../../../newsroom/editable.ts';

/** An answer from the API: the parsed JSON body and its status, or a network failure (status 0). */
export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ApiError | { error: 'network' | 'server'; message: string } };

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

/** Sends one request; never throws (network failures come back as status 0). */
export async function apiCall<T>(method: string, path: string, body?: unknown, options: { keepalive?: boolean; signal?: AbortSignal } = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken();
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', keepalive: options.keepalive === true, signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return { ok: false, status: 0, error: { error: 'network', message: 'The server could not be reached.' } };
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (response.ok) return { ok: true, status: response.status, data: json as T };
  const error = isApiError(json) ? json : { error: 'server' as const, message: `The server answered ${response.status}.` };
  return { ok: false, status: response.status, error };
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && typeof (value as { error?: unknown }).error === 'string' && typeof (value as { message?: unknown }).message === 'string';
}

/** The problems of a 422 answer, or its message as the one problem. */
export function problemsOf(result: ApiResult<unknown>): string[] {
  if (result.ok) return [];
  const { error } = result;
  if (error.error === 'validation' && 'problems' in error && error.problems.length > 0) return error.problems;
  return [error.message];
}

/**
 * Fetches this page again to read a fresh CSRF token (the session was renewed in another
 * tab). Returns whether the token changed.
 */
export async function refreshCsrfToken(): Promise<boolean> {
  try {
    const response = await fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } });
    if (!response.ok) return false;
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = page.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content;
    const meta = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]');
    if (!fresh || !meta || fresh === meta.content) return false;
    meta.content = fresh;
    return true;
  } catch {
    return false;
  }
}

/** Shared pieces of the request-form tests: a valid form, a browser-like post, dates relative to today. */
import { isoNow } from '../../src/shared/time.ts';
import type { TestApp } from '../http-harness.ts';

/** The test site's origin. */
export const ORIGIN = 'https://news.example.test';
/** The double-submit token the helpers send (cookie and field). */
export const TOKEN = 'T'.repeat(43);

/** A day `days` from today, YYYY-MM-DD. */
export function day(days: number): string {
  return new Date(Date.parse(`${isoNow().slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A complete, valid form. */
export function validForm(changes: Record<string, string> = {}): Record<string, string> {
  return {
    form_token: TOKEN,
    website: '',
    name: 'Layla Mansour',
    email: 'layla@outlet.example.org',
    organisation: 'Coastal Weekly',
    outletUrl: 'https://coastal.example.org',
    outletType: 'commercial',
    medium: 'print',
    territoryScope: 'national',
    country: 'JO',
    language: 'ar',
    audienceBand: '10k-100k',
    exclusive: 'no',
    periodStart: day(10),
    periodEnd: day(375),
    intendedDate: day(20),
    message: 'We would like to run this in our weekend edition.\nThank you.',
    ...changes,
  };
}

/** Posts a form as a browser on this site would, from a client address. */
export function postForm(t: TestApp, path: string, form: Record<string, string>, options: { ip?: string; headers?: Record<string, string>; cookie?: string | null } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...options.headers };
  const cookie = options.cookie === undefined ? `masthead_public_form=${TOKEN}` : options.cookie;
  if (cookie) headers.cookie = cookie;
  const env = { incoming: { socket: { remoteAddress: options.ip ?? '203.0.113.1' } } };
  return Promise.resolve(t.app.request(path, { method: 'POST', headers, body: new URLSearchParams(form).toString() }, env));
}


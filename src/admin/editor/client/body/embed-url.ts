// Which service an embed URL belongs to. Detection reuses the server's own host
// rules (embedUrlProblem), so the editor cannot disagree with validation about them.

import { EMBED_PROVIDERS, EMBED_PROVIDER_NAMES } from '../../../../articles/body/document.ts';
import type { EmbedProvider } from '../../../../articles/body/document.ts';
import { embedUrlProblem } from '../../../../articles/body/url.ts';

/** What an editor calls each provider in the embed form and card. */
export const EMBED_PROVIDER_LABELS: Readonly<Record<EmbedProvider, string>> = { ...EMBED_PROVIDER_NAMES, other: 'Other site' };

/** A URL that can be embedded, with its provider, or the reason it cannot. */
export type EmbedDetection = { ok: true; provider: EmbedProvider; url: string } | { ok: false; problem: string };

const NAMED_PROVIDERS = EMBED_PROVIDERS.filter((provider) => provider !== 'other');

/** Detects the provider of a pasted URL: a named service when its host matches, else 'other'. */
export function detectEmbed(rawUrl: string): EmbedDetection {
  const url = rawUrl.trim();
  if (url === '') return { ok: false, problem: 'Paste the address of the post or video.' };
  const problem = embedUrlProblem('other', url);
  if (problem !== null) return { ok: false, problem };
  const provider = NAMED_PROVIDERS.find((candidate) => embedUrlProblem(candidate, url) === null) ?? 'other';
  return { ok: true, provider, url };
}

/** Whether a value names a known embed provider. */
export function isEmbedProvider(value: unknown): value is EmbedProvider {
  return typeof value === 'string' && (EMBED_PROVIDERS as readonly string[]).includes(value);
}

/** Parses JSON stored by Masthead itself; a damaged value yields the fallback instead of a crash. */
export function parseStoredJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Parses a stored JSON array of strings, dropping anything that is not a string. */
export function parseStringList(text: string | null | undefined): string[] {
  const value = parseStoredJson<unknown>(text, []);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

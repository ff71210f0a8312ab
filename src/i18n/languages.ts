/** Languages Masthead can publish in, with their writing direction. */
export const LANGUAGES = {
  en: { code: 'en', name: 'English', nativeName: 'English', dir: 'ltr', locale: 'en-GB' },
  ar: { code: 'ar', name: 'Arabic', nativeName: 'العربية', dir: 'rtl', locale: 'ar' },
  fr: { code: 'fr', name: 'French', nativeName: 'Français', dir: 'ltr', locale: 'fr-FR' },
} as const;

/** A language code Masthead knows. */
export type LanguageCode = keyof typeof LANGUAGES;

/** The language whose URLs carry no prefix (`/news/…` rather than `/ar/news/…`). */
export const DEFAULT_LANGUAGE: LanguageCode = 'en';

/** Type guard for language codes arriving in URLs or input. */
export function isLanguageCode(value: string): value is LanguageCode {
  return Object.hasOwn(LANGUAGES, value);
}

/** URL prefix of a language's edition: '' for the default language, '/ar' otherwise. */
export function languagePrefix(language: string): string {
  return language === DEFAULT_LANGUAGE ? '' : `/${language}`;
}

/** Writing direction for `<html dir>`. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return isLanguageCode(language) ? LANGUAGES[language].dir : 'ltr';
}

/** The reader's language for pages reached without an edition in the path (links in mail), from Accept-Language. */
export function preferredLanguage(header: string | undefined): string {
  let best = { language: DEFAULT_LANGUAGE as string, q: 0 };
  for (const part of (header ?? '').slice(0, 500).split(',')) {
    const [range = '', ...params] = part.trim().split(';');
    const language = range.trim().toLowerCase().split('-')[0] ?? '';
    const q = Number(params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean) ?? '1');
    if (isLanguageCode(language) && q > best.q) best = { language, q };
  }
  return best.language;
}

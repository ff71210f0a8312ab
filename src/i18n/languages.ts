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

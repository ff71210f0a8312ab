/** The languages an author works in, as an editor types them (codes or names) and as profiles store them. */
import { LANGUAGES, isLanguageCode } from '../i18n/languages.ts';

/** What separates the languages typed into a profile (names may hold spaces). */
export const LANGUAGE_SEPARATOR = /[,;\r\n]+/;
const languageNames = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
let codesByName: Map<string, string> | null = null;

/** Language names (English, and each edition's own) to their ISO 639-1 codes, built once when first needed. */
function languageCodesByName(): Map<string, string> {
  if (codesByName) return codesByName;
  codesByName = new Map();
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const first of letters) {
    for (const second of letters) {
      const name = languageNames.of(first + second);
      if (name) codesByName.set(name.toLocaleLowerCase(), first + second);
    }
  }
  for (const language of Object.values(LANGUAGES)) codesByName.set(language.nativeName.toLocaleLowerCase(), language.code);
  return codesByName;
}

/**
 * How a typed language is stored: a code ("ar") or a name ("Arabic", "العربية") of an
 * edition language becomes its code, any other language its English name ("Persian");
 * null when it names no language. Author pages show edition codes as names and other
 * entries as they are, so this keeps every profile readable (the demo stores names).
 */
export function storedLanguage(entry: string): string | null {
  const text = entry.trim();
  const code = /^[a-z]{2,3}$/i.test(text) ? text.toLowerCase() : languageCodesByName().get(text.toLocaleLowerCase());
  if (code === undefined) return null;
  if (isLanguageCode(code)) return code;
  return languageNames.of(code) ?? null;
}

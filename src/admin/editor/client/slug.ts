// Slugs from headlines; pure, so the server view and the island share it.

/**
 * A slug from a headline: ASCII letters and digits, lowercased, joined by single hyphens.
 * Accents are dropped ("Café" → "cafe"); scripts without a Latin form (Arabic) give "".
 */
export function slugify(headline: string): string {
  const ascii = headline
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= 120) return ascii;
  // Cut at a word boundary rather than mid-word.
  const cut = ascii.slice(0, 121);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 40 ? cut.slice(0, lastHyphen) : ascii.slice(0, 120)).replace(/-+$/, '');
}

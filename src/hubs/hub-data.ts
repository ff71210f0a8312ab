/**
 * What a hub page shows besides its articles: the tag, its country (for a place), the
 * places inside it (for a country) and the locator map. No HTTP here; the route in
 * src/tags/routes.tsx validates, calls these and renders.
 */
import type { Kysely } from 'kysely';
import type { Database, TagRow } from '../db/schema.ts';
import { parseStringList } from '../shared/json.ts';
import { countryOutline } from './map/country-outline.ts';
import type { CountryOutline } from './map/country-outline.ts';
import { placeFinder } from './map/place-locator.ts';

/** A tag kind. */
export type HubKind = TagRow['kind'];

/** A tag as its hub page shows it. */
export interface HubTag {
  id: number;
  kind: HubKind;
  slug: string;
  name: string;
  description: string | null;
  aliases: string[];
  countryCode: string | null;
  /** A place's country. */
  country: { slug: string; name: string; aliases: string[]; countryCode: string | null } | null;
}

/** A place inside a country, for the country page's list and map. */
export interface HubPlace {
  slug: string;
  name: string;
  aliases: string[];
}

/** Places listed on a country page at most (the list is a navigation aid, not an index). */
export const MAX_HUB_PLACES = 60;

/** The tag of a hub page, or null when no tag of that kind has that slug. */
export async function findHubTag(db: Kysely<Database>, kind: HubKind, slug: string): Promise<HubTag | null> {
  const row = await db
    .selectFrom('tags')
    .leftJoin('tags as parent', (join) => join.onRef('parent.id', '=', 'tags.parent_id').on('parent.kind', '=', 'country'))
    .select(['tags.id', 'tags.kind', 'tags.slug', 'tags.name', 'tags.description', 'tags.aliases', 'tags.country_code', 'parent.slug as parent_slug', 'parent.name as parent_name', 'parent.aliases as parent_aliases', 'parent.country_code as parent_code'])
    .where('tags.kind', '=', kind)
    .where('tags.slug', '=', slug)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: Number(row.id),
    kind: row.kind,
    slug: row.slug,
    name: row.name,
    description: row.description?.trim() ? row.description : null,
    aliases: parseStringList(row.aliases),
    countryCode: row.country_code,
    country: row.kind === 'place' && row.parent_slug && row.parent_name ? { slug: row.parent_slug, name: row.parent_name, aliases: parseStringList(row.parent_aliases ?? '[]'), countryCode: row.parent_code } : null,
  };
}

/** The places inside a country, by name. */
export async function placesInCountry(db: Kysely<Database>, countryId: number): Promise<HubPlace[]> {
  const rows = await db.selectFrom('tags').select(['slug', 'name', 'aliases']).where('parent_id', '=', countryId).where('kind', '=', 'place').orderBy('name').orderBy('id').limit(MAX_HUB_PLACES).execute();
  return rows.map((row) => ({ slug: row.slug, name: row.name, aliases: parseStringList(row.aliases) }));
}

const ARABIC_SCRIPT = /\p{Script=Arabic}/u;
const regionNames = new Map<string, Intl.DisplayNames>();

/**
 * A tag's name for an edition. Tags are named in the newsroom's main language; the Arabic
 * edition shows the name, or else the first alias, written in Arabic script (the
 * newsroom's own spelling), and
 * any non-English edition falls back to ICU's name of a country ("الأردن", "Jordanie").
 */
export function editionName(tag: { name: string; aliases: readonly string[]; countryCode?: string | null }, language: string): string {
  if (language === 'en') return tag.name;
  if (language === 'ar') {
    const alias = [tag.name, ...tag.aliases].find((candidate) => ARABIC_SCRIPT.test(candidate));
    if (alias) return alias;
  }
  if (!tag.countryCode) return tag.name;
  let names = regionNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames(language, { type: 'region', fallback: 'none' });
    regionNames.set(language, names);
  }
  return names.of(tag.countryCode) ?? tag.name;
}

/** The locator map of a hub: whose outline, and which places to mark on it. */
export interface HubMap {
  outline: CountryOutline;
  /** The country drawn, as a tag (for its name in each edition). */
  country: { name: string; aliases: string[]; countryCode: string };
  markers: { x: number; y: number; isCurrent: boolean }[];
  /** Whether the place of a place page could be located and is marked. */
  marksPlace: boolean;
}

/**
 * The map of a country page (with its places as dots) or a place page (its country, the
 * place marked when its coordinates are known); null for other kinds, for countries
 * without an ISO code, and for territories the atlas does not draw.
 */
export async function hubMapFor(tag: HubTag, places: readonly HubPlace[]): Promise<HubMap | null> {
  const code = tag.kind === 'country' ? tag.countryCode : tag.kind === 'place' ? (tag.country?.countryCode ?? null) : null;
  if (!code) return null;
  const country = { name: tag.kind === 'country' ? tag.name : (tag.country?.name ?? ''), aliases: tag.kind === 'country' ? tag.aliases : (tag.country?.aliases ?? []), countryCode: code };
  const outline = countryOutline(code);
  if (!outline) return null;
  const markers: HubMap['markers'] = [];
  let marksPlace = false;
  const locatePlace = tag.kind === 'place' || places.length > 0 ? await placeFinder() : () => null;
  const mark = (place: { name: string; aliases: string[] }, isCurrent: boolean) => {
    const lonLat = locatePlace(code, [place.name, ...place.aliases]);
    const point = lonLat ? outline.project(lonLat) : null;
    if (point) markers.push({ x: point[0], y: point[1], isCurrent });
    return point !== null;
  };
  if (tag.kind === 'country') {
    for (const place of places) mark(place, false);
  } else {
    marksPlace = mark(tag, true);
  }
  return { outline, country, markers, marksPlace };
}

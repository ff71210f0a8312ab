/**
 * The small locator map of a country hub, drawn on the server from Natural Earth data
 * shipped in `world-atlas` (nothing is fetched): the country filled, its neighbours
 * around it for context, in an equal-area projection centred on the country.
 *
 * Countries are matched by ISO code (alpha-2 → numeric, see iso-numeric.ts), or by their
 * English name for the one without a numeric code (Kosovo). The 1:50m data covers almost
 * every country; large countries are drawn from the 1:110m data (their detail would be
 * lost at this size anyway), tiny states missing at 1:50m are looked up once in the
 * 1:10m data, and a territory absent from all (Réunion is drawn as part of France) gets
 * no map. Results are cached per country for the life of the process: drawing one costs
 * tens of milliseconds, serving it nothing.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { geoArea, geoAzimuthalEqualArea, geoCentroid, geoCircle, geoDistance, geoPath } from 'd3-geo';
import type { GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { CompactPath } from './compact-path.ts';
import { numericCountryCode } from './iso-numeric.ts';

/** A drawn country: SVG path data in a `width` × `height` frame (pixels of the viewBox). */
export interface CountryOutline {
  width: number;
  height: number;
  /** The country itself. */
  country: string;
  /** Every other country inside the frame, as one path (clipped to the frame). */
  neighbours: string;
  /** Which Natural Earth scale the outline came from. */
  scale: Scale;
  /** For a country too small to see at the map's scale: a ring drawn round it (and a dot when it is a speck). */
  ring: { cx: number; cy: number; r: number; hasDot: boolean } | null;
  /** Projects [longitude, latitude] into the frame (for markers); null outside it. */
  project: (lonLat: [number, number]) => [number, number] | null;
}

/** Width and height of the map frame, in viewBox units. */
export const MAP_WIDTH = 320;
export const MAP_HEIGHT = 240;
const PADDING = 18;
/** The map never shows less than this radius (degrees) round the centre, so a city-state has neighbours to sit among. */
const MIN_RADIUS = 1.2;
/** Below this drawn size (pixels across) a country is ringed, and below DOT_SIZE also dotted, so it can be found. */
const RING_SIZE = 36;
const DOT_SIZE = 6;
/** Polygons of a country this close to its mainland (or to one another) are always framed with it. */
const MIN_REACH_KM = 300;
const EARTH_RADIUS_KM = 6371;
/** Countries reaching further than this (degrees) from their centre are drawn from the 1:110m data. */
const LARGE_RADIUS = 15;
type Scale = '110m' | '50m' | '10m';
type CountryFeature = Feature<Geometry, { name: string }>;
type Atlas = CountryFeature[];

const require = createRequire(import.meta.url);

/** Compact SVG path data of some features through a projection. */
function pathData(projection: GeoProjection, items: CountryFeature[], dropSpecks: boolean): string {
  const context = new CompactPath(dropSpecks);
  const path = geoPath(projection, context);
  for (const item of items) path(item);
  return context.result();
}

/**
 * A few tiny islands in the data are wound the wrong way round, which d3 reads as "the
 * whole globe except this island" (the 1:10m Maldives fills any frame near them). A
 * polygon larger than a hemisphere is such a mistake here: its rings are reversed.
 */
function rewound(polygon: Position[][]): Position[][] {
  return geoArea({ type: 'Polygon', coordinates: polygon }) > 2 * Math.PI ? polygon.map((ring) => [...ring].reverse()) : polygon;
}

function loadAtlas(scale: Scale): Atlas {
  const file = require.resolve(`world-atlas/countries-${scale}.json`);
  const topology = JSON.parse(fs.readFileSync(file, 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const features = (feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>).features;
  for (const item of features) {
    if (item.geometry.type === 'Polygon') item.geometry.coordinates = rewound(item.geometry.coordinates);
    else if (item.geometry.type === 'MultiPolygon') item.geometry.coordinates = item.geometry.coordinates.map(rewound);
  }
  return features;
}

let atlas50m: Atlas | null = null;
let atlas110m: Atlas | null = null;
const outlines = new Map<string, CountryOutline | null>();

/** The features that make up a country in an atlas: by numeric ISO code, else by name. */
function findCountry(atlas: Atlas, alpha2: string, names: readonly string[]): CountryFeature[] {
  const numeric = numericCountryCode(alpha2);
  if (numeric) {
    const byCode = atlas.filter((item) => item.id === numeric);
    if (byCode.length > 0) return byCode;
  }
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  return atlas.filter((item) => item.id === undefined && wanted.has(item.properties.name.toLowerCase()));
}

function polygonsOf(features: CountryFeature[]): Position[][][] {
  const polygons: Position[][][] = [];
  for (const item of features) {
    if (item.geometry.type === 'Polygon') polygons.push(item.geometry.coordinates);
    else if (item.geometry.type === 'MultiPolygon') polygons.push(...item.geometry.coordinates);
  }
  return polygons;
}

/**
 * The part of a country to frame: its largest landmass and every polygon within reach of
 * it, chained (an archipelago stays whole), leaving out far territories that would shrink
 * the mainland to a dot (French Guiana for France, the Canaries for Spain, Hawaii for the
 * US). Reach: 55% of the mainland's size, and never less than MIN_REACH_KM, measured
 * between bounding boxes in an equal-area projection centred on the mainland.
 */
function mainCluster(polygons: Position[][][]): MultiPolygon {
  const areas = polygons.map((coordinates) => geoArea({ type: 'Polygon', coordinates }));
  const largest = areas.indexOf(Math.max(...areas));
  const main = polygons[largest];
  if (!main) return { type: 'MultiPolygon', coordinates: polygons };
  const [lon, lat] = geoCentroid({ type: 'Polygon', coordinates: main });
  const probe = geoAzimuthalEqualArea().rotate([-lon, -lat]);
  const path = geoPath(probe);
  const boxes = polygons.map((coordinates) => path.bounds({ type: 'Polygon', coordinates }));
  const mainBox = boxes[largest] ?? [[0, 0], [0, 0]];
  // Projected units are Earth radii times the projection's scale.
  const minReach = (MIN_REACH_KM / EARTH_RADIUS_KM) * probe.scale();
  const reach = Math.max(minReach, 0.55 * Math.max(mainBox[1][0] - mainBox[0][0], mainBox[1][1] - mainBox[0][1]));
  const gap = ([[ax0, ay0], [ax1, ay1]]: [[number, number], [number, number]], [[bx0, by0], [bx1, by1]]: [[number, number], [number, number]]) =>
    Math.hypot(Math.max(0, bx0 - ax1, ax0 - bx1), Math.max(0, by0 - ay1, ay0 - by1));
  const kept = new Set([largest]);
  for (let grew = true; grew; ) {
    grew = false;
    boxes.forEach((box, index) => {
      if (kept.has(index) || !Number.isFinite(box[0][0])) return;
      for (const other of kept) {
        if (gap(boxes[other] ?? mainBox, box) <= reach) {
          kept.add(index);
          grew = true;
          return;
        }
      }
    });
  }
  return { type: 'MultiPolygon', coordinates: [...kept].sort((a, b) => a - b).map((index) => polygons[index] ?? []) };
}

/** How far (degrees) the cluster reaches from its centre. */
function angularRadius(cluster: MultiPolygon, centre: [number, number]): number {
  let furthest = 0;
  for (const polygon of cluster.coordinates) {
    for (const [x = 0, y = 0] of polygon[0] ?? []) furthest = Math.max(furthest, geoDistance(centre, [x, y]));
  }
  return (furthest * 180) / Math.PI;
}

function draw(atlas: Atlas, target: CountryFeature[], scale: Scale): CountryOutline {
  const cluster = mainCluster(polygonsOf(target));
  const centre = geoCentroid(cluster);
  const isTiny = angularRadius(cluster, centre) < MIN_RADIUS;
  const projection: GeoProjection = geoAzimuthalEqualArea()
    .rotate([-centre[0], -centre[1]])
    .clipAngle(90)
    .fitExtent(
      [
        [PADDING, PADDING],
        [MAP_WIDTH - PADDING, MAP_HEIGHT - PADDING],
      ],
      isTiny ? geoCircle().center(centre).radius(MIN_RADIUS)() : cluster,
    );
  let ring: CountryOutline['ring'] = null;
  const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(cluster);
  const size = Math.hypot(x1 - x0, y1 - y0);
  if (size < RING_SIZE) {
    const round = (value: number) => Math.round(value * 10) / 10;
    ring = { cx: round((x0 + x1) / 2), cy: round((y0 + y1) / 2), r: round(Math.max(8, size / 2 + 5)), hasDot: size < DOT_SIZE };
  }
  // Clip to the frame only now: fitting measures the whole cluster.
  projection.clipExtent([
    [0, 0],
    [MAP_WIDTH, MAP_HEIGHT],
  ]);
  const targetSet = new Set(target);
  return {
    width: MAP_WIDTH,
    height: MAP_HEIGHT,
    country: pathData(projection, target, false),
    neighbours: pathData(
      projection,
      atlas.filter((item) => !targetSet.has(item)),
      true,
    ),
    scale,
    ring,
    project: (lonLat) => {
      const point = projection(lonLat);
      if (!point || point[0] < 0 || point[1] < 0 || point[0] > MAP_WIDTH || point[1] > MAP_HEIGHT) return null;
      return [Math.round(point[0] * 10) / 10, Math.round(point[1] * 10) / 10];
    },
  };
}

const regionNames = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });

/** The outline of the country with this ISO 3166-1 alpha-2 code, or null when the atlas has none. */
export function countryOutline(alpha2: string): CountryOutline | null {
  const code = alpha2.toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return null;
  if (outlines.has(code)) return outlines.get(code) ?? null;
  const name = regionNames.of(code);
  const names = name ? [name] : [];
  atlas50m ??= loadAtlas('50m');
  let outline: CountryOutline | null = null;
  const at50m = findCountry(atlas50m, code, names);
  if (at50m.length > 0) {
    const cluster = mainCluster(polygonsOf(at50m));
    if (angularRadius(cluster, geoCentroid(cluster)) > LARGE_RADIUS) {
      atlas110m ??= loadAtlas('110m');
      const at110m = findCountry(atlas110m, code, names);
      if (at110m.length > 0) outline = draw(atlas110m, at110m, '110m');
    }
    outline ??= draw(atlas50m, at50m, '50m');
  } else {
    // Tiny states: the larger file is read once for this country, then dropped.
    const atlas10m = loadAtlas('10m');
    const at10m = findCountry(atlas10m, code, names);
    if (at10m.length > 0) outline = draw(atlas10m, at10m, '10m');
  }
  outlines.set(code, outline);
  return outline;
}

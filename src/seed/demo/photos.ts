/** Draws the demo photo library: each catalogue entry rendered by its scene as SVG. */
import type { DemoPhoto } from '../demo-types.ts';
import { PHOTO_CATALOGUE, SITE_NAME, WIRE_AGENCY, photoCredit } from './photo-catalogue.ts';
import type { SceneName } from './photo-catalogue.ts';
import { createRng } from './prng.ts';
import type { Rng } from './prng.ts';
import * as cities from './scenes-cities.ts';
import * as industry from './scenes-industry.ts';
import * as land from './scenes-land.ts';
import * as objects from './scenes-objects.ts';
import { MOODS } from './svg-kit.ts';
import type { Mood } from './svg-kit.ts';

type Scene = (rng: Rng, mood: Mood) => string;

const SCENES: Record<SceneName, Scene> = { ...cities, ...land, ...industry, ...objects };

/** Builds every demo photo; the same key always yields the same picture. */
export function buildPhotos(): DemoPhoto[] {
  return PHOTO_CATALOGUE.map((p) => ({
    key: p.key,
    svg: SCENES[p.scene](createRng(`photo:${p.key}`), MOODS[p.mood]),
    alt: p.alt,
    caption: p.caption,
    credit: photoCredit(p),
    creditOrganisation: p.isWire ? WIRE_AGENCY : SITE_NAME,
    canDistribute: !p.isWire,
  }));
}

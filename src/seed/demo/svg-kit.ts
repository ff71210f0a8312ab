/**
 * Drawing primitives for the demo photos: a canvas that collects SVG elements, colour
 * helpers, skies, ridges, water and the building shapes the scenes share.
 */
import type { Rng } from './prng.ts';

/** Width of every demo photo in pixels. */
export const W = 1600;
/** Height of every demo photo in pixels. */
export const H = 900;

/** Lighting of a scene; scenes derive their silhouettes from it. */
export type MoodName = 'dawn' | 'day' | 'dusk' | 'night' | 'haze' | 'overcast';

/** Colours that one time of day lends to a scene. */
export interface Mood {
  name: MoodName;
  /** Sky from zenith through middle to horizon. */
  sky: [string, string, string];
  sun: string;
  ground: string;
  water: string;
  isNight: boolean;
}

/** The six lightings the scenes are drawn under. */
export const MOODS: Record<MoodName, Mood> = {
  dawn: { name: 'dawn', sky: ['#2c3a6b', '#b9778f', '#f5c39a'], sun: '#fff0cf', ground: '#2a2238', water: '#5a5f8a', isNight: false },
  day: { name: 'day', sky: ['#2f6fc0', '#79b4e3', '#d8eef8'], sun: '#fffbea', ground: '#4c4a3c', water: '#2f6f9a', isNight: false },
  dusk: { name: 'dusk', sky: ['#1b2150', '#8a3f64', '#f59a4f'], sun: '#ffd77a', ground: '#1d1428', water: '#4a2f55', isNight: false },
  night: { name: 'night', sky: ['#050818', '#121b3d', '#2d3b6b'], sun: '#f3efdc', ground: '#05060d', water: '#0d1430', isNight: true },
  haze: { name: 'haze', sky: ['#a9824f', '#d2ae74', '#ecd3a0'], sun: '#fff3d0', ground: '#6e4f2c', water: '#8b7a5a', isNight: false },
  overcast: { name: 'overcast', sky: ['#5d6775', '#8e98a4', '#c4c9cf'], sun: '#eef0f2', ground: '#34383e', water: '#5f6c78', isNight: false },
};

/** Formats a coordinate with at most one decimal, keeping the SVG small. */
export const n = (value: number): string => (Math.round(value * 10) / 10).toString();

function toRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function toHex([r, g, b]: [number, number, number]): string {
  const c = (x: number): string => Math.max(0, Math.min(255, Math.round(x))).toString(16).padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`;
}

/** Blends two hex colours; t=0 gives a, t=1 gives b. */
export function mix(a: string, b: string, t: number): string {
  const [ar, ag, ab] = toRgb(a);
  const [br, bg, bb] = toRgb(b);
  return toHex([ar + (br - ar) * t, ag + (bg - ag) * t, ab + (bb - ab) * t]);
}

/** Lightens (amount > 0) or darkens (amount < 0) a hex colour. */
export const shade = (hex: string, amount: number): string =>
  amount >= 0 ? mix(hex, '#ffffff', amount) : mix(hex, '#000000', -amount);

/** Nudges each channel of a colour a little, so repeated shapes do not look stamped. */
export function jitter(hex: string, rng: Rng, amount = 14): string {
  const [r, g, b] = toRgb(hex);
  // Mostly a shift in brightness, with a little per-channel tint; free tints turn stone green.
  const common = rng.range(-amount, amount);
  const d = (): number => common + rng.range(-amount, amount) * 0.25;
  return toHex([r + d(), g + d(), b + d()]);
}

/** Colour of a silhouette at a depth (0 = at the horizon, 1 = in the foreground). */
export const layer = (mood: Mood, depth: number): string => mix(mood.sky[2], mood.ground, 0.25 + depth * 0.75);

type Stop = [offset: number, color: string, opacity?: number];

/** Collects defs and drawing parts for one SVG document. */
export class Canvas {
  private readonly defs: string[] = [];
  private readonly parts: string[] = [];
  private counter = 0;

  /** Appends raw SVG markup (built with the helpers below). */
  add(...markup: string[]): void {
    this.parts.push(...markup);
  }

  private stops(stops: Stop[]): string {
    return stops
      .map(([o, c, op]) => `<stop offset="${o}" stop-color="${c}"${op === undefined ? '' : ` stop-opacity="${op}"`}/>`)
      .join('');
  }

  /** Declares a linear gradient (top to bottom unless told) and returns its fill reference. */
  linear(stops: Stop[], x1 = 0, y1 = 0, x2 = 0, y2 = 1): string {
    const id = `g${++this.counter}`;
    this.defs.push(`<linearGradient id="${id}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">${this.stops(stops)}</linearGradient>`);
    return `url(#${id})`;
  }

  /** Declares a radial gradient in object units and returns its fill reference. */
  radial(stops: Stop[], cx = 0.5, cy = 0.5, r = 0.5): string {
    const id = `g${++this.counter}`;
    this.defs.push(`<radialGradient id="${id}" cx="${cx}" cy="${cy}" r="${r}">${this.stops(stops)}</radialGradient>`);
    return `url(#${id})`;
  }

  /** Declares a Gaussian blur filter and returns its reference. */
  blur(deviation: number): string {
    const id = `f${++this.counter}`;
    this.defs.push(`<filter id="${id}" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${deviation}"/></filter>`);
    return `url(#${id})`;
  }

  /** The finished, self-contained SVG document. */
  toSvg(): string {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
      `<defs>${this.defs.join('')}</defs>${this.parts.join('')}</svg>`;
  }
}

/** A rectangle element. */
export const rect = (x: number, y: number, w: number, h: number, fill: string, extra = ''): string =>
  `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;

/** A circle element. */
export const circle = (cx: number, cy: number, r: number, fill: string, extra = ''): string =>
  `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;

/** An ellipse element. */
export const ellipse = (cx: number, cy: number, rx: number, ry: number, fill: string, extra = ''): string =>
  `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(rx)}" ry="${n(ry)}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;

/** A path element. */
export const path = (d: string, fill: string, extra = ''): string => `<path d="${d}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;

/** A closed polygon from [x, y] pairs. */
export const poly = (points: Array<[number, number]>, fill: string, extra = ''): string =>
  `<polygon points="${points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;

/** A stroked line. */
export const line = (x1: number, y1: number, x2: number, y2: number, stroke: string, width: number, extra = ''): string =>
  `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="${n(width)}"${extra ? ` ${extra}` : ''}/>`;

/** A skyline height function built from a few random sine waves. */
export function ridgeFn(rng: Rng, base: number, amplitude: number, waves = 4): (x: number) => number {
  const terms = Array.from({ length: waves }, (_, i) => ({
    freq: (i + 1) * rng.range(0.6, 1.4) * (Math.PI * 2) / W,
    phase: rng.range(0, Math.PI * 2),
    amp: amplitude / (i + 1.2),
  }));
  return (x) => base + terms.reduce((sum, t) => sum + Math.sin(x * t.freq + t.phase) * t.amp, 0);
}

/** A mountain profile: smooth swells plus sharp, folded peaks. */
export function peaksFn(rng: Rng, base: number, amplitude: number): (x: number) => number {
  const smooth = ridgeFn(rng, 0, amplitude * 0.5, 3);
  const folds = Array.from({ length: 3 }, (_, i) => ({
    freq: (i + 2) * rng.range(0.8, 1.3) * Math.PI / W,
    phase: rng.range(0, Math.PI),
    amp: amplitude / (i + 1),
  }));
  return (x) => base + smooth(x) - folds.reduce((sum, f) => sum + Math.abs(Math.sin(x * f.freq + f.phase)) * f.amp, 0);
}

/** Fills everything below a height function. */
export function ridge(fn: (x: number) => number, fill: string, bottom = H, step = 16): string {
  let d = `M0 ${n(bottom)} L0 ${n(fn(0))}`;
  for (let x = step; x <= W + step; x += step) d += ` L${n(x)} ${n(fn(x))}`;
  return path(`${d} L${W + step} ${n(bottom)} Z`, fill);
}

/** Paints the sky gradient, plus stars at night. */
export function paintSky(c: Canvas, mood: Mood, rng: Rng, horizon = H): void {
  const [top, mid, low] = mood.sky;
  c.add(rect(0, 0, W, horizon + 2, c.linear([[0, top], [0.55, mid], [1, low]], 0, 0, 0, 1)));
  if (mood.isNight) {
    for (let i = 0; i < 120; i++) c.add(circle(rng.range(0, W), rng.range(0, horizon * 0.7), rng.range(0.6, 1.8), '#ffffff', `opacity="${n(rng.range(0.3, 0.9))}"`));
  }
}

/** Paints a sun (or moon at night) with a soft glow. */
export function paintSun(c: Canvas, mood: Mood, x: number, y: number, r: number): void {
  const glow = c.radial([[0, mood.sun, 0.85], [0.25, mood.sun, 0.35], [1, mood.sun, 0]]);
  c.add(circle(x, y, r * 5, glow), circle(x, y, r, mood.sun, mood.name === 'haze' || mood.name === 'overcast' ? 'opacity="0.7"' : ''));
}

/** Paints water from `top` to the bottom edge, with glints that catch the sky light. */
export function paintWater(c: Canvas, mood: Mood, rng: Rng, top: number, glintX = W / 2): void {
  c.add(rect(0, top, W, H - top, c.linear([[0, mix(mood.sky[2], mood.water, 0.45)], [1, shade(mood.water, -0.35)]])));
  const glint = mix(mood.sun, mood.sky[2], 0.3);
  for (let i = 0; i < 70; i++) {
    const y = top + Math.pow(rng.next(), 1.6) * (H - top);
    const spread = 80 + (y - top) * 1.2;
    const x = glintX + rng.range(-spread, spread);
    const w = rng.range(10, 40) * (1 + (y - top) / 200);
    c.add(rect(x - w / 2, y, w, rng.range(1.5, 3.5), glint, `opacity="${n(rng.range(0.15, 0.55))}"`));
  }
}

/** Washes the lower part of the picture in the horizon colour, for depth or dust. */
export function paintHaze(c: Canvas, mood: Mood, from: number, to: number, strength: number): void {
  const fill = c.linear([[0, mood.sky[2], 0], [0.6, mood.sky[2], strength], [1, mood.sky[2], 0]]);
  c.add(rect(0, from, W, to - from, fill));
}

/** A dome on a drum, with a small finial. */
export function dome(cx: number, baseY: number, r: number, fill: string): string {
  const drum = r * 0.35;
  return rect(cx - r * 0.92, baseY - drum, r * 1.84, drum, fill) +
    path(`M${n(cx - r)} ${n(baseY - drum)} A${n(r)} ${n(r * 1.05)} 0 0 1 ${n(cx + r)} ${n(baseY - drum)} Z`, fill) +
    rect(cx - r * 0.04, baseY - drum - r * 1.05 - r * 0.35, r * 0.08, r * 0.4, fill);
}

/** A minaret: shaft, one or two balconies and a conical or bulbous cap. */
export function minaret(x: number, baseY: number, height: number, width: number, fill: string, pencil = false): string {
  const top = baseY - height;
  const cap = pencil ? width * 3.2 : width * 1.3;
  let s = rect(x - width / 2, top, width, height, fill);
  for (const f of pencil ? [0.25, 0.5] : [0.3]) s += rect(x - width * 0.8, top + height * f, width * 1.6, width * 0.35, fill);
  s += pencil
    ? poly([[x - width / 2, top], [x, top - cap], [x + width / 2, top]], fill)
    : path(`M${n(x - width * 0.6)} ${n(top)} Q${n(x - width * 0.6)} ${n(top - cap)} ${n(x)} ${n(top - cap * 1.3)} Q${n(x + width * 0.6)} ${n(top - cap)} ${n(x + width * 0.6)} ${n(top)} Z`, fill);
  return s;
}

/** A block building with a grid of lit or dark windows. */
export function block(rng: Rng, x: number, baseY: number, w: number, h: number, fill: string, windowFill: string, litShare: number): string {
  let s = rect(x, baseY - h, w, h, fill);
  const cols = Math.max(1, Math.floor(w / 14));
  const rows = Math.max(1, Math.floor(h / 18));
  const cw = w / cols;
  for (let r = 0; r < rows - 1; r++) {
    for (let k = 0; k < cols; k++) {
      if (!rng.chance(litShare)) continue;
      s += rect(x + k * cw + cw * 0.3, baseY - h + 8 + r * 18, cw * 0.4, 7, windowFill, `opacity="${n(rng.range(0.5, 1))}"`);
    }
  }
  return s;
}

/** A date palm: curved trunk and a crown of drooping fronds. */
export function palm(rng: Rng, x: number, baseY: number, height: number, fill: string): string {
  const lean = rng.range(-0.25, 0.25) * height;
  const topX = x + lean;
  const topY = baseY - height;
  const half = Math.max(2, height * 0.025);
  let s = path(`M${n(x - half * 1.3)} ${n(baseY)} Q${n(x + lean * 0.2)} ${n(baseY - height / 2)} ${n(topX - half * 0.7)} ${n(topY)} L${n(topX + half * 0.7)} ${n(topY)} Q${n(x + lean * 0.2 + half * 2)} ${n(baseY - height / 2)} ${n(x + half * 1.3)} ${n(baseY)} Z`, fill);
  const fronds = rng.int(9, 12);
  for (let i = 0; i < fronds; i++) {
    const a = Math.PI + (i / (fronds - 1)) * Math.PI + rng.range(-0.15, 0.15);
    const len = height * rng.range(0.34, 0.46);
    const ex = topX + Math.cos(a) * len;
    const ey = topY + Math.sin(a) * len * 0.55 + len * 0.35;
    const mx = topX + Math.cos(a) * len * 0.5;
    const my = topY + Math.sin(a) * len * 0.6 - 6;
    const thick = Math.max(4, len * 0.12);
    s += path(`M${n(topX)} ${n(topY)} Q${n(mx)} ${n(my - thick)} ${n(ex)} ${n(ey)} Q${n(mx)} ${n(my + thick * 0.6)} ${n(topX)} ${n(topY + thick * 0.6)} Z`, fill);
  }
  return s;
}

/** A rounded tree crown made of overlapping circles on a short trunk. */
export function tree(rng: Rng, x: number, baseY: number, size: number, crown: string, trunk: string): string {
  let s = rect(x - size * 0.06, baseY - size * 0.6, size * 0.12, size * 0.6, trunk);
  for (let i = 0; i < 6; i++) {
    s += circle(x + rng.range(-0.35, 0.35) * size, baseY - size * rng.range(0.6, 1.0), size * rng.range(0.22, 0.36), jitter(crown, rng, 10));
  }
  return s;
}

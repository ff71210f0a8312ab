/**
 * Demo photo scenes of open country: a desert road, an oasis, a dry riverbed under an
 * arcaded bridge, olive terraces, wheat and silos, a tent camp and ruined columns.
 */
import type { Rng } from './prng.ts';
import {
  Canvas, H, W, circle, ellipse, jitter, layer, line, mix, n, paintHaze, paintSky, paintSun, palm, path,
  peaksFn, poly, rect, ridge, ridgeFn, shade, tree,
} from './svg-kit.ts';
import type { Mood } from './svg-kit.ts';

/** Sand tinted by the light of the mood, darker with depth. */
const sand = (mood: Mood, depth: number): string =>
  mix(layer(mood, depth), mix('#e2b277', mood.sun, 0.15), mood.isNight ? 0.1 : 0.6 - depth * 0.2);

/** A straight road running to the horizon through dunes, with telegraph poles. */
export function desertRoad(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const horizon = 470;
  paintSky(c, mood, rng, horizon);
  paintSun(c, mood, rng.range(200, 1400), rng.range(170, 300), 46);
  c.add(ridge(peaksFn(rng, horizon + 5, 30), layer(mood, 0.15)));
  c.add(ridge(ridgeFn(rng, horizon + 20, 12, 3), sand(mood, 0.3)));
  c.add(ridge(ridgeFn(rng, horizon + 90, 40, 3), sand(mood, 0.45)));
  c.add(ridge(ridgeFn(rng, horizon + 220, 70, 2), sand(mood, 0.6)));
  const vx = rng.range(650, 950);
  const asphalt = mix('#39383d', layer(mood, 0.5), 0.35);
  c.add(poly([[vx - 5, horizon], [vx + 5, horizon], [vx + 520, H], [vx - 520, H]], asphalt));
  const edge = mix('#e8e1cf', mood.sky[2], 0.4);
  c.add(line(vx - 4, horizon, vx - 490, H, edge, 4, 'opacity="0.7"'), line(vx + 4, horizon, vx + 490, H, edge, 4, 'opacity="0.7"'));
  for (let i = 0; i < 18; i++) {
    const t0 = Math.pow(i / 18, 2);
    const t1 = t0 + 0.45 / 18 * (0.3 + i / 18);
    const y0 = horizon + (H - horizon) * t0;
    const y1 = horizon + (H - horizon) * t1;
    const w0 = 1 + 14 * t0;
    const w1 = 1 + 14 * t1;
    c.add(poly([[vx - w0, y0], [vx + w0, y0], [vx + w1, y1], [vx - w1, y1]], '#f2d77c', 'opacity="0.85"'));
  }
  const pole = layer(mood, 0.9);
  let prev: [number, number] | null = null;
  for (let i = 1; i < 9; i++) {
    const t = Math.pow(i / 8, 2.2);
    const x = vx + 20 + 700 * t;
    const base = horizon + (H - horizon) * t;
    const h = 6 + 330 * t;
    c.add(line(x, base, x, base - h, pole, 1 + 7 * t), line(x - h * 0.12, base - h * 0.92, x + h * 0.12, base - h * 0.92, pole, 1 + 4 * t));
    if (prev) c.add(path(`M${n(prev[0])} ${n(prev[1])} Q${n((prev[0] + x) / 2)} ${n((prev[1] + base - h * 0.92) / 2 + 12 * t)} ${n(x)} ${n(base - h * 0.92)}`, 'none', `stroke="${pole}" stroke-width="1.5"`));
    prev = [x, base - h * 0.92];
  }
  if (mood.name === 'haze') paintHaze(c, mood, 200, H, 0.65);
  return c.toSvg();
}

/** Palms around a spring-fed pool among dunes, with mud-brick houses. */
export function palmOasis(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const horizon = 500;
  paintSky(c, mood, rng, horizon);
  const sunX = rng.range(250, 1350);
  paintSun(c, mood, sunX, rng.range(170, 300), 44);
  c.add(ridge(ridgeFn(rng, horizon - 30, 50, 3), sand(mood, 0.25)));
  c.add(ridge(ridgeFn(rng, horizon + 40, 30, 3), sand(mood, 0.4)));
  for (let i = 0; i < 7; i++) {
    const x = rng.range(100, 1400);
    const w = rng.range(60, 120);
    const h = rng.range(40, 70);
    const wall = jitter(mix('#b98b5a', layer(mood, 0.4), 0.3), rng, 8);
    c.add(rect(x, 560 - h, w, h, wall), rect(x + w * 0.3, 560 - h * 0.55, 10, 16, shade(wall, -0.45)));
  }
  c.add(rect(0, 555, W, H - 555, sand(mood, 0.55)));
  c.add(ellipse(800, 700, 520, 90, mix(mood.water, mood.sky[2], 0.35)), ellipse(800, 705, 470, 70, c.linear([[0, mix(mood.sky[2], mood.water, 0.3)], [1, mood.water]])));
  for (let i = 0; i < 40; i++) {
    const a = rng.range(0, Math.PI * 2);
    c.add(ellipse(800 + Math.cos(a) * rng.range(520, 600), 700 + Math.sin(a) * rng.range(90, 120), rng.range(20, 60), rng.range(6, 14), jitter(mix('#5d7a34', layer(mood, 0.5), 0.3), rng, 10)));
  }
  const palms = Array.from({ length: 16 }, () => ({ x: rng.range(40, W - 40), y: rng.range(560, 880) })).sort((a, b) => a.y - b.y);
  for (const p of palms) c.add(palm(rng, p.x, p.y, 110 + (p.y - 560) * 0.6, mix(layer(mood, 0.6 + (p.y - 560) / 900), '#3f4d22', mood.isNight ? 0 : 0.35)));
  return c.toSvg();
}

/** A cracked, dry riverbed under an arcaded stone bridge, with a stranded boat. */
export function dryRiverbed(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const horizon = 420;
  paintSky(c, mood, rng, horizon);
  paintSun(c, mood, rng.range(200, 1400), rng.range(150, 260), 40);
  c.add(ridge(ridgeFn(rng, horizon - 20, 25, 3), layer(mood, 0.2)));
  const stone = mix('#c9a06a', layer(mood, 0.4), 0.35);
  let arcade = `M0 ${horizon - 70} L${W} ${horizon - 70} L${W} ${horizon + 40} L0 ${horizon + 40} Z`;
  for (let x = 10; x < W; x += 64) {
    arcade += ` M${x} ${horizon + 40} L${x} ${horizon} A22 22 0 0 1 ${x + 44} ${horizon} L${x + 44} ${horizon + 40} Z`;
    arcade += ` M${x + 12} ${horizon - 22} L${x + 12} ${horizon - 40} A10 10 0 0 1 ${x + 32} ${horizon - 40} L${x + 32} ${horizon - 22} Z`;
  }
  c.add(rect(0, horizon - 30, W, 80, mix(layer(mood, 0.3), '#b48b5c', 0.3)));
  c.add(path(arcade, stone, 'fill-rule="evenodd"'), rect(0, horizon - 76, W, 6, shade(stone, 0.15)));
  const bed = mix('#b48b5c', layer(mood, 0.5), 0.3);
  c.add(rect(0, horizon + 40, W, H - horizon - 40, shade(bed, -0.45)));
  let y = horizon + 40;
  let rowH = 10;
  while (y < H) {
    const cellW = rowH * 2.4;
    for (let x = -cellW; x < W + cellW; x += cellW) {
      const j = (): number => rng.range(-0.18, 0.18) * cellW;
      const gap = 1 + rowH * 0.06;
      c.add(poly([[x + gap + j(), y + gap], [x + cellW - gap + j(), y + gap + j() * 0.2], [x + cellW - gap + j(), y + rowH - gap], [x + gap + j(), y + rowH - gap + j() * 0.2]], jitter(bed, rng, 9)));
    }
    y += rowH;
    rowH *= 1.22;
  }
  const bx = rng.range(300, 1100);
  const hull = mix('#6a4b32', layer(mood, 0.6), 0.3);
  c.add(path(`M${bx} 640 Q${bx + 120} 690 ${bx + 260} 650 L${bx + 240} 610 Q${bx + 120} 640 ${bx + 10} 605 Z`, hull, `transform="rotate(-6 ${bx + 130} 640)"`));
  c.add(ellipse(bx + 130, 668, 150, 12, '#000000', 'opacity="0.18"'));
  return c.toSvg();
}

/** Stone-walled terraces of silvery olive trees on a hillside. */
export function oliveTerraces(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  paintSky(c, mood, rng);
  paintSun(c, mood, rng.range(200, 1400), rng.range(130, 250), 40);
  c.add(ridge(ridgeFn(rng, 330, 45, 3), layer(mood, 0.15)));
  const soil = mix('#a9855a', layer(mood, 0.5), mood.isNight ? 0.8 : 0.3);
  const leaf = mix('#8d9b6a', layer(mood, 0.5), mood.isNight ? 0.8 : 0.25);
  for (let band = 0; band < 6; band++) {
    const base = 380 + band * band * 14 + band * 40;
    const depth = band / 6;
    const fn = ridgeFn(rng, base, 18, 2);
    c.add(ridge(fn, jitter(shade(soil, -0.1 + depth * 0.1), rng, 6)));
    c.add(ridge((x) => fn(x) + 4 + depth * 8, shade(soil, -0.25), H, 16), ridge((x) => fn(x) + 10 + depth * 14, jitter(soil, rng, 6)));
    const size = 26 + depth * 110;
    for (let x = rng.range(-20, 40); x < W; x += size * rng.range(1.1, 1.7)) {
      c.add(tree(rng, x, fn(x) + 8 + depth * 10, size, leaf, shade(soil, -0.5)));
    }
  }
  return c.toSvg();
}

/** A ripe wheat field running to a cluster of grain silos. */
export function wheatSilos(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const horizon = 560;
  paintSky(c, mood, rng, horizon);
  paintSun(c, mood, rng.range(200, 1400), rng.range(150, 280), 44);
  c.add(ridge(ridgeFn(rng, horizon - 10, 14, 3), layer(mood, 0.2)));
  const sx = rng.range(900, 1350);
  const metal = mix('#d9dcdf', layer(mood, 0.4), 0.35);
  const body = c.linear([[0, shade(metal, -0.25)], [0.35, shade(metal, 0.2)], [1, shade(metal, -0.35)]], 0, 0, 1, 0);
  for (let i = 0; i < 5; i++) {
    const x = sx - 220 + i * 88;
    const top = horizon - rng.range(230, 300);
    c.add(rect(x, top, 80, horizon - top + 10, body), poly([[x - 2, top], [x + 40, top - 34], [x + 82, top]], shade(metal, -0.1)));
    for (let k = top + 30; k < horizon; k += 26) c.add(rect(x, k, 80, 1.5, shade(metal, -0.4), 'opacity="0.5"'));
  }
  c.add(rect(sx - 240, horizon - 360, 18, 370, shade(metal, -0.3)), line(sx - 231, horizon - 350, sx + 150, horizon - 320, shade(metal, -0.3), 6));
  const field = c.linear([[0, mix('#d7b35a', layer(mood, 0.3), 0.3)], [1, mix('#b3862f', layer(mood, 0.9), 0.25)]]);
  c.add(rect(0, horizon, W, H - horizon, field));
  for (let i = -30; i < 30; i++) {
    const x0 = W / 2 + i * 8;
    const x1 = W / 2 + i * 140;
    c.add(line(x0, horizon, x1, H, shade('#b3862f', -0.15), 2, 'opacity="0.35"'));
  }
  for (let i = 0; i < 260; i++) {
    const y = horizon + Math.pow(rng.next(), 0.7) * (H - horizon);
    const s = (y - horizon) / (H - horizon);
    const x = rng.range(0, W);
    c.add(line(x, y, x + rng.range(-3, 3), y - 12 - 40 * s, mix('#f1d98b', mood.sun, 0.3), 1 + 2 * s, `opacity="${n(0.3 + 0.5 * s)}"`));
  }
  return c.toSvg();
}

/** Rows of white tents in a valley; snow on the ground when the sky is overcast. */
export function tentCamp(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const horizon = 440;
  paintSky(c, mood, rng, horizon);
  if (mood.name !== 'overcast') paintSun(c, mood, rng.range(200, 1400), rng.range(140, 250), 38);
  c.add(ridge(peaksFn(rng, horizon, 90), layer(mood, 0.2)));
  const isSnow = mood.name === 'overcast';
  c.add(rect(0, horizon, W, H - horizon, c.linear([[0, isSnow ? '#d9dde2' : mix('#b89a6d', layer(mood, 0.4), 0.3)], [1, isSnow ? '#eef1f4' : mix('#8c7251', layer(mood, 0.8), 0.3)]])));
  const canvas = mix('#eeebe2', mood.sky[2], 0.25);
  for (let row = 0; row < 9; row++) {
    const t = Math.pow(row / 8, 1.7);
    const y = horizon + 20 + (H - horizon + 60) * t;
    const s = 0.25 + 1.6 * t;
    const w = 110 * s;
    for (let x = rng.range(-w, 0) + (row % 2) * w * 0.6; x < W; x += w * rng.range(1.35, 1.6)) {
      const h = 55 * s;
      const roof = rng.chance(0.18) ? jitter('#4b78a8', rng, 10) : jitter(canvas, rng, 6);
      c.add(ellipse(x + w * 0.55, y + 3, w * 0.65, 6 * s, '#000000', 'opacity="0.15"'));
      c.add(poly([[x, y], [x, y - h * 0.6], [x + w * 0.22, y - h], [x + w * 0.44, y - h * 0.6], [x + w * 0.44, y]], shade(roof, -0.12)));
      c.add(poly([[x + w * 0.22, y - h], [x + w * 0.95, y - h * 0.95], [x + w * 1.1, y - h * 0.58], [x + w * 0.44, y - h * 0.6]], roof));
      c.add(poly([[x + w * 0.44, y - h * 0.6], [x + w * 1.1, y - h * 0.58], [x + w * 1.1, y - 1], [x + w * 0.44, y]], shade(roof, -0.05)));
      c.add(rect(x + w * 0.16, y - h * 0.4, w * 0.12, h * 0.4, shade(roof, -0.4)));
      if (rng.chance(0.08)) c.add(rect(x + w * 1.2, y - 40 * s, 30 * s, 40 * s, '#2b2c31'), ellipse(x + w * 1.2 + 15 * s, y - 40 * s, 15 * s, 4 * s, '#3c3d44'));
    }
  }
  return c.toSvg();
}

/** Weathered columns of an ancient colonnade standing in the desert. */
export function ruinedColumns(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const horizon = 600;
  paintSky(c, mood, rng, horizon);
  paintSun(c, mood, rng.range(200, 1400), rng.range(160, 300), 46);
  c.add(ridge(ridgeFn(rng, horizon - 10, 20, 3), layer(mood, 0.2)));
  c.add(rect(0, horizon, W, H - horizon, c.linear([[0, sand(mood, 0.35)], [1, sand(mood, 0.7)]])));
  const stone = mix('#dcb98a', mood.sun, mood.isNight ? 0 : 0.2);
  const lit = c.linear([[0, shade(stone, -0.3)], [0.4, shade(stone, 0.1)], [1, shade(stone, -0.4)]], 0, 0, 1, 0);
  const x0 = rng.range(120, 300);
  const full = 400;
  const heights = Array.from({ length: 9 }, () => (rng.chance(0.7) ? full : rng.range(90, 300)));
  for (let i = 0; i < 9; i++) {
    const x = x0 + i * 150;
    const h = heights[i] ?? full;
    const base = 700;
    c.add(ellipse(x + 30, base + 4, 60, 10, '#000000', 'opacity="0.2"'));
    c.add(rect(x - 8, base - 24, 76, 24, shade(stone, -0.15)), rect(x, base - h, 60, h - 24, lit));
    for (let k = 1; k < 5; k++) c.add(rect(x + k * 12, base - h + 4, 1.5, h - 30, shade(stone, -0.35), 'opacity="0.4"'));
    if (h === full) c.add(rect(x - 10, base - h - 22, 80, 24, shade(stone, -0.05)));
    // A lintel only where both columns it rests on still stand to full height.
    if (h === full && heights[i + 1] === full && rng.chance(0.6)) c.add(rect(x - 10, base - h - 58, 230, 36, shade(stone, -0.1)));
  }
  for (let i = 0; i < 6; i++) {
    const fx = rng.range(50, 1500);
    const fy = rng.range(730, 860);
    c.add(ellipse(fx, fy + 30, 70, 10, '#000000', 'opacity="0.2"'), rect(fx - 60, fy, 120, 30, shade(stone, -0.1), `transform="rotate(${n(rng.range(-8, 8))} ${n(fx)} ${n(fy)})"`), circle(fx + 60, fy + 15, 15, shade(stone, -0.25)));
  }
  return c.toSvg();
}

/**
 * Demo photo scenes of towns and cities: hillside houses, seafront towers, river
 * skylines with domes and minarets, rooftops and a mountain village.
 */
import type { Rng } from './prng.ts';
import {
  Canvas, H, W, block, dome, ellipse, jitter, layer, line, minaret, mix, n, paintHaze, paintSky, paintSun,
  paintWater, palm, path, peaksFn, poly, rect, ridge, ridgeFn, shade,
} from './svg-kit.ts';
import type { Mood } from './svg-kit.ts';

const windowLight = (mood: Mood): string => (mood.isNight || mood.name === 'dusk' ? '#ffd37a' : mix(mood.sky[1], '#ffffff', 0.35));

/** Pale stone lit by the mood's light, the colour of the hill towns' houses. */
const stone = (mood: Mood): string => (mood.isNight ? '#2a2d3d' : mix('#e6d8bd', mood.sun, 0.25));

/** Scatters cube houses over the slope below a ridge line (optionally only between two heights), back to front. */
function houses(c: Canvas, rng: Rng, mood: Mood, fn: (x: number) => number, depth: number, count: number, scale: number, fromY = 0, toY = H + 20): void {
  const spots = Array.from({ length: count }, () => {
    const x = rng.range(-30, W);
    const lo = Math.max(fn(x) + 6, fromY);
    return { x, y: lo + Math.pow(rng.next(), 1.2) * Math.max(0, toY - lo) };
  }).sort((a, b) => a.y - b.y);
  for (const { x, y } of spots) {
    const w = rng.range(18, 42) * scale;
    const h = rng.range(14, 30) * scale;
    const base = mix(layer(mood, depth), stone(mood), mood.isNight ? 0.3 : 0.55);
    c.add(rect(x, y - h, w, h, jitter(base, rng, 10)), rect(x + w * 0.7, y - h, w * 0.3, h, shade(base, -0.18)));
    if (rng.chance(0.35)) c.add(rect(x + w * 0.15, y - h - 5 * scale, 7 * scale, 5 * scale, shade(base, -0.35)));
    const lit = mood.isNight ? 0.55 : 0.8;
    for (let k = 0; k < 2; k++) {
      if (rng.chance(lit)) c.add(rect(x + w * (0.12 + k * 0.3), y - h * 0.6, 4 * scale, 5 * scale, mood.isNight ? '#ffcf6e' : shade(base, -0.45)));
    }
  }
}

/** Hills covered in pale stone houses with a mosque, like Amman's jabals. */
export function hillCity(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  paintSky(c, mood, rng);
  paintSun(c, mood, rng.range(250, 1350), rng.range(160, 320), 44);
  c.add(ridge(ridgeFn(rng, 420, 35, 3), layer(mood, 0.1)));
  const mid = ridgeFn(rng, 520, 55, 4);
  c.add(ridge(mid, layer(mood, 0.35)));
  houses(c, rng, mood, mid, 0.35, 380, 0.7);
  const near = ridgeFn(rng, 660, 45, 3);
  c.add(ridge(near, layer(mood, 0.6)));
  const mx = rng.range(350, 1250);
  const base = near(mx) + 40;
  // Houses behind the mosque first, then the mosque, then the houses in front of it, so it stays legible.
  houses(c, rng, mood, near, 0.6, 220, 1.1, 0, base);
  const mosque = mix(layer(mood, 0.6), stone(mood), 0.5);
  c.add(rect(mx - 110, base - 70, 220, 70, mosque), dome(mx, base - 68, 62, mosque), minaret(mx + 150, base, 260, 20, mosque));
  houses(c, rng, mood, near, 0.6, 260, 1.35, base + 25);
  paintHaze(c, mood, 380, 620, 0.35);
  return c.toSvg();
}

/** Seafront towers under a mountain range, with a palm-lined promenade. */
export function coastalTowers(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const shore = 610;
  paintSky(c, mood, rng, shore);
  const sunX = rng.range(200, 1400);
  paintSun(c, mood, sunX, rng.range(220, 360), 40);
  c.add(ridge(ridgeFn(rng, 410, 70, 3), layer(mood, 0.12), shore));
  c.add(ridge(ridgeFn(rng, 500, 40, 4), layer(mood, 0.25), shore));
  let x = -20;
  while (x < W) {
    const w = rng.range(40, 115);
    const h = rng.chance(0.25) ? rng.range(220, 340) : rng.range(70, 200);
    c.add(block(rng, x, shore, w, h, jitter(layer(mood, 0.5), rng, 12), windowLight(mood), mood.isNight ? 0.5 : 0.25));
    x += w + rng.range(-10, 12);
  }
  c.add(rect(0, shore - 6, W, 10, shade(layer(mood, 0.7), 0.15)));
  for (let px = rng.range(20, 80); px < W; px += rng.range(90, 170)) c.add(palm(rng, px, shore, rng.range(60, 95), layer(mood, 0.85)));
  paintWater(c, mood, rng, shore + 4, sunX);
  return c.toSvg();
}

/** A river skyline of domes and minarets seen across the water, with a sailing boat. */
export function riverMinarets(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const bank = 560;
  paintSky(c, mood, rng, bank);
  const sunX = rng.range(300, 1300);
  paintSun(c, mood, sunX, rng.range(200, 330), 50);
  const far = layer(mood, 0.35);
  let x = -10;
  while (x < W) {
    const w = rng.range(30, 80);
    c.add(block(rng, x, bank, w, rng.range(30, 110), jitter(far, rng, 8), windowLight(mood), mood.isNight ? 0.4 : 0.05));
    x += w;
  }
  for (let i = 0; i < 6; i++) {
    const mx = rng.range(60, W - 60);
    const r = rng.range(26, 55);
    const lift = rng.range(40, 90);
    c.add(rect(mx - r * 1.2, bank - lift, r * 2.4, lift, far), dome(mx, bank - lift, r, far), minaret(mx + r + 18, bank, rng.range(170, 260), rng.range(9, 14), far));
  }
  paintHaze(c, mood, 380, bank + 10, 0.5);
  paintWater(c, mood, rng, bank, sunX);
  const boatX = rng.range(250, 1100);
  const dark = layer(mood, 0.95);
  c.add(path(`M${boatX} 700 L${boatX + 170} 700 Q${boatX + 150} 730 ${boatX + 20} 728 Z`, dark));
  c.add(line(boatX + 80, 700, boatX + 70, 470, dark, 4));
  c.add(poly([[boatX + 20, 690], [boatX + 200, 440], [boatX + 150, 690]], mix('#f4efe3', mood.sky[2], 0.45)));
  c.add(ridge((px) => 820 + Math.sin(px / 130) * 10 + (px > 1100 ? (1100 - px) * 0.5 : 0), layer(mood, 1)));
  for (let px = 1180; px < W; px += rng.range(90, 140)) c.add(palm(rng, px, 830 - (px - 1100) * 0.5, rng.range(200, 260), layer(mood, 1)));
  return c.toSvg();
}

/** A great domed mosque with pencil minarets above a strait, with a ferry and gulls. */
export function domesOverWater(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const shore = 600;
  paintSky(c, mood, rng, shore);
  const sunX = rng.range(200, 1400);
  paintSun(c, mood, sunX, rng.range(230, 330), 42);
  const hill = ridgeFn(rng, 540, 20, 3);
  c.add(ridge(hill, layer(mood, 0.35), shore));
  const fill = layer(mood, 0.55);
  const cx = rng.range(520, 1080);
  const base = 520;
  c.add(rect(cx - 230, base - 60, 460, 100, fill));
  for (const dx of [-150, 150]) c.add(dome(cx + dx, base - 55, 55, fill));
  for (const dx of [-85, 85]) c.add(dome(cx + dx, base - 80, 70, fill));
  c.add(dome(cx, base - 95, 110, fill));
  for (const dx of [-260, -210, 210, 260]) c.add(minaret(cx + dx, base + 40, 330, 13, fill, true));
  let x = -10;
  while (x < W) {
    const w = rng.range(30, 70);
    if (Math.abs(x - cx) > 300) c.add(block(rng, x, shore, w, rng.range(30, 90), jitter(layer(mood, 0.5), rng, 8), windowLight(mood), mood.isNight ? 0.5 : 0.1));
    x += w;
  }
  const sx = rng.range(80, 300);
  c.add(dome(sx, 540, 38, layer(mood, 0.4)), minaret(sx - 60, 560, 200, 9, layer(mood, 0.4), true), minaret(sx + 60, 560, 200, 9, layer(mood, 0.4), true));
  paintWater(c, mood, rng, shore, sunX);
  const fx = rng.range(200, 1100);
  const hull = layer(mood, 0.95);
  c.add(path(`M${fx} 740 L${fx + 330} 740 L${fx + 300} 772 L${fx + 25} 772 Z`, hull), rect(fx + 50, 712, 230, 28, shade(hull, 0.6)), rect(fx + 90, 690, 140, 22, shade(hull, 0.55)), rect(fx + 150, 664, 18, 26, hull));
  for (let k = 0; k < 12; k++) c.add(rect(fx + 60 + k * 18, 720, 10, 9, shade(hull, 0.15)));
  for (let i = 0; i < 7; i++) {
    const gx = rng.range(100, W - 100);
    const gy = rng.range(90, 300);
    const s = rng.range(8, 16);
    c.add(path(`M${n(gx - s)} ${n(gy)} Q${n(gx - s / 2)} ${n(gy - s / 2)} ${n(gx)} ${n(gy)} Q${n(gx + s / 2)} ${n(gy - s / 2)} ${n(gx + s)} ${n(gy)}`, 'none', `stroke="${layer(mood, 0.8)}" stroke-width="2.5"`));
  }
  return c.toSvg();
}

/** Snow-capped mountains behind a low city and a broadcast tower, often in smog. */
export function mountainTower(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  paintSky(c, mood, rng);
  paintSun(c, mood, rng.range(200, 1400), rng.range(120, 220), 36);
  const peaks = peaksFn(rng, 400, 115);
  c.add(ridge(peaks, layer(mood, 0.15)));
  const snowline = 250;
  let d = `M0 ${n(peaks(0))}`;
  for (let x = 16; x <= W; x += 16) d += ` L${x} ${n(peaks(x))}`;
  for (let x = W; x >= 0; x -= 16) d += ` L${x} ${n(Math.max(peaks(x), Math.min(snowline + Math.sin(x / 37) * 14, peaks(x) + 60)))}`;
  c.add(path(`${d} Z`, mix('#f4f6fa', mood.sky[2], 0.35)));
  c.add(ridge(ridgeFn(rng, 520, 30, 4), layer(mood, 0.3)));
  const tx = rng.range(300, 1300);
  const tower = layer(mood, 0.55);
  c.add(poly([[tx - 16, 700], [tx - 7, 300], [tx + 7, 300], [tx + 16, 700]], tower), ellipse(tx, 300, 52, 30, tower), rect(tx - 36, 262, 72, 18, tower), rect(tx - 3, 140, 6, 130, tower));
  let x = -10;
  while (x < W) {
    const w = rng.range(25, 70);
    c.add(block(rng, x, 720, w, rng.range(40, 150), jitter(layer(mood, 0.6), rng, 10), windowLight(mood), mood.isNight ? 0.45 : 0.12));
    x += w;
  }
  c.add(rect(0, 715, W, H - 715, layer(mood, 0.8)));
  paintHaze(c, mood, 250, 760, mood.name === 'haze' ? 0.75 : 0.35);
  return c.toSvg();
}

/** A river crossed by an arched bridge, with a domed bank and palms. */
export function riverBridge(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const bank = 520;
  paintSky(c, mood, rng, bank);
  const sunX = rng.range(300, 1300);
  paintSun(c, mood, sunX, rng.range(200, 330), 44);
  const far = layer(mood, 0.35);
  let x = -10;
  while (x < W) {
    const w = rng.range(35, 90);
    c.add(block(rng, x, bank, w, rng.range(30, 120), jitter(far, rng, 8), windowLight(mood), mood.isNight ? 0.45 : 0.06));
    x += w;
  }
  const dx = rng.range(200, 1400);
  c.add(dome(dx, bank - 30, 48, far), minaret(dx + 80, bank, 200, 12, far));
  for (let px = 20; px < W; px += rng.range(60, 140)) c.add(palm(rng, px, bank + 4, rng.range(55, 90), layer(mood, 0.45)));
  paintWater(c, mood, rng, bank, sunX);
  const deck = 600;
  const bridge = layer(mood, 0.75);
  c.add(rect(0, deck - 26, W, 26, bridge));
  for (let k = 0; k < W; k += 10) c.add(rect(k, deck - 40, 3, 14, bridge));
  c.add(rect(0, deck - 42, W, 3, bridge));
  const span = 200;
  for (let px = 40; px < W + span; px += span) {
    c.add(rect(px - 14, deck, 28, 80, bridge));
    c.add(path(`M${px - span + 14} ${deck + 80} Q${px - span / 2} ${deck - 40} ${px - 14} ${deck + 80}`, 'none', `stroke="${bridge}" stroke-width="12"`));
    c.add(rect(px - 14, deck + 84, 28, 60, bridge, 'opacity="0.25"'));
  }
  c.add(ridge((px) => 860 - Math.max(0, 500 - px) * 0.35, layer(mood, 1)));
  for (let px = 30; px < 420; px += rng.range(50, 90)) c.add(path(`M${n(px)} ${n(860 - (500 - px) * 0.35)} l${n(rng.range(-14, 14))} -${n(rng.range(50, 110))}`, 'none', `stroke="${layer(mood, 1)}" stroke-width="3"`));
  return c.toSvg();
}

/** The lights of a waterfront at night, reflected under a lit passenger ferry. */
export function nightWaterfront(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const shore = 540;
  paintSky(c, mood, rng, shore);
  const fill = layer(mood, 0.45);
  const cx = rng.range(400, 1200);
  c.add(dome(cx, shore - 70, 80, fill), minaret(cx - 140, shore - 40, 230, 10, fill, true), minaret(cx + 140, shore - 40, 230, 10, fill, true));
  let x = -10;
  while (x < W) {
    const w = rng.range(26, 70);
    c.add(block(rng, x, shore, w, rng.range(30, 120), jitter(fill, rng, 8), '#ffd37a', 0.45));
    x += w;
  }
  c.add(rect(0, shore, W, H - shore, c.linear([[0, '#121a36'], [1, '#04060f']])));
  const colours = ['#ffd37a', '#ffb25a', '#f7f0d8', '#8fc7ff'];
  for (let i = 0; i < 160; i++) {
    const lx = rng.range(0, W);
    c.add(rect(lx, shore + rng.range(0, 200), rng.range(2, 5), rng.range(6, 40), rng.pick(colours), `opacity="${n(rng.range(0.2, 0.7))}"`));
  }
  const fx = rng.range(250, 900);
  const hull = '#0b0f1c';
  c.add(path(`M${fx} 760 L${fx + 520} 760 L${fx + 480} 805 L${fx + 40} 805 Z`, hull), rect(fx + 70, 712, 380, 48, '#141a2c'), rect(fx + 140, 676, 240, 36, '#161d31'), rect(fx + 240, 640, 26, 36, hull));
  for (let k = 0; k < 20; k++) c.add(rect(fx + 82 + k * 18.5, 724, 11, 14, '#ffd98f', `opacity="${n(rng.range(0.6, 1))}"`));
  for (let k = 0; k < 11; k++) c.add(rect(fx + 152 + k * 21, 686, 12, 12, '#ffd98f', `opacity="${n(rng.range(0.5, 1))}"`));
  c.add(rect(fx, 758, 520, 3, '#3a4668'));
  for (let k = 0; k < 26; k++) c.add(rect(fx + 60 + k * 16, rng.range(812, 830), 5, rng.range(20, 60), '#ffd98f', `opacity="${n(rng.range(0.15, 0.4))}"`));
  return c.toSvg();
}

/** Flat roofs crowded with satellite dishes, water tanks and washing lines. */
export function rooftops(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  paintSky(c, mood, rng);
  paintSun(c, mood, rng.range(200, 1400), rng.range(120, 260), 40);
  const rows = [{ base: 470, depth: 0.3, scale: 0.55 }, { base: 640, depth: 0.55, scale: 0.8 }, { base: 900, depth: 0.8, scale: 1.15 }];
  for (const { base, depth, scale } of rows) {
    let x = -40;
    while (x < W) {
      const w = rng.range(140, 280) * scale;
      const h = rng.range(90, 200) * scale;
      const top = base - h;
      const wall = jitter(mix(layer(mood, depth), stone(mood), 0.45), rng, 10);
      c.add(rect(x, top, w, H - top, wall), rect(x, top, w, 6 * scale, shade(wall, -0.2)), rect(x + w - 8 * scale, top, 8 * scale, H - top, shade(wall, -0.12)));
      for (let row = 0; row * 70 * scale < H - top - 40; row++) {
        for (let k = 0; k < 3; k++) {
          if (rng.chance(0.6)) c.add(rect(x + w * (0.12 + k * 0.3), top + 30 * scale + row * 70 * scale, 14 * scale, 22 * scale, shade(wall, -0.4)));
        }
      }
      if (rng.chance(0.8)) {
        const dx = x + rng.range(0.15, 0.8) * w;
        const r = rng.range(18, 30) * scale;
        c.add(line(dx, top, dx, top - r * 1.2, shade(wall, -0.5), 3 * scale));
        c.add(ellipse(dx, top - r * 1.4, r, r * 0.75, shade(wall, 0.25), `transform="rotate(${n(rng.range(-40, -15))} ${n(dx)} ${n(top - r * 1.4)})"`));
      }
      if (rng.chance(0.5)) {
        const tx = x + rng.range(0.1, 0.7) * w;
        c.add(rect(tx, top - 34 * scale, 30 * scale, 34 * scale, '#2a2a30'), ellipse(tx + 15 * scale, top - 34 * scale, 15 * scale, 4 * scale, '#3b3b44'));
      }
      if (rng.chance(0.4)) {
        const lx = x + 10;
        c.add(line(lx, top - 30 * scale, lx + w * 0.6, top - 26 * scale, shade(wall, -0.5), 1.5));
        for (let k = 0; k < 5; k++) c.add(rect(lx + 10 + k * w * 0.1, top - 28 * scale, 14 * scale, 20 * scale, jitter(rng.pick(['#c44d3a', '#3a77c4', '#e9d27a', '#f4f1ea']), rng, 10)));
      }
      x += w + rng.range(0, 20);
    }
  }
  return c.toSvg();
}

/** Flat-roofed houses stacked up a steep valley side, with poplars. */
export function mountainVillage(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  paintSky(c, mood, rng);
  paintSun(c, mood, rng.range(900, 1400), rng.range(130, 220), 38);
  c.add(ridge(ridgeFn(rng, 260, 90, 3), layer(mood, 0.15)));
  c.add(ridge(ridgeFn(rng, 380, 70, 3), layer(mood, 0.3)));
  const slope = (x: number): number => 300 + x * 0.32 + Math.sin(x / 140) * 25;
  c.add(ridge(slope, mix(layer(mood, 0.55), '#6f7d4a', mood.isNight ? 0.1 : 0.35)));
  const spots = Array.from({ length: 90 }, () => {
    const x = rng.range(-20, W);
    return { x, y: slope(x) + rng.range(20, 420) };
  }).sort((a, b) => a.y - b.y);
  for (const { x, y } of spots) {
    const s = 0.6 + (y / H) * 0.9;
    const w = rng.range(40, 80) * s;
    const h = rng.range(26, 44) * s;
    const wall = jitter(mix('#cdb48e', layer(mood, 0.5), 0.35), rng, 12);
    c.add(rect(x, y - h, w, h, wall), rect(x - 3, y - h - 4, w + 6, 5, shade(wall, -0.3)), rect(x + w * 0.2, y - h * 0.65, 8 * s, 12 * s, shade(wall, -0.5)), rect(x + w * 0.6, y - h * 0.65, 8 * s, 12 * s, shade(wall, -0.5)));
    if (rng.chance(0.25)) c.add(ellipse(x + w + 10 * s, y - 55 * s, 9 * s, 55 * s, jitter('#4f6b36', rng, 12)));
  }
  paintHaze(c, mood, 200, 500, 0.3);
  return c.toSvg();
}

/**
 * Demo photo scenes of infrastructure and the sea: a container port, a solar farm,
 * wind turbines, a dam, a refinery flare, a cargo ship and fishing boats.
 */
import type { Rng } from './prng.ts';
import {
  Canvas, H, W, circle, ellipse, jitter, layer, line, mix, n, paintHaze, paintSky, paintSun, paintWater, path,
  peaksFn, poly, rect, ridge, ridgeFn, shade,
} from './svg-kit.ts';
import type { Mood } from './svg-kit.ts';

const CONTAINER_COLOURS = ['#b5432f', '#2f6db5', '#d8a23a', '#3f8a5a', '#8a8f96', '#c7682f', '#6a3f8a'];

/** A stack of shipping containers, `cols` wide and `rows` high. */
function containers(rng: Rng, x: number, baseY: number, cols: number, rows: number, w: number, h: number, tint: string): string {
  let s = '';
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < cols; k++) {
      if (r > 0 && rng.chance(0.12)) continue;
      const fill = mix(jitter(rng.pick(CONTAINER_COLOURS), rng, 10), tint, 0.3);
      const cx = x + k * w;
      const cy = baseY - (r + 1) * h;
      s += rect(cx, cy, w - 2, h - 2, fill);
      for (let rib = 1; rib < 6; rib++) s += rect(cx + (rib * (w - 2)) / 6, cy + 2, 1.2, h - 6, shade(fill, -0.25));
    }
  }
  return s;
}

/** Gantry cranes over container stacks and a berthed ship, red mountains behind. */
export function portCranes(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const quay = 600;
  paintSky(c, mood, rng, quay);
  const sunX = rng.range(200, 1400);
  paintSun(c, mood, sunX, rng.range(160, 280), 40);
  c.add(ridge(peaksFn(rng, 520, 110), mix(layer(mood, 0.25), '#a2614a', mood.isNight ? 0.05 : 0.35), quay));
  const tint = layer(mood, 0.3);
  c.add(rect(0, quay - 30, W, 50, mix('#8c8a86', tint, 0.4)));
  for (let x = 520; x < W; x += rng.range(170, 230)) c.add(containers(rng, x, quay - 30, 2, rng.int(2, 4), 80, 26, tint));
  const hull = mix('#26303d', tint, 0.25);
  c.add(path(`M20 ${quay - 40} L470 ${quay - 40} L440 ${quay + 30} L60 ${quay + 30} Z`, hull), rect(40, quay - 60, 70, 20, shade(hull, 0.6)));
  c.add(containers(rng, 120, quay - 40, 4, 3, 80, 26, tint));
  paintWater(c, mood, rng, quay + 20, sunX);
  const steel = mix('#d8b13a', tint, 0.35);
  for (const cx of [300, 760, 1220].map((v) => v + rng.range(-30, 30))) {
    c.add(line(cx - 70, quay - 10, cx - 70, quay - 330, steel, 12), line(cx + 70, quay - 10, cx + 70, quay - 330, steel, 12));
    c.add(line(cx - 70, quay - 200, cx + 70, quay - 200, steel, 8), line(cx - 70, quay - 10, cx + 70, quay - 200, steel, 5));
    c.add(rect(cx - 220, quay - 345, 380, 18, steel), rect(cx + 30, quay - 380, 60, 36, shade(steel, -0.2)));
    c.add(line(cx + 60, quay - 380, cx - 210, quay - 340, steel, 3), line(cx + 60, quay - 380, cx + 150, quay - 340, steel, 3));
    c.add(line(cx - 150, quay - 327, cx - 150, quay - 210, shade(steel, -0.4), 2), rect(cx - 165, quay - 212, 30, 10, shade(steel, -0.4)));
  }
  return c.toSvg();
}

/** Rows of photovoltaic panels across flat desert to the horizon. */
export function solarField(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const horizon = 460;
  paintSky(c, mood, rng, horizon);
  paintSun(c, mood, rng.range(300, 1300), rng.range(140, 260), 48);
  c.add(ridge(ridgeFn(rng, horizon - 5, 18, 3), layer(mood, 0.15)));
  c.add(rect(0, horizon, W, H - horizon, c.linear([[0, mix('#d8b27c', layer(mood, 0.3), 0.35)], [1, mix('#b98d56', layer(mood, 0.7), 0.3)]])));
  const face = c.linear([[0, mix('#4a6fa3', mood.sky[1], 0.45)], [1, '#16253f']]);
  const gap = mix('#d8b27c', layer(mood, 0.4), 0.35);
  const vx = rng.range(600, 1000);
  for (let r = 0; r < 9; r++) {
    const t = Math.pow(r / 8, 1.5);
    const y = horizon + 14 + (H - horizon - 30) * t;
    const tilt = 5 + 90 * t;
    const spacing = 10 + 150 * t;
    c.add(rect(0, y, W, tilt * 0.35, '#000000', 'opacity="0.15"'));
    for (let k = -60; k <= 60; k += 3) c.add(line(vx + k * spacing, y - 1, vx + k * spacing, y + tilt * 0.4, '#5a5249', 1 + 3 * t));
    c.add(poly([[0, y - tilt], [W, y - tilt], [W, y], [0, y]], face));
    for (let k = -60; k <= 60; k++) {
      const x = vx + k * spacing;
      c.add(line(x, y - tilt, x, y, '#c8d5e6', 0.6 + 1.2 * t, 'opacity="0.45"'));
      if (k % 6 === 0) c.add(rect(x - spacing * 0.12, y - tilt - 1, spacing * 0.24, tilt + 2, gap));
    }
    c.add(line(0, y - tilt / 2, W, y - tilt / 2, '#c8d5e6', 0.6 + t, 'opacity="0.35"'), line(0, y - tilt, W, y - tilt, '#e6edf5', 1 + 2 * t, 'opacity="0.7"'));
  }
  return c.toSvg();
}

/** A turbine: tapered tower, nacelle and three blades at a random angle. */
function turbine(rng: Rng, x: number, baseY: number, height: number, fill: string): string {
  const hubY = baseY - height;
  const blade = height * 0.55;
  let s = poly([[x - height * 0.025, baseY], [x - height * 0.012, hubY], [x + height * 0.012, hubY], [x + height * 0.025, baseY]], fill);
  s += rect(x - height * 0.03, hubY - height * 0.025, height * 0.09, height * 0.05, fill);
  const a0 = rng.range(0, 120);
  for (let k = 0; k < 3; k++) {
    s += `<polygon points="${n(x)},${n(hubY - height * 0.018)} ${n(x + blade)},${n(hubY - 2)} ${n(x + blade)},${n(hubY + 1)} ${n(x)},${n(hubY + height * 0.018)}" fill="${fill}" transform="rotate(${n(a0 + k * 120)} ${n(x)} ${n(hubY)})"/>`;
  }
  return s + circle(x, hubY, height * 0.02, shade(fill, -0.15));
}

/** Wind turbines along folded ridges. */
export function windRidge(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  paintSky(c, mood, rng);
  paintSun(c, mood, rng.range(200, 1400), rng.range(150, 280), 40);
  const white = mix('#f2f3f4', mood.sky[2], 0.3);
  const layers = [{ base: 470, amp: 40, depth: 0.2, h: 120 }, { base: 600, amp: 60, depth: 0.45, h: 230 }, { base: 780, amp: 50, depth: 0.7, h: 420 }];
  for (const L of layers) {
    const fn = ridgeFn(rng, L.base, L.amp, 3);
    c.add(ridge(fn, mix(layer(mood, L.depth), '#7f8b5a', mood.isNight ? 0 : 0.25)));
    const step = L.h * rng.range(0.9, 1.3);
    for (let x = rng.range(40, step); x < W; x += step * rng.range(0.9, 1.4)) c.add(turbine(rng, x, fn(x) + 6, L.h, mix(white, layer(mood, L.depth), 0.35 - L.depth * 0.3)));
  }
  return c.toSvg();
}

/** A concrete dam between steep slopes, the reservoir behind it showing a pale drawdown band. */
export function damReservoir(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  paintSky(c, mood, rng, 420);
  paintSun(c, mood, rng.range(200, 1400), rng.range(120, 220), 36);
  c.add(ridge(peaksFn(rng, 330, 70), layer(mood, 0.2), 420));
  c.add(rect(0, 378, W, 60, mix('#d9cbb0', layer(mood, 0.3), 0.3)));
  c.add(rect(0, 430, W, 130, c.linear([[0, mix(mood.water, mood.sky[2], 0.4)], [1, mood.water]])));
  for (let i = 0; i < 30; i++) c.add(rect(rng.range(420, 1150), rng.range(440, 520), rng.range(20, 60), 2, mood.sky[2], 'opacity="0.35"'));
  const concrete = mix('#c9c6bd', layer(mood, 0.45), 0.3);
  const faceFill = c.linear([[0, shade(concrete, -0.25)], [0.5, shade(concrete, 0.1)], [1, shade(concrete, -0.3)]], 0, 0, 1, 0);
  c.add(path('M420 540 Q800 575 1180 540 L1050 835 Q800 850 550 835 Z', faceFill));
  for (let k = 1; k < 10; k++) c.add(path(`M${420 + k * 76} ${540 + Math.sin((k / 10) * Math.PI) * 30} L${550 + k * 50} ${835 + Math.sin((k / 10) * Math.PI) * 12}`, 'none', `stroke="${shade(concrete, -0.3)}" stroke-width="1.5" opacity="0.5"`));
  c.add(path('M420 532 Q800 567 1180 532 L1180 544 Q800 579 420 544 Z', shade(concrete, 0.2)));
  for (let i = 0; i < 24; i++) {
    const x = 740 + rng.range(0, 120);
    c.add(line(x, 575, x + rng.range(-6, 6), 830, '#f4f7fa', rng.range(2, 6), `opacity="${n(rng.range(0.3, 0.8))}"`));
  }
  c.add(rect(0, 830, W, 70, c.linear([[0, mix(mood.water, '#ffffff', 0.3)], [1, mood.water]])));
  const rock = mix('#8a7358', layer(mood, 0.6), 0.35);
  c.add(poly([[0, 260], [380, 375], [610, 900], [0, 900]], rock), poly([[W, 250], [1220, 375], [990, 900], [W, 900]], shade(rock, -0.1)));
  for (let i = 0; i < 50; i++) {
    const left = rng.chance(0.5);
    const y = rng.range(300, 880);
    const edge = left ? 380 + ((y - 375) / 525) * 230 : 1220 - ((y - 375) / 525) * 230;
    const x = left ? rng.range(0, edge - 20) : rng.range(edge + 20, W);
    c.add(ellipse(x, y, rng.range(10, 30), rng.range(6, 14), jitter(mix('#5d6b3a', layer(mood, 0.6), 0.3), rng, 10)));
  }
  return c.toSvg();
}

/** Storage tanks and columns of a refinery, a flare burning off gas into a smoky sky. */
export function refineryFlare(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const ground = 650;
  paintSky(c, mood, rng, ground);
  paintSun(c, mood, rng.range(100, 700), rng.range(200, 320), 36);
  const steel = layer(mood, 0.6);
  for (let i = 0; i < 7; i++) {
    const x = 80 + i * 150 + rng.range(-20, 20);
    const w = rng.range(100, 130);
    const h = rng.range(50, 80);
    c.add(rect(x, ground - h, w, h, jitter(steel, rng, 6)), ellipse(x + w / 2, ground - h, w / 2, 8, shade(steel, 0.12)));
  }
  for (let i = 0; i < 6; i++) {
    const x = rng.range(250, 1100);
    const h = rng.range(150, 300);
    const w = rng.range(16, 30);
    c.add(rect(x, ground - h, w, h, shade(steel, -0.1)));
    for (let k = 1; k < 4; k++) c.add(rect(x - 8, ground - h + (h * k) / 4, w + 16, 3, shade(steel, -0.1)));
  }
  c.add(line(0, ground - 40, W, ground - 40, shade(steel, -0.2), 4), line(0, ground - 55, W, ground - 55, shade(steel, -0.2), 3));
  const fx = rng.range(1200, 1400);
  const top = 220;
  c.add(rect(fx - 8, top, 16, ground - top, shade(steel, -0.2)));
  for (let i = 0; i < 14; i++) {
    const t = i / 13;
    c.add(ellipse(fx - 30 - t * 700 + rng.range(-30, 30), top - 70 - t * 110 + rng.range(-20, 20), 50 + t * 160, 30 + t * 70, mix('#3b3a3c', mood.sky[1], t * 0.5), `opacity="${n(0.55 - t * 0.35)}"`));
  }
  const glow = c.radial([[0, '#ffd27a', 0.9], [0.3, '#ff8a3a', 0.4], [1, '#ff6a00', 0]]);
  c.add(circle(fx, top - 40, 190, glow));
  c.add(path(`M${fx - 26} ${top} Q${fx - 40} ${top - 60} ${fx - 6} ${top - 130} Q${fx + 4} ${top - 70} ${fx + 26} ${top} Z`, '#ff7b2e'));
  c.add(path(`M${fx - 14} ${top} Q${fx - 20} ${top - 40} ${fx - 2} ${top - 85} Q${fx + 6} ${top - 40} ${fx + 14} ${top} Z`, '#ffd36b'));
  c.add(rect(0, ground, W, H - ground, c.linear([[0, layer(mood, 0.75)], [1, layer(mood, 1)]])));
  paintHaze(c, mood, 350, ground + 20, 0.4);
  return c.toSvg();
}

/** A laden container ship on the open sea. */
export function cargoShip(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const horizon = 520;
  paintSky(c, mood, rng, horizon);
  const sunX = rng.range(200, 1400);
  paintSun(c, mood, sunX, rng.range(200, 320), 40);
  c.add(ridge(ridgeFn(rng, horizon - 8, 8, 3), layer(mood, 0.15), horizon));
  paintWater(c, mood, rng, horizon, sunX);
  const tint = layer(mood, 0.3);
  const hull = mix('#2a2f3a', tint, 0.2);
  const x0 = rng.range(150, 300);
  const x1 = x0 + 1100;
  c.add(path(`M${x0} 600 L${x1} 600 Q${x1 + 90} 600 ${x1 + 130} 560 L${x1 + 120} 650 L${x0 + 40} 660 Z`, hull));
  c.add(path(`M${x0 + 20} 640 L${x1 + 110} 632 L${x1 + 105} 650 L${x0 + 40} 660 Z`, mix('#8a2b2b', tint, 0.3)));
  c.add(rect(x0 + 30, 520, 110, 80, mix('#eeeae2', tint, 0.3)), rect(x0 + 20, 505, 130, 16, mix('#eeeae2', tint, 0.35)), rect(x0 + 60, 470, 24, 36, shade(hull, 0.2)));
  for (let k = 0; k < 5; k++) c.add(rect(x0 + 36 + k * 20, 510, 12, 6, '#2a3548'));
  for (let x = x0 + 170; x < x1 - 20; x += 150) c.add(containers(rng, x, 600, 2, rng.int(3, 5), 70, 22, tint));
  for (let i = 0; i < 18; i++) {
    const wx = x1 + 100 - i * 60 - rng.range(0, 30);
    c.add(path(`M${n(wx)} ${n(655 + i * 2)} q30 -6 60 0`, 'none', `stroke="#ffffff" stroke-width="${n(3 - i * 0.1)}" opacity="${n(0.6 - i * 0.03)}"`));
  }
  return c.toSvg();
}

/** Painted wooden fishing boats off a beach below an old harbour wall and lighthouse. */
export function fishingBoats(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const horizon = 480;
  paintSky(c, mood, rng, horizon);
  const sunX = rng.range(200, 1400);
  paintSun(c, mood, sunX, rng.range(200, 330), 40);
  paintWater(c, mood, rng, horizon, sunX);
  const wall = mix('#c9ab7f', layer(mood, 0.4), 0.35);
  c.add(rect(900, horizon - 24, 700, 34, wall), rect(1380, horizon - 130, 36, 110, shade(wall, 0.15)), rect(1372, horizon - 150, 52, 22, shade(wall, -0.2)), poly([[1372, horizon - 150], [1398, horizon - 175], [1424, horizon - 150]], shade(wall, -0.35)));
  c.add(path(`M0 ${H} L0 780 Q400 740 800 790 T${W} 800 L${W} ${H} Z`, mix('#dcc39a', layer(mood, 0.5), 0.3)));
  const stripes = ['#2f6db5', '#c23b2c', '#2e8a6a', '#e0b23a'];
  const boats = [{ x: rng.range(80, 300), y: 600, s: 0.7 }, { x: rng.range(500, 700), y: 650, s: 0.9 }, { x: rng.range(1000, 1200), y: 620, s: 0.8 }, { x: rng.range(250, 450), y: 800, s: 1.3 }];
  for (const b of boats) {
    const w = 300 * b.s;
    const h = 60 * b.s;
    const body = mix('#f1ece2', layer(mood, 0.4), 0.3);
    const stripe = jitter(rng.pick(stripes), rng, 10);
    c.add(ellipse(b.x + w / 2, b.y + h * 0.5, w * 0.55, h * 0.2, '#000000', 'opacity="0.15"'));
    c.add(path(`M${n(b.x)} ${n(b.y - h * 0.3)} L${n(b.x + w)} ${n(b.y - h * 0.5)} Q${n(b.x + w * 0.95)} ${n(b.y + h * 0.4)} ${n(b.x + w * 0.75)} ${n(b.y + h * 0.5)} L${n(b.x + w * 0.15)} ${n(b.y + h * 0.5)} Q${n(b.x + w * 0.02)} ${n(b.y + h * 0.2)} ${n(b.x)} ${n(b.y - h * 0.3)} Z`, body));
    c.add(path(`M${n(b.x + w * 0.03)} ${n(b.y)} L${n(b.x + w * 0.97)} ${n(b.y - h * 0.12)} L${n(b.x + w * 0.95)} ${n(b.y + h * 0.08)} L${n(b.x + w * 0.06)} ${n(b.y + h * 0.18)} Z`, stripe));
    c.add(rect(b.x + w * 0.55, b.y - h * 1.1, w * 0.2, h * 0.75, shade(body, -0.08)), line(b.x + w * 0.35, b.y - h * 0.4, b.x + w * 0.33, b.y - h * 3, shade(stripe, -0.4), 3 * b.s));
    c.add(ellipse(b.x + w * 0.25, b.y - h * 0.4, w * 0.1, h * 0.18, shade('#4a5a3a', -0.2)));
  }
  return c.toSvg();
}

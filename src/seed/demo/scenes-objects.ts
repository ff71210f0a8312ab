/**
 * Demo photo scenes built around objects and facades: market stalls, a parliament
 * portico, a press-conference lectern, a ballot box and a bookshelf.
 */
import type { Rng } from './prng.ts';
import { Canvas, H, W, circle, dome, ellipse, jitter, layer, line, mix, n, paintSky, paintSun, path, poly, rect, shade } from './svg-kit.ts';
import type { Mood } from './svg-kit.ts';

const AWNING_COLOURS = ['#c0392b', '#e0a526', '#2b7a78', '#2f5d9a', '#8e3b6d', '#d35f2b'];
const PRODUCE = ['#e8792b', '#c7302a', '#f0c419', '#5b8c2a', '#5d2f6b', '#b3541e', '#d9a441'];

/** Market stalls under striped, scalloped awnings, with lanterns and sacks of spice. */
export function souqAwnings(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const wall = mix('#c8a878', mood.sun, mood.isNight ? 0 : 0.15);
  c.add(rect(0, 0, W, H, c.linear([[0, shade(wall, -0.45)], [0.6, shade(wall, -0.1)], [1, shade(wall, -0.3)]])));
  for (let x = 60; x < W; x += 260) c.add(path(`M${x} 420 L${x} 200 A90 90 0 0 1 ${x + 180} 200 L${x + 180} 420 Z`, shade(wall, -0.55)));
  for (let i = 0; i < 3; i++) {
    const x = rng.range(100, 1400);
    c.add(poly([[x, 0], [x + 90, 0], [x + 360, H], [x + 200, H]], '#fff6dc', 'opacity="0.08"'));
  }
  let x = -20;
  while (x < W) {
    const w = rng.range(220, 320);
    const top = rng.range(250, 300);
    const depth = 90;
    const [a, b] = [rng.pick(AWNING_COLOURS), '#f3ead8'];
    const stripes = 8;
    for (let k = 0; k < stripes; k++) {
      const sx = x + (k * w) / stripes;
      c.add(poly([[sx, top], [sx + w / stripes, top], [sx + w / stripes + 12, top + depth], [sx + 12, top + depth]], k % 2 ? b : a));
    }
    let scallop = `M${x + 12} ${top + depth}`;
    for (let k = 0; k < stripes; k++) scallop += ` a${n(w / stripes / 2)} 14 0 0 0 ${n(w / stripes)} 0`;
    c.add(path(scallop, shade(a, -0.15)));
    c.add(rect(x + 20, top + depth + 120, w - 20, 26, '#6b4a2f'), rect(x + 30, top + depth + 146, 12, 200, '#4e3522'), rect(x + w - 30, top + depth + 146, 12, 200, '#4e3522'));
    const tableTop = top + depth + 120;
    for (let pile = 0; pile < 3; pile++) {
      const colour = rng.pick(PRODUCE);
      const px = x + 40 + pile * (w - 40) / 3;
      for (let r = 0; r < 4; r++) {
        for (let k = 0; k < 5 - r; k++) c.add(circle(px + 10 + k * 14 + r * 7, tableTop - 7 - r * 12, 8, jitter(colour, rng, 12)));
      }
    }
    x += w + rng.range(10, 40);
  }
  for (let i = 0; i < 9; i++) {
    const lx = rng.range(40, W - 40);
    const ly = rng.range(80, 180);
    c.add(line(lx, 0, lx, ly, '#2b1e14', 2), poly([[lx - 16, ly], [lx + 16, ly], [lx + 10, ly + 40], [lx - 10, ly + 40]], '#b8862e'), circle(lx, ly + 20, 50, c.radial([[0, '#ffd98a', 0.6], [1, '#ffd98a', 0]])));
  }
  for (let i = 0; i < 7; i++) {
    const sx = 60 + i * 220 + rng.range(-20, 20);
    const colour = rng.pick(['#b8321f', '#e2a21b', '#7a3d1c', '#c9671c', '#4f6b2a']);
    c.add(poly([[sx, H], [sx + 10, 740], [sx + 150, 740], [sx + 160, H]], '#d8c4a0'), rect(sx + 6, 730, 148, 18, shade('#d8c4a0', -0.15)), ellipse(sx + 80, 738, 70, 26, colour));
  }
  return c.toSvg();
}

/** A colonnaded parliament portico on a flight of steps, with cypresses. */
export function parliamentFacade(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  paintSky(c, mood, rng);
  paintSun(c, mood, rng.chance(0.5) ? rng.range(150, 350) : rng.range(1250, 1450), rng.range(120, 220), 38);
  const stone = mix('#e8e0cf', mood.sun, mood.isNight ? 0 : 0.15);
  const lit = mood.isNight ? shade(stone, -0.6) : stone;
  const x0 = 300;
  const x1 = 1300;
  c.add(dome(800, 250, 120, shade(lit, -0.12)));
  c.add(poly([[x0 - 30, 330], [800, 200], [x1 + 30, 330]], shade(lit, -0.05)), poly([[x0 + 30, 320], [800, 225], [x1 - 30, 320]], shade(lit, -0.2)));
  c.add(rect(x0 - 30, 330, x1 - x0 + 60, 40, shade(lit, 0.05)), rect(x0 - 20, 370, x1 - x0 + 40, 14, shade(lit, -0.15)));
  c.add(rect(x0, 384, x1 - x0, 300, shade(lit, -0.35)));
  const shaft = c.linear([[0, shade(lit, -0.25)], [0.45, shade(lit, 0.1)], [1, shade(lit, -0.3)]], 0, 0, 1, 0);
  for (let i = 0; i < 8; i++) {
    const cx = x0 + 40 + i * ((x1 - x0 - 80) / 7);
    c.add(rect(cx - 34, 384, 68, 16, lit), rect(cx - 26, 400, 52, 270, shaft), rect(cx - 34, 670, 68, 16, lit));
  }
  for (let k = 0; k < 8; k++) c.add(rect(x0 - 80 - k * 30, 686 + k * 27, x1 - x0 + 160 + k * 60, 27, shade(lit, -0.05 - (k % 2) * 0.06)));
  const cypress = mix('#2f4a2c', layer(mood, 0.7), 0.3);
  for (const cx of [120, 210, 1390, 1480]) c.add(ellipse(cx, 560, 36, 220, jitter(cypress, rng, 8)), rect(cx - 5, 770, 10, 40, '#3a2a1c'));
  c.add(line(40, 900, 40, 240, '#6d6a66', 6), path('M43 250 Q110 236 170 256 Q230 276 290 256 L290 330 Q230 350 170 330 Q110 310 43 326 Z', mix('#2d7a5a', layer(mood, 0.4), 0.25)));
  return c.toSvg();
}

/** A lectern bristling with broadcasters' microphones under a spotlight. */
export function pressMicrophones(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const back = mix('#1d2b4a', mood.sky[0], 0.3);
  c.add(rect(0, 0, W, H, c.linear([[0, shade(back, -0.3)], [1, back]])));
  for (let i = 0; i < 26; i++) c.add(circle(rng.range(0, W), rng.range(0, 500), rng.range(20, 70), rng.pick(['#f3d28a', '#9fc2ff', '#ffffff']), `opacity="${n(rng.range(0.02, 0.06))}"`));
  c.add(ellipse(800, 150, 520, 420, c.radial([[0, '#fff5dc', 0.35], [1, '#fff5dc', 0]])));
  const wood = c.linear([[0, '#7a4a2a'], [0.5, '#a06a3e'], [1, '#6a3e22']], 0, 0, 1, 0);
  c.add(poly([[560, 560], [1040, 560], [1000, H], [600, H]], wood), rect(540, 540, 520, 30, '#5a341c'));
  const mics = 8;
  for (let i = 0; i < mics; i++) {
    const t = i / (mics - 1);
    const hx = 560 + t * 480 + rng.range(-15, 15);
    const hy = 330 + Math.abs(t - 0.5) * 90 + rng.range(-30, 30);
    const bx = 680 + t * 240;
    c.add(line(bx, 545, hx, hy + 70, '#1b1b1f', 8));
    c.add(rect(hx - 34, hy + 40, 68, 56, jitter(rng.pick(['#c0392b', '#2f6db5', '#e0a526', '#2b7a78', '#ededed', '#333333']), rng, 8), 'rx="6"'));
    c.add(rect(hx - 22, hy - 50, 44, 96, '#2a2a30', 'rx="22"'), rect(hx - 15, hy - 42, 10, 56, '#ffffff', 'opacity="0.15" rx="5"'));
  }
  return c.toSvg();
}

/** A transparent ballot box of folded papers on a school desk beside a booth curtain. */
export function ballotBox(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const wall = mix('#cfd8c4', mood.sky[2], 0.15);
  c.add(rect(0, 0, W, 620, c.linear([[0, shade(wall, -0.1)], [1, wall]])));
  c.add(rect(1000, 90, 420, 300, mix('#dfeef7', mood.sky[1], 0.4)), rect(1000, 90, 420, 300, 'none', 'stroke="#f5f2ea" stroke-width="16"'), line(1210, 90, 1210, 390, '#f5f2ea', 10));
  c.add(rect(0, 620, W, H - 620, '#7c5a3c'), rect(0, 600, W, 28, '#94704d'));
  for (let k = 0; k < 10; k++) c.add(path(`M${k * 36} 0 Q${k * 36 + 18} 300 ${k * 36} 620`, 'none', `stroke="${shade('#5a6a7a', (k % 2) * 0.15)}" stroke-width="36"`));
  const bx = 620;
  const by = 250;
  for (let i = 0; i < 26; i++) {
    const px = bx + 30 + rng.range(0, 230);
    const py = by + 270 - rng.range(0, 40) - (i / 26) * 110;
    c.add(rect(px, py, 90, 50, jitter('#f4f1e8', rng, 6), `transform="rotate(${n(rng.range(-30, 30))} ${n(px + 45)} ${n(py + 25)})"`));
  }
  c.add(rect(bx, by, 380, 350, '#dfeaf2', 'opacity="0.35"'), rect(bx, by, 380, 350, 'none', 'stroke="#ffffff" stroke-width="4" opacity="0.8"'));
  c.add(poly([[bx - 10, by], [bx + 390, by], [bx + 370, by - 30], [bx + 10, by - 30]], '#e8eef2', 'opacity="0.7"'), rect(bx + 140, by - 20, 100, 8, '#3c4a56'));
  c.add(rect(bx + 150, by - 80, 80, 60, '#f6f3ea', `transform="rotate(4 ${bx + 190} ${by - 50})"`));
  c.add(rect(1100, 540, 40, 60, '#4a2a6a'), rect(1106, 528, 28, 14, '#222'));
  return c.toSvg();
}

/** Shelves of books in warm lamplight, for reviews and the culture pages. */
export function bookshelf(rng: Rng, mood: Mood): string {
  const c = new Canvas();
  const wall = mix('#4a3426', mood.sky[0], 0.15);
  c.add(rect(0, 0, W, H, wall), circle(1300, 150, 600, c.radial([[0, '#ffd9a0', 0.35], [1, '#ffd9a0', 0]])));
  const colours = ['#8c2f2a', '#2f4f6d', '#c49a3a', '#3d5a3a', '#d9cdb4', '#6a3d5a', '#b5652b', '#1f2a33', '#9aa6a0'];
  for (let shelf = 0; shelf < 4; shelf++) {
    const base = 210 + shelf * 220;
    c.add(rect(0, base, W, 18, '#6b4527'), rect(0, base + 18, W, 8, '#2a1a10'));
    let x = rng.range(-10, 40);
    while (x < W) {
      if (rng.chance(0.06)) {
        x += rng.range(60, 140);
        continue;
      }
      const w = rng.range(22, 48);
      const h = rng.range(130, 190);
      const fill = jitter(rng.pick(colours), rng, 12);
      const lean = rng.chance(0.05) ? rng.range(-14, -8) : 0;
      c.add(rect(x, base - h, w, h, fill, lean ? `transform="rotate(${n(lean)} ${n(x + w)} ${n(base)})"` : ''));
      c.add(rect(x + 3, base - h + 18, w - 6, 4, shade(fill, 0.35), 'opacity="0.6"'), rect(x + 3, base - 26, w - 6, 3, shade(fill, 0.35), 'opacity="0.5"'));
      x += w + (lean ? 12 : 1);
    }
  }
  return c.toSvg();
}

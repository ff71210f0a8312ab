/**
 * A d3-geo path context that writes compact SVG path data for small maps: relative
 * commands, one decimal, points within MIN_STEP pixels of the previous one dropped, and
 * (optionally) rings under SPECK pixels across left out. At a 320-pixel map size, finer
 * detail than that is bytes, not map: Iran's 1:50m outline with its neighbours shrinks
 * from ~30 kB to ~15 kB.
 */

/** Points closer than this (pixels) to the last one kept are skipped. */
const MIN_STEP = 1.25;
/** Rings smaller than this (pixels, both ways) are dropped when specks are unwanted. */
const SPECK = 1.5;

/** Collects one path's data; hand it to `geoPath(projection, context)`. */
export class CompactPath {
  private out = '';
  private ring: [number, number][] = [];

  constructor(private readonly dropSpecks: boolean) {}

  beginPath(): void {
    // Each ring starts with moveTo; nothing to reset.
  }

  moveTo(x: number, y: number): void {
    this.flush(false);
    this.ring = [[x, y]];
  }

  lineTo(x: number, y: number): void {
    const last = this.ring.at(-1);
    if (last && Math.hypot(x - last[0], y - last[1]) < MIN_STEP) return;
    this.ring.push([x, y]);
  }

  closePath(): void {
    this.flush(true);
  }

  arc(): void {
    // Only drawn for point geometries, which these maps never pass.
  }

  /** The path data written so far. */
  result(): string {
    this.flush(false);
    return this.out;
  }

  private flush(closed: boolean): void {
    const ring = this.ring;
    this.ring = [];
    const first = ring[0];
    if (!first) return;
    if (this.dropSpecks) {
      const xs = ring.map((point) => point[0]);
      const ys = ring.map((point) => point[1]);
      if (Math.max(...xs) - Math.min(...xs) < SPECK && Math.max(...ys) - Math.min(...ys) < SPECK) return;
    }
    // Rounded in tenths, and each step taken from the rounded previous point, so errors never add up.
    let x = Math.round(first[0] * 10);
    let y = Math.round(first[1] * 10);
    let d = `M${x / 10} ${y / 10}`;
    for (const [px, py] of ring.slice(1)) {
      const nx = Math.round(px * 10);
      const ny = Math.round(py * 10);
      if (nx === x && ny === y) continue;
      d += `l${(nx - x) / 10} ${(ny - y) / 10}`;
      x = nx;
      y = ny;
    }
    this.out += closed ? `${d}z` : d;
  }
}

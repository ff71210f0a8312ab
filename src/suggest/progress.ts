/**
 * Progress of a long command on stderr: on a terminal, one line redrawn in place (a bar,
 * the count, the rate and the time left); otherwise — a log file, CI — a plain line now
 * and then, so the output stays readable.
 */

/** Where progress goes: stderr, or anything with the same two members. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const REDRAW_MS = 100;
const PLAIN_EVERY_MS = 10_000;
const BAR_WIDTH = 24;

/** Formats seconds as m:ss or h:mm:ss. */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Reports progress towards a known total. */
export class ProgressBar {
  readonly #started: number;
  #lastDrawn = -Infinity;
  #lastPercent = -1;
  #done = 0;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly label: string,
    private readonly now: () => number = Date.now,
  ) {
    this.#started = now();
  }

  /** The line as it stands (for the terminal and for tests). */
  line(): string {
    const elapsed = (this.now() - this.#started) / 1000;
    const rate = elapsed > 0 ? this.#done / elapsed : 0;
    const fraction = this.total === 0 ? 1 : Math.min(1, this.#done / this.total);
    const left = rate > 0 ? (this.total - this.#done) / rate : NaN;
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
    const eta = Number.isFinite(left) ? `ETA ${clock(left)}` : 'ETA --:--';
    return `${this.label} ${bar} ${this.#done}/${this.total} ${Math.floor(fraction * 100)}%  ${rate.toFixed(1)}/s  ${eta}`;
  }

  /** Records how many are done; draws when it is time to. */
  update(done: number): void {
    this.#done = done;
    const at = this.now();
    if (this.stream.isTTY) {
      if (at - this.#lastDrawn < REDRAW_MS && done < this.total) return;
      this.#lastDrawn = at;
      const width = (this.stream.columns ?? 100) - 1;
      this.stream.write(`\r${this.line().slice(0, width).padEnd(width)}`);
      return;
    }
    // Not a terminal: a line at every tenth of the way, or every ten seconds.
    const percent = this.total === 0 ? 100 : Math.floor((done / this.total) * 10) * 10;
    if (percent > this.#lastPercent || at - this.#lastDrawn >= PLAIN_EVERY_MS) {
      this.#lastPercent = percent;
      this.#lastDrawn = at;
      this.stream.write(`${this.line()}\n`);
    }
  }

  /** Ends the bar's line on a terminal. */
  finish(): void {
    this.update(this.#done);
    if (this.stream.isTTY) this.stream.write('\n');
  }
}

/**
 * Small charts for admin pages, drawn on the server as SVG: no script, styled only through
 * classes in charts.css (add `ctx.assetPath('charts.css')` to the page's `styles`).
 * Every chart is an image with a spoken summary (role="img", <title>, aria-label) and
 * carries its numbers as a table in a <details> below, so nothing is only visual.
 */
import type { SafeHtml } from '../site/jsx/jsx-runtime.ts';

/** One named line (or set of bars): y values at category labels such as '2026-11-27' or '14:00'. */
export interface ChartSeries {
  label: string;
  points: { x: string; y: number }[];
}

/** What both kinds of chart take. */
interface ChartProps {
  title: string;
  series: ChartSeries[];
  /** What the y axis counts ("subscribers"); shown beside the axis and in the table. */
  yLabel?: string;
  /** Drawing height in SVG units (the width is fixed at 640 and scales with the page). */
  height?: number;
}

const WIDTH = 640;
const MARGIN = { top: 16, right: 16, bottom: 36, left: 52 };
/** Series beyond this many share the last colour class. */
const COLOUR_CLASSES = 6;
/** At most this many x labels are written under the axis; the table has all of them. */
const MAX_X_LABELS = 8;

/** Category labels in the order they first appear across the series. */
function categoriesOf(series: ChartSeries[]): string[] {
  const seen = new Set<string>();
  for (const line of series) for (const point of line.points) seen.add(point.x);
  return [...seen];
}

/** A round number at or above `value` (1, 2, 2.5 or 5 times a power of ten). */
function niceCeiling(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** The y range and its tick values (about four steps, whole numbers where the data is whole). */
function yScale(series: ChartSeries[]): { min: number; max: number; ticks: number[] } {
  const values = series.flatMap((line) => line.points.map((point) => point.y)).filter((y) => Number.isFinite(y));
  const top = Math.max(0, ...values);
  const bottom = Math.min(0, ...values);
  const isWhole = values.every((y) => Number.isInteger(y));
  let step = niceCeiling((top - bottom) / 4 || 1);
  if (isWhole) step = Math.max(1, Math.ceil(step));
  const min = Math.floor(bottom / step) * step;
  const max = Math.max(min + step, Math.ceil(top / step) * step);
  const ticks: number[] = [];
  for (let tick = min; tick <= max + step / 2; tick += step) ticks.push(Number(tick.toFixed(6)));
  return { min, max, ticks };
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
}

/** One sentence a screen reader speaks for the chart. */
function summaryOf(kind: string, props: ChartProps, categories: string[]): string {
  const count = props.series.length;
  const what = props.yLabel ? ` of ${props.yLabel}` : '';
  const span = categories.length === 1 ? `at ${categories[0]}` : `from ${categories[0]} to ${categories[categories.length - 1]}`;
  let highest: { y: number; x: string; label: string } | null = null;
  for (const line of props.series) for (const point of line.points) if (!highest || point.y > highest.y) highest = { y: point.y, x: point.x, label: line.label };
  const peak = highest ? `; highest ${formatNumber(highest.y)}${count > 1 ? ` (${highest.label})` : ''} at ${highest.x}` : '';
  return `${props.title}: ${kind}${what}, ${count} series, ${categories.length} ${categories.length === 1 ? 'point' : 'points'} ${span}${peak}.`;
}

/** The numbers behind a chart, as a table a reader can open. */
function DataTable(props: { title: string; series: ChartSeries[]; categories: string[]; yLabel?: string }) {
  const lookup = props.series.map((line) => new Map(line.points.map((point) => [point.x, point.y])));
  return (
    <details class="chart__data">
      <summary>Show the numbers</summary>
      <table class="admin-table chart__table">
        <caption class="visually-hidden">{`${props.title}${props.yLabel ? ` (${props.yLabel})` : ''}`}</caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            {props.series.map((line) => (
              <th scope="col">{line.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.categories.map((x) => (
            <tr>
              <th scope="row">{x}</th>
              {lookup.map((values) => {
                const y = values.get(x);
                return <td>{y === undefined ? '–' : formatNumber(y)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The colour key, when there is more than one series. */
function Legend(props: { series: ChartSeries[] }) {
  if (props.series.length < 2) return null;
  return (
    <ul class="chart__legend" aria-hidden="true">
      {props.series.map((line, index) => (
        <li class={`chart__key chart__key--${Math.min(index, COLOUR_CLASSES - 1)}`}>{line.label}</li>
      ))}
    </ul>
  );
}

/** Geometry shared by both charts. */
interface Frame {
  height: number;
  plotWidth: number;
  plotHeight: number;
  categories: string[];
  y: ReturnType<typeof yScale>;
  /** SVG y of a value. */
  yOf: (value: number) => number;
}

function frameOf(props: ChartProps, categories: string[]): Frame {
  const height = Math.min(Math.max(Math.round(props.height ?? 240), 120), 800);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const y = yScale(props.series);
  const yOf = (value: number) => MARGIN.top + plotHeight - ((value - y.min) / (y.max - y.min)) * plotHeight;
  return { height, plotWidth, plotHeight, categories, y, yOf };
}

/** Whether the x label at `index` is written: the last always, and every `every`th that does not crowd it. */
function isLabelled(index: number, count: number, every: number): boolean {
  if (index === count - 1) return true;
  return index % every === 0 && count - 1 - index >= every / 2;
}

/** Grid lines, y tick labels, the y label and the x labels (thinned to a readable number). */
function Axes(props: { frame: Frame; xOf: (index: number) => number; yLabel?: string }) {
  const { frame } = props;
  const every = Math.max(1, Math.ceil(frame.categories.length / MAX_X_LABELS));
  const baseline = MARGIN.top + frame.plotHeight;
  return (
    <g class="chart__axes">
      {frame.y.ticks.map((tick) => (
        <g>
          <line class={tick === 0 ? 'chart__grid chart__grid--zero' : 'chart__grid'} x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={frame.yOf(tick).toFixed(1)} y2={frame.yOf(tick).toFixed(1)} />
          <text class="chart__tick chart__tick--y" x={MARGIN.left - 6} y={(frame.yOf(tick) + 4).toFixed(1)} text-anchor="end">
            {formatNumber(tick)}
          </text>
        </g>
      ))}
      {frame.categories.map((x, index) =>
        isLabelled(index, frame.categories.length, every) ? (
          <text class="chart__tick chart__tick--x" x={props.xOf(index).toFixed(1)} y={baseline + 18} text-anchor="middle">
            {x}
          </text>
        ) : null,
      )}
      {props.yLabel ? (
        <text class="chart__axis-label" x={12} y={MARGIN.top + frame.plotHeight / 2} text-anchor="middle" transform={`rotate(-90 12 ${MARGIN.top + frame.plotHeight / 2})`}>
          {props.yLabel}
        </text>
      ) : null}
    </g>
  );
}

/** The figure around a chart: caption, the SVG image, the key and the table. */
function Figure(props: ChartProps & { kind: string; categories: string[]; drawing: SafeHtml; height: number }) {
  const summary = summaryOf(props.kind, props, props.categories);
  return (
    <figure class={`chart chart--${props.kind === 'line chart' ? 'line' : 'bar'}`}>
      <figcaption class="chart__title">{props.title}</figcaption>
      <svg class="chart__svg" role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} ${props.height}`} preserveAspectRatio="xMidYMid meet" focusable="false">
        <title>{summary}</title>
        {props.drawing}
      </svg>
      <Legend series={props.series} />
      <DataTable title={props.title} series={props.series} categories={props.categories} yLabel={props.yLabel} />
    </figure>
  );
}

/** What an empty chart shows instead. */
function Empty(props: { title: string }) {
  return (
    <figure class="chart chart--empty">
      <figcaption class="chart__title">{props.title}</figcaption>
      <p class="chart__empty">No data yet.</p>
    </figure>
  );
}

/** A line chart of one or more series over shared category labels. */
export function LineChart(props: ChartProps) {
  const categories = categoriesOf(props.series);
  if (categories.length === 0) return <Empty title={props.title} />;
  const frame = frameOf(props, categories);
  const xOf = (index: number) => MARGIN.left + (categories.length === 1 ? frame.plotWidth / 2 : (index / (categories.length - 1)) * frame.plotWidth);
  const position = new Map(categories.map((x, index) => [x, index]));
  const drawing = (
    <g>
      <Axes frame={frame} xOf={xOf} yLabel={props.yLabel} />
      {props.series.map((line, index) => {
        const coordinates = line.points.map((point) => ({ point, cx: xOf(position.get(point.x) ?? 0), cy: frame.yOf(point.y) }));
        const colour = `chart__series chart__series--${Math.min(index, COLOUR_CLASSES - 1)}`;
        return (
          <g class={colour}>
            <polyline class="chart__line" points={coordinates.map((c) => `${c.cx.toFixed(1)},${c.cy.toFixed(1)}`).join(' ')} />
            {coordinates.length <= 60
              ? coordinates.map((c) => (
                  <circle class="chart__dot" cx={c.cx.toFixed(1)} cy={c.cy.toFixed(1)} r="3">
                    <title>{`${line.label}, ${c.point.x}: ${formatNumber(c.point.y)}`}</title>
                  </circle>
                ))
              : null}
          </g>
        );
      })}
    </g>
  );
  return <Figure {...props} kind="line chart" categories={categories} drawing={drawing} height={frame.height} />;
}

/** A bar chart: one group of bars per category label, one bar per series. */
export function BarChart(props: ChartProps) {
  const categories = categoriesOf(props.series);
  if (categories.length === 0) return <Empty title={props.title} />;
  const frame = frameOf(props, categories);
  const slot = frame.plotWidth / categories.length;
  const xOf = (index: number) => MARGIN.left + slot * (index + 0.5);
  const groupWidth = slot * 0.8;
  const barWidth = groupWidth / Math.max(1, props.series.length);
  const position = new Map(categories.map((x, index) => [x, index]));
  const zero = frame.yOf(Math.max(0, frame.y.min));
  const drawing = (
    <g>
      <Axes frame={frame} xOf={xOf} yLabel={props.yLabel} />
      {props.series.map((line, seriesIndex) => (
        <g class={`chart__series chart__series--${Math.min(seriesIndex, COLOUR_CLASSES - 1)}`}>
          {line.points.map((point) => {
            const left = xOf(position.get(point.x) ?? 0) - groupWidth / 2 + seriesIndex * barWidth;
            const top = Math.min(zero, frame.yOf(point.y));
            const barHeight = Math.abs(frame.yOf(point.y) - zero);
            return (
              <rect class="chart__bar" x={left.toFixed(1)} y={top.toFixed(1)} width={Math.max(1, barWidth - 1).toFixed(1)} height={barHeight.toFixed(1)}>
                <title>{`${line.label}, ${point.x}: ${formatNumber(point.y)}`}</title>
              </rect>
            );
          })}
        </g>
      ))}
    </g>
  );
  return <Figure {...props} kind="bar chart" categories={categories} drawing={drawing} height={frame.height} />;
}

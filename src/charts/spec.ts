/**
 * What a chart shows, as plain data: no Discord, no search types, no ECharts. The bot, the
 * console and the CLI build one of these (`src/charts/series.ts` does it from figures) and
 * `renderChart` turns it into PNG bytes.
 */

export interface ChartSeries {
  name: string;
  /** One value per category; null is a gap (no bar, a break in the line), never a zero. */
  values: (number | null)[];
}

export interface ChartSpec {
  /** `bar` compares categories (zones), `line` follows one thing over time (years). */
  kind: 'bar' | 'line';
  title: string;
  /** Unit of every value (`亿元`, `%`); shown in the title, never on each label. */
  unit: string;
  categories: string[];
  series: ChartSeries[];
  /** One line at the bottom: sources such as `002_x.txt · ¶29`. */
  caption?: string;
  /** The values are whole counts (questions a day): whole-number ticks, and no label on an empty bar. */
  counts?: boolean;
  /** Pixels; default 800×450, the size Discord shows an embed image at. */
  width?: number;
  height?: number;
}

export const DEFAULT_WIDTH = 800;
export const DEFAULT_HEIGHT = 450;
const MIN_SIDE = 200;
const MAX_SIDE = 4000;

/**
 * A spec the renderer can trust: sizes defaulted and clamped to whole pixels, every series as
 * long as the categories (missing values are gaps), non-finite values turned into gaps.
 *
 * @example
 * normalizeSpec({ kind: 'bar', title: 't', unit: '', categories: ['a', 'b'], series: [{ name: 's', values: [1, NaN] }] });
 * // { …, width: 800, height: 450, series: [{ name: 's', values: [1, null] }] }
 */
export function normalizeSpec(spec: ChartSpec): Required<Omit<ChartSpec, 'caption'>> & { caption: string } {
  const side = (n: number | undefined, fallback: number) => (n === undefined || !Number.isFinite(n) ? fallback : Math.round(Math.min(MAX_SIDE, Math.max(MIN_SIDE, n))));
  const categories = spec.categories.map(String);
  return {
    kind: spec.kind === 'line' ? 'line' : 'bar',
    title: spec.title,
    unit: spec.unit,
    categories,
    series: spec.series.map((s) => ({
      name: s.name,
      values: categories.map((_, i) => {
        const v = s.values[i];
        return typeof v === 'number' && Number.isFinite(v) ? v : null;
      }),
    })),
    caption: spec.caption ?? '',
    counts: spec.counts === true,
    width: side(spec.width, DEFAULT_WIDTH),
    height: side(spec.height, DEFAULT_HEIGHT),
  };
}

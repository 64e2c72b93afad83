import type { EChartsOption } from 'echarts';
import { ellipsize, formatValue, wrapLabel, type Measure } from './format.js';
import type { normalizeSpec } from './spec.js';

/**
 * The ECharts option for a chart spec. Layout is decided here, in pixels measured with the real
 * font, rather than left to ECharts' defaults: its automatic label interval hides categories
 * (we must show every zone), and its labels overlap when Chinese names are long.
 */

type Spec = ReturnType<typeof normalizeSpec>;

export const FONT_FAMILY = 'Noto Sans SC';
const FONT = `"${FONT_FAMILY}", sans-serif`;

const PAD = 16;
const TITLE_SIZE = 18;
const AXIS_SIZE = 12;
const AXIS_LINE_HEIGHT = 15;
const VALUE_SIZE = 11;
const CAPTION_SIZE = 11;
const COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1', '#edc948', '#9c755f'];

/**
 * Builds the option; `measure` gives text widths in the chart's font.
 *
 * @example
 * const option = chartOption(normalizeSpec(spec), (text, size) => ctx.measureText(text).width);
 * chart.setOption(option);
 */
export function chartOption(spec: Spec, measure: Measure): EChartsOption {
  const { width, height, categories, series } = spec;
  const n = Math.max(1, categories.length);
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const dataMax = Math.max(0, ...values);
  const dataMin = Math.min(0, ...values);

  // Vertical budget: title, legend (several series only), plot, axis labels, caption.
  const legend = series.length > 1;
  const headerBottom = legend ? 70 : 46;
  const captionBlock = spec.caption ? 30 : 10;

  // Horizontal room per category, after the value axis' own labels.
  const yLabelWidth = Math.max(measure(formatValue(dataMax), AXIS_SIZE), measure(formatValue(dataMin), AXIS_SIZE)) + 12;
  const plotWidth = width - 2 * PAD - 8 - yLabelWidth;
  const perCategory = plotWidth / n;

  const axis = categoryLabels(categories, perCategory, measure);
  const plotHeight = height - headerBottom - captionBlock - axis.height - 24;

  // Value labels: upright when they fit their bar (or point), else turned to read upwards.
  const slot = spec.kind === 'bar' ? (perCategory * 0.8) / series.length : perCategory;
  const labelWidth = Math.max(0, ...values.map((v) => measure(formatValue(v), VALUE_SIZE)));
  const turned = labelWidth > slot - 2 && !(spec.kind === 'line' && labelWidth <= 2 * slot - 4);
  const labelExtent = (turned ? labelWidth : VALUE_SIZE) + 8;
  const headroom = (labelExtent / Math.max(60, plotHeight)) * (dataMax - dataMin || 1);
  const scale = valueScale(dataMin, dataMax, headroom, spec.counts);
  // A line's labels go above its peaks and below its valleys, away from the line; between,
  // crowded labels alternate sides. Never below a point too close to the axis' bottom.
  const below = (row: (number | null)[], j: number): boolean => {
    const v = row[j];
    if (v === null || v === undefined) return false;
    if (spec.kind === 'bar') return v < 0;
    if (v - scale.min < headroom) return false;
    const prev = row[j - 1] ?? null;
    const next = row[j + 1] ?? null;
    const valley = (prev === null || v <= prev) && (next === null || v <= next) && (prev !== null || next !== null);
    const peak = (prev === null || v >= prev) && (next === null || v >= next);
    if (valley && !peak) return true;
    if (peak) return false;
    return labelWidth > slot - 2 && j % 2 === 1;
  };
  const axisFormat = axisFormatter(Math.max(Math.abs(scale.min), Math.abs(scale.max)));
  // A category with no value at all says so under its name, so a missing bar never reads as zero.
  const empty = categories.map((_, j) => spec.kind === 'bar' && series.every((s) => s.values[j] === null));

  const unitSuffix = spec.unit ? `（${spec.unit}）` : '';
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: COLORS,
    textStyle: { fontFamily: FONT },
    title: {
      // A long title is cut, never its unit.
      text: `${ellipsize(spec.title, width - 2 * PAD - measure(unitSuffix, TITLE_SIZE), TITLE_SIZE, measure)}${unitSuffix}`,
      left: PAD,
      top: 12,
      textStyle: { fontFamily: FONT, fontSize: TITLE_SIZE, fontWeight: 'normal', color: '#222' },
    },
    ...(legend ? { legend: { top: 42, right: PAD, itemWidth: 14, itemHeight: 10, textStyle: { fontFamily: FONT, fontSize: AXIS_SIZE, color: '#333' } } } : {}),
    grid: {
      left: PAD,
      right: PAD + 8,
      top: headerBottom,
      bottom: captionBlock,
      // The plot shrinks so the axis labels stay inside the grid's box (ECharts 6's `containLabel`).
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: {
      type: 'category',
      data: categories,
      // Labels at the bottom even when bars go below zero; the zero line is a split line.
      axisLine: { onZero: false, lineStyle: { color: '#999' } },
      axisTick: { alignWithLabel: true },
      axisLabel: {
        interval: 0,
        rotate: axis.rotate,
        fontFamily: FONT,
        fontSize: AXIS_SIZE,
        lineHeight: AXIS_LINE_HEIGHT,
        color: '#333',
        formatter: (_value: string, index: number) => `${axis.labels[index] ?? ''}${empty[index] ? `${axis.rotate ? ' ' : '\n'}{none|无数据}` : ''}`,
        rich: { none: { fontFamily: FONT, fontSize: VALUE_SIZE, color: '#999' } },
      },
    },
    yAxis: {
      type: 'value',
      ...scale,
      axisLabel: { fontFamily: FONT, fontSize: AXIS_SIZE, color: '#555', formatter: axisFormat },
      splitLine: { lineStyle: { color: '#e6e6e6' } },
    },
    series: series.map((s, i) => ({
      type: spec.kind,
      name: s.name,
      data: s.values.map((v, j) => ({ value: v === null ? '-' : v, label: valueLabel(turned, below(s.values, j)) })),
      ...(spec.kind === 'bar' ? { barMaxWidth: 56, barGap: '15%' } : { symbol: 'circle', symbolSize: 7, connectNulls: false, lineStyle: { width: 2.5 } }),
      label: { show: true, fontFamily: FONT, fontSize: VALUE_SIZE, color: '#222', formatter: (p: { value: unknown }) => (typeof p.value === 'number' && !(spec.counts && p.value === 0) ? formatValue(p.value) : '') },
      itemStyle: { color: COLORS[i % COLORS.length] },
    })),
    graphic: spec.caption
      ? [{ type: 'text', left: PAD, bottom: 10, silent: true, style: { text: ellipsize(spec.caption, width - 2 * PAD, CAPTION_SIZE, measure), fontFamily: FONT, fontSize: CAPTION_SIZE, fill: '#666' } }]
      : [],
  } as EChartsOption;
}

/** Where one value label goes: above or below its bar or point, turned to read upwards when crowded. */
function valueLabel(turned: boolean, down: boolean) {
  if (!turned) return { position: down ? 'bottom' : 'top', distance: 4 } as const;
  return { position: down ? 'bottom' : 'top', rotate: 90, align: down ? 'right' : 'left', verticalAlign: 'middle', distance: 4 } as const;
}

/**
 * Category labels that never overlap: wrapped onto up to three lines when each category has
 * room for three characters, else turned 45° (90° when very crowded) and cut with `…`.
 */
function categoryLabels(categories: string[], perCategory: number, measure: Measure): { labels: string[]; rotate: number; height: number } {
  if (perCategory >= 3 * AXIS_SIZE + 4) {
    const labels = categories.map((c) => wrapLabel(c, perCategory - 6, 3, AXIS_SIZE, measure));
    return { labels: labels.map((l) => l.join('\n')), rotate: 0, height: Math.max(1, ...labels.map((l) => l.length)) * AXIS_LINE_HEIGHT + 8 };
  }
  const rotate = perCategory >= AXIS_LINE_HEIGHT * 1.5 ? 45 : 90;
  const maxWidth = 120;
  const labels = categories.map((c) => ellipsize(c, maxWidth, AXIS_SIZE, measure));
  const longest = Math.max(0, ...labels.map((l) => measure(l, AXIS_SIZE)));
  const height = rotate === 90 ? longest + 8 : longest * Math.SQRT1_2 + AXIS_LINE_HEIGHT + 8;
  return { labels, rotate, height };
}

/**
 * The value axis: from zero (or below the deepest value) to above the highest, with `headroom`
 * (in data units) on the side of each value for its label, ending on whole round steps so the
 * tick labels are round numbers and none sits squeezed against the axis' end.
 *
 * @example
 * valueScale(-70, 3475, 300); // { min: -1000, max: 4000, interval: 1000 }
 * valueScale(0, 290, 20); // { min: 0, max: 350, interval: 50 }
 * valueScale(0, 1, 0.1, true); // { min: 0, max: 2, interval: 1 }
 */
export function valueScale(dataMin: number, dataMax: number, headroom: number, counts = false): { min: number; max: number; interval: number } {
  const lo = dataMin < 0 ? dataMin - headroom : 0;
  const hi = dataMax > 0 ? dataMax + headroom : lo === 0 ? 1 : 0;
  // The finest round step that needs at most seven intervals: the axis ends close above the data.
  // Counts step by whole numbers (no 0.2 questions).
  const step = (x: number) => (counts ? Math.max(1, Math.ceil(niceStep(x))) : niceStep(x));
  let interval = step((hi - lo) / 7);
  while (Math.ceil(hi / interval - 1e-9) - Math.floor(lo / interval + 1e-9) > 7) interval = step(interval * 1.01);
  const round = (n: number) => Number(n.toPrecision(12));
  return { min: round(Math.floor(lo / interval + 1e-9) * interval), max: round(Math.ceil(hi / interval - 1e-9) * interval), interval };
}

/**
 * A round step (1, 2, 2.5 or 5 × 10ⁿ) at or above `x` > 0.
 *
 * @example
 * niceStep(740); // 1000
 * niceStep(0.3); // 0.5
 */
export function niceStep(x: number): number {
  if (!(x > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= x * (1 - 1e-12)) ?? 10;
  return Number((step * power).toPrecision(12));
}

/**
 * Tick labels on one scale for the whole axis (`0, 30万, 60万`, never `900,000` beside `120万`).
 *
 * @example
 * axisFormatter(1_200_000)(900_000); // '90万'
 */
export function axisFormatter(maxAbs: number): (value: number) => string {
  const [divisor, suffix] = maxAbs >= 1e8 ? [1e8, '亿'] : maxAbs >= 1e6 ? [1e4, '万'] : [1, ''];
  return (value) => `${(value / divisor).toLocaleString('en-US', { maximumFractionDigits: 2 })}${value === 0 ? '' : suffix}`;
}

import type { CompareAnswer, FigureAnswer } from '../search/types.js';
import { chartForFigures, chartForRows } from './series.js';
import type { ChartSpec } from './spec.js';

/**
 * Which chart an answer gets, for every transport (the bot's reply, the console's file, the
 * CLI's `--chart`): the charts module decides what compares; this picks its input.
 */

/** A chart to draw, or the reason there is none (said on stderr; the JSON says `"chart": null`). */
export type ChartPlan = { spec: ChartSpec } | { why: string };

/**
 * What to draw for a figure answer: `chartForFigures` over its results, about the metric asked.
 *
 * @example
 * planFigureChart(engine.figure('营业收入', { zone: '珠海' })); // { spec: { kind: 'line', title: '珠海高新区 营业收入', … } }
 * planFigureChart(engine.figure('招商引资', { zone: '梅河口' })); // { why: '没有可以放在一张图上比较的数字…' }
 */
export function planFigureChart(answer: FigureAnswer): ChartPlan {
  if (answer.results.length === 0) return { why: '没有数字可画。/ No chart: no figures.' };
  // The nearest figures of other zones or years are shown as such, never charted as an answer.
  if (!answer.exact) return { why: '这些数字只是最接近的结果，不作图。/ No chart: these are only the nearest figures.' };
  const spec = chartForFigures(answer.results, { metric: answer.query });
  return spec ? { spec } : { why: '没有可以放在一张图上比较的数字（至少两个同一指标、同类、同单位的数字）。/ No chart: fewer than two of these figures compare (same metric, kind and unit).' };
}

/**
 * What to draw for a comparison: one bar per zone with `chartForRows`. A row's figure may be of
 * an entry inside the zone asked for (`珠海市` › 珠海高新区); the bar is named after the figure's
 * own zone, so the picture never credits a city with its zone's number.
 *
 * @example
 * planCompareChart(engine.compare('固定资产投资', ['梅河口', '长春经开区'])); // { spec: { kind: 'bar', categories: ['梅河口市（2022年）', …] } }
 */
export function planCompareChart(answer: CompareAnswer): ChartPlan {
  const rows = answer.rows.map((r) => ({ zone: r.figure?.zone ?? r.zone, figure: r.figure }));
  const spec = chartForRows(answer.metric, rows);
  return spec ? { spec } : { why: '少于两个地区有可以比较的数字（同类、同单位）。/ No chart: fewer than two zones have figures that compare (same kind and unit).' };
}

/**
 * The usage chart of an admin's /stats: questions per day and, beside them, how many went
 * unanswered (one unit, 次, so both share the axis; the share is in the caption). None for a
 * window without a single question.
 *
 * @example
 * planUsageChart([{ day: '2026-12-01', questions: 4, unanswered: 1, share: 0.25 }, …]); // { spec: { kind: 'bar', … } }
 */
export function planUsageChart(days: readonly { day: string; questions: number; unanswered: number }[]): ChartPlan {
  const total = days.reduce((n, d) => n + d.questions, 0);
  if (total === 0) return { why: '这段时间没有提问。/ No questions in this period.' };
  const unanswered = days.reduce((n, d) => n + d.unanswered, 0);
  return {
    spec: {
      kind: 'bar',
      title: `近 ${days.length} 天提问与未答 / Questions and unanswered`,
      unit: '次',
      categories: days.map((d) => d.day.slice(5)),
      series: [
        { name: '提问 / Questions', values: days.map((d) => d.questions) },
        { name: '未答 / Unanswered', values: days.map((d) => d.unanswered) },
      ],
      counts: true,
      caption: `共 ${total} 次提问，未答 ${unanswered} 次（${Math.round((unanswered / total) * 100)}%）/ ${total} questions, ${unanswered} unanswered`,
    },
  };
}

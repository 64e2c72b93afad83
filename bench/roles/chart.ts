import { readFile } from 'node:fs/promises';
import { chartForFigures, renderChart, type ChartSpec } from '../../src/charts/index.js';
import { createLogger } from '../../src/logger.js';
import { openEngine } from '../../src/search/engine.js';
import { summarize } from '../latency.js';
import type { ChartReport, QuerySet } from '../types.js';
import type { WorkerEvents } from './events.js';

export interface ChartArgs {
  seedsDir: string;
  /** The index `prepare` built over the seeds, so opening the engine is a load. */
  indexDir: string;
  queriesPath: string;
  reps: number;
  minReps: number;
  budgetMs: number;
}

// Shapes the seeds may not produce, so every run times the hard cases too.
const LONG = Array.from({ length: 12 }, (_, i) => `第${i + 1}个长春新区北湖科技开发区`);
const FIXED: ChartSpec[] = [
  { kind: 'bar', title: '十二个长标签', unit: '亿元', categories: LONG, series: [{ name: 'a', values: LONG.map((_, i) => (i === 3 ? 98765.4 : i === 5 ? null : (i - 2) * 13.7)) }], caption: '来源：bench' },
  { kind: 'line', title: '多年', unit: '万元', categories: Array.from({ length: 10 }, (_, i) => `${2014 + i}年`), series: [{ name: 'a', values: Array.from({ length: 10 }, (_, i) => (i === 4 ? null : 1000 + 300 * i * (i % 2 ? -1 : 1))) }] },
];

/**
 * Chart rendering in a fresh process: charts made from the bench's /figure queries over the
 * seeds (those that compare) plus fixed hard shapes; the first render alone (it loads
 * ECharts, the canvas and the fonts), then every chart `reps` times, each render timed.
 *
 * @example
 * await run({ seedsDir, indexDir, queriesPath, reps: 20, minReps: 5, budgetMs: 20_000 }, events); // { firstChartMs: 420, latency: { p50: 28, … }, … }
 */
export async function run(args: ChartArgs, _events: WorkerEvents): Promise<ChartReport> {
  const queries = JSON.parse(await readFile(args.queriesPath, 'utf8')) as QuerySet;
  const engine = await openEngine({ seedsDir: args.seedsDir, indexDir: args.indexDir, logger: createLogger('warn') });
  const fromFigures = queries.figure
    .map((q) => chartForFigures(engine.figure(q.metric, { zone: q.zone, year: q.year }).results, { metric: q.metric }))
    .filter((spec): spec is ChartSpec => spec !== null);
  const specs = [...fromFigures, ...FIXED];

  let started = performance.now();
  let bytes = (await renderChart(specs[0]!)).length;
  const firstChartMs = performance.now() - started;

  // One untimed pass warms the JIT, then as many repetitions as the budget allows.
  started = performance.now();
  for (const spec of specs) bytes += (await renderChart(spec)).length;
  const passMs = performance.now() - started;
  const reps = Math.max(args.minReps, Math.min(args.reps, Math.floor(args.budgetMs / Math.max(passMs, 1))));
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    for (const spec of specs) {
      const t = performance.now();
      await renderChart(spec);
      times.push(performance.now() - t);
    }
  }
  return {
    firstChartMs,
    latency: summarize(times, { queries: specs.length, reps }),
    charts: { fromFigures: fromFigures.length, fixed: FIXED.length },
    meanPngKB: Math.round(bytes / (specs.length + 1) / 102.4) / 10,
  };
}

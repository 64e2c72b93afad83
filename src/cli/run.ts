import { splitZones } from '../search/queries/compare.js';
import type { QueryService, ReindexProgress } from '../search/service.js';
import type { Answer, CompareAnswer, FigureAnswer } from '../search/types.js';
import type { ParsedArgs } from './args.js';
import { planCompareChart, planFigureChart, type ChartPlan } from '../charts/index.js';
import { checkChartPath, writeChart } from './chart.js';

/** An answer with the chart the CLI wrote for it: its path as given, or null (none asked, or none drawn). */
export type Charted<A> = A & { chart: string | null };

/**
 * What a CLI command prints as JSON: the core's answer, plus `chart` for `figure --chart` and
 * always for `compare` (its contract names the field).
 */
export type CliAnswer = Answer | Charted<FigureAnswer> | Charted<CompareAnswer>;

/**
 * Runs one parsed command against the query service. `batch` is handled by the caller. With
 * `--chart`, the chart is written before the answer returns; when there is nothing to draw,
 * `warn` hears why and the answer says `chart: null`.
 *
 * @example
 * await runCommand(service, parseArgs(['zone', '梅河口'])); // { command: 'zone', zone: { name: '梅河口市', … } }
 * await runCommand(service, parseArgs(['compare', '地区生产总值', '--zones', '梅河口,珠海']));
 * // { command: 'compare', metric: '地区生产总值', year: null, rows: [{ zone: '梅河口市', query: '梅河口', figure: {…} }, …], notes: [], chart: null }
 */
export async function runCommand(
  service: QueryService,
  args: ParsedArgs,
  warn: (message: string) => void = () => undefined,
  progress?: (p: ReindexProgress) => void,
): Promise<CliAnswer> {
  // A bad path is refused before any work, not after the query.
  if (args.chart !== undefined) await checkChartPath(args.chart);
  switch (args.command) {
    case 'figure': {
      const answer = service.figure(args.text, { zone: args.zone, year: args.year, limit: args.limit });
      return args.chart === undefined ? answer : { ...answer, chart: await draw(planFigureChart(answer), args.chart, warn) };
    }
    case 'compare': {
      const answer = service.compare(args.text, splitZones(args.zones ?? ''), { year: args.year });
      return { ...answer, chart: args.chart === undefined ? null : await draw(planCompareChart(answer), args.chart, warn) };
    }
    case 'zone':
      return service.zone(args.text);
    case 'ask':
      return service.ask(args.text, { limit: args.limit, after: args.after });
    case 'source':
      return service.source(args.text);
    case 'stats':
      return service.stats();
    case 'reindex':
      return service.reindex({ onProgress: progress });
    case 'batch':
      throw new Error('cli/run: batch is not a single command');
  }
}

/** Writes the planned chart and returns its path, or says why there is none and returns null. */
async function draw(plan: ChartPlan, path: string, warn: (message: string) => void): Promise<string | null> {
  if ('why' in plan) {
    warn(`未生成图表 / Chart not written (${path}): ${plan.why}`);
    return null;
  }
  await writeChart(path, plan.spec);
  return path;
}

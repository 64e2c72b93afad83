import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchOptions } from './args.js';
import { MIN_QUERIES } from './queries.js';
import { loadAverage, machine, type Machine } from './machine.js';
import { ratios, scaleResult, type ScaleResult } from './results.js';
import { revision, type Revision } from './revision.js';
import type { BuildRoleReport } from './roles/build.js';
import type { ChartArgs } from './roles/chart.js';
import type { ServeArgs } from './roles/serve.js';
import { buildWorkers, runWorker } from './spawn.js';
import { writeCorpus } from './synth.js';
import { checkTargets, type TargetCheck } from './targets.js';
import type { ChartReport, GoldScores, Operation, PrepareReport, ServeReport, SystemName } from './types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEEDS = join(ROOT, 'seeds');
const GOLD = join(ROOT, 'test/fixtures/gold-public.json');
const SYSTEMS: SystemName[] = ['ours', 'baseline'];
/** Cold starts per system and scale; the median is reported, the last run goes on to the latency runs. */
const COLD_RUNS = 3;
/** Repetitions never drop below this, and an operation's timed runs aim to stay within the budget. */
const MIN_REPS = 5;
const OP_BUDGET_MS = 60_000;
/** Chart renders take ~50 ms each; a few hundred of them are plenty for a p99. */
const CHART_BUDGET_MS = 20_000;

export interface BenchResult {
  scales: Record<string, ScaleResult>;
  baseline: Record<string, ScaleResult>;
  ratios: Record<string, Record<string, number>>;
  gold: GoldScores;
  /** Chart rendering over the seeds (`--op chart`), or null when not run. */
  charts: ChartReport | null;
  targets: TargetCheck[];
  machine: Machine;
  run: { totalMs: number; revision: Revision | null; ops: Operation[]; reps: number; queries: Record<Operation, number>; notes: string[] };
}

const NOTES = [
  'baseline: MiniSearch over the same passages with CJK bigrams + Latin/number tokens (Lucene CJKAnalyzer style); it has no figure, zone or autocomplete logic, so those operations are bigram searches over passages (autocomplete a prefix search): compare their cost, not their answers.',
  'corpora: copy 0 is the seeds unchanged; copies 1..n-1 have their own file names, numbers scaled by a seeded random factor (years kept) and sentences shuffled within paragraphs, layout kept.',
  'charts: PNG renders (ECharts on @napi-rs/canvas, 800×450) of the charts the figure queries make over the seeds plus two fixed hard shapes, in a fresh process; the first includes importing the chart stack and registering the fonts.',
  'cold start: from spawning `node dist/bench/worker.js` (compiled, as `npm start` runs) to its first answer (module loading, reading and hashing the corpus, loading the index, one ask), median of 3 runs.',
];

/**
 * Runs the whole bench: gold scores and query list over the seeds, then per scale a synthetic
 * corpus, and per system a build process, cold-start processes and a latency run. Progress
 * goes to `log`.
 *
 * @example
 * const result = await runBench(parseBenchArgs(['--scale', '1']), console.error);
 * result.scales['1'].ask?.p99; // 2.4
 */
export async function runBench(options: BenchOptions, log: (line: string) => void): Promise<BenchResult> {
  const started = performance.now();
  const loadAtStart = loadAverage();
  const measured = revision(ROOT);
  const root = await mkdtemp(join(tmpdir(), 'zone-bench-'));
  const profile = (name: string) => (options.profileDir ? { profile: { dir: options.profileDir, name } } : {});
  try {
    log(`work directory ${root}`);
    log('compiling to dist/ (npm run build)');
    buildWorkers();
    const { report: prepared } = await runWorker<PrepareReport>('prepare', { seedsDir: SEEDS, goldPath: GOLD, indexDir: join(root, 'gold-index') });
    const queriesPath = join(root, 'queries.json');
    await writeFile(queriesPath, JSON.stringify(prepared.queries));
    const queryCounts = { ask: prepared.queries.ask.length, figure: prepared.queries.figure.length, zone: prepared.queries.zone.length, autocomplete: prepared.queries.autocomplete.length };
    const notes = [...NOTES];
    if (options.profileDir) notes.push(`CPU profiles written to ${options.profileDir}; profiled processes (builds, the last serve run) run slower, so these times are inflated`);
    for (const [op, n] of Object.entries(queryCounts)) if (n < MIN_QUERIES) notes.push(`only ${n} ${op} queries could be made from the corpus (wanted ${MIN_QUERIES})`);

    let charts: ChartReport | null = null;
    if (options.chart) {
      const chartArgs: ChartArgs = { seedsDir: SEEDS, indexDir: join(root, 'gold-index'), queriesPath, reps: options.reps, minReps: MIN_REPS, budgetMs: CHART_BUDGET_MS };
      charts = (await runWorker<ChartReport>('chart', chartArgs, profile('chart'))).report;
      log(`charts: first ${Math.round(charts.firstChartMs)} ms, then p50 ${charts.latency.p50} ms, p99 ${charts.latency.p99} ms`);
    }

    const results: Record<SystemName, Record<string, ScaleResult>> = { ours: {}, baseline: {} };
    // `--op chart` alone times charts only.
    for (const scale of options.ops.length ? options.scales : []) {
      const corpus = await writeCorpus(SEEDS, join(root, `corpus-${scale}x`), scale);
      log(`${scale}×: ${corpus.files} files, ${(corpus.bytes / 1024 / 1024).toFixed(2)} MB`);
      for (const system of SYSTEMS) {
        const indexDir = join(root, `index-${system}-${scale}x`);
        const tag = `${system}-${scale}x`;
        const { report: build } = await runWorker<BuildRoleReport>('build', { system, corpusDir: corpus.dir, indexDir, phases: system === 'ours' }, profile(`build-${tag}`));
        log(`  ${system}: built in ${(build.buildMs / 1000).toFixed(1)} s${build.reindex ? `, reindexed one file in ${build.reindex.servedMs.map(Math.round).join('/')} ms` : ''}`);
        const serveArgs: ServeArgs = {
          system,
          corpusDir: corpus.dir,
          indexDir,
          firstQuestion: prepared.queries.ask[0] ?? '梅河口离长春有多远？',
          queriesPath: null,
          ops: options.ops,
          latency: { reps: options.reps, minReps: MIN_REPS, budgetMs: OP_BUDGET_MS },
        };
        const cold: number[] = [];
        let serve: ServeReport | null = null;
        for (let i = 0; i < COLD_RUNS; i++) {
          const last = i === COLD_RUNS - 1;
          const run = await runWorker<ServeReport>('serve', { ...serveArgs, queriesPath: last ? queriesPath : null }, last ? profile(`serve-${tag}`) : {});
          cold.push(run.answeredAfterMs ?? Number.NaN);
          serve = run.report;
        }
        log(`  ${system}: cold start ${cold.map((c) => Math.round(c)).join('/')} ms, latency runs done`);
        results[system][String(scale)] = scaleResult(corpus, build, cold, serve!);
      }
      if (!options.keep) await rm(corpus.dir, { recursive: true, force: true });
      if (!options.keep) for (const system of SYSTEMS) await rm(join(root, `index-${system}-${scale}x`), { recursive: true, force: true });
    }

    const ratioTable: Record<string, Record<string, number>> = {};
    for (const scale of Object.keys(results.ours)) ratioTable[scale] = ratios(results.ours[scale]!, results.baseline[scale]!);
    return {
      scales: results.ours,
      baseline: results.baseline,
      ratios: ratioTable,
      gold: prepared.gold,
      charts,
      targets: checkTargets(results.ours),
      machine: machine(loadAtStart),
      run: { totalMs: Math.round(performance.now() - started), revision: measured, ops: options.ops, reps: options.reps, queries: queryCounts, notes },
    };
  } finally {
    if (options.keep) log(`kept ${root}`);
    else await rm(root, { recursive: true, force: true });
  }
}

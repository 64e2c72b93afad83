import type { SyntheticCorpus } from './synth.js';
import type { BuildRoleReport } from './roles/build.js';
import type { LatencySummary, MemorySample, Operation, Percentiles, PhaseReport, ReindexTiming, ServeReport } from './types.js';
import { OPERATIONS } from './types.js';

/** One system at one scale: the headline numbers at the top level (the JSON contract), the rest under `detail`. */
export type ScaleResult = {
  buildMs: number;
  buildMBps: number;
  indexBytes: number;
  /** Median over the cold-start runs: spawn → index loaded → first answer. */
  coldStartMs: number;
  /** Peak RSS of the build process and of the serving process, whichever is higher. */
  rssMB: number;
  /** Reindex after a one-file edit, until the new index serves (mean of edit and undo); null without an incremental path. */
  reindexMs: number | null;
} & Partial<Record<Operation, Percentiles>> & {
    detail: {
      corpus: { files: number; bytes: number };
      counts: Record<string, number>;
      phases: Record<string, number>;
      breakdown: PhaseReport | null;
      reindex: ReindexTiming | null;
      memory: { afterBuild: MemorySample; afterLoad: MemorySample; peakServingMB: number };
      coldStartRunsMs: number[];
      loadMs: number;
      firstAnswerMs: number;
      latency: Partial<Record<Operation, LatencySummary>>;
      autocompleteByKind?: ServeReport['autocompleteByKind'];
    };
  };

/**
 * Folds a build report, the cold-start times and the last serve run into one result.
 *
 * @example
 * const result = scaleResult(corpus, build, [612, 598, 640], serve);
 * result.coldStartMs; // 612
 */
export function scaleResult(corpus: SyntheticCorpus, build: BuildRoleReport, coldStartRunsMs: number[], serve: ServeReport): ScaleResult {
  const ops: Partial<Record<Operation, Percentiles>> = {};
  for (const op of OPERATIONS) {
    const l = serve.latency[op];
    if (l) ops[op] = { p50: l.p50, p95: l.p95, p99: l.p99 };
  }
  return {
    buildMs: Math.round(build.buildMs),
    buildMBps: round2(corpus.bytes / 1024 / 1024 / (build.buildMs / 1000)),
    indexBytes: build.indexBytes,
    coldStartMs: Math.round(median(coldStartRunsMs)),
    rssMB: Math.max(build.memory.maxRssMB, serve.peakRssMB),
    reindexMs: build.reindex ? Math.round(mean(build.reindex.servedMs)) : null,
    ...ops,
    detail: {
      corpus: { files: corpus.files, bytes: corpus.bytes },
      counts: build.counts,
      phases: roundAll(build.phases),
      breakdown: build.breakdown && { ...build.breakdown, phases: roundAll(build.breakdown.phases) },
      reindex: build.reindex && { ...build.reindex, servedMs: build.reindex.servedMs.map(Math.round), savedMs: build.reindex.savedMs.map(Math.round) },
      memory: { afterBuild: build.memory, afterLoad: serve.memory, peakServingMB: serve.peakRssMB },
      coldStartRunsMs: coldStartRunsMs.map(Math.round),
      loadMs: Math.round(serve.loadMs),
      firstAnswerMs: Math.round(serve.firstAnswerMs),
      latency: serve.latency,
      ...(serve.autocompleteByKind ? { autocompleteByKind: serve.autocompleteByKind } : {}),
    },
  };
}

/** The headline numbers of ours divided by the baseline's (above 1: ours is bigger or slower, except MB/s). */
export function ratios(ours: ScaleResult, baseline: ScaleResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of ['buildMs', 'buildMBps', 'indexBytes', 'coldStartMs', 'rssMB'] as const) out[key] = round2(ours[key] / baseline[key]);
  for (const op of OPERATIONS) {
    const a = ours[op];
    const b = baseline[op];
    if (a && b) for (const p of ['p50', 'p95', 'p99'] as const) out[`${op}.${p}`] = round2(a[p] / b[p]);
  }
  return out;
}

export function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

function roundAll(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Math.round(v)]));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

import type { LatencySummary, Percentiles } from './types.js';

/**
 * Timing loops for query latency. Every query runs once as warm-up (JIT, lazy dictionaries,
 * caches), then the whole list runs `reps` times in order, each call timed on its own, so a
 * percentile is over queries × repetitions and a slow query shows up in the tail.
 */

export interface LatencyOptions {
  /** Repetitions wanted. */
  reps: number;
  /** At least this many repetitions, whatever the budget. */
  minReps: number;
  /** Fewer repetitions when the warm-up pass says `reps` would take longer than this. */
  budgetMs: number;
}

/** Per-call times of one operation, in ms, with the tag of each call (e.g. autocomplete kind). */
export interface Samples {
  times: number[];
  tags: string[];
  queries: number;
  reps: number;
}

/**
 * Times `run` over `queries`.
 *
 * @example
 * const samples = timeQueries(['梅河口'], (q) => engine.zone(q), { reps: 20, minReps: 5, budgetMs: 20_000 });
 * summarize(samples.times, samples); // { p50: 0.4, p95: 0.9, p99: 1.3, … }
 */
export function timeQueries<Q>(queries: Q[], run: (query: Q) => unknown, options: LatencyOptions, tag: (query: Q) => string = () => ''): Samples {
  let sink = 0;
  const warmStarted = performance.now();
  for (const q of queries) sink += consume(run(q));
  const passMs = performance.now() - warmStarted;
  const reps = Math.max(options.minReps, Math.min(options.reps, Math.floor(options.budgetMs / Math.max(passMs, 1e-3))));

  const times: number[] = [];
  const tags: string[] = [];
  for (let r = 0; r < reps; r++) {
    for (const q of queries) {
      const started = performance.now();
      const result = run(q);
      times.push(performance.now() - started);
      tags.push(tag(q));
      sink += consume(result);
    }
  }
  // Keeps results observable so no call can be optimised away.
  if (sink < 0) console.error(sink);
  return { times, tags, queries: queries.length, reps };
}

function consume(result: unknown): number {
  return Array.isArray(result) ? result.length : result ? 1 : 0;
}

/**
 * Nearest-rank percentiles (a p99 is a time some call really took).
 *
 * @example
 * percentiles([1, 2, 3, 4]); // { p50: 2, p95: 4, p99: 4 }
 */
export function percentiles(times: number[]): Percentiles {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => round3(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);
  return { p50: at(50), p95: at(95), p99: at(99) };
}

/**
 * Percentiles plus count, mean and max of a set of times.
 *
 * @example
 * summarize([1, 2, 3], { queries: 3, reps: 1 }).meanMs; // 2
 */
export function summarize(times: number[], shape: { queries: number; reps: number }): LatencySummary {
  const total = times.reduce((a, b) => a + b, 0);
  return {
    ...percentiles(times),
    queries: shape.queries,
    reps: shape.reps,
    samples: times.length,
    meanMs: round3(times.length ? total / times.length : 0),
    maxMs: round3(times.reduce((a, b) => Math.max(a, b), 0)),
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

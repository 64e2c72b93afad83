import { readFile } from 'node:fs/promises';
import { summarize, timeQueries, type LatencyOptions } from '../latency.js';
import { sampleMemory } from '../memory.js';
import type { Answerer } from '../systems/system.js';
import { loadSystem } from '../systems/load.js';
import type { CompleteQuery, LatencySummary, Operation, QuerySet, ServeReport, SystemName } from '../types.js';
import type { WorkerEvents } from './events.js';

export interface ServeArgs {
  system: SystemName;
  corpusDir: string;
  indexDir: string;
  /** Answered right after loading: the end of the cold start. */
  firstQuestion: string;
  /** Query list for the latency runs; null for a cold-start-only run. */
  queriesPath: string | null;
  ops: Operation[];
  latency: LatencyOptions;
}

/**
 * A restarted process: load the persisted index, answer one question (the parent times spawn
 * to that answer), sample memory, then time every operation over the query list.
 *
 * @example
 * await run({ system: 'ours', corpusDir, indexDir, firstQuestion: '梅河口离长春有多远？', queriesPath, ops: ['ask'], latency }, events);
 */
export async function run(args: ServeArgs, events: WorkerEvents): Promise<ServeReport> {
  const started = performance.now();
  const system = await loadSystem(args.system);
  const answerer = await system.open(args.corpusDir, args.indexDir);
  const loadMs = performance.now() - started;
  answerer.ask(args.firstQuestion);
  const firstAnswerMs = performance.now() - started;
  events.answered();
  const memory = sampleMemory();
  if (!args.queriesPath) return { loadMs, firstAnswerMs, memory, latency: {}, peakRssMB: memory.maxRssMB };

  const queries = JSON.parse(await readFile(args.queriesPath, 'utf8')) as QuerySet;
  const latency: Partial<Record<Operation, LatencySummary>> = {};
  let autocompleteByKind: ServeReport['autocompleteByKind'];
  for (const op of args.ops) {
    if (op === 'autocomplete') {
      const samples = timeQueries(queries.autocomplete, (q) => answerer.complete(q), args.latency, (q) => q.kind);
      latency.autocomplete = summarize(samples.times, samples);
      autocompleteByKind = {};
      for (const kind of ['zone', 'metric'] as CompleteQuery['kind'][]) {
        const times = samples.times.filter((_, i) => samples.tags[i] === kind);
        autocompleteByKind[kind] = summarize(times, { queries: queries.autocomplete.filter((q) => q.kind === kind).length, reps: samples.reps });
      }
    } else {
      const samples = timeOperation(answerer, op, queries, args.latency);
      latency[op] = summarize(samples.times, samples);
    }
  }
  return { loadMs, firstAnswerMs, memory, latency, ...(autocompleteByKind ? { autocompleteByKind } : {}), peakRssMB: sampleMemory().maxRssMB };
}

function timeOperation(answerer: Answerer, op: Exclude<Operation, 'autocomplete'>, queries: QuerySet, options: LatencyOptions) {
  if (op === 'ask') return timeQueries(queries.ask, (q) => answerer.ask(q), options);
  if (op === 'figure') return timeQueries(queries.figure, (q) => answerer.figure(q), options);
  return timeQueries(queries.zone, (q) => answerer.zone(q), options);
}

import { createLogger } from '../../src/logger.js';
import { openEngine, type Engine } from '../../src/search/engine.js';
import type { Answerer, System } from './system.js';

const logger = createLogger('warn');

/**
 * Our engine behind the bench's interface. Build and load both go through `openEngine`, the
 * path the bot takes: an empty index directory means a full build (read, clean, extract,
 * index, persist), an up-to-date one means a load.
 *
 * The engine's warnings and errors go to stderr: one that cannot persist its index says so
 * there and serves from memory, which the next load then turns into a rebuild.
 *
 * @example
 * const answerer = await ours.open('/tmp/corpus-1x', '/tmp/index-1x');
 * answerer.ask('梅河口离长春有多远？');
 */
export const ours: System = {
  async build(corpusDir, indexDir) {
    const started = performance.now();
    const engine = await openEngine({ seedsDir: corpusDir, indexDir, logger });
    const total = performance.now() - started;
    const stats = engine.stats();
    return { phases: { total }, counts: { docs: stats.docs.length, passages: stats.passages, figures: stats.figures, zones: stats.zones }, built: engine };
  },

  async open(corpusDir, indexDir) {
    const engine = await openEngine({ seedsDir: corpusDir, indexDir, logger });
    if (engine.stats().loadedFrom !== 'disk') throw new Error(`bench/ours: expected a persisted index in ${indexDir}, the engine rebuilt instead`);
    return answererOf(engine);
  },
};

/** The engine's query API under the bench's operation names. */
export function answererOf(engine: Engine): Answerer {
  return {
    ask: (question) => engine.ask(question),
    figure: ({ metric, zone, year }) => engine.figure(metric, { zone: zone ?? null, year: year ?? null }),
    zone: (name) => engine.zone(name),
    complete: ({ kind, prefix }) => (kind === 'zone' ? engine.completeZone(prefix) : engine.completeMetric(prefix)),
  };
}

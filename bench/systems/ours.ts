import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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

  async reindexAfterEdit(built, corpusDir) {
    const engine = built as Engine;
    // A copy in the middle of the corpus; the edit adds a sentence with a figure, as an update would.
    const names = (await readdir(corpusDir)).sort();
    const file = names[Math.floor(names.length / 2)]!;
    const path = join(corpusDir, file);
    const original = await readFile(path);
    const timing = { file, servedMs: [] as number[], savedMs: [] as number[] };
    for (const content of [Buffer.concat([original, Buffer.from('\n本报讯 近日，园区新增专精特新企业12家，总投资18亿元。\n')]), original]) {
      await writeFile(path, content);
      const started = performance.now();
      const answer = await engine.reindex();
      timing.servedMs.push(performance.now() - started);
      await engine.close();
      timing.savedMs.push(performance.now() - started);
      if (answer.changed.join() !== file) throw new Error(`bench/ours: reindex saw ${JSON.stringify(answer.changed)} change, expected ${file}`);
    }
    return timing;
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

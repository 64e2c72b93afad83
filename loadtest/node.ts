/**
 * One process of the load test's cluster, started by `cluster.ts` with an IPC channel:
 *
 * - `builder <seedsDir> <indexDir>`: builds the index (`openEngine`), then on `{ op: 'add' | 'remove' }`
 *   changes its seeds and reindexes, answering with the generation once it is saved.
 * - `replica <indexDir>`: a read-only replica (`openReplica`) behind `startInteractionsServer` on a
 *   free loopback port; settings come from the environment (`loadConfig`), as for `npm start`.
 *
 * Each sends `{ type: 'ready', … }` when it serves, and exits on `{ op: 'stop' }` or when the
 * parent goes away.
 */
import { copyFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { loadChartStack } from '../src/charts/index.js';
import { loadConfig } from '../src/config.js';
import { startInteractionsServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { openEngine, type Engine } from '../src/search/engine.js';
import { openReplica } from '../src/search/replica.js';
import { openConfiguredUsage } from '../src/usage/index.js';

export type ToChild = { op: 'stop' } | { op: 'add'; file: string } | { op: 'remove'; file: string };
export type FromChild =
  | { type: 'ready'; port?: number; generation: string | null; ms: number }
  | { type: 'published'; generation: string; reindexMs: number; saveMs: number }
  | { type: 'failed'; error: string };

const started = performance.now();
const send = (message: FromChild) => process.send?.(message);
const fail = (error: unknown) => {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
};

async function builder(seedsDir: string, indexDir: string): Promise<void> {
  const logger = createLogger('warn');
  const engine = await openEngine({ seedsDir, indexDir, logger });
  send({ type: 'ready', generation: engine.generation(), ms: Math.round(performance.now() - started) });
  let queue = Promise.resolve();
  process.on('message', (message: ToChild) => {
    if (message.op === 'stop') return void queue.then(() => engine.close()).then(() => process.exit(0));
    queue = queue.then(() => publish(engine, seedsDir, message)).catch(fail);
  });
}

/** Adds or removes a seed, reindexes, and waits until the new generation is on disk. */
async function publish(engine: Engine, seedsDir: string, change: Extract<ToChild, { file: string }>): Promise<void> {
  const before = engine.generation();
  const target = join(seedsDir, basename(change.file));
  if (change.op === 'add') await copyFile(change.file, target);
  else await rm(target);
  const t0 = performance.now();
  await engine.reindex();
  const t1 = performance.now();
  // The save follows the answer; the generation is set once it is on disk.
  const deadline = Date.now() + 30_000;
  while (engine.generation() === null || engine.generation() === before) {
    if (Date.now() > deadline) throw new Error(`loadtest/node: the reindexed index was not saved within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  send({ type: 'published', generation: engine.generation()!, reindexMs: Math.round(t1 - t0), saveMs: Math.round(performance.now() - t1) });
}

async function replica(indexDir: string): Promise<void> {
  const config = loadConfig({ ...process.env, INTERACTIONS_MODE: 'http', PORT: '0', INDEX_DIR: indexDir });
  const logger = createLogger(config.logLevel);
  const search = await openReplica({ indexDir, logger, pollMs: 500 });
  await search.whenReady();
  const usage = openConfiguredUsage(config, logger);
  // `npm start` loads the chart stack in the background once it serves; here it is awaited, so
  // the generations' canonical answers are taken from replicas that already draw charts.
  await loadChartStack();
  let stopping = false;
  const server = await startInteractionsServer({ ctx: { config, search, logger, usage }, hostname: '127.0.0.1', port: 0, isReady: () => !stopping });
  send({ type: 'ready', port: server.port, generation: search.generation(), ms: Math.round(performance.now() - started) });
  process.on('message', (message: ToChild) => {
    if (message.op !== 'stop') return;
    stopping = true;
    void server
      .stop()
      .then(() => search.close())
      .then(() => usage.close())
      .then(() => process.exit(0), fail);
  });
}

// Orphaned (the load test was killed): leave too.
process.on('disconnect', () => process.exit(0));
const [role, a, b] = process.argv.slice(2);
if (role === 'builder' && a && b) builder(a, b).catch(fail);
else if (role === 'replica' && a) replica(a).catch(fail);
else fail(new Error(`loadtest/node: usage: node.ts builder <seedsDir> <indexDir> | replica <indexDir> (got ${process.argv.slice(2).join(' ')})`));

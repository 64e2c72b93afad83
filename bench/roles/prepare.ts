import { readFile } from 'node:fs/promises';
import { goldSchema } from '../../src/eval/gold.js';
import { evaluate, rates } from '../../src/eval/score.js';
import { openEngine } from '../../src/search/engine.js';
import { scoreAsk } from '../gold.js';
import { buildQuerySet } from '../queries.js';
import { baselineAnswerer, buildBaseline } from '../systems/baseline.js';
import type { PrepareReport } from '../types.js';
import type { WorkerEvents } from './events.js';

export interface PrepareArgs {
  seedsDir: string;
  goldPath: string;
  /** A scratch index directory for our engine over the seeds. */
  indexDir: string;
}

/**
 * Once per run, over the real seeds: public gold scores of ours (`evaluate`) and of the
 * baseline (ask only), and the query list every scale and system will answer.
 *
 * @example
 * const { queries, gold } = await run({ seedsDir: 'seeds', goldPath, indexDir }, events);
 */
export async function run(args: PrepareArgs, _events: WorkerEvents): Promise<PrepareReport> {
  const gold = goldSchema.parse(JSON.parse(await readFile(args.goldPath, 'utf8')));
  const engine = await openEngine({ seedsDir: args.seedsDir, indexDir: args.indexDir });
  const ours = rates(await evaluate(engine, gold));
  const queries = buildQuerySet(engine, gold);

  const { index, passages } = await buildBaseline(args.seedsDir);
  const answerer = baselineAnswerer(index, passages);
  const baseline = scoreAsk((q) => answerer.ask(q), gold);
  return { queries, gold: { ours, baseline } };
}

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sampleMemory } from '../memory.js';
import { loadSystem } from '../systems/load.js';
import type { BuildReport, PhaseReport, SystemName } from '../types.js';
import type { WorkerEvents } from './events.js';

export interface BuildArgs {
  system: SystemName;
  corpusDir: string;
  indexDir: string;
  /** Also time our build function by function (after the full build and its memory sample). */
  phases: boolean;
}

export type BuildRoleReport = BuildReport & { breakdown: PhaseReport | null };

/**
 * Full build into an empty index directory, timed from importing the system (the engine's
 * modules load jieba's dictionary) to the persisted index; memory right after; a reindex after
 * a one-file edit where the system has one (the edit is undone, so the index ends as built);
 * then, optionally, the phase breakdown, imported only then because it loads jieba too.
 *
 * @example
 * await run({ system: 'ours', corpusDir, indexDir, phases: true }, events); // { buildMs: 1840, indexBytes: 2.1e6, … }
 */
export async function run(args: BuildArgs, _events: WorkerEvents): Promise<BuildRoleReport> {
  const started = performance.now();
  const system = await loadSystem(args.system);
  const imported = performance.now();
  const { phases, counts, built } = await system.build(args.corpusDir, args.indexDir);
  const buildMs = performance.now() - started;
  phases.import = imported - started;
  const memory = sampleMemory();
  // Referenced after sampling, so the sample's live heap includes the built index.
  if (built === undefined) throw new Error(`bench: ${args.system} built nothing`);
  const indexBytes = await directoryBytes(args.indexDir);
  const reindex = system.reindexAfterEdit ? await system.reindexAfterEdit(built, args.corpusDir) : null;
  const breakdown = args.phases ? await (await import('../phases.js')).measurePhases(args.corpusDir) : null;
  return { buildMs, indexBytes, phases, counts, memory, reindex, breakdown };
}

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(join(dir, name))).size;
  return total;
}

import type { CompleteQuery, FigureQuery, ReindexTiming } from '../types.js';

/**
 * The four operations the bench times, answered by one system. Results are returned so the
 * timing loop can consume them; their shape differs per system and is never compared here.
 */
export interface Answerer {
  ask(question: string): unknown;
  figure(query: FigureQuery): unknown;
  zone(name: string): unknown;
  complete(query: CompleteQuery): unknown;
}

/** A search system under test: ours (the engine) or the bigram baseline. */
export interface System {
  /**
   * Builds an index of `corpusDir` into the empty `indexDir`; phases in ms where the system
   * splits them. `built` is what the build produced (engine, index), held by the caller until
   * memory is sampled so the live heap counts it.
   */
  build(corpusDir: string, indexDir: string): Promise<{ phases: Record<string, number>; counts: Record<string, number>; built: unknown }>;
  /**
   * Times a reindex after one file changed, in the process that built `built`, then puts the
   * file back and reindexes again so the corpus and index end as they began. Systems without
   * an incremental path leave it out.
   */
  reindexAfterEdit?(built: unknown, corpusDir: string): Promise<ReindexTiming>;
  /** Loads the index built before, as a restarted process would. */
  open(corpusDir: string, indexDir: string): Promise<Answerer>;
}

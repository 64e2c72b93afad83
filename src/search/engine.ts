import { readSeeds, type SeedScan } from '../corpus/load.js';
import { AppError, UserError, describeError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { loadJieba } from '../nlp/jieba.js';
import { buildModel, warmCache, type BuildCache } from './build.js';
import { buildIndexes } from './indexes.js';
import type { CorpusModel } from './model.js';
import { loadIndex, readManifest, saveIndex, type Manifest } from './persist.js';
import { ask } from './queries/ask.js';
import { compare } from './queries/compare.js';
import { completeMetric, completeZone } from './queries/complete.js';
import { figure } from './queries/figure.js';
import { source } from './queries/source.js';
import { zone } from './queries/zone.js';
import { document } from './queries/document.js';
import type { AskOptions, CompareOptions, FigureOptions, QueryService, ReindexOptions, ReindexProgress } from './service.js';
import { createSnapshot, type Snapshot } from './snapshot.js';
import type { ReindexAnswer, StatsAnswer } from './types.js';
import { updateIndexes } from './update.js';
import { VERSIONS } from './versions.js';

export interface EngineOptions {
  seedsDir: string;
  indexDir: string;
  logger?: Logger;
  /**
   * After loading the index from disk, parse the seeds in the background so the first reindex
   * re-processes only changed files. For long-running processes (the bot, the console); a
   * one-shot CLI command would only wait for it.
   */
  warmReindex?: boolean;
}

export interface Engine extends QueryService {
  /** Waits for an index still being saved after a reindex; the engine keeps answering. */
  close(): Promise<void>;
}

/**
 * Opens the engine: loads `index/` when it matches the seeds (same files, same hashes, same
 * format and library versions, intact checksum), otherwise builds from the seeds and
 * persists. A corrupt index is reported and rebuilt, never served.
 *
 * @example
 * const engine = await openEngine({ seedsDir: 'seeds', indexDir: 'index' });
 * engine.figure('招商引资', { zone: '梅河口' }).results[0].value; // 141.5
 */
export async function openEngine(options: EngineOptions): Promise<Engine> {
  const logger = options.logger ?? silentLogger;
  const scan = await readSeeds(options.seedsDir);
  for (const s of scan.skipped) logger.warn('seed skipped', { doc: s.doc, reason: s.reason });
  const cache: BuildCache = new Map();
  // What the index on disk held before this start, to report a change found at start-up
  // (files added while no process ran) at the first reindex, also from another process.
  const manifest = await readManifest(options.indexDir);
  const indexedBefore = manifest && new Map(manifest.files.map((f) => [f.doc, f.sha256]));
  const loaded = manifest && (await tryLoad(options.indexDir, manifest, scan, logger));
  const { snapshot, saved } = loaded ? { snapshot: loaded, saved: true } : await buildAndSave(options.indexDir, scan, cache, logger);
  // A loaded index needs no segmenting; load jieba now so the first question does not wait.
  loadJieba();
  const warming = loaded && options.warmReindex ? warmCache(scan, cache).catch((error: unknown) => logger.warn('warming the reindex cache failed', { error: describeError(error) })) : Promise.resolve();
  return new SearchEngine(snapshot, saved, cache, warming, options, logger, indexedBefore);
}

async function tryLoad(indexDir: string, manifest: Manifest, scan: SeedScan, logger: Logger): Promise<Snapshot | null> {
  if (!sameSeeds(manifest, scan)) {
    logger.info('index out of date: seeds changed, rebuilding', { indexDir });
    return null;
  }
  try {
    const { model, indexes } = await loadIndex(indexDir, manifest);
    // Files skipped now (say a bad file added since) are not in the index's own list.
    model.skipped = scan.skipped;
    logger.info('index loaded', { indexDir, passages: model.passages.length, figures: model.figures.length });
    return createSnapshot(model, indexes, 'disk');
  } catch (error) {
    logger.warn('index not usable, rebuilding from seeds', { indexDir, error: describeError(error) });
    return null;
  }
}

function sameSeeds(manifest: Manifest, scan: SeedScan): boolean {
  const current = scan.files.map((f) => `${f.name}:${f.sha256}`).join('\n');
  return manifest.files.map((f) => `${f.doc}:${f.sha256}`).join('\n') === current;
}

async function buildAndSave(indexDir: string, scan: SeedScan, cache: BuildCache, logger: Logger): Promise<{ snapshot: Snapshot; saved: boolean }> {
  const model = await buildModel(scan, cache);
  const snapshot = createSnapshot(model, buildIndexes(model), 'build');
  logger.info('index built', { passages: model.passages.length, figures: model.figures.length, zones: model.zones.length, ms: model.buildMs });
  return { snapshot, saved: await persist(indexDir, snapshot, logger) };
}

/**
 * Saves a snapshot and says whether it could. A failure is logged, not thrown: serving beats
 * failing, and the next start rebuilds.
 */
async function persist(indexDir: string, snapshot: Snapshot, logger: Logger): Promise<boolean> {
  try {
    await saveIndex(indexDir, snapshot.model, snapshot.indexes);
    return true;
  } catch (error) {
    logger.error('cannot persist index; serving from memory', { indexDir, error: describeError(error) });
    return false;
  }
}

/**
 * The snapshot for a new model: the current indexes updated in place when possible (only
 * documents that differ are re-indexed), else built anew. Synchronous, so the caller swaps
 * it in within the same tick and no query ever sees a half-updated index.
 */
function nextSnapshot(current: Snapshot, model: CorpusModel, logger: Logger): Snapshot {
  try {
    const changes = updateIndexes(current.indexes, current.model, model);
    logger.info('index updated in place', { ...changes });
    return createSnapshot(model, current.indexes, 'build');
  } catch (error) {
    logger.error('in-place index update failed; building the index anew', { error: describeError(error) });
    return createSnapshot(model, buildIndexes(model), 'build');
  }
}

/** Documents added, changed (other content hash) and removed between two doc → hash maps. */
function differences(before: Map<string, string>, after: Map<string, string>): { added: string[]; changed: string[]; removed: string[] } {
  return {
    added: [...after.keys()].filter((d) => !before.has(d)),
    changed: [...after].filter(([d, h]) => before.has(d) && before.get(d) !== h).map(([d]) => d),
    removed: [...before.keys()].filter((d) => !after.has(d)),
  };
}

class SearchEngine implements Engine {
  private reindexing: Promise<ReindexAnswer> | null = null;
  /** The save of the latest reindexed index (true once on disk); the next in-place update waits for it. */
  private saving: Promise<boolean>;

  constructor(
    private snapshot: Snapshot,
    /** Whether `snapshot` is the index on disk (loaded, or built and saved). */
    saved: boolean,
    /** Per-file parses of the last build: a reindex re-processes only changed files. */
    private readonly cache: BuildCache,
    /** Fills `cache` after a load from disk (see `warmReindex`); a reindex waits for it. */
    private readonly warming: Promise<void>,
    private readonly options: EngineOptions,
    private readonly logger: Logger,
    /** The documents the index on disk held before this process started; reported against once. */
    private indexedBefore: Map<string, string> | null = null,
  ) {
    this.saving = Promise.resolve(saved);
  }

  ask(question: string, options?: AskOptions) {
    return ask(this.snapshot, question, options);
  }

  figure(metric: string, options?: FigureOptions) {
    return figure(this.snapshot, metric, options);
  }

  compare(metric: string, zones: string[], options?: CompareOptions) {
    return compare(this.snapshot, metric, zones, options);
  }

  zone(name: string) {
    return zone(this.snapshot, name);
  }

  source(passageId: string) {
    return source(this.snapshot, passageId);
  }

  completeZone(input: string, limit?: number) {
    return completeZone(this.snapshot, input, limit);
  }

  completeMetric(input: string, limit?: number) {
    return completeMetric(this.snapshot, input, limit);
  }

  stats(): StatsAnswer {
    const { model, loadedFrom, registry } = this.snapshot;
    return {
      command: 'stats',
      docs: model.docs.map((d) => ({ ...d })),
      passages: model.passages.length,
      figures: model.figures.length,
      zones: registry.entries.length,
      builtAt: model.builtAt,
      buildMs: model.buildMs,
      indexAgeMs: Math.max(0, Date.now() - Date.parse(model.builtAt)),
      loadedFrom,
      skipped: model.skipped,
      versions: { ...VERSIONS.libraries, node: process.version, format: String(VERSIONS.format) },
    };
  }

  /**
   * Re-reads the seeds and re-processes the files that changed while queries keep using the
   * current index; updates the index in place and swaps it in within one tick, then answers.
   * The index is saved after the answer. One at a time: a second call while one is reading and
   * parsing is refused; one made while the previous index is still being saved waits for it.
   */
  reindex(options: ReindexOptions = {}): Promise<ReindexAnswer> {
    if (this.reindexing) {
      return Promise.reject(new UserError('REINDEX_BUSY', 'search/engine: a reindex is already running', '已有一个重建索引任务在运行，请稍后再试。/ A reindex is already running.'));
    }
    this.reindexing = this.runReindex(options.onProgress ?? (() => undefined)).finally(() => {
      this.reindexing = null;
    });
    return this.reindexing;
  }

  async close(): Promise<void> {
    await this.reindexing?.catch(() => undefined);
    await this.saving;
  }

  document(name: string) {
    return document(this.snapshot, name);
  }

  private async runReindex(progress: (p: ReindexProgress) => void): Promise<ReindexAnswer> {
    const started = performance.now();
    progress({ phase: 'reading', done: 0, total: 0 });
    const before = new Map(this.snapshot.model.docs.map((d) => [d.doc, d.sha256]));
    let model: CorpusModel;
    try {
      // The seeds are read the moment the reindex is asked for, whatever it then waits for.
      const scan = await readSeeds(this.options.seedsDir);
      for (const s of scan.skipped) this.logger.warn('seed skipped', { doc: s.doc, reason: s.reason });
      await this.warming;
      model = await buildModel(scan, this.cache, (done, total) => progress({ phase: 'parsing', done, total }));
      progress({ phase: 'indexing', done: scan.files.length, total: scan.files.length });
    } catch (error) {
      this.logger.error('reindex failed; the previous index stays in service', { error: describeError(error) });
      throw error instanceof AppError ? error : new AppError('INTERNAL', `search/engine: reindex failed: ${describeError(error).message}`, { cause: error });
    }
    // The save serialises the index it was given; it must finish before that index changes.
    const saved = await this.saving;
    const after = new Map(model.docs.map((d) => [d.doc, d.sha256]));
    // Reported against what was indexed before, even by an earlier process (a start-up that
    // found new files already rebuilt with them); the work is against the index in service.
    const { added, changed, removed } = differences(this.indexedBefore ?? before, after);
    this.indexedBefore = null;
    const work = differences(before, after);
    let next: Snapshot;
    if (work.added.length + work.changed.length + work.removed.length === 0 && saved) {
      // Nothing to re-index or rewrite (a watcher reacting to an editor's temp file, a second
      // /reindex): keep serving and keep what is on disk; only the skipped-file list is news.
      next = this.snapshot;
      next.model.skipped = model.skipped;
    } else {
      next = nextSnapshot(this.snapshot, model, this.logger);
      this.snapshot = next;
      this.saving = persist(this.options.indexDir, next, this.logger);
    }
    return {
      command: 'reindex',
      added,
      changed,
      removed,
      passages: next.model.passages.length,
      figures: next.model.figures.length,
      zones: next.registry.entries.length,
      ms: Math.round(performance.now() - started),
      skipped: next.model.skipped,
    };
  }
}

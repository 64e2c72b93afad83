import { readSeeds, type SeedScan } from '../corpus/load.js';
import { AppError, UserError, describeError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { loadJieba } from '../nlp/jieba.js';
import { buildModel, warmCache, type BuildCache } from './build.js';
import { buildIndexes } from './indexes.js';
import { acquireBuildLock, type BuildLock } from './lock.js';
import type { CorpusModel } from './model.js';
import { loadIndex, readManifest, saveIndex, type Manifest } from './persist.js';
import { openReplica } from './replica.js';
import { SnapshotQueries } from './serving.js';
import type { QueryService, ReindexOptions, ReindexProgress } from './service.js';
import { createSnapshot, type Snapshot } from './snapshot.js';
import type { ReindexAnswer } from './types.js';
import { updateIndexes } from './update.js';

export interface EngineOptions {
  seedsDir: string;
  indexDir: string;
  logger?: Logger;
  /**
   * `builder` (the default) builds `index/` from the seeds when it is missing or out of date and
   * rebuilds it on `reindex()`; `replica` only serves what a builder saved (see `openReplica`):
   * it never reads the seeds, never writes, and follows the builder's new generations.
   */
  mode?: 'builder' | 'replica';
  /** Replica only: how often the manifest is checked besides file-system events (ms, default 2000). */
  pollMs?: number;
  /**
   * Builder only: how long a start-up that must build waits for another builder holding the index
   * lock (ms, default 120 000); it then loads what that builder saved if it matches the seeds.
   */
  lockWaitMs?: number;
  /** Builder only: a build lock untouched for this long is broken (ms, default 10 minutes). */
  lockStaleMs?: number;
  /**
   * After loading the index from disk, parse the seeds in the background so the first reindex
   * re-processes only changed files. For long-running processes (the bot, the console); a
   * one-shot CLI command would only wait for it.
   */
  warmReindex?: boolean;
}

export interface Engine extends QueryService {
  /** Whether queries can be answered: always for a builder; for a replica once an index was found. */
  readonly ready: boolean;
  /**
   * The generation served: the sha256 of its data file, as `index/manifest.json` names it; null
   * when what is served is not on disk (built but not saved yet, or not savable) or, on a
   * replica, before the first index was found.
   */
  generation(): string | null;
  /** Waits for an index still being saved after a reindex; the engine keeps answering. */
  close(): Promise<void>;
}

/**
 * Opens the engine: loads `index/` when it matches the seeds (same files, same hashes, same
 * format and library versions, intact checksum), otherwise builds from the seeds and
 * persists. A corrupt index is reported and rebuilt, never served. Building and saving hold
 * `index/.build.lock`, so of several builders on one index directory one builds and the others
 * wait and load its result. With `mode: 'replica'` it opens a read-only replica instead.
 *
 * @example
 * const engine = await openEngine({ seedsDir: 'seeds', indexDir: 'index' });
 * engine.figure('招商引资', { zone: '梅河口' }).results[0].value; // 141.5
 */
export async function openEngine(options: EngineOptions): Promise<Engine> {
  if (options.mode === 'replica') return openReplica({ indexDir: options.indexDir, logger: options.logger, pollMs: options.pollMs });
  const logger = options.logger ?? silentLogger;
  const scan = await readSeeds(options.seedsDir);
  for (const s of scan.skipped) logger.warn('seed skipped', { doc: s.doc, reason: s.reason });
  const cache: BuildCache = new Map();
  // What the index on disk held before this start, to report a change found at start-up
  // (files added while no process ran) at the first reindex, also from another process.
  const manifest = await readManifest(options.indexDir);
  const indexedBefore = manifest && new Map(manifest.files.map((f) => [f.doc, f.sha256]));
  const opened = (manifest && (await tryLoad(options.indexDir, manifest, scan, logger))) || (await buildUnderLock(options, scan, cache, logger));
  // A loaded index needs no segmenting; load jieba now so the first question does not wait.
  loadJieba();
  const warming = opened.snapshot.loadedFrom === 'disk' && options.warmReindex ? warmCache(scan, cache).catch((error: unknown) => logger.warn('warming the reindex cache failed', { error: describeError(error) })) : Promise.resolve();
  return new SearchEngine(opened.snapshot, opened.generation, cache, warming, options, logger, indexedBefore);
}

/** A snapshot to serve and the generation on disk it is (null: not saved). */
interface Opened {
  snapshot: Snapshot;
  generation: string | null;
}

/**
 * Builds and saves under the build lock. If another builder holds it, waits, then loads what that
 * builder saved when it matches the seeds. Without the lock (still held after the wait, or an
 * index directory we cannot write) the build is served from memory and not saved: serving beats
 * failing, and a later reindex saves it.
 */
async function buildUnderLock(options: EngineOptions, scan: SeedScan, cache: BuildCache, logger: Logger): Promise<Opened> {
  const { indexDir } = options;
  const lock = await acquireBuildLock(indexDir, { waitMs: options.lockWaitMs ?? 120_000, staleMs: options.lockStaleMs, purpose: 'start-up build', logger }).catch((error: unknown) => {
    logger.error('cannot take the index build lock; building in memory without saving', { indexDir, error: describeError(error) });
    return null;
  });
  try {
    if (lock) {
      // Another builder may have saved an index of these very seeds while we waited for it.
      const manifest = await readManifest(indexDir);
      const loaded = manifest && sameSeeds(manifest, scan) ? await tryLoad(indexDir, manifest, scan, logger) : null;
      if (loaded) return loaded;
    }
    const model = await buildModel(scan, cache);
    const snapshot = createSnapshot(model, buildIndexes(model), 'build');
    logger.info('index built', { passages: model.passages.length, figures: model.figures.length, zones: model.zones.length, ms: model.buildMs });
    const saved = lock ? await persist(indexDir, snapshot, logger) : null;
    return { snapshot, generation: saved?.sha256 ?? null };
  } finally {
    await lock?.release();
  }
}

async function tryLoad(indexDir: string, manifest: Manifest, scan: SeedScan, logger: Logger): Promise<Opened | null> {
  if (!sameSeeds(manifest, scan)) {
    logger.info('index out of date: seeds changed, rebuilding', { indexDir });
    return null;
  }
  try {
    const { model, indexes } = await loadIndex(indexDir, manifest);
    // Files skipped now (say a bad file added since) are not in the index's own list.
    model.skipped = scan.skipped;
    logger.info('index loaded', { indexDir, passages: model.passages.length, figures: model.figures.length });
    return { snapshot: createSnapshot(model, indexes, 'disk'), generation: manifest.sha256 };
  } catch (error) {
    logger.warn('index not usable, rebuilding from seeds', { indexDir, error: describeError(error) });
    return null;
  }
}

function sameSeeds(manifest: Manifest, scan: SeedScan): boolean {
  const current = scan.files.map((f) => `${f.name}:${f.sha256}`).join('\n');
  return manifest.files.map((f) => `${f.doc}:${f.sha256}`).join('\n') === current;
}

/**
 * Saves a snapshot and returns its manifest, or null when it could not. A failure is logged, not
 * thrown: serving beats failing, and the next start rebuilds. The caller holds the build lock.
 */
async function persist(indexDir: string, snapshot: Snapshot, logger: Logger): Promise<Manifest | null> {
  try {
    return await saveIndex(indexDir, snapshot.model, snapshot.indexes);
  } catch (error) {
    logger.error('cannot persist index; serving from memory', { indexDir, error: describeError(error) });
    return null;
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

class SearchEngine extends SnapshotQueries implements Engine {
  private reindexing: Promise<ReindexAnswer> | null = null;
  /** The save of the latest reindexed index (true once on disk); the next in-place update waits for it. */
  private saving: Promise<boolean>;
  /**
   * The build lock while a reindex or its save holds it, shared by both: a reindex asked while the
   * previous save is still running must wait for that save, not be refused by our own lock.
   */
  private lock: BuildLock | null = null;
  private lockUses = 0;
  private releasing: Promise<void> = Promise.resolve();

  constructor(
    private snapshot: Snapshot,
    /** The generation on disk `snapshot` is; null when it is not saved. */
    private gen: string | null,
    /** Per-file parses of the last build: a reindex re-processes only changed files. */
    private readonly cache: BuildCache,
    /** Fills `cache` after a load from disk (see `warmReindex`); a reindex waits for it. */
    private readonly warming: Promise<void>,
    private readonly options: EngineOptions,
    private readonly logger: Logger,
    /** The documents the index on disk held before this process started; reported against once. */
    private indexedBefore: Map<string, string> | null = null,
  ) {
    super();
    this.saving = Promise.resolve(gen !== null);
  }

  readonly ready = true;

  generation(): string | null {
    return this.gen;
  }

  protected current(): Snapshot {
    return this.snapshot;
  }

  /**
   * Re-reads the seeds and re-processes the files that changed while queries keep using the
   * current index; updates the index in place and swaps it in within one tick, then answers.
   * The index is saved after the answer. One at a time: a second call while one is reading and
   * parsing is refused, as is one while another process holds the index's build lock; one made
   * while the previous index is still being saved waits for it.
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
    await this.releasing;
  }

  private async runReindex(progress: (p: ReindexProgress) => void): Promise<ReindexAnswer> {
    const started = performance.now();
    progress({ phase: 'reading', done: 0, total: 0 });
    // The seeds are read the moment the reindex is asked for, whatever it then waits for (the
    // lock included: a file written just after the request belongs to the next reindex).
    const scanning = readSeeds(this.options.seedsDir);
    scanning.catch(() => undefined); // awaited below, unless the lock refuses first
    // Before any other work: another builder's lock refuses the reindex at once.
    const locked = await this.takeLock();
    /** Whether the lock use passed on to the save, which drops it when the index is on disk. */
    let handedOver = false;
    try {
      const before = new Map(this.snapshot.model.docs.map((d) => [d.doc, d.sha256]));
      let model: CorpusModel;
      try {
        const scan = await scanning;
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
        this.gen = null;
        this.saving = this.save(next, locked);
        handedOver = true;
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
    } finally {
      if (locked && !handedOver) await this.dropLock();
    }
  }

  /** Saves `next`, records its generation if it is still the one served, and drops the reindex's lock use. */
  private async save(next: Snapshot, locked: boolean): Promise<boolean> {
    try {
      const manifest = await persist(this.options.indexDir, next, this.logger);
      if (manifest && this.snapshot === next) this.gen = manifest.sha256;
      return manifest !== null;
    } finally {
      if (locked) await this.dropLock();
    }
  }

  /**
   * One more use of the build lock, taking it if this engine does not hold it. Throws
   * `REINDEX_BUSY` when another builder holds it; any other failure (an index directory we
   * cannot write) is logged and the reindex goes on unlocked, since serving the new documents
   * matters more than saving them (which fails and is logged too).
   */
  private async takeLock(): Promise<boolean> {
    // Our own lock file may still be being removed: wait, or we would find it "held".
    for (let pending = this.releasing; ; pending = this.releasing) {
      await pending;
      if (pending === this.releasing) break;
    }
    if (this.lock) {
      this.lockUses++;
      return true;
    }
    try {
      this.lock = await acquireBuildLock(this.options.indexDir, { purpose: 'reindex', staleMs: this.options.lockStaleMs, logger: this.logger });
      this.lockUses = 1;
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'REINDEX_BUSY') {
        this.logger.warn('reindex refused: another builder holds the index lock', { error: describeError(error) });
        throw error;
      }
      this.logger.warn('cannot take the index build lock; reindexing without it', { error: describeError(error) });
      return false;
    }
  }

  private dropLock(): Promise<void> {
    if (--this.lockUses > 0 || !this.lock) return this.releasing;
    const lock = this.lock;
    this.lock = null;
    this.releasing = lock.release().catch((error: unknown) => this.logger.warn('cannot release the index build lock', { error: describeError(error) }));
    return this.releasing;
  }
}

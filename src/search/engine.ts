import { readSeeds, type SeedScan } from '../corpus/load.js';
import { AppError, UserError, describeError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { loadJieba } from '../nlp/jieba.js';
import { buildModel, type BuildCache } from './build.js';
import { buildIndexes } from './indexes.js';
import { loadIndex, readManifest, saveIndex, type Manifest } from './persist.js';
import { ask } from './queries/ask.js';
import { completeMetric, completeZone } from './queries/complete.js';
import { figure } from './queries/figure.js';
import { source } from './queries/source.js';
import { zone } from './queries/zone.js';
import type { AskOptions, FigureOptions, QueryService } from './service.js';
import { createSnapshot, type Snapshot } from './snapshot.js';
import type { ReindexAnswer, StatsAnswer } from './types.js';
import { VERSIONS } from './versions.js';

export interface EngineOptions {
  seedsDir: string;
  indexDir: string;
  logger?: Logger;
}

export interface Engine extends QueryService {
  close(): void;
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
  const snapshot = (await tryLoad(options.indexDir, scan, logger)) ?? (await buildAndSave(options.indexDir, scan, cache, logger));
  // A loaded index needs no segmenting; load jieba now so the first question does not wait.
  loadJieba();
  return new SearchEngine(snapshot, cache, options, logger);
}

async function tryLoad(indexDir: string, scan: SeedScan, logger: Logger): Promise<Snapshot | null> {
  const manifest = await readManifest(indexDir);
  if (!manifest) return null;
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

async function buildAndSave(indexDir: string, scan: SeedScan, cache: BuildCache, logger: Logger): Promise<Snapshot> {
  const model = await buildModel(scan, cache);
  const indexes = buildIndexes(model);
  try {
    await saveIndex(indexDir, model, indexes);
  } catch (error) {
    // Serving beats failing: the index is rebuilt next start.
    logger.error('cannot persist index; serving from memory', { indexDir, error: describeError(error) });
  }
  logger.info('index built', { passages: model.passages.length, figures: model.figures.length, zones: model.zones.length, ms: model.buildMs });
  return createSnapshot(model, indexes, 'build');
}

class SearchEngine implements Engine {
  private reindexing: Promise<ReindexAnswer> | null = null;

  constructor(
    private snapshot: Snapshot,
    /** Per-file parses of the last build: a reindex re-processes only changed files. */
    private readonly cache: BuildCache,
    private readonly options: EngineOptions,
    private readonly logger: Logger,
  ) {}

  ask(question: string, options?: AskOptions) {
    return ask(this.snapshot, question, options);
  }

  figure(metric: string, options?: FigureOptions) {
    return figure(this.snapshot, metric, options);
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
   * Re-reads the seeds and builds a new index aside while queries keep using the current
   * one; persists it, then swaps. One at a time: a second call while one runs is refused.
   */
  reindex(): Promise<ReindexAnswer> {
    if (this.reindexing) {
      return Promise.reject(new UserError('REINDEX_BUSY', 'search/engine: a reindex is already running', '已有一个重建索引任务在运行，请稍后再试。/ A reindex is already running.'));
    }
    this.reindexing = this.runReindex().finally(() => {
      this.reindexing = null;
    });
    return this.reindexing;
  }

  private async runReindex(): Promise<ReindexAnswer> {
    const started = performance.now();
    const before = new Map(this.snapshot.model.docs.map((d) => [d.doc, d.sha256]));
    let next: Snapshot;
    try {
      const scan = await readSeeds(this.options.seedsDir);
      for (const s of scan.skipped) this.logger.warn('seed skipped', { doc: s.doc, reason: s.reason });
      next = await buildAndSave(this.options.indexDir, scan, this.cache, this.logger);
    } catch (error) {
      this.logger.error('reindex failed; the previous index stays in service', { error: describeError(error) });
      throw error instanceof AppError ? error : new AppError('INTERNAL', `search/engine: reindex failed: ${describeError(error).message}`, { cause: error });
    }
    this.snapshot = next;
    const after = new Map(next.model.docs.map((d) => [d.doc, d.sha256]));
    return {
      command: 'reindex',
      added: [...after.keys()].filter((d) => !before.has(d)),
      changed: [...after].filter(([d, h]) => before.has(d) && before.get(d) !== h).map(([d]) => d),
      removed: [...before.keys()].filter((d) => !after.has(d)),
      passages: next.model.passages.length,
      figures: next.model.figures.length,
      zones: next.registry.entries.length,
      ms: Math.round(performance.now() - started),
      skipped: next.model.skipped,
    };
  }

  close(): void {
    // Nothing holds OS resources today; kept so transports shut down symmetrically.
  }
}

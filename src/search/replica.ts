import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError, describeError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { loadJieba } from '../nlp/jieba.js';
import type { Engine } from './engine.js';
import { MANIFEST, loadIndex, parseManifest } from './persist.js';
import { SnapshotQueries } from './serving.js';
import { createSnapshot, type Snapshot } from './snapshot.js';
import type { ReindexAnswer, Suggestion } from './types.js';

/**
 * A read-only replica of `index/`: many processes (or machines sharing the directory) answer
 * questions from the index one builder saves. It never reads the seeds, never builds, never
 * writes; it follows the builder's generations, each loaded and verified aside, then swapped in.
 */

export interface ReplicaOptions {
  indexDir: string;
  logger?: Logger;
  /**
   * How often the manifest is read even without a file-system event (ms, default 2000):
   * `fs.watch` misses changes on network and some container filesystems. Also the ceiling of the
   * back-off while no index exists yet.
   */
  pollMs?: number;
  /**
   * Whether to react to file-system events at once (default true). Off, only the poll notices a
   * new generation: for filesystems whose events are wrong rather than missing.
   */
  watch?: boolean;
}

export interface Replica extends Engine {
  /** Resolves once a generation is served (at once if one already is); rejects if closed before. */
  whenReady(): Promise<void>;
}

/** While no index exists, checks start this often and double up to `pollMs`. */
const FIRST_RETRY_MS = 100;
/** File-system events come in bursts (temp file written, renamed, manifest renamed): one check for them. */
const SETTLE_MS = 25;

/**
 * Opens a replica of the index in `indexDir`. Resolves after the first look: with the index loaded
 * when there is one, else not `ready` (queries throw `INDEX_NOT_READY`, autocomplete offers
 * nothing) while it keeps looking with back-off. `reindex()` throws `READ_ONLY`.
 *
 * @example
 * const replica = await openReplica({ indexDir: 'index' });
 * await replica.whenReady();
 * replica.figure('招商引资', { zone: '梅河口' }).results[0]?.value; // 141.5
 * replica.generation(); // '3f2a…' (the data file's sha256); changes when the builder saves
 */
export async function openReplica(options: ReplicaOptions): Promise<Replica> {
  const replica = new IndexReplica(options.indexDir, options.pollMs ?? 2_000, options.watch ?? true, options.logger ?? silentLogger);
  await replica.start();
  // Queries segment the question with jieba: load it now so the first question does not wait.
  loadJieba();
  return replica;
}

class IndexReplica extends SnapshotQueries implements Replica {
  private snapshot: Snapshot | null = null;
  private gen: string | null = null;
  /** The manifest text (and its data file's stamp) last refused: logged once, retried only when either changes. */
  private refused: string | null = null;
  private waitingLogged = false;
  private readErrorLogged = false;
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private settle: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private retryMs = FIRST_RETRY_MS / 2;
  private readonly readiness: { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void };

  constructor(
    private readonly indexDir: string,
    private readonly pollMs: number,
    private readonly watchEvents: boolean,
    private readonly logger: Logger,
  ) {
    super();
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    promise.catch(() => undefined); // nobody may be waiting
    this.readiness = { promise, resolve, reject };
  }

  get ready(): boolean {
    return this.snapshot !== null;
  }

  generation(): string | null {
    return this.gen;
  }

  whenReady(): Promise<void> {
    return this.readiness.promise;
  }

  async start(): Promise<void> {
    await this.check();
    this.watchDir();
    this.schedule();
  }

  protected current(): Snapshot {
    if (!this.snapshot) {
      throw new UserError('INDEX_NOT_READY', `search/replica: no index in "${this.indexDir}" yet; waiting for the builder to save one`, '索引尚未就绪，请稍后再试。/ The index is not ready yet; try again shortly.');
    }
    return this.snapshot;
  }

  // Autocomplete must answer something within Discord's 3 s: nothing, until there is an index.
  override completeZone(input: string, limit?: number): Suggestion[] {
    return this.snapshot ? super.completeZone(input, limit) : [];
  }

  override completeMetric(input: string, limit?: number): Suggestion[] {
    return this.snapshot ? super.completeMetric(input, limit) : [];
  }

  reindex(): Promise<ReindexAnswer> {
    return Promise.reject(
      new UserError(
        'READ_ONLY',
        `search/replica: this process serves "${this.indexDir}" read-only; the builder process rebuilds the index and replicas pick up its new generation`,
        '这个实例只读，索引由构建实例重建，完成后会自动生效。/ This instance is read-only: the builder rebuilds the index and it takes effect here automatically.',
      ),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.settle) clearTimeout(this.settle);
    this.watcher?.close();
    this.watcher = null;
    await this.checking;
    if (!this.snapshot) this.readiness.reject(new UserError('INDEX_NOT_READY', `search/replica: closed before an index appeared in "${this.indexDir}"`, '索引尚未就绪。/ The index is not ready.'));
  }

  /** Watches the directory for the manifest's rename; until it exists, the poll retries this. */
  private watchDir(): void {
    if (this.watcher || this.closed || !this.watchEvents) return;
    try {
      this.watcher = watch(this.indexDir, { persistent: false }, (_event, name) => {
        if (name === null || name === MANIFEST) this.soon();
      });
      this.watcher.on('error', () => {
        // The directory went away, or the watch broke: the poll goes on and watches again.
        this.watcher?.close();
        this.watcher = null;
      });
    } catch {
      this.watcher = null;
    }
  }

  private soon(): void {
    if (this.settle || this.closed) return;
    this.settle = setTimeout(() => {
      this.settle = null;
      void this.check();
    }, SETTLE_MS);
    this.settle.unref();
  }

  /** The next poll: every `pollMs` once serving; with doubling back-off up to it before. */
  private schedule(): void {
    if (this.closed) return;
    const delay = this.snapshot ? this.pollMs : (this.retryMs = Math.min(this.retryMs * 2, this.pollMs));
    this.timer = setTimeout(() => {
      this.watchDir();
      void this.check().finally(() => this.schedule());
    }, delay);
    // A replica does not keep a process alive on its own (a CLI answering one question exits).
    this.timer.unref();
  }

  /** One check at a time; an event during a check runs one more after it. */
  private check(): Promise<void> {
    if (this.checking) {
      this.again = true;
      return this.checking;
    }
    this.checking = (async () => {
      do {
        this.again = false;
        await this.checkOnce();
      } while (this.again && !this.closed);
    })().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  /**
   * Reads the manifest; when it names another generation, loads and verifies that generation
   * while the old one keeps answering, then swaps the reference in one synchronous step.
   */
  private async checkOnce(): Promise<void> {
    const text = await this.readManifestText();
    if (text === null || this.closed) return;
    const manifest = parseManifest(text);
    if (manifest && manifest.sha256 === this.gen) return; // the same generation saved again
    // What was refused is retried only when the manifest or its data file changed.
    const key = manifest ? `${text}\n${await this.stamp(manifest.data)}` : text;
    if (key === this.refused) return;
    if (!manifest) {
      this.refuse(key, null, 'manifest cannot be parsed');
      return;
    }
    const started = performance.now();
    try {
      const { model, indexes } = await loadIndex(this.indexDir, manifest);
      if (this.closed) return;
      const next = createSnapshot(model, indexes, 'disk');
      const previous = this.gen;
      // The swap: both fields in one tick, between two queries.
      this.snapshot = next;
      this.gen = manifest.sha256;
      this.refused = null;
      this.logger.info(previous ? 'replica swapped in a new index generation' : 'replica loaded the index', {
        indexDir: this.indexDir,
        generation: manifest.sha256,
        previous,
        docs: model.docs.length,
        passages: model.passages.length,
        ms: Math.round(performance.now() - started),
      });
      this.readiness.resolve();
    } catch (error) {
      // The builder saved twice during our load and removed the file we were about to read:
      // not a bad generation, just an old one. Load the new one instead of refusing.
      if ((await this.readManifestText()) !== text) {
        this.again = true;
        return;
      }
      this.refuse(key, manifest.sha256, describeError(error));
    }
  }

  /** Size and modification time of a data file, or why there is none, to notice it being replaced. */
  private async stamp(data: string): Promise<string> {
    if (!/^index-[0-9a-f]+\.json$/.test(data)) return 'unexpected name';
    try {
      const info = await stat(join(this.indexDir, data));
      return `${info.size}:${info.mtimeMs}`;
    } catch {
      return 'missing';
    }
  }

  /** The manifest's text, or null when there is none yet (logged once) or it cannot be read. */
  private async readManifestText(): Promise<string | null> {
    try {
      const text = await readFile(join(this.indexDir, MANIFEST), 'utf8');
      this.readErrorLogged = false;
      return text;
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (missing && !this.snapshot && !this.waitingLogged) {
        this.waitingLogged = true;
        this.logger.info('replica waiting for the builder to save an index', { indexDir: this.indexDir });
      } else if (!missing && !this.readErrorLogged) {
        this.readErrorLogged = true;
        this.logger.warn('replica cannot read the index manifest; serving what it has', { indexDir: this.indexDir, error: describeError(error) });
      }
      return null;
    }
  }

  private refuse(key: string, generation: string | null, error: unknown): void {
    this.refused = key;
    this.logger.error(this.snapshot ? 'replica refused a new index generation; the previous one stays in service' : 'replica refused the index on disk; waiting for a usable one', {
      indexDir: this.indexDir,
      generation,
      serving: this.gen,
      error,
    });
  }
}

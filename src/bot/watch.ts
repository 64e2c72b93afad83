import { watch, type FSWatcher } from 'node:fs';
import { UserError, describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { QueryService } from '../search/service.js';

export interface SeedWatcher {
  close(): void;
}

/**
 * `WATCH_SEEDS=true`: rebuilds the index when files in the seeds folder change. Editors save
 * in bursts (temp file, rename, chmod), so changes are debounced; a change that arrives while
 * a reindex runs is picked up by another one afterwards. Failures are logged, never thrown:
 * the bot keeps answering from the previous index.
 *
 * @example
 * const watcher = watchSeeds({ seedsDir: 'seeds', search: engine, logger });
 * // … on shutdown
 * watcher.close();
 */
export function watchSeeds(options: { seedsDir: string; search: Pick<QueryService, 'reindex'>; logger: Logger; debounceMs?: number }): SeedWatcher {
  const { seedsDir, search, logger } = options;
  const debounceMs = options.debounceMs ?? 1000;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let pending = false;
  let closed = false;

  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
  };

  async function run(): Promise<void> {
    timer = null;
    if (running) {
      pending = true;
      return;
    }
    running = true;
    try {
      const r = await search.reindex();
      logger.info('seeds changed: reindexed', { added: r.added, changed: r.changed, removed: r.removed, passages: r.passages, figures: r.figures, zones: r.zones, ms: r.ms, skipped: r.skipped.length });
    } catch (error) {
      // A /reindex from an admin may be running; try again once it had time to finish.
      if (error instanceof UserError && error.code === 'REINDEX_BUSY') pending = true;
      else logger.error('seeds changed: reindex failed; the previous index stays in service', { error: describeError(error) });
    } finally {
      running = false;
      if (pending) {
        pending = false;
        schedule();
      }
    }
  }

  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(seedsDir, { persistent: false }, schedule);
    watcher.on('error', (error) => logger.error('seeds watcher failed; watching stopped', { seedsDir, error: describeError(error) }));
    logger.info('watching seeds', { seedsDir, debounceMs });
  } catch (error) {
    logger.error('cannot watch seeds', { seedsDir, error: describeError(error) });
  }

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}

import type { ReplyView } from './types.js';

export interface ProgressReporter {
  /** Offers an interim view; shown only if the work has run `delayMs` and none was shown in the last `everyMs`. */
  update(view: ReplyView): void;
  /** Resolves once every interim view that was sent has arrived, so the final answer lands last. */
  settled(): Promise<void>;
}

/**
 * Progress for slow work without flooding the chat: nothing for the first two seconds (most
 * reindexes are done by then), then at most one edit a second, sent in order. A failed edit is
 * dropped: progress is a courtesy, the final answer is what counts.
 *
 * @example
 * const progress = throttledProgress((view) => deliver(interaction, view, codec));
 * progress.update(renderProgress({ phase: 'parsing', done: 3, total: 40 }));
 * await progress.settled();
 */
export function throttledProgress(show: (view: ReplyView) => Promise<void> | void, options: { delayMs?: number; everyMs?: number; now?: () => number } = {}): ProgressReporter {
  const now = options.now ?? (() => performance.now());
  const delayMs = options.delayMs ?? 2000;
  const everyMs = options.everyMs ?? 1000;
  const started = now();
  let last = -Infinity;
  let chain: Promise<void> = Promise.resolve();
  return {
    update(view) {
      const t = now();
      if (t - started < delayMs || t - last < everyMs) return;
      last = t;
      chain = chain.then(async () => {
        try {
          await show(view);
        } catch {
          // See above: the next edit or the final answer will do.
        }
      });
    },
    settled: () => chain,
  };
}

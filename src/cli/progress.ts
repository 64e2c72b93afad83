import type { ReindexProgress } from '../search/service.js';

const WIDTH = 24;
const PHASE: Record<ReindexProgress['phase'], string> = { reading: '读取 / reading', parsing: '解析 / parsing', indexing: '索引 / indexing' };

/**
 * A one-line progress bar for a terminal: redrawn in place (at most every `everyMs`), erased
 * by `done()` so the answer prints on a clean line. Only for a TTY; pipes and `--json` get
 * nothing.
 *
 * @example
 * const bar = progressBar(process.stderr);
 * await service.reindex({ onProgress: bar.update });
 * bar.done();
 */
export function progressBar(stream: NodeJS.WriteStream, everyMs = 100): { update: (p: ReindexProgress) => void; done: () => void } {
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = performance.now();
      if (now - last < everyMs && p.done !== p.total) return;
      last = now;
      const filled = p.total ? Math.round((p.done / p.total) * WIDTH) : 0;
      const count = p.total ? ` ${p.done}/${p.total}` : '';
      stream.write(`\r\x1b[2K${PHASE[p.phase]} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}]${count}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

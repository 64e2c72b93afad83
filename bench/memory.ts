import { resourceUsage } from 'node:process';
import type { MemorySample } from './types.js';

const MB = 1024 * 1024;

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Current RSS and heap, peak RSS so far, and the heap still live after a full GC when the
 * process runs with `--expose-gc` (the bench's workers do): RSS and heap before collecting
 * show what the process costs right now, the live heap what the index keeps.
 *
 * @example
 * sampleMemory(); // { rssMB: 182.4, heapUsedMB: 96.1, liveHeapMB: 71.3, externalMB: 3.2, maxRssMB: 240.8 }
 */
export function sampleMemory(): MemorySample {
  const now = process.memoryUsage();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const live = gc ? process.memoryUsage().heapUsed : now.heapUsed;
  return {
    rssMB: round1(now.rss / MB),
    heapUsedMB: round1(now.heapUsed / MB),
    liveHeapMB: round1(live / MB),
    externalMB: round1(now.external / MB),
    // Linux reports maxRSS in kilobytes.
    maxRssMB: round1((resourceUsage().maxRSS * 1024) / MB),
  };
}

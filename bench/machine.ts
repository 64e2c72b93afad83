import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';

export interface Machine {
  cpuModel: string;
  cpus: number;
  totalMemoryMB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews every time. */
  loadAverage: { start: number; end: number };
}

/**
 * The machine the numbers were measured on; `loadAtStart` is `loadAverage()` taken before the run.
 *
 * @example
 * machine(loadAverage()); // { cpuModel: 'Intel(R) Xeon(R) Processor', cpus: 2, …, loadAverage: { start: 0.4, end: 1.9 } }
 */
export function machine(loadAtStart: number): Machine {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cpus: list.length,
    totalMemoryMB: Math.round(totalmem() / 1024 / 1024),
    node: process.version,
    platform: `${platform()} ${release()} ${arch()}`,
    loadAverage: { start: loadAtStart, end: loadAverage() },
  };
}

/**
 * The 1-minute load average, rounded.
 *
 * @example
 * loadAverage(); // 0.42
 */
export function loadAverage(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

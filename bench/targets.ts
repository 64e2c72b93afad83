import type { ScaleResult } from './results.js';

/** One performance target and where it is checked. */
interface Target {
  name: string;
  scale: number;
  limit: number;
  unit: string;
  value: (r: ScaleResult) => number | undefined;
}

export interface TargetCheck {
  name: string;
  scale: number;
  limit: number;
  unit: string;
  /** null when the scale or operation was not run. */
  value: number | null;
  pass: boolean | null;
}

export const TARGETS: Target[] = [
  { name: 'autocomplete p99', scale: 100, limit: 2, unit: 'ms', value: (r) => r.autocomplete?.p99 },
  { name: 'figure p99', scale: 100, limit: 10, unit: 'ms', value: (r) => r.figure?.p99 },
  { name: 'zone p99', scale: 100, limit: 10, unit: 'ms', value: (r) => r.zone?.p99 },
  { name: 'ask p99', scale: 100, limit: 10, unit: 'ms', value: (r) => r.ask?.p99 },
  { name: 'cold start', scale: 1, limit: 1000, unit: 'ms', value: (r) => r.coldStartMs },
  { name: 'cold start', scale: 100, limit: 3000, unit: 'ms', value: (r) => r.coldStartMs },
  { name: 'full build', scale: 100, limit: 15000, unit: 'ms', value: (r) => r.buildMs },
  { name: 'peak RSS', scale: 100, limit: 600, unit: 'MB', value: (r) => r.rssMB },
  // ≥ 10× faster than a full build: under 10% of its time.
  { name: 'reindex 1 file', scale: 100, limit: 10, unit: '% of build', value: (r) => (r.reindexMs === null ? undefined : (100 * r.reindexMs) / r.buildMs) },
];

/**
 * Checks our results against every target (each strictly below its limit).
 *
 * @example
 * checkTargets({ '100': result })[0]; // { name: 'autocomplete p99', scale: 100, limit: 2, value: 0.8, pass: true, … }
 */
export function checkTargets(scales: Record<string, ScaleResult>): TargetCheck[] {
  return TARGETS.map((t) => {
    const result = scales[String(t.scale)];
    const value = result ? (t.value(result) ?? null) : null;
    return { name: t.name, scale: t.scale, limit: t.limit, unit: t.unit, value, pass: value === null ? null : value < t.limit };
  });
}

import { CHART_OP, OPERATIONS, type Operation } from './types.js';

export const SCALES = [1, 10, 100] as const;

export interface BenchOptions {
  scales: number[];
  ops: Operation[];
  /** Time chart rendering (`--op chart`; on by default). */
  chart: boolean;
  json: boolean;
  /** Repetitions of the query list per operation (fewer if an operation would blow its time budget). */
  reps: number;
  /** Directory for CPU profiles of the build and serve workers, or null. */
  profileDir: string | null;
  /** Keep the temporary corpora and indexes (their directory is printed). */
  keep: boolean;
  /** Also write the JSON result to this file, whatever goes to stdout. */
  out: string | null;
}

const USAGE = 'usage: npm run bench -- [--scale 1|10|100]… [--op ask|figure|zone|autocomplete|chart]… [--reps N] [--profile DIR] [--keep] [--json] [--out FILE]';

/**
 * Parses the bench's flags; `--scale` and `--op` repeat or take comma lists, and default to all.
 *
 * @example
 * parseBenchArgs(['--scale', '1,10', '--op', 'ask', '--json']); // { scales: [1, 10], ops: ['ask'], chart: false, json: true, … }
 * parseBenchArgs(['--op', 'chart']); // { ops: [], chart: true, … }
 */
export function parseBenchArgs(argv: string[]): BenchOptions {
  const scales = new Set<number>();
  const ops = new Set<Operation>();
  let chart = false;
  const options: BenchOptions = { scales: [], ops: [], chart: true, json: false, reps: 20, profileDir: null, keep: false, out: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`bench: ${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === '--json') options.json = true;
    else if (flag === '--keep') options.keep = true;
    else if (flag === '--profile') options.profileDir = value();
    else if (flag === '--out') options.out = value();
    else if (flag === '--reps') options.reps = positiveInteger(flag, value());
    else if (flag === '--scale') for (const s of value().split(',')) scales.add(oneOf(flag, Number(s), SCALES));
    else if (flag === '--op')
      for (const o of value().split(',')) {
        if (o === CHART_OP) chart = true;
        else ops.add(oneOf(flag, o, [...OPERATIONS, CHART_OP]) as Operation);
      }
    else throw new Error(`bench: unknown argument "${flag}"\n${USAGE}`);
  }
  options.scales = scales.size ? [...scales].sort((a, b) => a - b) : [...SCALES];
  // No --op means everything; `--op chart` alone means charts only.
  const any = ops.size > 0 || chart;
  options.ops = any ? OPERATIONS.filter((o) => ops.has(o)) : [...OPERATIONS];
  options.chart = any ? chart : true;
  return options;
}

function oneOf<T>(flag: string, value: unknown, allowed: readonly T[]): T {
  if (!(allowed as readonly unknown[]).includes(value)) throw new Error(`bench: ${flag} must be one of ${allowed.join(', ')}\n${USAGE}`);
  return value as T;
}

function positiveInteger(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`bench: ${flag} must be a positive integer\n${USAGE}`);
  return n;
}

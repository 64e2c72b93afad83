import { OPERATIONS, type Operation } from './types.js';

export const SCALES = [1, 10, 100] as const;

export interface BenchOptions {
  scales: number[];
  ops: Operation[];
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

const USAGE = 'usage: npm run bench -- [--scale 1|10|100]… [--op ask|figure|zone|autocomplete]… [--reps N] [--profile DIR] [--keep] [--json] [--out FILE]';

/**
 * Parses the bench's flags; `--scale` and `--op` repeat or take comma lists, and default to all.
 *
 * @example
 * parseBenchArgs(['--scale', '1,10', '--op', 'ask', '--json']); // { scales: [1, 10], ops: ['ask'], json: true, … }
 */
export function parseBenchArgs(argv: string[]): BenchOptions {
  const scales = new Set<number>();
  const ops = new Set<Operation>();
  const options: BenchOptions = { scales: [], ops: [], json: false, reps: 20, profileDir: null, keep: false, out: null };
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
    else if (flag === '--op') for (const o of value().split(',')) ops.add(oneOf(flag, o, OPERATIONS));
    else throw new Error(`bench: unknown argument "${flag}"\n${USAGE}`);
  }
  options.scales = scales.size ? [...scales].sort((a, b) => a - b) : [...SCALES];
  options.ops = ops.size ? OPERATIONS.filter((o) => ops.has(o)) : [...OPERATIONS];
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

import { writeFile } from 'node:fs/promises';
import { parseBenchArgs } from './args.js';
import { formatReport } from './report.js';
import { runBench } from './run.js';

/**
 * `npm run bench [-- --scale 1|10|100]… [--op ask|figure|zone|autocomplete]… [--reps N]
 * [--profile DIR] [--keep] [--json] [--out FILE]`: build, cold start, latency and memory of our engine and
 * of a bigram baseline over synthetic corpora of 1×, 10× and 100× the seeds, checked against
 * the performance targets. Progress goes to stderr; the table, or the JSON, to stdout.
 */
async function main(argv: string[]): Promise<number> {
  const options = parseBenchArgs(argv);
  const started = Date.now();
  const log = (line: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  const result = await runBench(options, log);
  const json = JSON.stringify(result, null, 2) + '\n';
  if (options.out) await writeFile(options.out, json);
  process.stdout.write(options.json ? json : formatReport(result));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);

import { createInterface } from 'node:readline';
import { loadConfigFromEnvironment, type Config } from '../config.js';
import { EXIT_CODES, EXIT_NOT_FOUND, UserError, describeError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { openEngine, type Engine } from '../search/engine.js';
import { parseArgs, splitLine, type ParsedArgs } from './args.js';
import { ANSI, PLAIN, formatAnswer } from './format.js';
import { runCommand } from './run.js';
import { progressBar } from './progress.js';
import { formatUsage, recordCliAnswer, usageStats } from './usage.js';
import type { Answer } from '../search/types.js';

/**
 * `npm run cli -- <command> …`: the engine from a terminal or a script. Human output by
 * default, `--json` for the stable contract, `batch` for one JSON answer per stdin line.
 */
async function main(argv: string[]): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    return fail(error, argv.includes('--json'));
  }
  let engine: Engine;
  let config: Config;
  let logger: Logger;
  try {
    config = await loadConfigFromEnvironment();
    logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
    // Usage memory needs no index.
    if (args.command === 'stats' && args.usage) {
      const answer = usageStats(config, logger);
      process.stdout.write((args.json ? JSON.stringify(answer) : formatUsage(answer.usage)) + '\n');
      return 0;
    }
    engine = await openEngine({ seedsDir: args.seeds ?? config.seedsDir, indexDir: args.index ?? config.indexDir, logger });
  } catch (error) {
    return fail(error, args.json || args.command === 'batch');
  }
  if (args.command === 'batch') return batch(engine);
  try {
    const started = performance.now();
    // A progress bar on a terminal only: pipes and --json stay quiet.
    const bar = args.command === 'reindex' && process.stderr.isTTY && !args.json ? progressBar(process.stderr) : null;
    const answer = await runCommand(engine, args, warn, bar?.update);
    bar?.done();
    if (args.record) recordCliAnswer(config, logger, args, answer, Math.round(performance.now() - started));
    const style = process.stdout.isTTY ? ANSI : PLAIN;
    const chart = 'chart' in answer && answer.chart ? `\n图表 / Chart: ${answer.chart}` : '';
    process.stdout.write((args.json ? JSON.stringify(answer) : formatAnswer(answer, style) + chart) + '\n');
    // A reindex answers before its index is saved; the process must not end before that.
    await engine.close();
    return foundNothing(answer) ? EXIT_NOT_FOUND : 0;
  } catch (error) {
    return fail(error, args.json);
  }
}

/** One JSON object per input line, in order; a failing line answers with its error and the batch goes on. */
async function batch(engine: Engine): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') {
      process.stdout.write(JSON.stringify({ error: { code: 'BAD_INPUT', message: 'cli/batch: empty line' } }) + '\n');
      continue;
    }
    let out: unknown;
    try {
      const args = parseArgs(splitLine(line));
      if (args.command === 'batch') throw new UserError('BAD_INPUT', 'cli/batch: batch cannot be nested', '批处理不能嵌套。');
      out = await runCommand(engine, args, warn);
    } catch (error) {
      out = { error: describeError(error) };
    }
    process.stdout.write(JSON.stringify(out) + '\n');
  }
  await engine.close();
  return 0;
}

/** Why a `--chart` was not written; stdout stays the answer alone (JSON readers parse it whole). */
function warn(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** An answer that found nothing: the CLI exits with 3 (not found), as for an unknown passage. */
export function foundNothing(answer: Answer): boolean {
  switch (answer.command) {
    case 'figure':
    case 'ask':
      return answer.results.length === 0;
    case 'compare':
      return answer.rows.every((r) => r.figure === null);
    case 'zone':
      return answer.zone === null;
    default:
      return false;
  }
}

function fail(error: unknown, json: boolean): number {
  const { code, message } = describeError(error);
  if (json) process.stdout.write(JSON.stringify({ error: { code, message } }) + '\n');
  else process.stderr.write(`${error instanceof UserError ? error.userMessage : message}\n`);
  return EXIT_CODES[code];
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`cli: ${describeError(error).message}\n`);
    process.exitCode = 1;
  },
);

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs, splitLine } from '../src/cli/args.js';
import { tempDir } from './helpers.js';
import { SEEDS_DIR } from './seeds.js';

/**
 * One `batch` run over ~200 hostile lines: every line gets exactly one JSON line back, in
 * order, either an answer naming its command or `{ error: { code, message } }`, and the
 * batch survives to the end.
 */

const ROOT = join(import.meta.dirname, '..');
const LINES = 200;

const COMMANDS = ['ask', 'figure', 'zone', 'source', 'stats', 'batch', 'nope', 'ASK', '--json', '', '"ask"', 'figure\u200b'];
const FLAGS = ['--limit', '--limit=3', '--limit=0', '--limit=51', '--limit=NaN', '--zone', '--zone=梅河口', '--year', '--year=2020', '--json', '--bogus', '--', '-', '--seeds', '--index=/nonexistent'];
const WORDS = ['梅河口', '招商引资', '000#2', '000_2948f0920b1045a6.txt#1', '高新区', '經開區', '😀', '\u202e反转', 'Robert"); DROP TABLE', '@everyone', '%s%n', '../../etc/passwd', '１４１.５亿元', '\\', '"', '""', '"未闭合'];
/** Control characters except the line breaks that would split the line for readline. */
const CONTROL = fc.integer({ min: 0, max: 31 }).filter((c) => c !== 10 && c !== 13).map((c) => String.fromCharCode(c));
/** Any code point but line breaks (U+2028/9 do not end a readline line either, so they stay). */
const UNICODE = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ''));

const word = fc.oneof(fc.constantFrom(...WORDS, ...FLAGS), UNICODE, CONTROL, fc.string({ maxLength: 8 }).map((s) => `"${s.replace(/[\r\n]/g, '')}"`));
const line = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(fc.constantFrom(...COMMANDS), fc.array(word, { maxLength: 6 })).map(([c, ws]) => [c, ...ws].join(' ')) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\t') },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((n) => `ask ${'梅河口高新区 '.repeat(n / 7)}`) },
);

/** Lines whose answer is known, at fixed places, to check that answers come back in order. */
const marker = (i: number) => `ask 第${i}号标记`;
const isMarker = (i: number) => i % 20 === 0;
/** One reindex mid-batch: the slowest command, after which the batch must go on. */
const REINDEX_AT = 101;

describe('cli batch fuzz', () => {
  it('answers every line once, in order, with an answer or a typed error', async () => {
    const seed = Date.now();
    const lines = fc.sample(line, { numRuns: LINES, seed }).map((l, i) => (isMarker(i) ? marker(i) : i === REINDEX_AT ? 'reindex' : l));
    const indexDir = await tempDir('cli-fuzz');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'batch', '--seeds', SEEDS_DIR, '--index', indexDir], {
      cwd: ROOT,
      input: lines.join('\n') + '\n',
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'error' },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    });
    const context = `fast-check seed ${seed}`;
    expect(run.status, `${context}; stderr: ${run.stderr}`).toBe(0);
    const answers = run.stdout.trimEnd().split('\n').map((out) => JSON.parse(out) as { command?: string; query?: string; error?: { code: string; message: string } });
    expect(answers.length, context).toBe(lines.length);

    answers.forEach((answer, i) => {
      const where = `${context}, line ${i}: ${JSON.stringify(lines[i]!.slice(0, 200))}`;
      if (isMarker(i)) expect(answer, where).toMatchObject({ command: 'ask', query: `第${i}号标记` });
      if (i === REINDEX_AT) expect(answer, where).toMatchObject({ command: 'reindex' });
      if (answer.error) expect(answer.error, where).toEqual({ code: expect.any(String), message: expect.any(String) });
      else expect(answer.command, where).toBe(expectedCommand(lines[i]!));
    });
  }, 180_000);
});

/** The command a line asks for, or undefined when it must fail to parse (so answer with an error). */
function expectedCommand(line: string): string | undefined {
  try {
    return parseArgs(splitLine(line)).command;
  } catch {
    return undefined;
  }
}

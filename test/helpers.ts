import { spawnSync } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runConsole } from '../src/bot/console.js';
import { BRACKETS } from '../src/bot/render/plain.js';
import { loadConfig } from '../src/config.js';
import { openEngine, type Engine } from '../src/search/engine.js';
import { createLogger, type Logger } from '../src/logger.js';
import { SEEDS_DIR } from './seeds.js';

export const tempDir = (prefix: string) => mkdtemp(join(tmpdir(), `zone-${prefix}-`));

/** A private copy of the real seeds, for tests that add, change or break files. */
export async function copySeeds(): Promise<string> {
  const dir = await tempDir('seeds');
  await cp(SEEDS_DIR, dir, { recursive: true });
  return dir;
}

/** A logger that records lines, for asserting warnings. */
export function recordingLogger(): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  return Object.assign(logger, { lines });
}

/** The engine over the real seeds with a private index directory. */
export async function openSeedEngine(options: { seedsDir?: string; indexDir?: string; logger?: Logger } = {}): Promise<Engine> {
  return openEngine({ seedsDir: options.seedsDir ?? SEEDS_DIR, indexDir: options.indexDir ?? (await tempDir('index')), logger: options.logger });
}

/**
 * What the local console prints for some input lines, one answer per command, with the same
 * commands, renderers and boundary as `npm start` without a token.
 */
export async function consoleAnswers(engine: Engine, lines: string[], options: { indexDir: string; logger?: Logger }): Promise<string[]> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  input.end(lines.join('\n') + '\n');
  const config = loadConfig({ SEEDS_DIR, INDEX_DIR: options.indexDir });
  const logger = options.logger ?? createLogger('error', () => undefined);
  await runConsole({ ctx: { config, search: engine, logger }, input, output, style: BRACKETS, interactive: false });
  // One answer per command, separated by a blank line after the last block of each.
  return text.split(/\n\n(?===)/);
}

/**
 * Runs the real CLI as users do (`npm run cli -- …` runs the same file with tsx) on the given
 * seeds and index folders.
 *
 * @example
 * runCli(['figure', '招商引资', '--json'], { seeds: SEEDS_DIR, index: indexDir }).code; // 0
 */
export function runCli(args: string[], dirs: { seeds: string; index: string }, input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--seeds', dirs.seeds, '--index', dirs.index], {
    cwd: join(import.meta.dirname, '..'),
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'error' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

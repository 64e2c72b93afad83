import { execFileSync, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from './worker.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// The compiled worker: bench processes run the JavaScript `npm start` runs, not tsx.
const WORKER = join(ROOT, 'dist', 'bench', 'worker.js');
const require = createRequire(import.meta.url);

/**
 * Compiles src/, commands/ and bench/ into dist/ (what `npm run build` does; incremental, so
 * ~0.2 s when nothing changed). Run once before the first `runWorker`, so the workers never
 * run stale code.
 *
 * @example
 * buildWorkers();
 * await runWorker('serve', args);
 */
export function buildWorkers(): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: ['ignore', 2, 'inherit'] });
}

export interface WorkerRun<T> {
  report: T;
  /** From just before the spawn to the child's first answer, when it sent one. */
  answeredAfterMs: number | null;
}

export interface SpawnOptions {
  /** Write a V8 CPU profile of the child (`node --cpu-prof`) into this directory under this name. */
  profile?: { dir: string; name: string };
}

/**
 * Runs one bench role in a fresh `node dist/bench/worker.js` process (see `buildWorkers`) and
 * resolves with its report. The child's stdout goes to our stderr, so `--json` output stays clean.
 *
 * @example
 * const { report, answeredAfterMs } = await runWorker<ServeRoleReport>('serve', args);
 */
export function runWorker<T>(role: Role, args: object, options: SpawnOptions = {}): Promise<WorkerRun<T>> {
  const execArgv = ['--expose-gc'];
  if (options.profile) execArgv.push('--cpu-prof', '--cpu-prof-dir', options.profile.dir, '--cpu-prof-name', `${options.profile.name}.cpuprofile`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let answeredAfterMs: number | null = null;
    let outcome: { report: T } | { error: string } | null = null;
    const child = fork(WORKER, [role, JSON.stringify(args)], { cwd: ROOT, execArgv, stdio: ['ignore', 2, 'inherit', 'ipc'] });
    child.on('message', (message: { type: string; report?: T; message?: string }) => {
      if (message.type === 'answered') answeredAfterMs = performance.now() - started;
      else if (message.type === 'report') outcome = { report: message.report as T };
      else if (message.type === 'error') outcome = { error: message.message ?? 'unknown error' };
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (outcome && 'report' in outcome) resolve({ report: outcome.report, answeredAfterMs });
      else reject(new Error(`bench: worker "${role}" failed (${signal ?? `exit ${code}`}): ${outcome?.error ?? 'no report'}`));
    });
  });
}

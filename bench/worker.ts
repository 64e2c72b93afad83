/**
 * Child-process entry of the bench, run compiled: `node dist/bench/worker.js <role> '<json args>'`.
 * Each role runs in a fresh process, so the memory it reports is its own, and sends its
 * report to the parent over IPC. Roles are imported lazily: a cold-start child pays only for
 * the modules it needs.
 */
import type { WorkerEvents } from './roles/events.js';

const ROLES = {
  prepare: () => import('./roles/prepare.js'),
  build: () => import('./roles/build.js'),
  serve: () => import('./roles/serve.js'),
  chart: () => import('./roles/chart.js'),
};

export type Role = keyof typeof ROLES;

async function main(): Promise<void> {
  const [role, json] = process.argv.slice(2);
  if (!role || !(role in ROLES) || json === undefined) throw new Error(`bench/worker: usage: worker.ts <${Object.keys(ROLES).join('|')}> '<json>'`);
  if (!process.send) throw new Error('bench/worker: must be started by the bench (needs an IPC channel)');
  const send = process.send.bind(process);
  const events: WorkerEvents = { answered: () => send({ type: 'answered' }) };
  const { run } = await ROLES[role as Role]();
  const report = await run(JSON.parse(json) as never, events);
  send({ type: 'report', report }, () => process.disconnect());
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (process.send) process.send({ type: 'error', message }, () => process.disconnect());
  else console.error(message);
  process.exitCode = 1;
});

import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromChild, ToChild } from './node.js';

const NODE_ENTRY = fileURLToPath(new URL('./node.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 8_000;

/** A child of the cluster (builder or replica) and the last lines it wrote to stderr. */
export interface Member {
  child: ChildProcess;
  /** Startup: process spawn to serving, as measured inside (ms). */
  startMs: number;
  port: number | undefined;
  generation: string | null;
  stderr(): string;
  /** Sends a message and waits for the reply of the given type. */
  request<T extends FromChild['type']>(message: ToChild, type: T, timeoutMs?: number): Promise<Extract<FromChild, { type: T }>>;
  stop(): Promise<void>;
}

/**
 * Starts `loadtest/node.ts` in its own Node process (tsx), so builder and replicas do not share
 * an event loop with the load generator or with each other, as in a deployment.
 *
 * @example
 * const replica = await startMember(['replica', indexDir], { DISCORD_PUBLIC_KEY: hex });
 * replica.port; // 40123
 */
export async function startMember(args: string[], env: Record<string, string>, execArgv: string[] = []): Promise<Member> {
  const child = fork(NODE_ENTRY, args, {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString());
    if (tail.length > 50) tail.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const stderr = () => tail.join('');

  const next = <T extends FromChild['type']>(type: T, timeoutMs: number): Promise<Extract<FromChild, { type: T }>> =>
    new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const onMessage = (message: FromChild) => {
        if (message.type === type) {
          cleanup();
          resolve(message as Extract<FromChild, { type: T }>);
        } else if (message.type === 'failed') {
          cleanup();
          reject(new Error(`loadtest: ${args[0]} failed: ${message.error}`));
        }
      };
      const onExit = (code: number | null) => (cleanup(), reject(new Error(`loadtest: ${args[0]} exited (${code}) before '${type}'\n${stderr()}`)));
      const timer = setTimeout(() => (cleanup(), reject(new Error(`loadtest: no '${type}' from ${args[0]} within ${timeoutMs} ms\n${stderr()}`))), timeoutMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
    });

  let ready: Extract<FromChild, { type: 'ready' }>;
  try {
    ready = await next('ready', START_TIMEOUT_MS);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    child,
    startMs: ready.ms,
    port: ready.port,
    generation: ready.generation,
    stderr,
    request(message, type, timeoutMs = 60_000) {
      const reply = next(type, timeoutMs);
      child.send(message);
      return reply;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.connected) child.send({ op: 'stop' } satisfies ToChild);
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

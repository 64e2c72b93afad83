import type { ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ShardingManager, type Shard } from 'discord.js';
import { loadConfigFromEnvironment } from '../config.js';
import { AppError, EXIT_CODES, describeError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';

/**
 * `npm run shard`: the gateway bot split over several processes with discord.js's
 * `ShardingManager`. Discord requires sharding from 2,500 guilds on (one gateway connection
 * serves at most that many) and recommends a shard per ~1,000. Each shard is `src/main.ts`, the
 * very process `npm start` runs, told by the manager (`SHARDS`, `SHARD_COUNT` in its environment,
 * which discord.js's `Client` reads) which part of the guilds it connects for.
 */

/** How long one shard may take from spawn to a ready client: it opens (maybe builds) the index first. */
const SHARD_READY_TIMEOUT_MS = 120_000;
/** Discord allows one IDENTIFY per 5 s (max_concurrency 1): shards start this far apart. */
const SHARD_SPAWN_DELAY_MS = 5_500;
/** How long a shard may take to stop after SIGTERM (main.ts allows itself 5 s) before it is killed. */
const SHARD_STOP_TIMEOUT_MS = 10_000;

export interface ShardOptions {
  /** The bot token: what the shards log in with, and what asks Discord for the shard count. */
  token: string;
  /** Shards in all, or `'auto'` (the default): as many as Discord recommends in `GET /gateway/bot`. */
  totalShards?: number | 'auto';
  /** `DISCORD_API_URL`: where `'auto'` asks (a proxy, the test fake); default Discord. */
  apiUrl?: string;
  logger: Logger;
  /** Default `SHARD_SPAWN_DELAY_MS`; a test with one shard does not wait anyway. */
  spawnDelayMs?: number;
  /** Aborting stops the shards, also while they are still being spawned (SIGTERM during start-up). */
  signal?: AbortSignal;
}

export interface RunningShards {
  manager: ShardingManager;
  totalShards: number;
  /** SIGTERM to every shard (each shuts down as `npm start` does), SIGKILL after 10 s; no respawn. */
  stop(): Promise<void>;
}

/**
 * The shard count Discord recommends for this bot (`GET /gateway/bot`). discord.js's own
 * `fetchRecommendedShardCount` always asks discord.com; this one honours `DISCORD_API_URL`.
 *
 * @example
 * await recommendedShardCount(config.discordToken!); // 1 (below ~1,000 guilds)
 */
export async function recommendedShardCount(token: string, apiUrl = 'https://discord.com/api'): Promise<number> {
  const response = await fetch(`${apiUrl.replace(/\/$/, '')}/v10/gateway/bot`, { headers: { Authorization: `Bot ${token}` } });
  if (!response.ok) {
    throw new AppError(response.status === 401 ? 'CONFIG_INVALID' : 'INTERNAL', `bot/shard: GET /gateway/bot answered ${response.status}${response.status === 401 ? ' (is DISCORD_TOKEN right?)' : ''}`);
  }
  const { shards } = (await response.json()) as { shards?: unknown };
  if (typeof shards !== 'number' || !Number.isInteger(shards) || shards < 1) throw new AppError('INTERNAL', `bot/shard: GET /gateway/bot gave no shard count (${String(shards)})`);
  return shards;
}

/**
 * The process each shard runs: `src/main.ts` through tsx from the sources, `main.js` once built.
 * This module is preloaded into it too (see the end of the file), so that a shard leaves when
 * its manager is gone.
 */
function shardEntry(): { file: string; execArgv: string[] } {
  const fromSources = import.meta.url.endsWith('.ts');
  return {
    file: fileURLToPath(new URL(fromSources ? '../main.ts' : '../main.js', import.meta.url)),
    execArgv: [...(fromSources ? ['--import', 'tsx'] : []), '--import', import.meta.url],
  };
}

/**
 * Spawns the shards and resolves once every one has a ready client.
 *
 * @example
 * const shards = await startShards({ token: config.discordToken!, apiUrl: config.discordApiUrl, logger });
 * shards.totalShards; // 1
 * await shards.stop();
 */
export async function startShards(options: ShardOptions): Promise<RunningShards> {
  const { token, logger } = options;
  const totalShards = options.totalShards === undefined || options.totalShards === 'auto' ? await recommendedShardCount(token, options.apiUrl) : options.totalShards;
  if (!Number.isInteger(totalShards) || totalShards < 1) throw new AppError('CONFIG_INVALID', `bot/shard: the shard count must be a whole number ≥ 1 or 'auto' (got ${totalShards})`);
  const { file, execArgv } = shardEntry();
  const manager = new ShardingManager(file, { totalShards, token, execArgv, mode: 'process', respawn: true });
  manager.on('shardCreate', (shard: Shard) => {
    logger.info('shard spawned', { shardId: shard.id, totalShards });
    shard.on('ready', () => logger.info('shard ready', { shardId: shard.id, totalShards, pid: shard.process?.pid }));
    shard.on('disconnect', () => logger.warn('shard disconnected', { shardId: shard.id }));
    shard.on('death', (child) => logger.warn('shard exited', { shardId: shard.id, code: (child as ChildProcess).exitCode, respawn: manager.respawn }));
  });
  logger.info('starting shards', { totalShards, entry: file });

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      manager.respawn = false;
      await Promise.all([...manager.shards.values()].map((shard) => stopShard(shard)));
      logger.info('shards stopped', { totalShards });
    })());
  if (options.signal?.aborted) throw new AppError('INTERNAL', 'bot/shard: stopped before the shards were spawned');
  options.signal?.addEventListener('abort', () => void stop(), { once: true });
  try {
    await manager.spawn({ amount: totalShards, delay: options.spawnDelayMs ?? SHARD_SPAWN_DELAY_MS, timeout: SHARD_READY_TIMEOUT_MS });
  } catch (error) {
    await stop();
    throw error instanceof Error ? error : new AppError('INTERNAL', `bot/shard: a shard failed to start (${describeError(error).message})`);
  }
  logger.info('all shards ready', { totalShards });
  return { manager, totalShards, stop };
}

function stopShard(shard: Shard): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), SHARD_STOP_TIMEOUT_MS);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    child.kill('SIGTERM');
  });
}

/** `npm run shard [-- --shards N|auto]`. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { shards: { type: 'string', default: 'auto' } } });
  const config = await loadConfigFromEnvironment();
  const logger = createLogger(config.logLevel);
  if (!config.discordToken) throw new AppError('CONFIG_INVALID', 'bot/shard: DISCORD_TOKEN is not set; sharding is for the gateway bot');
  if (config.interactionsMode === 'http') throw new AppError('CONFIG_INVALID', 'bot/shard: INTERACTIONS_MODE=http has no gateway to shard; run more replicas behind a load balancer instead');
  const totalShards = values.shards === 'auto' ? 'auto' : Number(values.shards);
  const stopping = new AbortController();
  let shards: RunningShards | null = null;
  const shutdown = (signal: string) => {
    logger.info('shutting down', { reason: signal });
    stopping.abort();
    // While spawning, the abort stops what was started and startShards rejects (handled below).
    if (shards) void shards.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  try {
    shards = await startShards({ token: config.discordToken, totalShards, apiUrl: config.discordApiUrl, logger, signal: stopping.signal });
  } catch (error) {
    if (stopping.signal.aborted) process.exit(0);
    throw error;
  }
  if (stopping.signal.aborted) await shards.stop().then(() => process.exit(0));
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) {
  main().catch((error: unknown) => {
    const { code, message } = describeError(error);
    process.stderr.write(`${message}\n`);
    process.exitCode = EXIT_CODES[code];
  });
} else if (process.env.SHARDING_MANAGER && process.env.SHARDS !== undefined && typeof process.send === 'function') {
  // Preloaded into a shard: if the manager dies (even by SIGKILL) the IPC channel closes; shut
  // down as on SIGTERM rather than stay connected as an orphan that a restart would duplicate.
  process.once('disconnect', () => {
    // discord.js reports the shard's status to the manager on every gateway event, the shutdown's included.
    process.send = () => false;
    process.kill(process.pid, 'SIGTERM');
  });
}

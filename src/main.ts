import { runConsole } from './bot/console.js';
import { loadChartStack } from './charts/index.js';
import { ANSI, BRACKETS } from './bot/render/plain.js';
import { startBot, type RunningBot } from './bot/start.js';
import { watchSeeds, type SeedWatcher } from './bot/watch.js';
import { loadConfigFromEnvironment } from './config.js';
import { EXIT_CODES, describeError } from './errors.js';
import { startInteractionsServer, type RunningInteractionsServer } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { openEngine } from './search/engine.js';
import { openConfiguredUsage } from './usage/index.js';

/** How long shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 5000;

/**
 * `npm start`: with INTERACTIONS_MODE=http an HTTP server Discord sends interactions to (no
 * token needed); else with DISCORD_TOKEN the Discord bot on the gateway, without it the local
 * console (the same commands typed at a terminal or piped in, answered as text). All share the
 * engine, the renderers and, with WATCH_SEEDS=true, the seeds watcher.
 */
async function main(): Promise<void> {
  const config = await loadConfigFromEnvironment();
  const http = config.interactionsMode === 'http';
  const bot = Boolean(config.discordToken);
  // In the console the answers are the point; per-interaction log lines would bury them.
  const logger = createLogger(!bot && !http && config.logLevel === 'info' ? 'warn' : config.logLevel);
  // A replica serves the builder's index read-only and follows its new generations.
  const engine = await openEngine({ seedsDir: config.seedsDir, indexDir: config.indexDir, logger, warmReindex: true, mode: config.indexRole });
  const usage = openConfiguredUsage(config, logger);
  const watcher: SeedWatcher | null = config.watchSeeds && config.indexRole === 'builder' ? watchSeeds({ seedsDir: config.seedsDir, search: engine, logger }) : null;
  let running: RunningBot | null = null;
  let server: RunningInteractionsServer | null = null;

  let stopping: Promise<void> | null = null;
  const shutdown = (reason: string) =>
    (stopping ??= (async () => {
      logger.info('shutting down', { reason });
      setTimeout(() => process.exit(process.exitCode ?? 0), SHUTDOWN_GRACE_MS).unref();
      watcher?.close();
      // Draining: interactions now get 503 (a load balancer moves on), running ones finish.
      await server?.stop().catch((error: unknown) => logger.error('http server stop failed', { error: describeError(error) }));
      await running?.stop().catch((error: unknown) => logger.error('bot stop failed', { error: describeError(error) }));
      await engine.close();
      usage.close();
    })());
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  if (http) {
    server = await startInteractionsServer({ ctx: { config, search: engine, logger, usage }, isReady: () => stopping === null });
    preloadCharts(logger);
    return;
  }
  if (bot) {
    running = await startBot({ config, search: engine, logger, usage });
    preloadCharts(logger);
    return;
  }
  const interactive = Boolean(process.stdin.isTTY);
  await runConsole({
    ctx: { config, search: engine, logger, usage },
    input: process.stdin,
    output: process.stdout,
    style: process.stdout.isTTY ? ANSI : BRACKETS,
    interactive,
  });
  await shutdown('end of input');
}

/**
 * Loads the chart stack in the background once the bot serves (~300 ms, ~40 MB): the first
 * chart-worthy answer then has its chart, and every replica answers alike from the start. Until
 * it is loaded such answers go out with the 图表 button instead (src/bot/render/chart.ts).
 */
function preloadCharts(logger: Logger): void {
  loadChartStack().catch((error: unknown) => logger.warn('chart stack failed to load; charts will be tried again when asked for', { error: describeError(error) }));
}

main().catch((error: unknown) => {
  const { code, message } = describeError(error);
  process.stderr.write(`${message}\n`);
  process.exitCode = EXIT_CODES[code];
});

/**
 * The bot as it really runs, for end-to-end tests: the real engine over real seeds with a
 * private index directory, the fake Discord, and `startBot` with the unmodified client.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot, type RunningBot } from '../../src/bot/start.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openEngine, type Engine } from '../../src/search/engine.js';
import type { QueryService } from '../../src/search/service.js';
import { openConfiguredUsage, type UsageStore } from '../../src/usage/index.js';
import type { FakeMessage } from './payloads.js';
import { startFakeDiscord, type FakeDiscord, type InteractionResponse } from './server.js';

export const SEEDS_DIR = join(import.meta.dirname, '..', '..', 'seeds');

export interface Harness {
  fake: FakeDiscord;
  bot: RunningBot;
  engine: Engine;
  /** What the bot was given: the engine, or the test's wrapper around it. */
  search: QueryService;
  config: Config;
  /** Every log line the bot wrote, parsed. */
  logs: Record<string, unknown>[];
  /** The bot's usage memory, when asked for. */
  usage: UsageStore | undefined;
  /** Stops the bot and starts a new one on the same fake and engine, as a deploy would. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  seedsDir?: string;
  /** Wraps the real engine (to count or fail calls); the engine answers everything else. */
  wrap?: (engine: Engine) => QueryService;
  /** Extra environment, e.g. ADMIN_USER_IDS. */
  env?: Record<string, string>;
  /** Give the bot usage memory: a real SQLite database in a temporary DATA_DIR. */
  usage?: boolean;
}

/**
 * Starts engine, fake and bot; `stop()` tears all three down and deletes the index.
 *
 * @example
 * const h = await startHarness();
 * const reply = await h.fake.command('figure', [{ name: 'query', value: '招商引资' }]).next();
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const seedsDir = options.seedsDir ?? SEEDS_DIR;
  const indexDir = await mkdtemp(join(tmpdir(), 'zone-bot-index-'));
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('debug', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const engine = await openEngine({ seedsDir, indexDir, logger });
  const search = options.wrap ? options.wrap(engine) : engine;
  // A short heartbeat so the tests see the client keep the connection alive.
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 200 });
  const dataDir = join(indexDir, 'data');
  // The suites fire dozens of commands as one user within seconds; only test/limits.test.ts
  // turns the rate limit on (through `env`).
  const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, SEEDS_DIR: seedsDir, INDEX_DIR: indexDir, DATA_DIR: dataDir, ADMIN_GUILD_IDS: fake.ids.guildId, RATE_LIMIT_PER_MINUTE: '0', ...options.env });
  const usage = options.usage ? openConfiguredUsage(config, logger) : undefined;
  const harness: Harness = {
    fake,
    bot: await startBot({ config, search, logger, usage }),
    engine,
    search,
    config,
    logs,
    usage,
    async restart() {
      await harness.bot.stop();
      harness.bot = await startBot({ config, search, logger, usage });
    },
    async stop() {
      await harness.bot.stop();
      usage?.close();
      await fake.close();
      await engine.close();
      await rm(indexDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/**
 * Resolves once `condition()` returns something truthy (the bot logs after it replies, so a
 * test that saw the reply may be a moment early for the log line).
 *
 * @example
 * const line = await waitFor(() => h.logs.find((l) => l.errorId === id));
 */
export async function waitFor<T>(condition: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > until) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The message-like body of a response: callback data, or the edit / follow-up body.
 *
 * @example
 * bodyOf(await interaction.next()).allowed_mentions; // { parse: [] }
 */
export function bodyOf(response: InteractionResponse): Record<string, unknown> {
  return response.kind === 'callback' ? (response.data ?? {}) : response.body;
}

/**
 * All text a response shows, for `toContain` checks.
 *
 * @example
 * expect(shownText(reply)).toContain('141.5亿元');
 */
export function shownText(response: InteractionResponse): string {
  return JSON.stringify((bodyOf(response).embeds as unknown[] | undefined) ?? []);
}

/**
 * The custom ids of a message's buttons, by label.
 *
 * @example
 * buttonsOf(interaction.message()).get('下一页 ▶'); // { customId: '1["a",1,"开发区"]', disabled: false }
 */
export function buttonsOf(message: FakeMessage | undefined): Map<string, { customId: string; disabled: boolean }> {
  const rows = (message?.components ?? []) as { components: { label: string; custom_id: string; disabled?: boolean }[] }[];
  return new Map(rows.flatMap((row) => row.components.map((b) => [b.label, { customId: b.custom_id, disabled: Boolean(b.disabled) }] as const)));
}

import { Client, Events, GatewayIntentBits } from 'discord.js';
import { AppError, describeError } from '../errors.js';
import { createDispatcher } from './dispatcher.js';
import type { BotContext } from './types.js';

export interface RunningBot {
  client: Client<true>;
  /** Disconnects from the gateway; the query service stays open (its owner closes it). */
  stop(): Promise<void>;
}

/** Long enough for a gateway with many guilds, short enough to fail a stuck start visibly. */
const READY_TIMEOUT_MS = 60_000;

/**
 * Starts the Discord bot as it runs in production: the unmodified discord.js client with the
 * Guilds intent only (slash commands need no privileged intents), every interaction routed
 * through the dispatcher. `DISCORD_API_URL` points REST (and so the gateway URL it returns)
 * at a proxy or the test fake. Resolves once the client is ready.
 *
 * @example
 * const bot = await startBot({ config, search: engine, logger });
 * // … later
 * await bot.stop();
 */
export async function startBot(ctx: BotContext): Promise<RunningBot> {
  const { config, logger } = ctx;
  if (!config.discordToken) {
    throw new AppError('CONFIG_INVALID', 'bot/start: DISCORD_TOKEN is not set (create a bot in the Developer Portal and put its token in .env)');
  }
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(config.discordApiUrl ? { rest: { api: config.discordApiUrl } } : {}),
  });
  const dispatch = createDispatcher(ctx);
  client.on(Events.InteractionCreate, (interaction) => {
    // The dispatcher has its own boundary; this catch only guards against a bug in it.
    dispatch(interaction).catch((error: unknown) => logger.error('dispatcher failed', { error: describeError(error) }));
  });
  client.on(Events.Error, (error) => logger.error('discord client error', { error: describeError(error) }));
  client.on(Events.Warn, (message) => logger.warn('discord client warning', { message }));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn('gateway disconnected', { shardId, code: event.code }));
  client.on(Events.ShardReconnecting, (shardId) => logger.info('gateway reconnecting', { shardId }));

  const ready = new Promise<Client<true>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new AppError('INTERNAL', `bot/start: not ready after ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    client.once(Events.ClientReady, (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  try {
    await client.login(config.discordToken);
    const readyClient = await ready;
    logger.info('bot ready', { user: readyClient.user.tag, userId: readyClient.user.id, guilds: readyClient.guilds.cache.size });
    return {
      client: readyClient,
      stop: async () => {
        await client.destroy();
        logger.info('bot stopped');
      },
    };
  } catch (error) {
    await client.destroy();
    throw error;
  }
}

import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { loadConfigFromEnvironment, type Config } from '../config.js';
import { AppError, EXIT_CODES, describeError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { COMMANDS } from './commands.js';

export interface DeployResult {
  scope: 'guild' | 'global';
  names: string[];
}

/**
 * Registers every slash command with one bulk PUT: in DISCORD_GUILD_ID when set (instant,
 * for development) else globally. PUT replaces the whole set, so running it again changes
 * nothing and commands removed from `commands/` disappear.
 *
 * @example
 * await deployCommands({ config, logger }); // { scope: 'guild', names: ['ask', 'figure', …] }
 */
export async function deployCommands({ config, logger }: { config: Config; logger: Logger }): Promise<DeployResult> {
  const { discordToken: token, discordClientId: clientId, discordGuildId: guildId } = config;
  if (!token || !clientId) {
    const missing = [!token && 'DISCORD_TOKEN', !clientId && 'DISCORD_CLIENT_ID'].filter(Boolean).join(' and ');
    throw new AppError('CONFIG_INVALID', `bot/deploy: set ${missing} in .env (Developer Portal → your application: Bot → Token, General Information → Application ID)`);
  }
  const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(token);
  const route = guildId ? Routes.applicationGuildCommands(clientId, guildId) : Routes.applicationCommands(clientId);
  const registered = (await rest.put(route, { body: COMMANDS.map((c) => c.data.toJSON()) })) as { name: string }[];
  const result: DeployResult = { scope: guildId ? 'guild' : 'global', names: registered.map((c) => c.name) };
  logger.info('commands registered', { ...result, clientId, guildId });
  return result;
}

/** `npm run deploy-commands` */
async function main(): Promise<void> {
  try {
    const config = await loadConfigFromEnvironment();
    const { scope, names } = await deployCommands({ config, logger: createLogger(config.logLevel) });
    const where = scope === 'guild' ? `服务器 / guild ${config.discordGuildId}（立即生效 / immediate）` : '全局 / global（最多一小时生效 / up to an hour to appear）';
    process.stdout.write(`已注册 ${names.length} 个命令 / Registered ${names.length} commands in ${where}: ${names.map((n) => `/${n}`).join(' ')}\n`);
  } catch (error) {
    const { code, message } = describeError(error);
    process.stderr.write(`${message}\n`);
    process.exitCode = EXIT_CODES[code];
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

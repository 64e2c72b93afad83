import { z } from 'zod';
import { AppError } from './errors.js';
import type { LogLevel } from './logger.js';

/**
 * The one schema over the environment. `loadConfig` is the only place that reads
 * `process.env`; everything else receives the parsed `Config`.
 */
const snowflake = z.string().regex(/^\d{17,20}$/, 'a Discord id (17–20 digits)');
const idList = z
  .string()
  .default('')
  .transform((raw) => raw.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(snowflake));
const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const schema = z.object({
  DISCORD_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(20, 'a bot token from the Developer Portal').optional()),
  DISCORD_CLIENT_ID: z.preprocess(emptyAsUndefined, snowflake.optional()),
  DISCORD_GUILD_ID: z.preprocess(emptyAsUndefined, snowflake.optional()),
  DISCORD_API_URL: z.preprocess(emptyAsUndefined, z.url('an http(s) URL such as http://localhost:8080/api').optional()),
  SEEDS_DIR: z.preprocess(emptyAsUndefined, z.string().default('seeds')),
  INDEX_DIR: z.preprocess(emptyAsUndefined, z.string().default('index')),
  ADMIN_USER_IDS: idList,
  ADMIN_ROLE_IDS: idList,
  WATCH_SEEDS: z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], 'true or false')
      .default('false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  ),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info')),
  REPLY_LANGUAGE: z.preprocess(emptyAsUndefined, z.enum(['zh', 'en', 'both', 'auto'], 'zh, en, both or auto').default('both')),
  ADMIN_GUILD_IDS: idList,
  MAX_UPLOAD_MB: z.preprocess(emptyAsUndefined, z.coerce.number('a number of megabytes').positive('a positive number of megabytes').max(100, 'at most 100 (MB)').default(20)),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('data')),
  USAGE_LOG: z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], 'true or false')
      .default('true')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  ),
  USAGE_SALT: z.preprocess(emptyAsUndefined, z.string().min(16, 'a secret of 16 characters or more').optional()),
  USAGE_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number('a number of days').int('a whole number of days').min(1, 'at least 1 (day)').default(180)),
  INTERACTIONS_MODE: z.preprocess(emptyAsUndefined, z.enum(['gateway', 'http'], 'gateway or http').default('gateway')),
  INDEX_ROLE: z.preprocess(emptyAsUndefined, z.enum(['builder', 'replica'], 'builder or replica').default('builder')),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number('a port number').int('a whole port number').min(0, 'a port from 0 to 65535').max(65535, 'a port from 0 to 65535').default(8080)),
  DISCORD_PUBLIC_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]{64}$/, "the application's public key from the Developer Portal (64 hex digits)")
      .transform((hex) => hex.toLowerCase())
      .optional(),
  ),
  RATE_LIMIT_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number('a number of commands per minute').int('a whole number per minute').min(0, '0 (off) or more per minute').default(20)),
  MAX_IN_FLIGHT: z.preprocess(emptyAsUndefined, z.coerce.number('a number of commands').int('a whole number of commands').min(1, 'at least 1 (command)').default(8)),
  MAX_QUEUE: z.preprocess(emptyAsUndefined, z.coerce.number('a number of commands').int('a whole number of commands').min(0, '0 or more (commands)').default(100)),
}).superRefine((e, issues) => {
  // HTTP mode answers nothing it cannot verify: without the key every request would be refused.
  if (e.INTERACTIONS_MODE === 'http' && !e.DISCORD_PUBLIC_KEY) {
    issues.addIssue({ code: 'custom', path: ['DISCORD_PUBLIC_KEY'], message: "the application's public key (64 hex digits) when INTERACTIONS_MODE=http" });
  }
});

export interface Config {
  discordToken: string | undefined;
  discordClientId: string | undefined;
  discordGuildId: string | undefined;
  discordApiUrl: string | undefined;
  seedsDir: string;
  indexDir: string;
  adminUserIds: string[];
  adminRoleIds: string[];
  watchSeeds: boolean;
  logLevel: LogLevel;
  /** The bot's own words in replies: Chinese, English, both, or the asker's Discord locale. */
  replyLanguage: 'zh' | 'en' | 'both' | 'auto';
  /**
   * Guilds whose Manage Server members may change the corpus (/docs add|remove|restore,
   * /reindex); default: `DISCORD_GUILD_ID` when set. ADMIN_USER_IDS / ADMIN_ROLE_IDS work anywhere.
   */
  adminGuildIds: string[];
  /** Largest document an admin may upload from Discord, in bytes. */
  maxUploadBytes: number;
  /** Where the usage database lives (git-ignored). */
  dataDir: string;
  /** Record usage (questions, results, votes); `USAGE_LOG=false` turns it off entirely. */
  usageLog: boolean;
  /** Secret salt of the user hashes; when unset, a random one is kept in `dataDir`. */
  usageSalt: string | undefined;
  usageRetentionDays: number;
  /**
   * How Discord delivers interactions: over the gateway (a websocket the bot logs in to with its
   * token), or as signed HTTP requests to `POST /interactions` on `port` (no token needed).
   */
  interactionsMode: 'gateway' | 'http';
  /** `replica`: serve INDEX_DIR read-only and follow the builder's new generations; `builder` (default) builds and saves. */
  indexRole: 'builder' | 'replica';
  /** Where HTTP mode listens (0: any free port). */
  port: number;
  /** The application's Ed25519 public key, lower-case hex; set whenever `interactionsMode` is `http`. */
  discordPublicKey: string | undefined;
  /**
   * Expensive commands a user may run per minute, after a burst of a quarter of that
   * (20 → 5 at once, then one every 3 s); 0 turns the limit off. Per process.
   */
  rateLimitPerMinute: number;
  /** Commands executing at once; more wait in line (deferred, so Discord keeps waiting). */
  maxInFlight: number;
  /** Commands waiting for a slot; beyond that they are refused as busy. */
  maxQueue: number;
}

/**
 * Parses the environment once at start-up. Every problem is reported at once, each naming
 * the variable and what to set; the token's value never appears in a message.
 *
 * @example
 * const config = loadConfig(process.env); // { seedsDir: 'seeds', discordToken: undefined, … }
 */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: expected ${issue.message}`);
    throw new AppError('CONFIG_INVALID', `config: invalid environment\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    discordToken: e.DISCORD_TOKEN,
    discordClientId: e.DISCORD_CLIENT_ID,
    discordGuildId: e.DISCORD_GUILD_ID,
    discordApiUrl: e.DISCORD_API_URL,
    seedsDir: e.SEEDS_DIR,
    indexDir: e.INDEX_DIR,
    adminUserIds: e.ADMIN_USER_IDS,
    adminRoleIds: e.ADMIN_ROLE_IDS,
    watchSeeds: e.WATCH_SEEDS,
    logLevel: e.LOG_LEVEL,
    replyLanguage: e.REPLY_LANGUAGE,
    adminGuildIds: e.ADMIN_GUILD_IDS.length > 0 ? e.ADMIN_GUILD_IDS : e.DISCORD_GUILD_ID ? [e.DISCORD_GUILD_ID] : [],
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    dataDir: e.DATA_DIR,
    usageLog: e.USAGE_LOG,
    usageSalt: e.USAGE_SALT,
    usageRetentionDays: e.USAGE_RETENTION_DAYS,
    interactionsMode: e.INTERACTIONS_MODE,
    indexRole: e.INDEX_ROLE,
    port: e.PORT,
    discordPublicKey: e.DISCORD_PUBLIC_KEY,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    maxInFlight: e.MAX_IN_FLIGHT,
    maxQueue: e.MAX_QUEUE,
  };
}

/** Reads `.env` (if present) into `process.env`, then parses it. Call once from an entry point. */
export async function loadConfigFromEnvironment(): Promise<Config> {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  return loadConfig(process.env);
}

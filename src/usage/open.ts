import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { openUsageStore } from './store.js';
import type { UsageStore } from './types.js';

const SALT_FILE = 'usage.salt';
const DAY_MS = 86_400_000;

/**
 * The salt of the user hashes: `USAGE_SALT`, else a random one kept (mode 0600) beside the
 * database, so hashes stay comparable across restarts without anyone configuring a secret.
 * When even that cannot be written, a salt for this process only: votes still count once per
 * user until the restart.
 */
function saltFor(config: Pick<Config, 'usageSalt' | 'dataDir'>, logger: Logger): string {
  if (config.usageSalt) return config.usageSalt;
  const path = join(config.dataDir, SALT_FILE);
  try {
    const kept = readFileSync(path, 'utf8').trim();
    if (kept.length >= 16) return kept;
  } catch {
    // No salt yet: make one below.
  }
  const salt = randomBytes(24).toString('hex');
  try {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(path, salt + '\n', { mode: 0o600, flag: 'w' });
  } catch (error) {
    logger.warn('usage: cannot keep the user-hash salt; using one for this process only', { path, error: describeError(error) });
  }
  return salt;
}

/**
 * Usage memory as configured (`DATA_DIR`, `USAGE_LOG`, `USAGE_SALT`, `USAGE_RETENTION_DAYS`),
 * pruned at open and then once a day while the process runs.
 *
 * @example
 * const usage = openConfiguredUsage(config, logger);
 * usage.usageReport().unanswered; // [{ query: '上海张江的营业收入', count: 3, lastAsked: '…' }]
 */
export function openConfiguredUsage(config: Pick<Config, 'usageLog' | 'usageSalt' | 'dataDir' | 'usageRetentionDays'>, logger: Logger): UsageStore {
  if (!config.usageLog) return openUsageStore({ dataDir: config.dataDir, salt: 'disabled', enabled: false, logger });
  const store = openUsageStore({ dataDir: config.dataDir, salt: saltFor(config, logger), retentionDays: config.usageRetentionDays, logger });
  const daily = setInterval(() => store.prune(), DAY_MS);
  daily.unref();
  const close = store.close.bind(store);
  return Object.assign(store, {
    close() {
      clearInterval(daily);
      close();
    },
  });
}

import * as ask from '../../commands/ask.js';
import * as compare from '../../commands/compare.js';
import * as docs from '../../commands/docs.js';
import * as figure from '../../commands/figure.js';
import * as help from '../../commands/help.js';
import * as reindex from '../../commands/reindex.js';
import * as source from '../../commands/source.js';
import * as stats from '../../commands/stats.js';
import * as zone from '../../commands/zone.js';
import type { CommandModule } from './types.js';

/**
 * Every slash command, in the order /help and the registration list them. Static imports
 * (not a directory scan) so the type checker sees each module against `CommandModule`.
 */
export const COMMANDS: readonly CommandModule[] = [ask, figure, compare, zone, source, stats, help, docs, reindex];

/**
 * The command with that name.
 *
 * @example
 * findCommand('figure')?.data.name; // 'figure'
 */
export function findCommand(name: string): CommandModule | undefined {
  return COMMANDS.find((c) => c.data.name === name);
}

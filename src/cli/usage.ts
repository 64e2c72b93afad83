import { userInfo } from 'node:os';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Answer } from '../search/types.js';
import { answerOutcome, openConfiguredUsage, sparkline, type UsageReport } from '../usage/index.js';
import type { ParsedArgs } from './args.js';

/** `stats --usage --json`: the contract other tools read. */
export interface UsageStatsAnswer {
  command: 'stats';
  usage: UsageReport;
}

/**
 * Usage memory as the CLI shows it: the last 14 days, top and unanswered queries, 👎.
 *
 * @example
 * usageStats(config, logger); // { command: 'stats', usage: { days: [...], topQueries: [...], unanswered: [...], downvoted: [...] } }
 */
export function usageStats(config: Config, logger: Logger): UsageStatsAnswer {
  const store = openConfiguredUsage(config, logger);
  try {
    return { command: 'stats', usage: store.usageReport() };
  } finally {
    store.close();
  }
}

/**
 * Keeps a CLI question in usage memory (`--record`): what it found, its best citation and
 * whether the documents left it unanswered, as the bot records its answers.
 *
 * @example
 * recordCliAnswer(config, logger, args, answer, 14);
 */
export function recordCliAnswer(config: Config, logger: Logger, args: ParsedArgs, answer: Answer, latencyMs: number): void {
  const found = answerOutcome(answer);
  if (!found) return;
  const store = openConfiguredUsage(config, logger);
  try {
    store.record({
      command: args.command,
      query: args.text,
      options: Object.fromEntries(Object.entries({ zone: args.zone, zones: args.zones, year: args.year, after: args.after }).filter(([, v]) => v !== undefined)),
      guildId: null,
      userId: `cli:${userInfo().username}`,
      resultCount: found.results,
      topCitation: found.top,
      latencyMs,
      unanswered: found.unanswered,
    });
  } finally {
    store.close();
  }
}

/**
 * The usage report as text: a sparkline of questions per day, then the lists.
 *
 * @example
 * formatUsage(report); // '近 14 天提问 / Questions, last 14 days: ▁▁▃▅█ (23)\n…'
 */
export function formatUsage(report: UsageReport): string {
  const total = report.days.reduce((n, d) => n + d.questions, 0);
  const lines = [`近 ${report.days.length} 天提问 / Questions, last ${report.days.length} days: ${sparkline(report.days.map((d) => d.questions))} (${total})`];
  const list = (title: string, rows: string[]) => lines.push('', title, ...(rows.length ? rows : ['  —']));
  list('常问 / Top queries', report.topQueries.map((q) => `  ${q.count}× ${q.query}`));
  list('未答 / Unanswered', report.unanswered.map((q) => `  ${q.count}× ${q.query}  (${q.lastAsked})`));
  list('👎 最多 / Most 👎', report.downvoted.map((q) => `  ${q.count}× ${q.query}${q.comments.length ? `  — ${q.comments.join(' | ')}` : ''}`));
  return lines.join('\n');
}

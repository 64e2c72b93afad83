import type { DailyActivity, UsageReport } from '../../usage/index.js';
import { sparkline } from '../../usage/index.js';
import type { APIEmbed } from 'discord.js';
import { COLORS, LIMITS } from './limits.js';
import { escapeAndTruncate } from './markdown.js';

/** What admins see of usage memory in /stats. */
export interface UsageView {
  report: UsageReport;
  daily: DailyActivity[];
}

const lines = (rows: string[]) => escapeAndTruncate(rows.length ? rows.join('\n') : '—', LIMITS.fieldValue);

/**
 * The usage embed of an admin's /stats: questions per day and the unanswered share as
 * sparklines, the most asked and the unanswered questions, the answers with the most 👎 and
 * what people said was wrong.
 *
 * @example
 * usageEmbed({ report, daily }).title; // '使用情况 / Usage · 近 14 天'
 */
export function usageEmbed({ report, daily }: UsageView): APIEmbed {
  const total = report.days.reduce((n, d) => n + d.questions, 0);
  const unanswered = daily.reduce((n, d) => n + d.unanswered, 0);
  const share = total ? Math.round((unanswered / total) * 100) : 0;
  const description = [
    `提问 / Questions: \`${sparkline(report.days.map((d) => d.questions))}\` ${total}`,
    `未答占比 / Unanswered share: \`${sparkline(daily.map((d) => d.share * 100))}\` ${share}%`,
    `${report.days[0]?.day ?? ''} → ${report.days.at(-1)?.day ?? ''}`,
  ].join('\n');
  return {
    title: `使用情况 / Usage · 近 ${report.days.length} 天`,
    description,
    color: COLORS.stats,
    fields: [
      { name: '常问 / Top queries', value: lines(report.topQueries.map((q) => `${q.count}× ${q.query}`)) },
      { name: '没答上的问题 / Unanswered', value: lines(report.unanswered.map((q) => `${q.count}× ${q.query} · ${q.lastAsked.slice(0, 10)}`)) },
      { name: '👎 最多 / Most 👎', value: lines(report.downvoted.map((q) => `${q.count}× ${q.query}${q.comments.length ? `\n  “${q.comments.join('” “')}”` : ''}`)) },
    ],
  };
}

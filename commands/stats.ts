import { slashCommand } from '../src/bot/command-data.js';
import { renderStats } from '../src/bot/render/stats.js';
import type { BotContext, CommandInput, ReplyView } from '../src/bot/types.js';
import { readAudit } from '../src/library/index.js';
import { withChart } from '../src/bot/render/chart.js';
import { planUsageChart } from '../src/charts/index.js';

/** `/stats` — what the index holds and how old it is. */
export const data = slashCommand({
  name: 'stats',
  zh: { name: '统计', description: '索引统计：文档、段落、数字、地区和建立时间' },
  en: { description: 'Index statistics: documents, passages, figures, zones' },
});

/**
 * Counts, age and documents of the index; for admins also what people asked, what went
 * unanswered, which answers got 👎, and the latest corpus changes.
 *
 * @example
 * execute({ options }, ctx); // /stats → 文档 / Documents: 5 · 段落 / Passages: …
 */
export async function execute(_interaction: CommandInput, ctx: BotContext): Promise<ReplyView> {
  const admin = ctx.caller?.admin ?? false;
  const usage = admin && ctx.usage?.enabled ? { report: ctx.usage.usageReport(), daily: ctx.usage.dailyActivity() } : null;
  // The audit trail is an admin's view too; an unreadable one is left out, never an error.
  const changes = admin ? await readAudit(ctx.config.indexDir, { limit: RECENT_CHANGES }).catch(() => []) : [];
  const view = renderStats(ctx.search.stats(), usage, changes.reverse());
  // People would rather look than read: questions per day as a chart under the usage embed.
  return usage ? withChart(view, planUsageChart(usage.daily), true, null) : view;
}

/** Corpus changes an admin's /stats lists. */
const RECENT_CHANGES = 5;

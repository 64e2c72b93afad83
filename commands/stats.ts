import { slashCommand } from '../src/bot/command-data.js';
import { renderStats } from '../src/bot/render/stats.js';
import type { BotContext, CommandInput, ReplyView } from '../src/bot/types.js';

/** `/stats` — what the index holds and how old it is. */
export const data = slashCommand({
  name: 'stats',
  zh: { name: '统计', description: '索引统计：文档、段落、数字、地区和建立时间' },
  en: { description: 'Index statistics: documents, passages, figures, zones' },
});

/**
 * Counts, age and documents of the index; for admins also what people asked, what went
 * unanswered and which answers got 👎.
 *
 * @example
 * execute({ options }, ctx); // /stats → 文档 / Documents: 5 · 段落 / Passages: …
 */
export function execute(_interaction: CommandInput, ctx: BotContext): ReplyView {
  const usage = ctx.caller?.admin && ctx.usage?.enabled ? { report: ctx.usage.usageReport(), daily: ctx.usage.dailyActivity() } : null;
  return renderStats(ctx.search.stats(), usage);
}

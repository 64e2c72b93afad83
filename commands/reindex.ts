import { PermissionFlagsBits } from 'discord.js';
import { slashCommand } from '../src/bot/command-data.js';
import { renderProgress } from '../src/bot/render/progress.js';
import { renderReindex } from '../src/bot/render/reindex.js';
import type { BotContext, CommandInput, ReplyView } from '../src/bot/types.js';

/** `/reindex` (admins) — re-read the seed files and rebuild the index. */
export const data = slashCommand({
  name: 'reindex',
  zh: { name: '重建索引', description: '管理员：重新读取资料并重建索引' },
  en: { description: 'Admins: re-read the documents and rebuild the index' },
}).setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);

/** The dispatcher refuses non-admins before anything runs (Discord's default is only a hint). */
export const adminOnly = true;
/** A rebuild takes seconds; Discord wants an acknowledgement within three. */
export const defer = true;

/**
 * Rebuilds the index from the seeds and reports what changed.
 *
 * @example
 * await execute({ options }, ctx); // /reindex → 索引已重建 / Index rebuilt · 新增 / Added (1) …
 */
export async function execute(_interaction: CommandInput, ctx: BotContext): Promise<ReplyView> {
  return renderReindex(await ctx.search.reindex({ onProgress: (p) => ctx.caller?.progress?.(renderProgress(p, '/reindex')) }));
}

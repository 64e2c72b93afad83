import { slashCommand, stringOption } from '../src/bot/command-data.js';
import { renderSource } from '../src/bot/render/source.js';
import type { BotContext, CommandInput, ReplyView } from '../src/bot/types.js';

/** `/source id:` — the full text of a cited passage. */
export const data = slashCommand({
  name: 'source',
  zh: { name: '原文', description: '显示一个段落的全文，如 000_x.txt#3' },
  en: { description: 'Show the full text of a passage, e.g. 000_x.txt#3' },
}).addStringOption((o) =>
  stringOption(o, { name: 'id', zh: { name: '段落', description: '段落编号：文件名#段号' }, en: { description: 'Passage id: file#number' } }, { required: true, maxLength: 200 }),
);

/**
 * The full passage behind a citation.
 *
 * @example
 * execute({ options }, ctx); // /source id:000_2948f0920b1045a6.txt#3 → the passage with 〔… · ¶3 · L …〕
 */
export function execute(interaction: CommandInput, ctx: BotContext): ReplyView {
  return renderSource(ctx.search.source(interaction.options.getString('id', true)), { ephemeral: false });
}

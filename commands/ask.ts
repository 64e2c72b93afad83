import { slashCommand, stringOption } from '../src/bot/command-data.js';
import { renderAsk } from '../src/bot/render/ask.js';
import type { BotContext, CommandInput, ReplyView } from '../src/bot/types.js';

/** `/ask question:` — passages that answer a question, with citations. */
export const data = slashCommand({
  name: 'ask',
  zh: { name: '提问', description: '用自然语言提问，返回带出处的原文段落' },
  en: { description: 'Ask a question; get passages with citations' },
}).addStringOption((o) =>
  stringOption(o, { name: 'question', zh: { name: '问题', description: '你的问题' }, en: { description: 'Your question' } }, { required: true, maxLength: 300 }),
);

/**
 * The question's best passages, first page.
 *
 * @example
 * execute({ options }, ctx); // /ask question:梅河口离长春有多远？ → passages citing 004_578be0ae33821603.txt
 */
export function execute(interaction: CommandInput, ctx: BotContext): ReplyView {
  const query = interaction.options.getString('question', true);
  return renderAsk(ctx.search.ask(query), { query, page: 0 });
}

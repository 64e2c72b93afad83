import { slashCommand, stringOption } from '../src/bot/command-data.js';
import { renderChoices } from '../src/bot/render/choices.js';
import { renderZone } from '../src/bot/render/zone.js';
import type { AutocompleteInput, BotContext, Choice, CommandInput, ReplyView } from '../src/bot/types.js';

/** `/zone name:` — a zone's profile: documents, key figures, passages. */
export const data = slashCommand({
  name: 'zone',
  zh: { name: '地区', description: '地区概况：文档、主要数字和相关段落' },
  en: { description: 'Zone profile: documents, key figures, passages' },
}).addStringOption((o) =>
  stringOption(o, { name: 'name', zh: { name: '名称', description: '地区名称，如 梅河口' }, en: { description: 'Zone name, e.g. 梅河口' } }, { required: true, maxLength: 50, autocomplete: true }),
);

/**
 * The zone's profile, or candidates when the name is unknown or ambiguous.
 *
 * @example
 * execute({ options }, ctx); // /zone name:梅河口 → 梅河口市（城市）with its table of key figures
 */
export function execute(interaction: CommandInput, ctx: BotContext): ReplyView {
  return renderZone(ctx.search.zone(interaction.options.getString('name', true)));
}

/**
 * Zone names matching what has been typed (prefix, pinyin, traditional characters).
 *
 * @example
 * autocomplete({ options }, ctx); // name:梅河 → 梅河口市, 梅河口高新区, 梅河新区
 */
export function autocomplete(interaction: AutocompleteInput, ctx: BotContext): Choice[] {
  return renderChoices(ctx.search.completeZone(interaction.options.getFocused(true).value));
}

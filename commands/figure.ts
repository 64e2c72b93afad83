import { slashCommand, stringOption } from '../src/bot/command-data.js';
import { renderChoices } from '../src/bot/render/choices.js';
import { figureView } from '../src/bot/figure-view.js';
import type { AutocompleteInput, BotContext, Choice, CommandInput, ReplyView } from '../src/bot/types.js';

/** `/figure query: [zone:] [year:]` — figures for a metric, with the sentence they come from. */
export const data = slashCommand({
  name: 'figure',
  zh: { name: '数字', description: '查指标数字：数值、单位、地区、年份和出处' },
  en: { description: 'Look up figures: value, unit, zone, year and source' },
})
  .addStringOption((o) =>
    stringOption(o, { name: 'query', zh: { name: '指标', description: '指标，如 招商引资' }, en: { description: 'Metric, e.g. 招商引资' } }, { required: true, maxLength: 100, autocomplete: true }),
  )
  .addStringOption((o) =>
    stringOption(o, { name: 'zone', zh: { name: '地区', description: '只看这个地区' }, en: { description: 'Only this zone' } }, { maxLength: 50, autocomplete: true }),
  )
  .addStringOption((o) =>
    stringOption(o, { name: 'year', zh: { name: '年份', description: '年份或时期，如 2020' }, en: { description: 'Year or period, e.g. 2020' } }, { maxLength: 20 }),
  );

/**
 * Figures for the metric, filtered by zone and year when given, first page; with a chart when
 * two or more of them compare.
 *
 * @example
 * await execute({ options }, ctx); // /figure query:营业收入 zone:珠海 → 3475亿元 … and a line chart
 */
export async function execute(interaction: CommandInput, ctx: BotContext): Promise<ReplyView> {
  const query = interaction.options.getString('query', true);
  const zone = interaction.options.getString('zone');
  const year = interaction.options.getString('year');
  return figureView(ctx, { query, zone, year, page: 0 });
}

/**
 * Suggestions for whichever option is being typed: zones for `zone`, metric labels for `query`.
 *
 * @example
 * autocomplete({ options }, ctx); // zone:梅河 → [{ name: '梅河口市（城市 · 90处）', value: '梅河口市' }, …]
 */
export function autocomplete(interaction: AutocompleteInput, ctx: BotContext): Choice[] {
  const focused = interaction.options.getFocused(true);
  return renderChoices(focused.name === 'zone' ? ctx.search.completeZone(focused.value) : ctx.search.completeMetric(focused.value));
}

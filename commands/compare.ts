import { slashCommand, stringOption } from '../src/bot/command-data.js';
import { withChart } from '../src/bot/render/chart.js';
import { renderChoices } from '../src/bot/render/choices.js';
import { renderCompare } from '../src/bot/render/compare.js';
import type { AutocompleteInput, BotContext, Choice, CommandInput, ReplyView } from '../src/bot/types.js';
import { planCompareChart } from '../src/charts/index.js';
import { splitZones } from '../src/search/queries/compare.js';

/** `/compare metric: zones: [year:]` — one metric across several zones, as a table and a bar chart. */
export const data = slashCommand({
  name: 'compare',
  zh: { name: '对比', description: '对比多个地区的同一指标：表格和柱状图' },
  en: { description: 'Compare one metric across zones: a table and a bar chart' },
})
  .addStringOption((o) =>
    stringOption(o, { name: 'metric', zh: { name: '指标', description: '指标，如 固定资产投资' }, en: { description: 'Metric, e.g. 固定资产投资' } }, { required: true, maxLength: 100, autocomplete: true }),
  )
  .addStringOption((o) =>
    stringOption(o, { name: 'zones', zh: { name: '地区', description: '地区，用逗号或空格分隔' }, en: { description: 'Zones, separated by commas or spaces' } }, { required: true, maxLength: 300, autocomplete: true }),
  )
  .addStringOption((o) => stringOption(o, { name: 'year', zh: { name: '年份', description: '年份，如 2022' }, en: { description: 'Year, e.g. 2022' } }, { maxLength: 20 }));

/**
 * Each zone's own figure for the metric (or “not found”), and the bar chart of those found.
 *
 * @example
 * await execute({ options }, ctx); // /compare 固定资产投资 zones:梅河口,长春经开区 → 222.87亿元 · 103亿元 + chart
 */
export async function execute(interaction: CommandInput, ctx: BotContext): Promise<ReplyView> {
  const metric = interaction.options.getString('metric', true);
  const zones = splitZones(interaction.options.getString('zones', true));
  const answer = ctx.search.compare(metric, zones, { year: interaction.options.getString('year') });
  // The chart is the point of a comparison: always shown, no toggle.
  return withChart(renderCompare(answer), planCompareChart(answer), true, null);
}

/**
 * Metric labels for `metric`; for `zones`, completions of the zone being typed after the
 * ones already chosen (`梅河口,珠` → `梅河口,珠海高新区`).
 *
 * @example
 * autocomplete({ options }, ctx); // zones:梅河口,珠 → [{ name: '梅河口,珠海高新区', value: '梅河口,珠海高新区' }, …]
 */
export function autocomplete(interaction: AutocompleteInput, ctx: BotContext): Choice[] {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'zones') return renderChoices(ctx.search.completeMetric(focused.value));
  const cut = Math.max(...[',', '，', '、', ' '].map((s) => focused.value.lastIndexOf(s)));
  const chosen = focused.value.slice(0, cut + 1);
  return ctx.search
    .completeZone(focused.value.slice(cut + 1))
    .map((s) => `${chosen}${s.value}`)
    .filter((value) => value.length <= 100)
    .map((value) => ({ name: value, value }));
}

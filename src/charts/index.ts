/**
 * Charts of figures as PNG pictures, shared by the bot, the console and the CLI: build a
 * `ChartSpec` from figure results (`chartForFigures`, `chartForRows`), render it
 * (`renderChart`). The rendering stack loads on the first render, not on import.
 *
 * @example
 * const spec = chartForFigures(engine.figure('营业收入', { zone: '珠海' }).results, { metric: '营业收入' });
 * if (spec) await writeFile('chart.png', await renderChart(spec));
 */
export type { ChartSeries, ChartSpec } from './spec.js';
export { renderChart, loadChartStack, chartStackLoaded } from './render.js';
export { chartForFigures, chartForRows, comparable, metricFamily, type ChartOptions, type ChartRow } from './series.js';
export { planCompareChart, planFigureChart, planUsageChart, type ChartPlan } from './plan.js';

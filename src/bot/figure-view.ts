import { planFigureChart } from '../charts/index.js';
import { withChart } from './render/chart.js';
import { renderFigure, type FigureAt } from './render/figure.js';
import type { BotContext, ReplyView } from './types.js';

/**
 * One page of a figure answer with its chart (or the toggle to show it): the command and
 * its buttons (paging, 图表) render the same way.
 *
 * @example
 * await figureView(ctx, { query: '营业收入', zone: '珠海', year: null, page: 0 });
 */
export async function figureView(ctx: BotContext, at: FigureAt): Promise<ReplyView> {
  const answer = ctx.search.figure(at.query, { zone: at.zone, year: at.year });
  const wanted = at.chart === true ? 'asked' : at.chart !== false;
  return withChart(renderFigure(answer, at), planFigureChart(answer), wanted, (chart) => ({ kind: 'figure', query: at.query, zone: at.zone, year: at.year, page: at.page, chart }));
}

import { chartStackLoaded, loadChartStack, renderChart, type ChartPlan } from '../../charts/index.js';
import type { ButtonAction, ReplyView } from '../types.js';
import { COLORS } from './limits.js';

/** The file name every chart is sent under; embeds point at it as `attachment://chart.png`. */
export const CHART_FILE = 'chart.png';

/**
 * A view with its chart: the PNG attached, an embed showing it under the answer, and the
 * 图表 toggle when `toggle` is given (`toggle(false)` hides it, `toggle(true)` shows it again).
 * Without a chart to draw the view is returned as it is, with no toggle. A chart with a toggle
 * waits for the chart stack to be loaded (see below); one without (/compare, /stats) draws it.
 *
 * @example
 * await withChart(renderFigure(answer, at), planFigureChart(answer), true, (chart) => ({ ...action, chart }));
 * await withChart(view, plan, 'asked', toggle); // the 图表 button was pressed: draw it whatever it costs
 */
export async function withChart(view: ReplyView, plan: ChartPlan, wanted: boolean | 'asked', toggle: ((chart: boolean) => ButtonAction) | null): Promise<ReplyView> {
  if (!('spec' in plan)) return view;
  // Discord waits 3 s for an answer. The first chart of a process loads the chart stack
  // (hundreds of ms, seconds on a busy machine): that answer goes out without its chart but
  // with the 图表 button, while the stack loads for the press (`asked`) and later answers.
  const shown = wanted === 'asked' || (wanted && (chartStackLoaded() || toggle === null));
  if (wanted && !shown) void loadChartStack().catch(() => undefined);
  const rows = view.buttons.map((row) => [...row]);
  if (toggle) {
    const button = { label: shown ? '隐藏图表 / Hide chart' : '图表 / Chart', action: toggle(!shown), style: 'secondary' as const };
    // The toggle joins the first row with room (rows hold five buttons, a message five rows).
    const free = rows.find((row) => row.length < 5);
    if (free) free.push(button);
    else rows.push([button]);
  }
  if (!shown) return { ...view, buttons: rows };
  const png = await renderChart(plan.spec);
  return {
    ...view,
    embeds: [...view.embeds, { color: COLORS.figure, image: { url: `attachment://${CHART_FILE}` } }],
    files: [{ name: CHART_FILE, data: png }],
    buttons: rows,
  };
}

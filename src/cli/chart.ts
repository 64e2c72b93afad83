import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { chartForFigures, chartForRows, renderChart, type ChartSpec } from '../charts/index.js';
import { UserError } from '../errors.js';
import type { CompareAnswer, FigureAnswer } from '../search/types.js';

/**
 * `--chart out.png` for the CLI: the chart of an answer (or why there is none), written as a
 * PNG atomically. The charts module decides what compares; this only picks its input.
 */

/** A chart to draw, or the reason there is none (said on stderr; the JSON says `"chart": null`). */
export type ChartPlan = { spec: ChartSpec } | { why: string };

/**
 * What to draw for a figure answer: `chartForFigures` over its results, about the metric asked.
 *
 * @example
 * planFigureChart(engine.figure('营业收入', { zone: '珠海' })); // { spec: { kind: 'line', title: '珠海高新区 营业收入', … } }
 * planFigureChart(engine.figure('招商引资', { zone: '梅河口' })); // { why: '没有可以放在一张图上比较的数字…' }
 */
export function planFigureChart(answer: FigureAnswer): ChartPlan {
  if (answer.results.length === 0) return { why: '没有数字可画。/ No chart: no figures.' };
  const spec = chartForFigures(answer.results, { metric: answer.query });
  return spec ? { spec } : { why: '没有可以放在一张图上比较的数字（至少两个同一指标、同类、同单位的数字）。/ No chart: fewer than two of these figures compare (same metric, kind and unit).' };
}

/**
 * What to draw for a comparison: one bar per zone with `chartForRows`. A row's figure may be of
 * an entry inside the zone asked for (`珠海市` › 珠海高新区); the bar is named after the figure's
 * own zone, so the picture never credits a city with its zone's number.
 *
 * @example
 * planCompareChart(engine.compare('固定资产投资', ['梅河口', '长春经开区'])); // { spec: { kind: 'bar', categories: ['梅河口市（2022年）', …] } }
 */
export function planCompareChart(answer: CompareAnswer): ChartPlan {
  const rows = answer.rows.map((r) => ({ zone: r.figure?.zone ?? r.zone, figure: r.figure }));
  const spec = chartForRows(answer.metric, rows);
  return spec ? { spec } : { why: '少于两个地区有可以比较的数字（同类、同单位）。/ No chart: fewer than two zones have figures that compare (same kind and unit).' };
}

/**
 * Checks a `--chart` path before any work: a directory (or a path ending in a separator) is
 * refused, since writing would either fail late or put a file where the user meant a folder.
 * Returns the absolute path.
 *
 * @example
 * await checkChartPath('docs/img/gdp.png'); // '/work/main/docs/img/gdp.png'
 * await checkChartPath('docs/'); // throws UserError BAD_INPUT
 */
export async function checkChartPath(path: string): Promise<string> {
  const absolute = resolve(path);
  const isDir = /[\\/]$/.test(path) || (await stat(absolute).then((s) => s.isDirectory(), () => false));
  if (isDir) {
    throw new UserError('BAD_INPUT', `cli: --chart "${path}" is a directory`, `--chart “${path}” 是一个目录，请给出文件名，例如 ${join(path, 'chart.png')}。/ --chart names a directory; give a file name.`);
  }
  return absolute;
}

/**
 * Renders a chart and writes it to `path` atomically: the parent directory is created, the
 * bytes go to a temporary file beside the target and are renamed over it, so a reader (or a
 * crash) never sees half a PNG. Write failures are `BAD_INPUT` naming the path: it is the
 * user's to fix (permissions, a file where a folder should be).
 *
 * @example
 * await writeChart('out/gdp.png', spec); // 'out/gdp.png' holds the PNG
 */
export async function writeChart(path: string, spec: ChartSpec): Promise<void> {
  const target = await checkChartPath(path);
  const png = await renderChart(spec);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(temp, png);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UserError('BAD_INPUT', `cli: cannot write chart "${path}": ${code}`, `无法写入图表文件“${path}”（${code}）。/ Cannot write the chart file.`);
  }
}

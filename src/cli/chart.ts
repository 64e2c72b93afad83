import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { renderChart, type ChartSpec } from '../charts/index.js';
import { UserError } from '../errors.js';

/**
 * `--chart out.png` for the CLI: the chart of an answer (`planFigureChart`, `planCompareChart`
 * in src/charts), written as a PNG atomically.
 */

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

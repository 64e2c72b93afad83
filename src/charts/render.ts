import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as EChartsModule from 'echarts';
import type * as CanvasModule from '@napi-rs/canvas';
import { chartOption, FONT_FAMILY } from './option.js';
import { normalizeSpec, type ChartSpec } from './spec.js';

/**
 * Server-side rendering of a chart spec to PNG: Apache ECharts drawing onto a Skia canvas
 * (`@napi-rs/canvas`, prebuilt, no system libraries) with Noto Sans SC from `@fontsource`,
 * since the machines the bot runs on have no CJK fonts. The whole stack (~300 ms of module
 * loading and font registration) is loaded on the first render, never at import, so the
 * bot's cold start does not pay for charts nobody asked for.
 */

interface Stack {
  echarts: typeof EChartsModule;
  canvas: typeof CanvasModule;
  /** A scratch context for measuring text in the chart font. */
  measureContext: CanvasModule.SKRSContext2D;
}

// The single-file ESM build: one module to parse instead of hundreds (`import('echarts')`
// takes ~3× longer to load). Its exports are those of `echarts`, typed by the cast below.
const ECHARTS_BUNDLE: string = 'echarts/dist/echarts.esm.min.mjs';

let stack: Promise<Stack> | null = null;
let loaded = false;

/**
 * Whether the chart stack is loaded, so a chart now costs tens of milliseconds, not the first
 * load's hundreds (seconds on a busy machine).
 *
 * @example
 * chartStackLoaded(); // false until loadChartStack() or a first renderChart() finished
 */
export function chartStackLoaded(): boolean {
  return loaded;
}

/**
 * Loads ECharts, the canvas and the fonts once; later calls return the same promise. Called by
 * `renderChart`; call it yourself to warm up before the first chart is wanted.
 *
 * @example
 * await loadChartStack(); // ~300 ms the first time, then free
 */
export async function loadChartStack(): Promise<void> {
  await chartStack();
}

function chartStack(): Promise<Stack> {
  // A failed load is not cached, so a later render can try again.
  stack ??= load().then(
    (s) => ((loaded = true), s),
    (error: unknown) => {
      stack = null;
      throw error;
    },
  );
  return stack;
}

async function load(): Promise<Stack> {
  const [echarts, canvas] = await Promise.all([import(ECHARTS_BUNDLE) as Promise<typeof EChartsModule>, import('@napi-rs/canvas')]);
  const registered = await registerFonts(canvas);
  if (registered === 0) throw new Error(`charts: no ${FONT_FAMILY} font files found; Chinese text would render as empty boxes`);
  // ECharts measures text on a canvas of its own making; without this it looks for `document`.
  echarts.setPlatformAPI({ createCanvas: () => canvas.createCanvas(32, 32) as unknown as HTMLCanvasElement });
  const measureContext = canvas.createCanvas(8, 8).getContext('2d');
  return { echarts, canvas, measureContext };
}

/**
 * Registers every weight-400 subset of `@fontsource/noto-sans-sc` under one family name. The
 * package splits the font into ~100 files by unicode range; Skia picks, per character, the
 * first file of the family that has a glyph for it. Returns how many files were registered.
 */
async function registerFonts(canvas: typeof CanvasModule): Promise<number> {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json')), 'files');
  const files = (await readdir(dir)).filter((f) => /-400-normal\.woff2$/.test(f)).sort();
  let registered = 0;
  for (const [i, file] of files.entries()) {
    if (canvas.GlobalFonts.registerFromPath(join(dir, file), FONT_FAMILY)) registered++;
    // Registration is synchronous (~130 ms for all files, seconds on a busy machine): hand the
    // event loop back every few files so other answers and the gateway heartbeat go on meanwhile.
    if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
  }
  return registered;
}

/**
 * Renders a chart as PNG bytes: a white background, the title with its unit, values labelled on
 * the bars or points, the caption as a line at the bottom. Nulls are gaps, never zero bars.
 *
 * @example
 * const png = await renderChart({ kind: 'bar', title: '营业收入', unit: '亿元', categories: ['珠海高新区', '成都高新区'], series: [{ name: '营业收入', values: [3475, 2000] }] });
 * png.subarray(1, 4).toString(); // 'PNG'
 */
export async function renderChart(spec: ChartSpec): Promise<Buffer> {
  const { echarts, canvas, measureContext } = await chartStack();
  const normal = normalizeSpec(spec);
  const measure = (text: string, fontSize: number) => {
    measureContext.font = `${fontSize}px "${FONT_FAMILY}"`;
    return measureContext.measureText(text).width;
  };
  const surface = canvas.createCanvas(normal.width, normal.height);
  // One pixel per CSS pixel, so the PNG is exactly width × height.
  const chart = echarts.init(surface as unknown as HTMLCanvasElement, null, { width: normal.width, height: normal.height, devicePixelRatio: 1, renderer: 'canvas' });
  try {
    // Without `lazyUpdate`, setOption draws synchronously: the canvas is complete when it returns.
    chart.setOption(chartOption(normal, measure));
    return await surface.encode('png');
  } finally {
    chart.dispose();
  }
}

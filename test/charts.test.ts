import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartForFigures, chartForRows, comparable, loadChartStack, metricFamily, renderChart, type ChartSpec } from '../src/charts/index.js';
import { formatValue, wrapLabel } from '../src/charts/format.js';
import { valueScale } from '../src/charts/option.js';
import type { Engine } from '../src/search/engine.js';
import type { FigureResult } from '../src/search/types.js';
import { openSeedEngine } from './helpers.js';
import { pngSize } from './png.js';

// Real PNG bytes from the real stack: ECharts on @napi-rs/canvas with the fontsource files.

let engine: Engine;
let zhuhai: FigureResult[];
beforeAll(async () => {
  engine = await openSeedEngine();
  zhuhai = engine.figure('营业收入', { zone: '珠海' }).results;
});

/** RGBA pixels of a PNG, decoded by the same canvas library (loaded by the first render). */
async function pixels(png: Buffer): Promise<{ data: Uint8ClampedArray; width: number }> {
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { data: ctx.getImageData(0, 0, image.width, image.height).data, width: image.width };
}

function region(p: { data: Uint8ClampedArray; width: number }, x0: number, y0: number, x1: number, y1: number): number[] {
  const out: number[] = [];
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) out.push(p.data[(y * p.width + x) * 4]!);
  return out;
}

/** A copy of a real figure with some fields changed: the shape stays what the engine returns. */
function like(figure: FigureResult, changes: Partial<FigureResult>): FigureResult {
  return { ...figure, ...changes, citation: { ...figure.citation, ...changes.citation } };
}

const bar = (categories: string[], values: (number | null)[], extra: Partial<ChartSpec> = {}): ChartSpec => ({
  kind: 'bar',
  title: '各开发区营业收入',
  unit: '亿元',
  categories,
  series: [{ name: '营业收入', values }],
  caption: '来源：002_5b35c727b04e1621.txt · ¶29',
  ...extra,
});

describe('renderChart', () => {
  it('renders a PNG of the default size, 800×450, under 1 MB', async () => {
    const png = await renderChart(bar(['珠海高新区', '成都高新区'], [3475, 1902]));
    expect(pngSize(png)).toEqual({ width: 800, height: 450 });
    expect(png.length).toBeLessThan(1024 * 1024);
  });

  it('honours a requested size', async () => {
    expect(pngSize(await renderChart(bar(['甲', '乙'], [1, 2], { width: 640, height: 360 })))).toEqual({ width: 640, height: 360 });
  });

  it('registers Noto Sans SC: a CJK label is about one em per character, unlike the missing-glyph fallback', async () => {
    await loadChartStack();
    const { createCanvas, GlobalFonts } = await import('@napi-rs/canvas');
    expect(GlobalFonts.has('Noto Sans SC')).toBe(true);
    const ctx = createCanvas(10, 10).getContext('2d');
    ctx.font = '16px "Noto Sans SC"';
    const width = ctx.measureText('高新区营业收入').width;
    expect(width).toBeGreaterThan(7 * 16 * 0.95);
    expect(width).toBeLessThan(7 * 16 * 1.05);
    ctx.font = '16px "No Such Font"';
    const fallback = ctx.measureText('高新区营业收入').width;
    expect(Math.abs(fallback - width)).toBeGreaterThan(16);
  });

  it('draws the CJK title: ink in the title area, and different glyphs for different words', async () => {
    const a = await pixels(await renderChart(bar(['甲', '乙'], [1, 2], { title: '营业收入比较' })));
    const b = await pixels(await renderChart(bar(['甲', '乙'], [1, 2], { title: '地区生产总值' })));
    const titleA = region(a, 16, 10, 220, 40);
    const titleB = region(b, 16, 10, 220, 40);
    expect(titleA.filter((v) => v < 128).length).toBeGreaterThan(100);
    // Missing glyphs would be identical boxes for any six characters.
    expect(titleA.filter((v, i) => Math.abs(v - titleB[i]!) > 64).length).toBeGreaterThan(100);
    // White background.
    expect(region(a, 0, 0, 10, 10).every((v) => v === 255)).toBe(true);
  });

  it('renders negative values, a very large value beside small ones, and a null as a gap', async () => {
    const png = await renderChart(bar(['珠海高新区', '成都高新区', '长春经开区', '梅河口高新区'], [-70, 3, 98765.4, null]));
    expect(pngSize(png)).toEqual({ width: 800, height: 450 });
  });

  it('renders 12 categories with long Chinese labels, and a line with a gap', async () => {
    const long = Array.from({ length: 12 }, (_, i) => `第${i + 1}个长春新区北湖科技开发区管理委员会`);
    const png = await renderChart(bar(long, long.map((_, i) => (i === 5 ? null : (i - 3) * 12.5))));
    expect(pngSize(png)).toEqual({ width: 800, height: 450 });
    expect(png.length).toBeLessThan(1024 * 1024);
    const line = await renderChart({ kind: 'line', title: '营业收入', unit: '亿元', categories: ['2019年', '2020年', '2021年'], series: [{ name: 'a', values: [1, null, 3] }] });
    expect(pngSize(line).width).toBe(800);
  });

  it('keeps the chart stack out of the import graph: ECharts, the canvas and the fonts load at first render', () => {
    const dir = join(import.meta.dirname, '..', 'src', 'charts');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/^import (?!type )[^;]*from '(?:echarts|@napi-rs\/canvas|@fontsource)[^']*'/m);
    }
  });
});

describe('chartForFigures', () => {
  it('a real /figure 营业收入 zone:珠海 is a line from the start to the end of the period', () => {
    const spec = chartForFigures(zhuhai, { metric: '营业收入' });
    expect(spec).toMatchObject({ kind: 'line', unit: '亿元', title: '珠海高新区 营业收入', series: [{ values: [1902, 3475] }] });
    expect(spec!.categories).toEqual(['“十三五”初', '“十三五”末']);
    expect(spec!.caption).toMatch(/^来源：002_5b35c727b04e1621\.txt · ¶\d+$/);
  });

  it('renders the real chart', async () => {
    const png = await renderChart(chartForFigures(zhuhai, { metric: '营业收入' })!);
    expect(pngSize(png)).toEqual({ width: 800, height: 450 });
  });

  it('one zone over years is a line with the years sorted; one year over zones is a bar chart', () => {
    const base = zhuhai.find((f) => f.role === 'to')!;
    const years = ['2022', '2020', '2021'].map((year, i) => like(base, { role: 'level', year, value: 100 + i, amount: (100 + i) * 1e8 }));
    const line = chartForFigures(years)!;
    expect(line.kind).toBe('line');
    expect(line.categories).toEqual(['2020年', '2021年', '2022年']);
    expect(line.series[0]!.values).toEqual([101, 102, 100]);

    const zones = ['甲高新区', '乙高新区', '丙高新区'].map((zone, i) => like(base, { role: 'level', year: '2021', zone, value: 10 * (i + 1), amount: 10 * (i + 1) * 1e8 }));
    const bars = chartForFigures(zones)!;
    expect(bars).toMatchObject({ kind: 'bar', title: '2021年 营业收入', unit: '亿元' });
    expect(bars.categories).toEqual(['丙高新区', '乙高新区', '甲高新区']);
  });

  it('real figures of one year across zones make a bar chart', () => {
    const spec = chartForFigures(engine.figure('固定资产投资').results, { metric: '固定资产投资' });
    expect(spec?.kind).toBe('bar');
    expect(spec!.categories.length).toBeGreaterThanOrEqual(2);
    expect(spec!.unit).toBe('亿元');
  });

  it('scales 亿元 and 万元 to one unit', () => {
    const base = like(zhuhai[0]!, { role: 'level', year: '2021' });
    const spec = chartForFigures([like(base, { zone: '甲区', value: 25, unit: '亿元', amount: 25e8 }), like(base, { zone: '乙区', value: 5000, unit: '万元', amount: 5e7 })])!;
    expect(spec.unit).toBe('亿元');
    expect(spec.series[0]!.values).toEqual([25, 0.5]);
  });

  it('never compares 亿元 with %, or a level with a growth rate', () => {
    const level = like(zhuhai[0]!, { role: 'level', year: '2021' });
    const percent = like(level, { zone: '乙区', value: 45, unit: '%', amount: 45, baseUnit: '%' });
    expect(chartForFigures([level, percent])).toBeNull();
    const growth = like(level, { year: '2022', value: 12, unit: '%', amount: 12, baseUnit: '%', role: 'change', qualifiers: ['同比增长'] });
    const growthInMoney = like(level, { year: '2022', role: 'change' });
    expect(comparable(level, growth)).toBe(false);
    expect(chartForFigures([level, growth])).toBeNull();
    expect(chartForFigures([level, growthInMoney])).toBeNull();
    // A real level and growth rate of one metric, as /figure returns them.
    const gdp = engine.figure('地区生产总值').results;
    const change = gdp.find((f) => f.role === 'change')!;
    expect(chartForFigures([gdp.find((f) => f.role === 'level' && f.baseUnit === '元')!, change])).toBeNull();
  });

  it('does not mix metrics, and a chart of another metric than the one asked is none', () => {
    const level = like(zhuhai[0]!, { role: 'level', year: '2021' });
    expect(chartForFigures([level, like(level, { zone: '乙区', label: '地区生产总值' })])).toBeNull();
    expect(metricFamily('营收')).toBe(metricFamily('营业收入'));
    expect(metricFamily('进出口总额')).toBe(metricFamily('进出口额'));
    expect(metricFamily('高新技术企业营收')).not.toBe(metricFamily('营业收入'));
    const twoOthers = [like(level, { label: '地区生产总值', zone: '甲区' }), like(level, { label: '地区生产总值', zone: '乙区' })];
    expect(chartForFigures(twoOthers, { metric: '营业收入' })).toBeNull();
    expect(chartForFigures(twoOthers, { metric: 'GDP' })?.kind).toBe('bar');
  });

  it('shows a zone and year once, its best-ranked figure', () => {
    const level = like(zhuhai[0]!, { role: 'level', year: '2021' });
    const spec = chartForFigures([level, like(level, { value: 1, amount: 1e8 }), like(level, { year: '2022', value: 2, amount: 2e8 })])!;
    expect(spec.categories).toEqual(['2021年', '2022年']);
    expect(spec.series[0]!.values).toEqual([3475, 2]);
  });

  it('needs two comparable figures', () => {
    expect(chartForFigures([])).toBeNull();
    expect(chartForFigures(zhuhai.slice(0, 1))).toBeNull();
  });
});

describe('chartForRows', () => {
  it('bars by zone; zones without a figure are named in the caption, incomparable ones too', () => {
    const level = like(zhuhai[0]!, { role: 'level', year: '2021' });
    const spec = chartForRows('营业收入', [
      { zone: '甲区', figure: like(level, { zone: '甲区' }) },
      { zone: '乙区', figure: null },
      { zone: '丙区', figure: like(level, { zone: '丙区', value: 30, unit: '万元', amount: 3e5 }) },
      { zone: '丁区', figure: like(level, { zone: '丁区', unit: '%', baseUnit: '%', amount: 4 }) },
    ])!;
    expect(spec).toMatchObject({ kind: 'bar', title: '2021年 营业收入', categories: ['甲区', '丙区'] });
    expect(spec.caption).toContain('无数据：乙区');
    expect(spec.caption).toContain('无可比数据：丁区');
    expect(chartForRows('营业收入', [{ zone: '甲区', figure: level }, { zone: '乙区', figure: null }])).toBeNull();
  });

  it('names each bar’s year when they differ', () => {
    const level = like(zhuhai[0]!, { role: 'level' });
    const spec = chartForRows('营业收入', [
      { zone: '甲区', figure: like(level, { year: '2021' }) },
      { zone: '乙区', figure: like(level, { year: '2022' }) },
    ])!;
    expect(spec.categories).toEqual(['甲区（2021年）', '乙区（2022年）']);
  });
});

describe('chart text', () => {
  const measure = (t: string, size: number) => [...t].length * size;
  it('formats values short', () => {
    expect(formatValue(3475)).toBe('3,475');
    expect(formatValue(-12.345)).toBe('-12.35');
    expect(formatValue(347500000000)).toBe('3,475亿');
  });
  it('wraps labels onto balanced lines and cuts what does not fit', () => {
    expect(wrapLabel('梅河口高新区', 60, 3, 12, measure)).toEqual(['梅河口', '高新区']);
    expect(wrapLabel('长春新区北湖科技开发区', 48, 2, 12, measure)).toEqual(['长春新区', '北湖科…']);
  });
  it('ends the value axis on round steps with room for labels', () => {
    expect(valueScale(-70, 3475, 300)).toEqual({ min: -1000, max: 4000, interval: 1000 });
    expect(valueScale(0, 290, 20)).toEqual({ min: 0, max: 350, interval: 50 });
    // Counts: whole steps only, however few.
    expect(valueScale(0, 1, 0.1, true)).toEqual({ min: 0, max: 2, interval: 1 });
    expect(valueScale(0, 12, 1, true).interval % 1).toBe(0);
  });
});

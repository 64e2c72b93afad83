import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cli/args.js';
import { runCli, tempDir } from './helpers.js';
import { SEEDS_DIR } from './seeds.js';
import { pngSize } from './png.js';

// `compare` and `--chart` through the real CLI, as users run it: real index, real PNG files.

let indexDir: string;
let out: string;

const cli = (args: string[], input?: string) => runCli(args, { seeds: SEEDS_DIR, index: indexDir }, input);
const json = (args: string[]) => JSON.parse(cli([...args, '--json']).stdout) as Record<string, unknown>;

/** Width and height of the PNG file at `path`. */
const pngFileSize = (path: string) => pngSize(readFileSync(path));

beforeAll(async () => {
  indexDir = await tempDir('cli-compare');
  out = await tempDir('cli-charts');
  cli(['stats']); // builds and persists the index once; later runs load it
});

describe('argument parsing', () => {
  it.each([
    [['compare', '地区生产总值', '--zones', '梅河口,珠海'], { command: 'compare', text: '地区生产总值', zones: '梅河口,珠海' }],
    [['compare', '固定资产投资', '--zones=梅河口、长春经开区', '--year', '2022', '--chart', 'a.png'], { command: 'compare', zones: '梅河口、长春经开区', year: '2022', chart: 'a.png' }],
    [['figure', '营业收入', '--zone', '珠海', '--chart', 'out/x.png'], { command: 'figure', zone: '珠海', chart: 'out/x.png' }],
  ])('%j', (argv, expected) => expect(parseArgs(argv)).toMatchObject(expected));

  it.each([[['compare', '地区生产总值']], [['compare', '地区生产总值', '--zones', ' ']], [['zone', '梅河口', '--chart', 'a.png']], [['figure', 'x', '--zones', '梅河口']], [['figure', 'x', '--chart', '']], [['compare', 'x', '--zones']]])(
    'rejects %j',
    (argv) => expect(() => parseArgs(argv)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' })),
  );
});

describe('compare JSON contract', () => {
  it('exactly command, metric, year, rows, notes, chart; rows exactly zone, query, figure', () => {
    const answer = json(['compare', '地区生产总值', '--zones', '梅河口,珠海,潍坊']);
    expect(Object.keys(answer)).toEqual(['command', 'metric', 'year', 'rows', 'notes', 'chart']);
    expect(answer).toMatchObject({ command: 'compare', metric: '地区生产总值', year: null, chart: null });
    const rows = answer.rows as Record<string, unknown>[];
    for (const row of rows) expect(Object.keys(row)).toEqual(['zone', 'query', 'figure']);
    expect(rows.map((r) => [r.zone, r.query])).toEqual([
      ['梅河口市', '梅河口'],
      ['珠海市', '珠海'],
      ['潍坊市', '潍坊'],
    ]);
    // The figure is a figure result, as `figure --json` prints them.
    expect(rows[0]!.figure).toMatchObject({ value: 290.09, unit: '亿元', amount: 29009000000, baseUnit: '元', label: '地区生产总值', zone: '梅河口市', year: '2022', citation: { doc: '004_578be0ae33821603.txt' } });
    expect(rows[2]!.figure).toBeNull();
  });

  it('exit code 3 when no zone has the figure, 0 when one has', () => {
    expect(cli(['compare', '地区生产总值', '--zones', '潍坊,上海']).code).toBe(3);
    expect(cli(['compare', '地区生产总值', '--zones', '潍坊,梅河口']).code).toBe(0);
    expect(cli(['compare', '地区生产总值']).code).toBe(2);
  });

  it('human output: a table with the value, label, year and citation, and 未找到 rows', () => {
    const { stdout, code } = cli(['compare', '地区生产总值', '--zones', '梅河口、珠海、潍坊', '--year', '2022']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('对比 / Compare: 地区生产总值 · 2022');
    expect(lines[1]).toMatch(/^地区 \/ Zone\s+数值 \/ Value\s+指标 \/ Label\s+年份 \/ Year\s+出处 \/ Source$/);
    expect(lines[2]).toMatch(/^梅河口市\s+290\.09亿元\s+地区生产总值\s+2022\s+〔004_578be0ae33821603\.txt · ¶6 · L 8〕$/);
    expect(lines[3]).toMatch(/^珠海市\s+未找到 \/ not found\s+—/);
    expect(lines[4]).toMatch(/^潍坊市\s+未找到 \/ not found\s+—/);
    expect(stdout).toContain('※ 资料中没有珠海市2022年的“地区生产总值”');
    // Columns line up: every value starts at the same terminal column.
    const column = (line: string) => [...line.slice(0, line.search(/290\.09|未找到/))].reduce((w, ch) => w + (/[\u4e00-\u9fff]/.test(ch) ? 2 : 1), 0);
    expect(new Set(lines.slice(2, 5).map(column)).size).toBe(1);
  });

  it('batch lines may compare, with a chart', () => {
    const chart = join(out, 'batch', 'gdp.png');
    const { stdout, code } = cli(['batch'], [`compare 地区生产总值 --zones 梅河口,珠海 --chart ${chart}`, 'compare 地区生产总值', 'figure 招商引资 --zone 梅河口'].join('\n') + '\n');
    expect(code).toBe(0);
    const answers = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(answers.map((a) => (a.command as string | undefined) ?? (a.error as { code: string }).code)).toEqual(['compare', 'BAD_INPUT', 'figure']);
    expect(answers[0]!.chart).toBe(chart);
    expect(pngFileSize(chart)).toEqual({ width: 800, height: 450 });
  });
});

describe('--chart', () => {
  it('compare writes a real PNG into a new directory, atomically, and the JSON names it', () => {
    const dir = join(out, 'new', 'nested');
    const path = join(dir, 'fai.png');
    const answer = json(['compare', '固定资产投资', '--zones', '梅河口,长春经开区,梅河口高新区,潍坊', '--chart', path]);
    expect(answer.chart).toBe(path);
    expect(pngFileSize(path)).toEqual({ width: 800, height: 450 });
    expect(readdirSync(dir)).toEqual(['fai.png']); // no temp file left beside it
  });

  it('figure writes the PNG of its chart and adds "chart" to its JSON; human output names the file', () => {
    const path = join(out, 'revenue.png');
    const answer = json(['figure', '营业收入', '--zone', '珠海', '--chart', path]);
    expect(answer).toMatchObject({ command: 'figure', zone: '珠海市', chart: path });
    expect(pngFileSize(path).width).toBe(800);
    const human = join(out, 'revenue-human.png');
    const { stdout } = cli(['figure', '营业收入', '--zone', '珠海', '--chart', human]);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(`图表 / Chart: ${human}`);
    expect(existsSync(human)).toBe(true);
    // Without --chart the figure contract is unchanged.
    expect(Object.keys(json(['figure', '营业收入', '--zone', '珠海']))).not.toContain('chart');
  });

  it.each([
    // figures of one zone, none comparable: a sum, a growth rate, dollars, a rank
    ['figure', ['figure', '招商引资', '--zone', '梅河口']],
    // a level beside a growth rate
    ['compare', ['compare', '地区生产总值', '--zones', '梅河口,长春经开区']],
  ])('%s: no chart for figures that do not compare, and stderr says why', (_, args) => {
    const path = join(out, `none-${args[0]}.png`);
    const result = cli([...args, '--chart', path, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ command: args[0], chart: null });
    expect(existsSync(path)).toBe(false);
    expect(result.stderr).toContain('Chart not written');
  });

  it('refuses a directory as the chart path with BAD_INPUT, before writing anything', async () => {
    const dir = join(out, 'a-directory');
    await mkdir(dir);
    for (const path of [dir, `${join(out, 'not-yet')}/`]) {
      const result = cli(['compare', '地区生产总值', '--zones', '梅河口,珠海', '--chart', path, '--json']);
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout)).toEqual({ error: { code: 'BAD_INPUT', message: expect.stringContaining('is a directory') } });
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(out, 'not-yet'))).toBe(false);
  });
});

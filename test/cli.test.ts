import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, splitLine } from '../src/cli/args.js';
import { formatCitation } from '../src/search/citation.js';
import type { Citation } from '../src/search/types.js';
import { rm, writeFile } from 'node:fs/promises';
import { copySeeds, runCli, tempDir } from './helpers.js';
import { SEEDS_DIR } from './seeds.js';

let indexDir: string;

/** The real CLI over the seeds and this file's index (or other folders). */
const cli = (args: string[], input?: string, dirs = { seeds: SEEDS_DIR, index: indexDir }) => runCli(args, dirs, input);
const json = (args: string[]) => JSON.parse(cli([...args, '--json']).stdout) as Record<string, unknown>;

beforeAll(async () => {
  indexDir = await tempDir('cli');
  cli(['stats']); // builds and persists the index once; later runs load it
});

describe('argument parsing', () => {
  it.each([
    [['figure', '招商', '引资', '--zone', '梅河口', '--year', '2020', '--limit', '3'], { command: 'figure', text: '招商 引资', zone: '梅河口', year: '2020', limit: 3 }],
    [['ask', '梅河口离长春有多远？', '--json'], { command: 'ask', text: '梅河口离长春有多远？', json: true }],
    [['zone', '--limit=5', '榆树'], { command: 'zone', text: '榆树', limit: 5 }],
  ])('%j', (argv, expected) => expect(parseArgs(argv)).toMatchObject(expected));

  it.each([[['nope']], [['figure', '--limit', '0']], [['figure', '--limit', 'ten']], [['ask', '--bogus']], [['figure', '--zone']]])('rejects %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('splits batch lines with double quotes and escapes', () => {
    expect(splitLine('figure "固定 资产" --zone 梅河口')).toEqual(['figure', '固定 资产', '--zone', '梅河口']);
    expect(splitLine('ask "he said \\"hi\\"" ""')).toEqual(['ask', 'he said "hi"', '']);
    expect(() => splitLine('ask "open')).toThrow();
  });
});

describe('JSON contract', () => {
  it('figure', () => {
    const out = json(['figure', '招商引资', '--zone', '梅河口']);
    expect(out).toMatchObject({ command: 'figure', query: '招商引资', zone: expect.stringMatching(/梅河口/) });
    const [first] = out.results as Record<string, unknown>[];
    expect(first).toMatchObject({
      value: 141.5,
      unit: '亿元',
      amount: 14150000000,
      baseUnit: '元',
      zone: '梅河口高新区',
      year: '2020',
      citation: { doc: '000_2948f0920b1045a6.txt', passage: expect.stringMatching(/^000_2948f0920b1045a6\.txt#\d+$/), lines: [expect.any(Number), expect.any(Number)] },
    });
    expect(first!.label).toMatch(/招商引资/);
    expect(first!.sentence).toContain('141.5亿元');
  });

  it('zone', () => {
    const out = json(['zone', '榆树']);
    expect(out).toMatchObject({ command: 'zone', query: '榆树', zone: { name: '榆树市', kind: '县市', aliases: expect.any(Array), docs: [{ doc: '001_b780428dfda24cbf.txt', passages: expect.any(Number) }] }, candidates: expect.any(Array) });
  });

  it('ask', () => {
    const out = json(['ask', '哈尔滨片区百日会战为期多久', '--limit', '2']);
    const results = out.results as { text: string; highlights: [number, number][]; score: number; citation: unknown }[];
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ text: expect.any(String), highlights: expect.any(Array), score: expect.any(Number), citation: { doc: '002_5b35c727b04e1621.txt' } });
  });

  it('ask: a direct answer, or null with a note saying the documents do not answer', () => {
    expect(json(['ask', '梅河口离长春有多远？'])).toMatchObject({
      answer: { kind: 'figure', text: '163公里', value: 163, unit: '公里', sentence: expect.stringContaining('距长春163公里'), confidence: expect.any(Number), citation: { doc: '004_578be0ae33821603.txt' } },
    });
    const none = json(['ask', '上海张江高科技园区的营业收入是多少？']);
    expect(none.answer).toBeNull();
    expect((none.notes as string[]).join()).toContain('资料中没有找到这个问题的答案');
  });

  it('source and stats', () => {
    expect(json(['source', '000_2948f0920b1045a6.txt#1'])).toMatchObject({ command: 'source', passage: { id: '000_2948f0920b1045a6.txt#1' } });
    expect(json(['stats'])).toMatchObject({ command: 'stats', passages: expect.any(Number), loadedFrom: 'disk' });
  });

  it('errors are JSON with a code, and the exit code says which', () => {
    const result = cli(['source', 'nope#1', '--json']);
    expect(JSON.parse(result.stdout)).toEqual({ error: { code: 'SOURCE_NOT_FOUND', message: expect.stringContaining('nope#1') } });
    expect(result.code).toBe(3);
    expect(cli(['bogus']).code).toBe(2);
  });
});

describe('human output', () => {
  it('prints citations in the house format', () => {
    const { stdout, code } = cli(['figure', '招商引资', '--zone', '梅河口']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/141\.5亿元/);
    expect(stdout).toMatch(/〔梅河口高新区企业服务中心[^〕]* · 2020年 · ¶\d+〕/);
    // A passage of an article without a title is cited by file and lines.
    expect(cli(['ask', '长春兴隆综保区业务额']).stdout).toMatch(/〔003_daa12fa018e2ccfb\.txt · ¶\d+ · L \d+(–\d+)?〕/);
  });
});

describe('batch', () => {
  it('answers every line in order, errors included, and goes on', () => {
    const lines = ['figure 招商引资 --zone 梅河口', 'source nope', '', 'zone "兴隆综保区"', 'bogus command', 'ask "梅河口离长春有多远？" --limit 1', 'stats'];
    const { stdout, code } = cli(['batch'], lines.join('\n') + '\n');
    expect(code).toBe(0);
    const out = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(lines.length);
    expect(out.map((o) => (o.command as string | undefined) ?? (o.error as { code: string }).code)).toEqual(['figure', 'SOURCE_NOT_FOUND', 'BAD_INPUT', 'zone', 'BAD_INPUT', 'ask', 'stats']);
  });
});

describe('exit codes and reports across processes', () => {
  it('exits 3 when a figure, zone or ask finds nothing, 0 when it finds something', async () => {
    expect(cli(['zone', '火星基地']).code).toBe(3);
    expect(cli(['figure', '招商引资', '--zone', '火星基地']).code).toBe(3);
    expect(cli(['ask', '?!']).code).toBe(3);
    expect(cli(['zone', '梅河口']).code).toBe(0);
  });

  it('reports files added while no process ran, at the next reindex from another process', async () => {
    const seeds = await copySeeds();
    const dirs = { seeds, index: await tempDir('cli-index') };
    expect(cli(['stats'], undefined, dirs).code).toBe(0);
    await writeFile(join(seeds, '005_new.txt'), '本报讯 长兴县2023年实现地区生产总值800亿元，增长6.5%。\n');
    await rm(join(seeds, '000_2948f0920b1045a6.txt'));
    const report = JSON.parse(cli(['reindex', '--json'], undefined, dirs).stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ added: ['005_new.txt'], removed: ['000_2948f0920b1045a6.txt'], changed: [] });
    // Reported against the index on disk: the next process finds nothing new.
    expect(JSON.parse(cli(['reindex', '--json'], undefined, dirs).stdout)).toMatchObject({ added: [], removed: [], changed: [] });
  });
});

describe('source takes a citation as the answers print it', () => {
  it.each([['004_578be0ae33821603.txt#5'], ['004#5'], ['004_578be0ae33821603.txt · ¶5'], ['〔004_578be0ae33821603.txt · ¶5 · L 8〕']])('%s', (ref) => {
    const out = json(['source', ref]) as { passage: { id: string } };
    expect(out.passage.id).toBe('004_578be0ae33821603.txt#5');
  });
});

describe('source takes an article citation as printed', () => {
  it('finds the passage from 〔title · date · ¶n〕', () => {
    const first = (json(['figure', '签约项目总投资', '--zone', '成都']) as { results: { citation: Citation }[] }).results[0]!;
    const printed = formatCitation(first.citation);
    expect(printed).toMatch(/^〔加强创新链和产业链对接/);
    expect((json(['source', printed]) as { passage: { id: string } }).passage.id).toBe(first.citation.passage);
  });
});

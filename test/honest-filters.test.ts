import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/search/engine.js';
import { aboutMetric } from '../src/search/queries/figure.js';
import { openSeedEngine } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await openSeedEngine();
});

describe('filters that find nothing say so', () => {
  it('a year with no such figure: says so and shows the nearest real ones, never unrelated figures', () => {
    const answer = engine.figure('地区生产总值', { year: '2020' });
    expect(answer.notes.join()).toMatch(/没有2020年的“地区生产总值”；最近的数字：.*290\.09亿元/);
    expect(answer.results.length).toBeGreaterThan(0);
    for (const r of answer.results) expect(r.label + r.sentence).toContain('地区生产总值');
  });

  it('a zone with no such figure: says so and shows where the documents have it', () => {
    const answer = engine.figure('营业收入', { zone: '榆树' });
    expect(answer.notes.join()).toMatch(/没有“榆树市”的“营业收入”/);
    expect(answer.results[0]).toMatchObject({ zone: '珠海高新区', label: '营业收入' });
  });

  it('a filter that matches: no note, its own figures', () => {
    const answer = engine.figure('地区生产总值', { year: '2022' });
    expect(answer.notes).toEqual([]);
    expect(answer.results[0]).toMatchObject({ value: 290.09, year: '2022' });
  });

  it('a metric nothing is about: the text matches come with a warning', () => {
    const answer = engine.figure('火星探测器发射次数');
    expect(answer.results.length === 0 || answer.notes.some((n) => n.includes('文字相近'))).toBe(true);
  });
});

describe('aboutMetric', () => {
  it.each([
    ['地区生产总值', '地区生产总值', '2022年地区生产总值290.09亿元', true],
    ['地区生产总值', '县域行政单位', '涵盖了除港澳台地区以外的全国2758个县域行政单位', false],
    ['招商引资同比增长', '招商引资到位资金', '预计招商引资到位资金141.5亿元，同比增长16.5%', true],
    ['粮食产量', '粮食总产量', '全年粮食总产量16.28万吨', true],
    ['服务业营收增长', '营业收入', '服务业核算行业营业收入增长42%', true],
    ['石漠化综合治理面积', '石漠化综合治理', '完成石漠化综合治理600平方公里以上', true],
  ])('%s · %s', (metric, label, sentence, expected) => {
    expect(aboutMetric({ label, sentence }, metric)).toBe(expected);
  });
});

describe('zone profiles: own figures first, what lies inside apart', () => {
  it('a city shows its own figures, and its zones’ figures labelled as theirs', () => {
    const z = engine.zone('梅河口').zone!;
    expect(z.name).toBe('梅河口市');
    expect(z.figures.every((f) => f.zone === '梅河口市')).toBe(true);
    expect(z.insideFigures.length).toBeGreaterThan(0);
    expect(z.insideFigures.every((f) => f.zone === '梅河口高新区')).toBe(true);
  });

  it('a zone with no figures of its own shows none of its siblings’', () => {
    const z = engine.zone('长春新区').zone!;
    expect([...z.figures, ...z.insideFigures].filter((f) => f.zone !== '长春新区')).toEqual([]);
  });

  it('leads with headline facts, not a company’s numbers or bare durations', () => {
    const top = engine.zone('梅河口市').zone!.figures.slice(0, 5);
    expect(top.map((f) => f.label)).toEqual(expect.arrayContaining(['地区生产总值']));
    expect(top.some((f) => f.label === '时长' || /公司|集团/.test(f.sentence.slice(Math.max(0, f.span[0] - 12), f.span[0])))).toBe(false);
  });
});

describe('a bare zone kind', () => {
  it('zone:经开区 means the only 经开区 the documents talk about', () => {
    const answer = engine.figure('固定资产投资', { zone: '经开区' });
    expect(answer.zone).toBe('长春经开区');
    expect(answer.results[0]).toMatchObject({ value: 103, unit: '亿元' });
  });
});

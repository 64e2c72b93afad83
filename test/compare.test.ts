import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/search/engine.js';
import { MAX_COMPARE_ZONES, splitZones } from '../src/search/queries/compare.js';
import type { CompareAnswer } from '../src/search/types.js';
import { openSeedEngine } from './helpers.js';

// One metric across zones, on the real seeds: each row is that zone's own figure or nothing.

let engine: Engine;
beforeAll(async () => {
  engine = await openSeedEngine();
});

/** `zone: value unit` per row (`—` for none), the shape a reader of the table sees. */
const shown = (answer: CompareAnswer) => answer.rows.map((r) => `${r.zone}: ${r.figure ? `${r.figure.value}${r.figure.unit}` : '—'}`);

describe('splitZones', () => {
  it.each([
    ['梅河口,珠海,潍坊', ['梅河口', '珠海', '潍坊']],
    ['梅河口、珠海，潍坊', ['梅河口', '珠海', '潍坊']],
    ['梅河口 珠海\u3000潍坊', ['梅河口', '珠海', '潍坊']],
    [' 梅河口 ,, 珠海；潍坊;长春经开区 ', ['梅河口', '珠海', '潍坊', '长春经开区']],
    ['梅河口,梅河口,珠海', ['梅河口', '珠海']],
    ['', []],
    [' ,、 ', []],
  ])('%j', (text, expected) => expect(splitZones(text)).toEqual(expected));
});

describe('compare', () => {
  it('three zones: two figures and a zone the documents have no such figure for', () => {
    const answer = engine.compare('地区生产总值', ['梅河口', '珠海', '潍坊']);
    expect(answer).toMatchObject({ command: 'compare', metric: '地区生产总值', year: null });
    expect(shown(answer)).toEqual(['梅河口市: 290.09亿元', '珠海市: 268亿元', '潍坊市: —']);
    expect(answer.rows.map((r) => r.query)).toEqual(['梅河口', '珠海', '潍坊']);
    // 珠海 is the city; the figure is its high-tech zone's, and says so.
    expect(answer.rows[1]!.figure).toMatchObject({ zone: '珠海高新区', label: '地区生产总值', citation: { doc: '002_5b35c727b04e1621.txt' } });
    expect(answer.notes).toEqual([expect.stringContaining('潍坊市')]);
  });

  it('never another zone’s figure where figure() falls back to the nearest ones', () => {
    // figure() answers a filter that finds nothing with other zones' figures and a note…
    const fallback = engine.figure('地区生产总值', { zone: '潍坊' });
    expect(fallback.notes.join()).toContain('最近的数字');
    expect(fallback.results.length).toBeGreaterThan(0);
    // …and a zone's filter admits the city it lies in, as context, without a note.
    const context = engine.figure('地区生产总值', { zone: '梅河口高新区' });
    expect(context.results[0]).toMatchObject({ zone: '梅河口市', value: 290.09 });
    // A comparison row takes neither.
    expect(shown(engine.compare('地区生产总值', ['潍坊', '梅河口高新区']))).toEqual(['潍坊市: —', '梅河口高新区: —']);
  });

  it('a figure whose label names another metric is not the row’s, however it ranks', () => {
    const ranked = engine.figure('营业收入', { zone: '梅河口' }).results[0]!;
    expect(ranked.label).not.toContain('营业收入');
    const answer = engine.compare('营业收入', ['珠海', '梅河口', '长春经开区']);
    expect(shown(answer)).toEqual(['珠海市: 3475亿元', '梅河口市: —', '长春经开区: 42%']);
    for (const r of answer.rows) if (r.figure) expect(r.figure.label).toContain('营业收入');
  });

  it.each([
    // [metric, zones, year, rows as shown]
    ['地区生产总值', ['梅河口', '珠海'], '2022', ['梅河口市: 290.09亿元', '珠海市: —']],
    ['固定资产投资', ['梅河口', '长春经开区'], '2022年', ['梅河口市: 222.87亿元', '长春经开区: 103亿元']],
    // In 2020 the city's figure is its high-tech zone's; 长春经开区 has none of that year.
    ['固定资产投资', ['梅河口', '长春经开区'], '2020', ['梅河口市: 50.2亿元', '长春经开区: —']],
  ])('year filter: %s %j in %s', (metric, zones, year, expected) => {
    const answer = engine.compare(metric, zones, { year });
    expect(answer.year).toBe(year.slice(0, 4));
    expect(shown(answer)).toEqual(expected);
    for (const r of answer.rows) if (r.figure) expect(r.figure.year).toContain(answer.year);
    for (const r of answer.rows) if (!r.figure) expect(answer.notes.join()).toContain(`${r.zone}${answer.year}年`);
  });

  it.each([
    // [typed, what a note must say]
    ['上海', '资料中没有关于“上海市”的内容'],
    ['江苏', '江阴高新区'],
    ['高新区', '不明确'],
    ['火星基地', '没有找到地区“火星基地”'],
  ])('an unknown or ambiguous zone (%s) is a row without a figure and a note, never another zone', (typed, note) => {
    const answer = engine.compare('地区生产总值', ['梅河口', typed]);
    expect(answer.rows[1]).toEqual({ zone: typed, query: typed, figure: null });
    expect(answer.notes.join('\n')).toContain(note);
    expect(answer.rows[0]!.figure?.value).toBe(290.09);
  });

  it('an ambiguous zone’s note names its candidates', () => {
    const note = engine.compare('地区生产总值', ['高新区']).notes.join();
    for (const candidate of ['潍坊高新区', '梅河口高新区', '珠海高新区']) expect(note).toContain(candidate);
  });

  it('a typo keeps its place and says how it was read; one zone typed twice is one row', () => {
    const answer = engine.compare('地区生产总值', ['梅和口', '珠海', '梅河口市']);
    expect(shown(answer)).toEqual(['梅河口市: 290.09亿元', '珠海市: 268亿元']);
    expect(answer.notes.join('\n')).toMatch(/“梅和口”按“梅河口市”查询[\s\S]*“梅河口市”与“梅和口”都是梅河口市/);
  });

  it('short forms, traditional characters and a list in one string read like the documents', () => {
    const answer = engine.compare('GDP', ['梅河口，珠海']);
    expect(shown(answer)).toEqual(['梅河口市: 290.09亿元', '珠海市: 268亿元']);
    expect(engine.compare('地區生產總值', ['長春經開區']).rows[0]).toMatchObject({ zone: '长春经开区', figure: { value: 5.7, unit: '%', role: 'change' } });
  });

  it(`at most ${MAX_COMPARE_ZONES} zones, and a note when the list is cut`, () => {
    const zones = engine.completeZone('', 25).map((s) => s.value);
    expect(zones.length).toBeGreaterThan(MAX_COMPARE_ZONES);
    const answer = engine.compare('固定资产投资', zones);
    expect(answer.rows.map((r) => r.zone)).toEqual(zones.slice(0, MAX_COMPARE_ZONES));
    expect(answer.notes.join()).toContain(`共 ${zones.length} 个`);
    expect(engine.compare('固定资产投资', zones.slice(0, MAX_COMPARE_ZONES)).notes.join()).not.toContain('最多比较');
  });

  it.each([
    ['', ['梅河口']],
    ['  ', ['梅河口']],
    ['地区生产总值', []],
    ['地区生产总值', [' , ']],
  ])('refuses %j over %j as bad input', (metric, zones) => {
    expect(() => engine.compare(metric, zones)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});

// English questions, and direct answers, over the second blind set of real reports (test/fixtures/unseen2).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chineseFromEnglish } from '../src/nlp/english.js';
import { contrasts } from '../src/search/queries/answer.js';
import type { Engine } from '../src/search/engine.js';
import { openSeedEngine } from './helpers.js';

describe('English questions in the documents’ terms', () => {
  it.each([
    ['Does Inner Mongolia already have a pilot free trade zone?', '内蒙古 自由贸易试验区'],
    ["What share of Sichuan's total foreign trade went through the Chengdu Hi-tech Comprehensive Bonded Zone in 2024?", '什么比重 四川总进出口 成都高新综合保税区 2024年'],
    ['How far is Meihekou from Changchun?', '多远 梅河口 长春'],
    ["What was Zhuhai high-tech zone's operating revenue last year?", '什么 珠海高新区营业收入去年'],
    // A pinyin two cities share names both: the question does not say which.
    ['What is the GDP of Taizhou?', '什么 地区生产总值 泰州 台州'],
  ])('%s → %s', (english, chinese) => {
    expect(chineseFromEnglish(english)).toBe(chinese);
  });

  it.each([['梅河口高新区GDP'], ['GDP增速'], ['hello'], [''], ['ok ok'], ['2024']])('leaves %j alone: not an English question', (text) => {
    expect(chineseFromEnglish(text)).toBeNull();
  });
});

describe('/ask in English over real reports (test/fixtures/unseen2)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openSeedEngine({ seedsDir: join(import.meta.dirname, 'fixtures', 'unseen2', 'docs') });
  });

  it('finds the passage and says how it searched', () => {
    const answer = engine.ask('Does Inner Mongolia already have a pilot free trade zone?');
    expect(answer.query).toMatch(/^does inner mongolia/);
    expect(answer.notes.join(' ')).toContain('Searched in Chinese as: 内蒙古 自由贸易试验区');
    expect(answer.results.slice(0, 3).map((r) => r.text).join('')).toContain('积极争创中国（内蒙古）自由贸易试验区');
  });

  it('answers a figure asked in English with the figure the document prints', () => {
    const answer = engine.ask("What share of Sichuan's total foreign trade went through the Chengdu Hi-tech Comprehensive Bonded Zone in 2024?");
    expect(answer.results.slice(0, 3).some((r) => r.text.includes('占四川省进出口总值的48%'))).toBe(true);
  });
});

describe('direct answers over the second unseen set', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openSeedEngine({ seedsDir: join(import.meta.dirname, 'fixtures', 'unseen2', 'docs') });
  });

  it.each([
    // 出口 is asked for, the 进口 time beside it is not the answer.
    ['钦州港2021年1到7月出口整体通关时间是多少？', 0.27, '小时'],
    // A share printed after its metric (`民营经济增加值…,占GDP的比重为61.0%`) is that metric's.
    ['平昌县2024年民营经济占GDP的比重是多少？', 61, '%'],
    // A growth printed after its level with 比上年 between them is the level's.
    ['平昌县2024年地区生产总值增长多少？', 6.5, '%'],
  ])('%s → %s%s', (question, value, unit) => {
    expect(engine.ask(question).answer).toMatchObject({ kind: 'figure', value, unit });
  });

  it('does not answer 规模以上工业增加值 with the GDP or 第一产业 growth of the same bulletin', () => {
    const answer = engine.ask('平昌县2024年规模以上工业增加值增长多少？');
    expect(answer.answer).toBeNull();
    expect(answer.notes.join(' ')).toContain('资料中没有找到');
  });
});

describe('alternatives a label may name instead of the one asked about', () => {
  it.each([
    ['出口整体通关时间是多少？', '进口整体通关时间', true],
    ['出口整体通关时间是多少？', '出口整体通关时间', false],
    ['进出口总额是多少？', '出口额', false],
    ['工业增加值增长多少？', '第一产业增加值', true],
    ['农村居民人均可支配收入', '城镇居民人均可支配收入', true],
    ['人均可支配收入', '城镇居民人均可支配收入', false],
  ])('%s vs %s → %s', (question, label, expected) => {
    expect(contrasts(question, label)).toBe(expected);
  });
});

describe('/figure ranks the measure asked for over its neighbours (second unseen set)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openSeedEngine({ seedsDir: join(import.meta.dirname, 'fixtures', 'unseen2', 'docs') });
  });

  it.each([
    // A year's growth, not the five-year 年均 beside it.
    ['规上工业增加值', '内蒙古', '2025', 6.7, '%'],
    ['固投', '内蒙古', '2025', 4, '%'],
    // 规上 in the label, 规模以上 in the query once spelled out: the same indicator.
    ['规上工业企业数量', '内蒙古', null, 4358, '户'],
    // The total (全省生产总值), not the per-capita figure.
    ['GDP增速', '浙江', '2025', 5.5, '%'],
  ])('%s %s %s → %s%s', (query, zone, year, value, unit) => {
    expect(engine.figure(query, { zone, year }).results[0]).toMatchObject({ value, unit });
  });
});

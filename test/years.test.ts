import { describe, expect, it } from 'vitest';
import { companyOwning } from '../src/nlp/companies.js';
import { resolveRelative, withYear, yearOfArticle } from '../src/nlp/years.js';

describe('years in context', () => {
  const ctx = { articleYear: 2026, sectionYear: 2025, lastYear: null };
  it.each([
    ['去年', ctx, '2025'],
    ['今年', ctx, '2026'],
    ['过去一年', ctx, '2025'],
    ['全年', ctx, '2025'],
    ['上年', ctx, '2024'],
    ['全年', { ...ctx, lastYear: '2021' }, '2021'],
    ['去年', { articleYear: null, sectionYear: null, lastYear: null }, null],
  ] as const)('%s in %j', (word, years, expected) => {
    expect(resolveRelative(word, years)).toBe(expected);
  });

  it.each([
    ['今年上半年', '2022年上半年'],
    ['前三季度', '2021年前三季度'],
    ['2020', '2020'],
    ['“十三五”期间', '“十三五”期间'],
  ])('%s', (stated, expected) => {
    expect(withYear(stated, { articleYear: 2022, sectionYear: 2021, lastYear: null })).toBe(expected);
  });

  it.each([
    [['子洲县二〇二三年国民经济和社会发展统计公报', '子洲县统计局2024年4月15日'], 2023],
    [['2026年1月27日', '政府工作报告'], 2026],
    [['贵州凯里:产业活力迸发202209/2115:17'], 2022],
    [['回顾2021年，2022年要…'], 2022],
    [['没有年份'], null],
  ])('article year of %j', (texts, expected) => {
    expect(yearOfArticle(texts)).toBe(expected);
  });
});

describe('companyOwning', () => {
  it.each([
    ['相关负责人方学武表示,凯里盛运环保电力有限公司二期项目建设规模日处理生活垃圾400吨', '400吨', '凯里盛运环保电力有限公司'],
    ['成功引进北京天衡、江楠集团等一批行业领军企业落户，预计招商引资到位资金141.5亿元', '141.5亿元', null],
    ['与一汽进出口公司合作实现整车出口，引入跨境电商企业26家', '26家', null],
    ['做强省纺织集团，纺织产业增加值增长15%左右', '15%', null],
    ['全省地区生产总值增长5%', '5%', null],
  ])('%s', (sentence, figure, owner) => {
    expect(companyOwning(sentence, 0, sentence.indexOf(figure), [])).toBe(owner);
  });
});

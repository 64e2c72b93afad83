import { describe, expect, it } from 'vitest';
import { assignHeadlines, cleanTitle } from '../src/corpus/headlines.js';
import { structure } from '../src/corpus/structure.js';
import { seedText } from './seeds.js';

describe('headlines of a newspaper page', () => {
  const page = structure(seedText('002_5b35c727b04e1621.txt'));
  const textOf = (a: (typeof page)[number]) => a.sections.flatMap((s) => s.paragraphs.map((p) => p.text)).join('');
  const pairsIn = (line: string, text: string) => {
    const chars = [...line.replace(/[\s“”（）]/g, '')];
    const pairs = chars.slice(1).map((c, i) => chars[i]! + c);
    return pairs.filter((p) => text.includes(p)).length / pairs.length;
  };

  it('gives every article of 002 only headlines about it, never a neighbour’s, a byline or a caption', () => {
    for (const article of page) {
      if (article.title === null) continue;
      for (const line of article.title.split(' ')) expect(pairsIn(line, textOf(article)), `${line} in “${textOf(article).slice(0, 20)}…”`).toBeGreaterThanOrEqual(0.5);
      expect(article.title).not.toMatch(/潘逸青|娄筱筱|▶|工作人员正在/);
    }
  });

  it('finds the headline of each article that has one printed on the page', () => {
    const titles = page.map((a) => a.title);
    expect(titles).toEqual([
      null, // 潍坊高新区: its headline is not on this page's text
      '中国（黑龙江）自贸区哈尔滨片区 启动重点项目审批“百日会战”',
      '加强创新链和产业链对接 成都高新区签约14个项目',
      '聚焦“三大”围绕“三新”着眼“三型” 珠海高新区打造比肩深圳湾的科技创新湾',
      '总投资8亿美元 前晨汽车落户江阴高新区',
    ]);
  });

  it('ends an article at a reporter’s sign-off and keeps the name out of the text', () => {
    const chengdu = page[2]!;
    expect(textOf(chengdu)).toMatch(/动力源。$/);
    expect(textOf(page[3]!)).toMatch(/^“十三五”期间，珠海高新区/);
  });
});

describe('assignHeadlines', () => {
  it.each([
    ['a line goes to the article it is about', ['成都高新区签约14个项目'], ['哈尔滨片区启动审批', '14个项目在成都高新区签约'], [null, '成都高新区签约14个项目']],
    ['bylines, photo credits and their captions go nowhere', ['潘逸青 薛琳', '▶ 娄筱筱', '工作人员正在加紧项目审批'], ['工作人员正在加紧项目审批'], [null]],
    ['a line no article is about goes nowhere', ['春节联欢晚会'], ['14个项目在成都高新区签约'], [null]],
  ])('%s', (_name, lines, texts, expected) => {
    expect(assignHeadlines(lines, texts)).toEqual(expected);
  });
});

describe('cleanTitle', () => {
  it.each([
    ['政府工作报告 （2026年1月27日在贵州省第十四届人民代表大会第四次会议上） 省长李炳军', '政府工作报告'],
    ['政府工作报告 ——2026年2月3日在宁夏回族自治区第十三届人民代表大会第四次会议上 自治区人民政府主席张雨浦', '政府工作报告'],
    ['大象新闻记者章衡苏杭孙暘', null],
    ['图3 2020-2024年全市居民消费价格比上年涨跌幅度 表2 2024年全市居民消费价格比上年涨跌幅度', null],
    ['经济概述 经济概述', '经济概述'],
    ['子洲县二〇二三年国民经济和社会发展统计公报 子洲县二〇', '子洲县二〇二三年国民经济和社会发展统计公报'],
    ['梅河口高新区企业服务中心梅河口高新区企业服务中心 打造创新发展平台赋能企业转型升级', '梅河口高新区企业服务中心 打造创新发展平台赋能企业转型升级'],
    ['总投资8亿美元 前晨汽车落户江阴高新区', '总投资8亿美元 前晨汽车落户江阴高新区'],
  ])('%s', (raw, clean) => {
    expect(cleanTitle(raw)).toBe(clean);
  });
});

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSeeds } from '../src/corpus/load.js';
import { buildModel } from '../src/search/build.js';
import type { CorpusModel } from '../src/search/model.js';
import { openSeedEngine } from './helpers.js';
import { SEEDS_DIR } from './seeds.js';

// Zone and year of figures on real documents: the seeds and the unseen set's reports.
let unseen: CorpusModel;
let unseen2: CorpusModel;
let seeds: CorpusModel;
beforeAll(async () => {
  unseen = await buildModel(await readSeeds(join(import.meta.dirname, 'fixtures', 'unseen', 'docs')));
  unseen2 = await buildModel(await readSeeds(join(import.meta.dirname, 'fixtures', 'unseen2', 'docs')));
  seeds = await buildModel(await readSeeds(SEEDS_DIR));
});

const find = (model: Pick<CorpusModel, 'figures'>, doc: string, raw: string, within: string) =>
  model.figures.find((f) => f.citation.doc.startsWith(doc) && f.sentence.includes(within) && f.sentence.slice(f.span[0], f.span[1]) === raw);

describe('attribution on real documents', () => {
  it.each([
    ['a bulletin titled 二〇二三年, published 2024年4月', 'zizhou', '16.28万吨', '全年粮食总产量', '子洲县', '2023'],
    ['a target under 三、2026年工作安排', 'guizhou', '1.9亿吨', '调度原煤产量', '贵州省', '2026'],
    ['全年 after a 三季度 in the same sentence', 'guizhou', '4.9%', '全年地区生产总值', '贵州省', '2025'],
    ['a work report’s own province without naming it', 'ningxia', '5696亿元', '全年实现地区生产总值', '宁夏回族自治区', '2025'],
    ['a county named once by its short name, 全县 everywhere', 'ningyuan', '2616611万元', '全县实现地区生产总值', '宁远县', '2023'],
    // The second unseen set.
    ['a province that helps owns its own sentence only, not the report’s next ones', 'sichuan', '10318亿元', '进出口总额达到10318亿元', '四川省', '2025'],
    ['a zone named with a qualifier (成都高新综合保税区)', 'chengdu-hitech', '5021亿元', '实现进出口值5021亿元', '成都高新综保区', '2024'],
    ['a zone named by its qualifier alone after its full name (火炬开发区)', 'zhongshan', '531.48亿元', '火炬开发区全年地区生产总值', '中山火炬开发区', '2023'],
    ['the whole a share is of (占全省比重) is not its owner', 'sichuan', '61.3%', '占全省比重达61.3%', '成都平原经济区', '2025'],
    ['nor 占四川省进出口总值', 'chengdu-hitech', '48%', '占四川省进出口总值的48%', '成都高新综保区', '2024'],
    ['a city a province’s report names by its short name alone (泸州)', 'sichuan', '3000亿元', '泸州经济总量突破3000亿元', '泸州市', '2025'],
  ])('%s', (_name, doc, raw, within, zone, year) => {
    // File names differ across the two sets: look in both.
    expect(find({ figures: [...unseen.figures, ...unseen2.figures] }, doc, raw, within)).toMatchObject({ zone, year });
  });

  it('owns a bulletin’s figures by the place only its title names (2024年上杭县…统计公报, then 全县)', async () => {
    const unseen3 = await buildModel(await readSeeds(join(import.meta.dirname, 'fixtures', 'unseen3', 'docs')));
    expect(find(unseen3, 'shanghang', '556.8亿元', '地区生产总值')).toMatchObject({ zone: '上杭县', year: '2024' });
    // 新疆维吾尔自治区's report: its own figures, not those of a zone it names.
    expect(find(unseen3, 'xinjiang', '2.15万亿元', '地区生产总值')).toMatchObject({ zone: '新疆维吾尔自治区' });
  });

  it('keeps a place given as an example (贵阳“青云市集”等…55个) from owning the count', () => {
    expect(find(unseen, 'guizhou', '55个', '夜间消费聚集区55个')).toMatchObject({ zone: '贵州省' });
  });

  it('reads 全年 as the year the passage is talking about (003: 回顾2021年…全年实现…)', () => {
    expect(find(seeds, '003', '17亿元', '一线进出口额')).toMatchObject({ year: '2021' });
  });

  it('reads 去年 and 过去一年 against the year the report was written, not its section’s', () => {
    // Ningxia's 2026 report, section 一、2025年工作总结: 全年 is 2025, not 2024.
    expect(find(unseen, 'ningxia', '5.3%', '全年实现地区生产总值')).toMatchObject({ year: '2025' });
  });

  it('reads 去年 against the article’s year (003, 2022: GDP growth of 2021)', () => {
    expect(find(seeds, '003', '5.7%', '去年地区生产总值')).toMatchObject({ zone: '长春经开区', year: '2021' });
  });

  it('gives a province that ranks a zone no figure of the zone’s', () => {
    const rank = find(seeds, '002', '第4位', '山东省159个开发区考核');
    expect(rank?.zone).toBe('潍坊高新区');
  });
});

describe('who owns a figure', () => {
  it.each([
    ['a place named only after the figure does not take it from the passage’s zone', 'zhengzhou', '4700亿元', '外贸进出口完成', '河南郑州航空港'],
    ['a lead names its zone first (`本网讯 凯里经济开发区…`)', 'kaili-econ', '21家', '电子信息产业园已入驻企业', '凯里经开区'],
  ])('%s', (_name, doc, raw, within, zone) => {
    expect(find(unseen, doc, raw, within)?.zone).toBe(zone);
  });

  it.each([
    ['a short place name opening another name (`潍坊中央创新区`)', '002', '8家', '新增8家省级以上创新平台', '潍坊高新区'],
    ['an organisation named after the place (`吉林省委`) is not what a plan is about', '004', '2000万人次', '接待游客', '梅河口市'],
  ])('%s', (_name, doc, raw, within, zone) => {
    expect(find(seeds, doc, raw, within)?.zone).toBe(zone);
  });
});

describe('/figure GDP zone:<place>', () => {
  // Every place a document states the 地区生产总值 (GDP) of, in the seeds and the unseen reports.
  it.each([
    ['seeds', SEEDS_DIR],
    ['unseen reports', join(import.meta.dirname, 'fixtures', 'unseen', 'docs')],
  ])('finds the place’s 地区生产总值 in the top 3 (%s)', async (_name, seedsDir) => {
    const engine = await openSeedEngine({ seedsDir });
    const model = seedsDir === SEEDS_DIR ? seeds : unseen;
    const places = new Set(model.figures.filter((f) => f.label === '地区生产总值' && f.role !== 'change' && f.zone).map((f) => f.zone!));
    expect(places.size).toBeGreaterThanOrEqual(seedsDir === SEEDS_DIR ? 2 : 6);
    for (const place of places) {
      const top = engine.figure('GDP', { zone: place, limit: 3 }).results;
      expect(top.some((r) => r.label.includes('地区生产总值') && r.zone === place), `GDP zone:${place}`).toBe(true);
    }
  });
});

describe('how a zone and a year were decided', () => {
  it.each([
    ['named in the sentence, year stated', 'seeds', '003', '5.7%', '去年地区生产总值', 'stated', 'stated'],
    ['a work report’s own province, year from 全年 in its section', 'unseen', 'ningxia', '5696亿元', '全年实现地区生产总值', 'document', 'stated'],
    ['a target under a dated heading, in a sentence naming no place', 'unseen', 'guizhou', '1.9亿吨', '调度原煤产量', 'document', 'inferred'],
  ] as const)('%s', (_name, set, doc, raw, within, zoneBy, yearBy) => {
    expect(find(set === 'seeds' ? seeds : unseen, doc, raw, within)).toMatchObject({ zoneBy, yearBy });
  });
});

describe('years of parts of a year and of pairs', () => {
  it.each([
    ['今年上半年 in an article dated 2022 09/21', 'kaili-city', '66.55亿元', '累计上报工业产值', '2022年上半年'],
    ['由上年… under 2025年工作总结: the older end is 2024', 'ningxia', '729万人', '常住人口由上年', '2024'],
  ])('%s', (_name, doc, raw, within, year) => {
    expect(find(unseen, doc, raw, within)?.year).toBe(year);
  });
});

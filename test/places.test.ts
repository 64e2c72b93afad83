import { describe, expect, it } from 'vitest';
import { chainOf, gazetteer, shortNames } from '../src/places/gazetteer.js';
import { spotPlaces } from '../src/places/spot.js';
import { findZoneMentions, placesNamed, reportProvince, withQualifiedNames } from '../src/nlp/zones.js';
import { buildZoneRegistry, familyNames, resolveZone } from '../src/nlp/zone-registry.js';

describe('gazetteer', () => {
  it.each([
    ['甘肃省', 'province', ['甘肃']],
    ['广西壮族自治区', 'province', ['广西']],
    // Written without 族; a group that would leave one character stays (内蒙古, 西藏).
    ['新疆维吾尔自治区', 'province', ['新疆']],
    ['内蒙古自治区', 'province', ['内蒙古']],
    ['西藏自治区', 'province', ['西藏']],
    ['伊犁哈萨克自治州', 'prefecture', ['伊犁州', '伊犁']],
    ['黔东南苗族侗族自治州', 'prefecture', ['黔东南州', '黔东南']],
    ['阿克苏地区', 'prefecture', ['阿克苏']],
    ['长兴县', 'county', ['长兴']],
    ['琼中黎族苗族自治县', 'county', ['琼中县', '琼中']],
    ['东区', 'county', []],
  ] as const)('short names of %s', (name, level, short) => {
    expect(shortNames(name, level)).toEqual(short);
  });

  it('holds every level with GB/T 2260 codes and the parent chain', () => {
    const g = gazetteer();
    expect(g.places.length).toBeGreaterThan(3000);
    const kunshan = g.byName.get('昆山')!.find((p) => p.name === '昆山市')!;
    expect(kunshan).toMatchObject({ code: '320583', level: 'county' });
    expect(chainOf(g, kunshan.code).map((p) => p.name)).toEqual(['昆山市', '苏州市', '江苏省']);
    // A municipality's districts are county-level.
    expect(g.byName.get('海淀区')![0]!.level).toBe('county');
    // Ambiguous short names keep every place, the higher level first.
    expect(g.byName.get('吉林')!.map((p) => p.name)).toEqual(['吉林省', '吉林市']);
  });

  it('spots names in running text, longest first, never a generic district word', () => {
    expect(spotPlaces('贵州省黔东南苗族侗族自治州凯里市').map((h) => h.surface)).toEqual(['贵州省', '黔东南苗族侗族自治州', '凯里市']);
    expect(spotPlaces('城区面积扩大').map((h) => h.surface)).toEqual([]);
  });
});

describe('zone and place mentions in text', () => {
  const names = (text: string, known?: Set<string>) => findZoneMentions(text, known).map((m) => m.name);
  it.each([
    ['武汉东湖新技术开发区营业收入', '武汉东湖高新区'],
    ['杭州国家高新区', '杭州高新区'],
    ['厦门火炬高技术产业开发区', '厦门高新区'],
    ['苏州工业园区实现地区生产总值', '苏州工业园区'],
    ['西部（成都）科学城', '西部成都科学城'],
    ['中国（黑龙江）自贸试验区哈尔滨片区', '黑龙江自贸区哈尔滨片区'],
    ['郑州航空港经济综合实验区', '郑州航空港经济综合实验区'],
    ['长春经济技术开发区', '长春经开区'],
    ['甘肃省地区生产总值', '甘肃省'],
    ['长兴县规上工业增加值', '长兴县'],
    // A qualifier between the place and the kind (jieba tags 高新 as an adverb, 火炬 as a noun).
    ['成都高新综合保税区蝉联榜首', '成都高新综保区'],
    ['成都国际铁路港综合保税区位列第18名', '成都国际铁路港综保区'],
    ['中山火炬开发区召开工作总结大会', '中山火炬开发区'],
    ['青岛西海岸新区', '青岛西海岸新区'],
    ['成都平原经济区经济总量达到4万亿元', '成都平原经济区'],
  ])('%s → %s', (text, name) => {
    expect(names(text)).toContain(name);
  });

  it.each([
    ['四川省支持综合保税区建设', '综保区'],
    ['推动重点开发区建设', '开发区'],
    ['全省主要开发区', '开发区'],
    // `新区` here ends the word 创新: no 潍坊中央创新区.
    ['潍坊中央创新区落户园区', '新区'],
  ])('reads no qualifier into %s', (text, bare) => {
    const zones = findZoneMentions(text).filter((m) => !m.self && m.kind !== '省份');
    expect(zones.map((m) => m.name)).toEqual([bare]);
  });

  it('keeps a qualifier-only name (火炬开发区) only where the document names the zone in full', () => {
    const alone = withQualifiedNames([findZoneMentions('2023年,火炬开发区全年地区生产总值预计完成531.48亿元')]);
    expect(alone.flat().map((m) => [m.name, m.place])).toEqual([['开发区', '']]);
    const named = withQualifiedNames([findZoneMentions('中山火炬开发区召开大会'), findZoneMentions('2023年,火炬开发区全年地区生产总值')]);
    const registry = buildZoneRegistry(named.flat());
    expect(resolveZone(registry, '火炬开发区').zone?.name).toBe('中山火炬开发区');
    // Named with another kind of zone, as users do: the qualifier keeps it the same zone.
    expect(resolveZone(registry, '中山火炬高新区').zone?.name).toBe('中山火炬开发区');
    expect(withQualifiedNames([findZoneMentions('随着电商产业园的投入使用')])).toEqual([[]]);
  });

  it('takes a short name only where the document names the place in full', () => {
    expect(names('成功引进北京天衡等企业')).toEqual([]);
    expect(names('贵州路等7条道路')).toEqual([]);
    const known = placesNamed(['长兴县2023年国民经济和社会发展统计公报']);
    expect(names('长兴经济稳步增长', known)).toEqual(['长兴县']);
  });

  it('does not read a two-letter county inside another word', () => {
    expect(names('全国社会治理百佳示范县市')).toEqual([]);
  });

  it('marks 全省/我市 as the document’s own place, not a named one', () => {
    const [m] = findZoneMentions('全省地区生产总值增长4.5%');
    expect(m).toMatchObject({ surface: '全省', self: true, kind: '省份' });
  });
});

describe('a province’s own report', () => {
  const report = ['2026年四川省人民政府工作报告', ...Array(12).fill('全省经济稳中有进。'), '泸州经济总量突破3000亿元'];
  const news = ['长春经济技术开发区：全省第一', '四川省代表团来访', '泸州经济总量突破3000亿元'];

  it.each([
    ['a work report (全省 twelve times or more, 四川省 in full)', report, '510000'],
    ['a zone’s news that names the province', news, null],
  ])('%s → %s', (_name, texts, code) => {
    expect(reportProvince(texts, placesNamed(texts))).toBe(code);
  });

  it('counts a city of that province by its short name where it stands as a place word', () => {
    const names = (text: string, province: string | null) => findZoneMentions(text, placesNamed(report), province).map((m) => m.name);
    expect(names('泸州经济总量突破3000亿元', '510000')).toContain('泸州市');
    expect(names('泸州经济总量突破3000亿元', null)).not.toContain('泸州市');
    // Only a city of that province.
    expect(names('昆明经济总量突破3000亿元', '510000')).not.toContain('昆明市');
  });
});

describe('resolution against a corpus', () => {
  const text = ['长春市经济总量', '长春经济技术开发区实现产值', '长春新区签约', '梅河口市高新区', '梅河口市财政收入', '珠海高新区营业收入'];
  const known = placesNamed(text);
  const registry = buildZoneRegistry(text.flatMap((t) => findZoneMentions(t, known)));

  it('never swaps a real place for another sharing a character', () => {
    const r = resolveZone(registry, '上海');
    expect(r.zone).toBeNull();
    expect(r.place?.name).toBe('上海市');
    expect(resolveZone(registry, '珲春').zone).toBeNull();
  });

  it('keeps siblings out of a family and puts what lies inside a place in it', () => {
    const xinqu = resolveZone(registry, '长春新区').zone!;
    expect([...familyNames(registry, xinqu)]).toEqual(['长春新区']);
    const city = resolveZone(registry, '长春').zone!;
    expect(city.name).toBe('长春市');
    expect([...familyNames(registry, city)].sort()).toEqual(['长春市', '长春新区', '长春经开区'].sort());
  });

  it('resolves a bare place to the place, whose family holds its zone', () => {
    const r = resolveZone(registry, '梅河口');
    expect(r.zone?.name).toBe('梅河口市');
    expect(r.candidates.map((c) => c.name)).toContain('梅河口高新区');
  });

  it('resolves a bare zone kind to the only zone of that kind', () => {
    expect(resolveZone(registry, '经开区').zone?.name).toBe('长春经开区');
  });

  it('resolves a bare zone kind to the one the documents talk about, not one named once in a list', () => {
    const texts = [...Array(5).fill('长春经济技术开发区实现产值'), '长春汽车经济技术开发区'];
    const listed = buildZoneRegistry(texts.flatMap((t) => findZoneMentions(t, placesNamed(texts))));
    const r = resolveZone(listed, '经开区');
    expect(r.zone?.name).toBe('长春经开区');
    expect(r.candidates.map((c) => c.name)).toEqual(['长春汽车经开区']);
    const even = buildZoneRegistry(['长春经济技术开发区', '长春汽车经济技术开发区'].flatMap((t) => findZoneMentions(t)));
    expect(resolveZone(even, '经开区').zone).toBeNull();
  });
});

describe('places a document names', () => {
  const names = (texts: string[]) => [...placesNamed(texts)].map((c) => gazetteer().byCode.get(c)!.name).sort();
  it.each([
    ['a county in full', ['长兴县地区生产总值增长'], ['长兴县']],
    ['not a county whose 县 begins another word', ['出台支持中南部县城发展政策', '推动南部县区协调发展'], []],
    ['not a two-character county inside other words', ['推动二次创业和县乡村振兴', '百佳示范县市'], []],
    ['a county by its short name where the document says 全县', ['全县实现地区生产总值', '也是宁远发展史上极具挑战的一年'], ['宁远县']],
    ['no short name for 全市 when the city is named in full', ['全市经济平稳', '苏州市级总部', '苏相合作区'], ['苏州市']],
  ])('%s', (_name, texts, expected) => {
    expect(names(texts)).toEqual(expected);
  });
});

describe('nicknames', () => {
  it('takes a nickname in brackets after a zone’s name as an alias', () => {
    const [m] = findZoneMentions('武汉东湖新技术开发区（中国光谷）营业收入增长');
    expect(m!.aliases).toEqual(expect.arrayContaining(['东湖高新区', '光谷']));
    const registry = buildZoneRegistry([m!]);
    expect(resolveZone(registry, '光谷').zone?.name).toBe('武汉东湖高新区');
  });
});

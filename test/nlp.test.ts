import { describe, expect, it } from 'vitest';
import { splitPassages } from '../src/corpus/passages.js';
import { normalizeQuery, normalizeText } from '../src/nlp/normalize.js';
import { bigrams, tokenize, wordSet } from '../src/nlp/tokenizer.js';
import { buildZoneRegistry, foldZoneSuffix, resolveZone } from '../src/nlp/zone-registry.js';
import { findZoneMentions } from '../src/nlp/zones.js';
import { seedNames, seedText } from './seeds.js';

describe('normalize', () => {
  it.each([
    ['full-width digits and letters', '１４１．５亿元ＧＤＰ', '141.5亿元gdp'],
    ['traditional characters', '新增市場主體', '新增市场主体'],
    ['traditional zone name', '長春經開區', '长春经开区'],
    ['zero-width characters', '梅\u200b河\u200d口', '梅河口'],
    ['ideographic spaces collapse', '招商　　引资', '招商 引资'],
  ])('%s', (_n, input, output) => expect(normalizeQuery(input)).toBe(output));

  it('leaves simplified document text as is apart from NFKC', () => {
    expect(normalizeText('梅河口高新区（一）')).toBe('梅河口高新区(一)');
  });
});

describe('tokenize', () => {
  it.each([
    ['keeps decimals whole', '资金141.5亿元', ['141.5', '亿元']],
    ['keeps years whole, with and without 年', '2020年，', ['2020年', '2020']],
    ['keeps percentages', '增长16.5%', ['16.5%', '16.5']],
    ['keeps alphanumerics', '5G通信和O2O', ['5g', 'o2o']],
    ['segments metric terms', '招商引资到位资金', ['招商引资']],
    ['segments zone names and their parts', '梅河口高新区', ['梅河口', '高新区']],
    ['full-width digits', '１４１．５亿元', ['141.5']],
    ['question words leave their topic', '扩大了多少倍', ['倍']],
  ])('%s', (_n, text, expected) => {
    const terms = tokenize(text);
    for (const t of expected) expect(terms).toContain(t);
  });

  it.each([['的'], ['什么'], ['，'], ['？'], ['、']])('drops stop word or punctuation %j', (word) => {
    const terms = tokenize(`梅河口${word}高新区`);
    expect(terms).toContain('梅河口');
    expect(terms).not.toContain(word);
  });

  it('also emits corpus words whole, longest match first, without changing jieba', () => {
    const words = wordSet(['前晨汽车', '长春兴隆综保区', '兴隆综保区']);
    expect(tokenize('前晨汽车项目征地', words)).toContain('前晨汽车');
    expect(tokenize('前晨汽车项目征地')).not.toContain('前晨汽车');
    const terms = tokenize('长春兴隆综保区', words);
    expect(terms).toContain('长春兴隆综保区');
    expect(terms).toContain('兴隆综保区');
  });

  it('never throws on odd input', () => {
    for (const input of ['', ' ', '😀🎉', '\u0000\u0007', 'a'.repeat(10_000), '１２３', '((*?[]'])
      expect(() => tokenize(input)).not.toThrow();
  });

  it('bigrams overlap and skip non-CJK', () => {
    expect(bigrams('排第几 abc 高')).toEqual(['排第', '第几', '高']);
  });
});

describe('zones', () => {
  const mentions = seedNames.flatMap((name) => splitPassages(name, seedText(name)).flatMap((p) => findZoneMentions(p.text)));
  const registry = buildZoneRegistry(mentions);
  const names = registry.entries.map((e) => e.name);

  it.each([
    ['梅河口高新区'],
    ['长春经开区'],
    ['长春兴隆综保区'],
    ['潍坊高新区'],
    ['珠海高新区'],
    ['江阴高新区'],
    ['成都高新区'],
    ['无锡高新区'],
    ['黑龙江自贸区哈尔滨片区'],
    ['梅河新区'],
    ['梅河口市'],
    ['榆树市'],
    ['延吉市'],
    ['白山市'],
  ])('recognises %s', (name) => expect(names).toContain(name));

  it('does not invent zones from generic phrases', () => {
    for (const bad of ['国家高新区', '全省开发区', '高新区', '经开区', '周边城市']) expect(names).not.toContain(bad);
  });

  it('folds long suffixes', () => {
    expect(foldZoneSuffix('长春经济技术开发区')).toBe('长春经开区');
    expect(foldZoneSuffix('长春兴隆综合保税区')).toBe('长春兴隆综保区');
  });

  it.each([
    ['exact name', '梅河口高新区', '梅河口高新区', 'name'],
    ['alias (short form)', '兴隆综保区', '长春兴隆综保区', 'alias'],
    ['alias (片区)', '哈尔滨片区', '黑龙江自贸区哈尔滨片区', 'alias'],
    ['long suffix', '长春经济技术开发区', '长春经开区', 'name'],
    ['traditional characters', '長春經開區', '长春经开区', 'name'],
    ['place name (its official short form)', '榆树', '榆树市', 'alias'],
    ['place name of a zone', '江阴', '江阴高新区', 'place'],
    ['prefix', '江阴高', '江阴高新区', 'prefix'],
    ['pinyin', 'jiangyin', '江阴高新区', 'pinyin'],
    ['initials', 'wfgxq', '潍坊高新区', 'pinyin'],
    ['one wrong character', '江阴高心区', '江阴高新区', 'fuzzy'],
    ['one wrong character in a place', '榆数', '榆树市', 'fuzzy'],
  ])('resolves %s', (_n, input, name, via) => {
    const r = resolveZone(registry, input);
    expect(r.zone?.name).toBe(name);
    expect(r.via).toBe(via);
  });

  it('resolves a place to its family and lists the rest', () => {
    const r = resolveZone(registry, '梅河口');
    expect(r.zone?.name).toMatch(/梅河口/);
    expect(r.candidates.map((c) => c.name).join()).toMatch(/梅河口/);
  });

  it('returns candidates for an ambiguous input', () => {
    const r = resolveZone(registry, '高新区');
    expect(r.zone).toBeNull();
    expect(r.candidates.length).toBeGreaterThan(3);
  });

  it('offers the most mentioned zones for input that folds to nothing', () => {
    const r = resolveZone(registry, '（）');
    expect(r.zone).toBeNull();
    expect(r.candidates[0]).toBe(registry.entries[0]);
  });

  it('returns the closest names for an unknown input', () => {
    const r = resolveZone(registry, '火星基地');
    expect(r.zone).toBeNull();
    expect(r.via).toBe('none');
    expect(r.candidates.length).toBeGreaterThan(0);
  });
});

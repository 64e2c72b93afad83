/**
 * Official names of statistical indicators and the short forms people type for them. The
 * names are those of the National Bureau of Statistics' annual statistical communiqués
 * (国家统计局《中华人民共和国国民经济和社会发展统计公报》) and its indicator explanations
 * (《统计指标解释》, stats.gov.cn › 统计数据 › 指标解释); the short forms are the abbreviations
 * in common use in government work reports and the press (规上, 社零, 固投, GDP …).
 */
const INDICATORS: { name: string; short: string[]; /** Words after a short form that make it another measure. */ notBefore?: string[] }[] = [
  { name: '人均地区生产总值', short: ['人均GDP', '人均生产总值'] },
  { name: '地区生产总值', short: ['GDP', '国内生产总值', '生产总值'] },
  { name: '规模以上工业增加值', short: ['规上工业增加值', '规模工业增加值'] },
  { name: '规模以上工业企业', short: ['规上工业企业', '规上企业'] },
  { name: '规模以上工业总产值', short: ['规上工业总产值', '规上工业产值', '规模工业总产值'] },
  { name: '社会消费品零售总额', short: ['社零总额', '社零额', '社消零', '社零'] },
  // `外贸出口` is exports, not the total.
  { name: '进出口总额', short: ['外贸进出口总额', '外贸进出口', '外贸总额', '外贸'], notBefore: ['出口', '进口'] },
  { name: '固定资产投资', short: ['固投'] },
  { name: '一般公共预算收入', short: ['地方财政收入', '公共财政收入', '财政收入'] },
  { name: '一般公共预算支出', short: ['公共财政支出', '财政支出'] },
  { name: '居民人均可支配收入', short: ['人均可支配收入', '人均收入'] },
  { name: '实际利用外资', short: ['FDI'] },
  { name: '常住人口城镇化率', short: ['城镇化率'] },
  { name: '居民消费价格', short: ['CPI', '居民消费价格指数', '物价'] },
  { name: '工业生产者出厂价格', short: ['PPI'] },
  { name: '研究与试验发展经费', short: ['R&D经费', '研发经费', '研发投入'] },
  { name: '城镇调查失业率', short: ['失业率'] },
  { name: '营业收入', short: ['营收'] },
];

/**
 * Every way of writing the indicator a word names: itself, its official name and its short
 * forms; just the word when it names none.
 *
 * @example
 * indicatorForms('营收'); // ['营收', '营业收入']
 */
export function indicatorForms(word: string): string[] {
  const lower = word.toLowerCase();
  const found = INDICATORS.find(({ name, short }) => name === word || short.some((s) => s.toLowerCase() === lower));
  return found ? [...new Set([word, found.name, ...found.short])] : [word];
}

/** The official indicator names, longest first. */
export const INDICATOR_NAMES = INDICATORS.map((i) => i.name).sort((a, b) => b.length - a.length);

// Longest first; a short form only where it opens the text or a word of it, and not before the
// words that make it another measure.
const ALIASES = INDICATORS.flatMap(({ name, short, notBefore }) => short.map((s) => ({ alias: s.toLowerCase(), name, notBefore: notBefore ?? [] })))
  .sort((a, b) => b.alias.length - a.alias.length)
  .map(({ alias, name, notBefore }) => ({
    name,
    pattern: new RegExp(`(^|\\s)${alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${notBefore.length ? `(?!${notBefore.join('|')})` : ''}`, 'g'),
  }));

/**
 * A metric as typed with its short forms spelled out as the documents print them:
 * `GDP` → `地区生产总值`, `社零` → `社会消费品零售总额`. Input is normalised (lower case). Only
 * a short form that opens the metric or a word of it is replaced: in `全口径财政收入` the
 * document's own term is longer than the short form and stays as typed.
 *
 * @example
 * expandIndicators('gdp增速'); // '地区生产总值增速'
 * expandIndicators('规上工业增加值'); // '规模以上工业增加值'
 * expandIndicators('全口径财政收入'); // '全口径财政收入'
 */
export function expandIndicators(text: string): string {
  const known = expansions.get(text);
  if (known !== undefined) return known;
  let out = text;
  for (const { name, pattern } of ALIASES) if (!out.includes(name)) out = out.replace(pattern, `$1${name}`);
  // Figure labels repeat across figures and builds, and ranking asks for them per query: one
  // bounded cache for every caller.
  if (expansions.size >= MAX_EXPANSIONS) expansions.clear();
  expansions.set(text, out);
  return out;
}
const expansions = new Map<string, string>();
const MAX_EXPANSIONS = 100_000;

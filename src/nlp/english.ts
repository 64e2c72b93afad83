import { pinyin } from 'pinyin-pro';
import { gazetteer } from '../places/gazetteer.js';

/**
 * English questions searched in Chinese. The documents are Chinese; a team member may ask
 * "What share of Sichuan's foreign trade went through the Chengdu Hi-tech Comprehensive Bonded
 * Zone in 2024?". The phrases this table knows are replaced by the documents' own terms and the
 * rest is dropped, so the question is searched as `比重 四川 进出口 成都高新综合保税区 2024年`.
 *
 * Sources of the terms: the English editions of the National Bureau of Statistics' statistical
 * communiqués (indicator names: gross domestic product, value added of industrial enterprises
 * above designated size, total retail sales of consumer goods, general public budget revenue,
 * consumer price index …), the State Council's English names of development zones (pilot free
 * trade zone, comprehensive bonded zone, national high-tech industrial development zone,
 * economic and technological development zone) and the English names of provinces and places in
 * official use (Inner Mongolia, Tibet, Hong Kong, Macao; pinyin otherwise, from the gazetteer).
 */

/** English phrase (lower case, longest first when matched) → the documents' term. */
const PHRASES: [string, string][] = [
  // Zones.
  ['pilot free trade zone', '自由贸易试验区'],
  ['free trade pilot zone', '自由贸易试验区'],
  ['free trade zone', '自由贸易试验区'],
  ['ftz', '自由贸易试验区'],
  ['comprehensive bonded zone', '综合保税区'],
  ['bonded zone', '综合保税区'],
  ['high-tech industrial development zone', '高新技术产业开发区'],
  ['hi-tech industrial development zone', '高新技术产业开发区'],
  ['high-tech zone', '高新区'],
  ['hi-tech zone', '高新区'],
  ['high tech zone', '高新区'],
  ['hi-tech', '高新'],
  ['high-tech', '高新'],
  ['economic and technological development zone', '经济技术开发区'],
  ['economic development zone', '经济开发区'],
  ['development zone', '开发区'],
  ['industrial park', '工业园区'],
  ['new area', '新区'],
  // Indicators.
  ['gross domestic product', '地区生产总值'],
  ['gdp', '地区生产总值'],
  ['per capita', '人均'],
  ['value added of industrial enterprises above designated size', '规模以上工业增加值'],
  ['above designated size', '规模以上'],
  ['industrial value added', '工业增加值'],
  ['value added', '增加值'],
  ['fixed asset investment', '固定资产投资'],
  ['fixed-asset investment', '固定资产投资'],
  ['private investment', '民间投资'],
  ['retail sales of consumer goods', '社会消费品零售总额'],
  ['retail sales', '社会消费品零售总额'],
  ['general public budget revenue', '一般公共预算收入'],
  ['public budget revenue', '一般公共预算收入'],
  ['fiscal revenue', '财政收入'],
  ['total imports and exports', '进出口总额'],
  ['imports and exports', '进出口'],
  ['foreign trade', '进出口'],
  ['exports', '出口'],
  ['export', '出口'],
  ['imports', '进口'],
  ['import', '进口'],
  ['foreign direct investment', '外资'],
  ['foreign investment', '外资'],
  ['foreign capital', '外资'],
  ['fdi', '外资'],
  ['operating revenue', '营业收入'],
  ['business revenue', '营业收入'],
  ['revenue', '收入'],
  ['income', '收入'],
  ['disposable income', '可支配收入'],
  ['consumer price index', '居民消费价格'],
  ['consumer prices', '居民消费价格'],
  ['cpi', '居民消费价格'],
  ['unemployment rate', '失业率'],
  ['population', '人口'],
  ['grain output', '粮食产量'],
  ['grain', '粮食'],
  ['passenger throughput', '旅客吞吐量'],
  ['cargo throughput', '货物吞吐量'],
  ['container throughput', '集装箱吞吐量'],
  ['containers', '集装箱'],
  ['airport', '机场'],
  ['port', '港'],
  ['railway', '铁路'],
  ['high-tech enterprises', '高新技术企业'],
  ['enterprises', '企业'],
  ['companies', '企业'],
  ['firms', '企业'],
  ['research and development', '研发'],
  ['r&d', '研发'],
  ['new energy vehicles', '新能源汽车'],
  ['computing power', '算力'],
  ['investment', '投资'],
  ['projects', '项目'],
  ['project', '项目'],
  ['output value', '产值'],
  ['output', '产值'],
  ['tourism', '旅游'],
  ['tourists', '游客'],
  ['reform pilot', '改革试点'],
  ['pilot', '试点'],
  ['reform', '改革'],
  ['approved', '获批'],
  ['opening up', '开放'],
  ['opening-up', '开放'],
  ['talent', '人才'],
  ['innovation', '创新'],
  ['manufacturing', '制造业'],
  ['industry', '产业'],
  ['target', '目标'],
  ['goal', '目标'],
  ['planned area', '规划面积'],
  ['area', '面积'],
  ['growth rate', '增速'],
  ['growth', '增长'],
  ['grew', '增长'],
  ['grow', '增长'],
  ['increase', '增长'],
  ['rise', '增长'],
  ['share', '比重'],
  ['proportion', '比重'],
  ['percentage', '比重'],
  ['ranking', '排名'],
  ['rank', '排名'],
  ['total', '总'],
  // Question words, for the answer's kind (a figure, a list, a reason).
  ['how many', '多少'],
  ['how much', '多少'],
  ['how far', '多远'],
  ['which', '哪些'],
  ['why', '为什么'],
  ['how', '如何'],
  ['what', '什么'],
  // Years.
  ['last year', '去年'],
  ['this year', '今年'],
  ['next year', '明年'],
];

/** Places whose English name is not their pinyin. */
const EXONYMS: [string, string][] = [
  ['inner mongolia', '内蒙古'],
  ['tibet', '西藏'],
  ['hong kong', '香港'],
  ['macao', '澳门'],
  ['macau', '澳门'],
  ['shaanxi', '陕西'],
];

const MATCHERS = [...PHRASES, ...EXONYMS]
  .sort((a, b) => b[0].length - a[0].length)
  .map(([en, zh]) => ({ zh, pattern: new RegExp(`^${en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')}(?![a-z])`) }));

let placeIndex: Map<string, string> | null = null;
const LEVEL_ORDER = { province: 0, prefecture: 1, county: 2 } as const;

/**
 * Places by the pinyin of their short names (`sichuan` → 四川, `meihekou` → 梅河口), from the
 * gazetteer; a pinyin two places of one level share (`taizhou`: 台州, 泰州) names both.
 */
function placesByPinyin(): Map<string, string> {
  if (placeIndex) return placeIndex;
  const index = new Map<string, string>();
  const levels = new Map<string, string>();
  // Provinces and cities first: a county never takes the pinyin of a city (`Taizhou`).
  const places = [...gazetteer().places].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  for (const place of places) {
    const name = place.short.at(-1) ?? place.name;
    const key = pinyin(name, { toneType: 'none', type: 'array' }).join('');
    const known = index.get(key);
    if (known !== undefined && levels.get(key) !== place.level) continue;
    index.set(key, known && known !== name ? `${known} ${name}` : name);
    levels.set(key, place.level);
  }
  return (placeIndex = index);
}

/** Share of the question's letters that are Latin: English questions, not `GDP增速`. */
function isEnglish(text: string): boolean {
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  const cjk = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  return latin >= 8 && latin > cjk * 3 && /[a-z]{2,}\s+[a-z]{2,}/i.test(text);
}

/**
 * The documents' terms for an English question, in its order (adjacent phrases joined, as
 * Chinese writes them), or null when the text is not English.
 *
 * @example
 * chineseFromEnglish('Does Inner Mongolia already have a pilot free trade zone?'); // '内蒙古 自由贸易试验区'
 * chineseFromEnglish('What was Chengdu Hi-tech Comprehensive Bonded Zone trade in 2024?'); // '什么 成都高新综合保税区 2024年'
 * chineseFromEnglish('梅河口高新区GDP'); // null
 */
export function chineseFromEnglish(text: string): string | null {
  if (!isEnglish(text)) return null;
  const lower = text.toLowerCase().replace(/[’']s\b/g, '');
  const places = placesByPinyin();
  const pieces: string[] = [];
  let run = '';
  const flush = () => {
    if (run) pieces.push(run);
    run = '';
  };
  for (let at = 0; at < lower.length; ) {
    const rest = lower.slice(at);
    const space = /^[^a-z0-9\u3400-\u9fff&]+/.exec(rest);
    if (space) {
      // `Hangzhou, Ningbo`: punctuation ends a run; spaces join an English phrase's words.
      if (/[^\s]/.test(space[0])) flush();
      at += space[0].length;
      continue;
    }
    const year = /^(?:in\s+)?((?:19|20)\d\d)(?![0-9])/.exec(rest);
    if (year) {
      flush();
      pieces.push(`${year[1]}年`);
      at += year[0].length;
      continue;
    }
    const phrase = MATCHERS.map((m) => ({ m, hit: m.pattern.exec(rest) })).find((x) => x.hit);
    if (phrase) {
      run += phrase.m.zh;
      at += phrase.hit![0].length;
      continue;
    }
    const word = /^[a-z0-9\u3400-\u9fff&-]+/.exec(rest)![0];
    const place = places.get(word);
    if (place && word.length >= 4) run += place.includes(' ') ? ` ${place} ` : place;
    else if (/[\u3400-\u9fff]/.test(word)) run += word;
    else flush();
    at += word.length;
  }
  flush();
  const out = pieces.join(' ').replace(/\s+/g, ' ').trim();
  return out === '' ? null : out;
}

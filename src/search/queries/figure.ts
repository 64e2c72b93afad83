import { expandIndicators, indicatorForms } from '../../nlp/indicators.js';
import { jieba } from '../../nlp/jieba.js';
import { normalizeQuery } from '../../nlp/normalize.js';
import { resolveZone } from '../../nlp/zone-registry.js';
import type { IndexedFigure } from '../model.js';
import type { FigureOptions } from '../service.js';
import type { Snapshot } from '../snapshot.js';
import type { FigureAnswer, FigureResult } from '../types.js';
import { byScore, clampLimit, familyNames, prepareQuery, round, zonesInText } from './common.js';

const BOOSTS = { label: 3, sentence: 1 };
const ALL = () => true;
// A growth rate means little without its level, so levels come first unless growth is asked
// for; of a from→to pair, the newer value (`to`) is the better answer.
const ROLE_WEIGHT: Record<FigureResult['role'], number> = { level: 1, to: 1, from: 0.9, range: 0.9, change: 0.55 };

const COUNT_UNITS = /^(?:万|亿)?(?:户|家|个|项|人|名|件|辆|种|条|座|所|批|次|人次|标箱)$/;

/**
 * What kind of figure a metric query asks for (`…增长` a growth rate, `…数量` a count,
 * `…面积` an area). Matching figures rank higher; a growth question outranks the rest.
 */
const INTENTS: { asks: RegExp; fits: (f: IndexedFigure) => boolean; weight: number }[] = [
  { asks: /增长|增速|增幅|同比|环比|下降|提高|涨幅|降幅/, fits: (f) => f.role === 'change', weight: 2 / ROLE_WEIGHT.change },
  { asks: /倍/, fits: (f) => f.unit === '倍', weight: 1.6 },
  { asks: /比例|占比|比重|百分|率/, fits: (f) => f.unit === '%', weight: 1.6 },
  { asks: /数量|个数|户数|家数|多少家|多少个|多少户|几家|几个/, fits: (f) => COUNT_UNITS.test(f.unit), weight: 1.6 },
  { asks: /面积|用地|占地|征地/, fits: (f) => /平方|亩|公顷/.test(f.unit), weight: 1.6 },
  { asks: /距离|多远|里程/, fits: (f) => /公里|千米|米$/.test(f.unit), weight: 1.6 },
  { asks: /排名|第几|位次|名次/, fits: (f) => f.unit === '位', weight: 1.6 },
  { asks: /金额|资金|投资|收入|营收|产值|总值|GDP|额/i, fits: (f) => f.baseUnit === '元' || f.baseUnit === '美元', weight: 1.6 },
];

/**
 * The intents of a metric text, keeping only the one named last when several match: Chinese
 * noun phrases are head-final, so in `规划面积扩大倍数` the multiple is asked for, not the area,
 * and in `营业收入增长` the growth, not the income.
 */
function headIntents(text: string): typeof INTENTS {
  const lastAt = (re: RegExp) => Math.max(-1, ...[...text.matchAll(new RegExp(re.source, `${re.flags}g`))].map((m) => m.index));
  const matched = INTENTS.map((intent) => ({ intent, at: lastAt(intent.asks) })).filter((m) => m.at >= 0);
  const head = Math.max(...matched.map((m) => m.at));
  return matched.filter((m) => m.at === head).map((m) => m.intent);
}
const QUERY_NUMBER = 0.5;
/** How many of the best text matches the preferences below reorder. */
const RERANK = 500;
const VALUE_MATCH = 3;
/** A metric that is only a number, optionally with a unit. */
const VALUE_LOOKUP = /^(\d+(?:\.\d+)?)([^\d\p{Script=Han}]{0,3}|[万亿千百]?[\p{Script=Han}]{1,3}|%)?$/u;
/** Years in a metric are filters, not words: `2022年…` or a bare 19xx/20xx not part of a figure. */
const YEAR_IN_TEXT = /(?:19|20)\d{2}年|(?<![\d.])(?:19|20)\d{2}(?![\d.%万亿千百个家户元年])/g;
const EXACT_ZONE = 1.5;
const YEAR_MATCH = 1.5;
const YEAR_CONTRADICTED = 0.7;
const LABEL_CONTAINS_QUERY = 1.6;

/**
 * Figures matching a metric, optionally for a zone (and its place family) and a year.
 * A zone or year typed inside the metric text (`2022年地区生产总值`) counts as a preference.
 *
 * @example
 * figure(snapshot, '招商引资', { zone: '梅河口' }).results[0]; // { value: 141.5, unit: '亿元', … }
 */
export function figure(snapshot: Snapshot, metric: string, options: FigureOptions = {}): FigureAnswer {
  const { text, notes } = prepareQuery(metric);
  const answer: FigureAnswer = { command: 'figure', query: text, zone: null, year: null, exact: false, results: [], suggestions: [], notes };

  let family: Set<string> | null = null;
  let exactZone: string | null = null;
  if (options.zone && options.zone.trim()) {
    const filter = zoneFilter(snapshot, options.zone, notes);
    if ('suggestions' in filter) {
      answer.suggestions = filter.suggestions;
      return answer;
    }
    ({ family, exact: exactZone } = filter);
    answer.zone = filter.shown;
  }
  const inText = zonesInText(text, snapshot.registry).zones[0];
  const preferredZone = exactZone ?? inText?.name ?? null;

  const strictYear = options.year?.trim() ? (yearOf(options.year) ?? normalizeQuery(options.year)) : null;
  const textYear = yearOf(text);
  answer.year = strictYear;
  const metricText = expandIndicators(text.replace(YEAR_IN_TEXT, ' '));
  if (!/[\p{L}\p{N}]/u.test(metricText) && !family) {
    notes.push('请输入要查的指标，例如：招商引资、固定资产投资。/ Please name a metric.');
    return answer;
  }

  const inFamily = (figure: IndexedFigure) => !family || (figure.zone !== null && family.has(figure.zone));
  const inYear = (figure: IndexedFigure) => !strictYear || (figure.year ?? '').includes(strictYear);
  const wanted = metricText.replace(/\s+/g, '');
  const intents = headIntents(metricText);
  // A bare value (`141.5`, `141.5亿元`) looks the figure up by value; numbers typed among
  // words (`5000万元以上项目`) describe the metric and are not the answer.
  const lookup = VALUE_LOOKUP.exec(wanted);
  const byValue = lookup ? { value: Number(lookup[1]), unit: lookup[2] ?? '' } : null;
  const typedNumbers = byValue ? new Set<number>() : new Set([...metricText.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0])));
  const core = [...ASPECT_WORDS].reduce((text, word) => text.split(word).join(''), wanted);
  const prefs: Preferences = { preferredZone, textYear, wanted, core, intents, typedNumbers, byValue };
  const limit = clampLimit(options.limit);

  const ranked = rank(snapshot, metricText, family || strictYear ? (f) => inFamily(f) && inYear(f) : ALL, prefs);
  // A metric typed as words must be what a figure measures (its label) or be said in its
  // sentence; otherwise the best text matches are other metrics that share a word.
  const onTopic = byValue || !/\p{Script=Han}{2}/u.test(wanted) || ranked.some(({ figure }) => aboutMetric(figure, wanted));
  if (onTopic && ranked.length > 0) {
    answer.results = ranked.slice(0, limit).map(({ figure, score }) => toResult(figure, score));
    answer.exact = true;
    return answer;
  }
  // Nothing about the metric for the filters: say so, and offer the nearest real answers
  // without them (`没有2020年的地区生产总值；最近：2022年 梅河口市 290.09亿元`).
  if (strictYear || family) {
    const nearest = [
      ...(strictYear ? rank(snapshot, metricText, inFamily, prefs) : []),
      ...(family ? rank(snapshot, metricText, inYear, prefs) : []),
      ...(strictYear && family ? rank(snapshot, metricText, ALL, prefs) : []),
    ].filter(({ figure }) => aboutMetric(figure, wanted));
    const shown = [...new Map(nearest.map((n) => [n.figure.id, n])).values()].slice(0, limit);
    if (shown.length > 0) {
      const what = [answer.zone ? `“${answer.zone}”` : '', strictYear ? `${strictYear}年` : ''].join('');
      notes.push(`没有${what}的“${text}”；最近的数字：${shown.slice(0, 3).map(({ figure }) => describeFigure(figure)).join('；')}。/ No “${text}” for ${[answer.zone, strictYear].filter(Boolean).join(', ')}; nearest shown.`);
      answer.results = shown.map(({ figure, score }) => toResult(figure, score));
      return answer;
    }
  }
  if (ranked.length > 0) {
    // Text matches none of which names the metric: shown, but never as if they answered it.
    notes.push(`没有找到明确是“${text}”的数字，以下结果只是文字相近。/ Nothing is clearly “${text}”; these only share words with it.`);
    answer.results = ranked.slice(0, limit).map(({ figure, score }) => toResult(figure, score));
    return answer;
  }
  notes.push('没有找到匹配的数字。/ No matching figure.');
  answer.suggestions = suggestLabels(snapshot, metricText);
  return answer;
}

/** Figures matching the metric among those `accept` lets through, best first. */
function rank(snapshot: Snapshot, metricText: string, accept: (f: IndexedFigure) => boolean, prefs: Preferences): { figure: IndexedFigure; score: number }[] {
  const all = accept === ALL;
  const hits = /[\p{L}\p{N}]/u.test(metricText)
    ? snapshot.figureSearch
        // Without a filter there is nothing to check per posting.
        .search(metricText, BOOSTS, all ? {} : { accept: (id: string) => accept(snapshot.figureById.get(id)!) })
        .map((h) => ({ figure: snapshot.figureById.get(h.id)!, score: h.score }))
    : snapshot.model.figures.filter(accept).map((f) => ({ figure: f, score: 1 }));
  return (
    hits
      // Preferences reorder the best matches; they never lift a figure from deep in the list.
      .slice(0, RERANK)
      .map(({ figure, score }) => ({ figure, score: score * weight(figure, prefs) }))
      .sort(byScore((h) => h.figure.id))
  );
}

// Words of a metric that ask for a role, a unit or an aspect, which the figure's role and unit
// answer (`石漠化综合治理面积` → `石漠化综合治理600平方公里`), not a word its text must hold.
const ASPECT_WORDS = new Set(
  ['同比', '环比', '增长', '增速', '增幅', '增长率', '涨幅', '降幅', '下降', '提高', '目标', '总量', '规模', '数量', '个数', '人数', '户数', '家数', '倍数', '比重', '占比', '比例', '面积', '距离', '金额', '排名', '名次', '位次', '多少', '多大', '多远', '多长'],
);

/**
 * Whether a figure is about the metric typed: its label or sentence holds the metric's head
 * word (its last word: Chinese noun phrases are head-final) and at least half of its words
 * (jieba's, of two or more characters, aspect words like `增长` aside). `地区生产总值` is not
 * about a sentence that only shares `地区` with it. A query answers with its ranked matches
 * when any of them is about the metric; when none is, it says so instead of showing them.
 *
 * @example
 * aboutMetric({ label: '招商引资到位资金', sentence: '…招商引资到位资金141.5亿元，同比增长16.5%' }, '招商引资同比增长'); // true
 * aboutMetric({ label: '开工建设总投资', sentence: '…开工建设总投资15亿元' }, '地区生产总值'); // false
 */
export function aboutMetric(figure: Pick<IndexedFigure, 'label' | 'sentence'>, metric: string): boolean {
  // jieba's search mode also gives the parts of compounds (`粮食产量` → 粮食, 产量); the finest
  // parts are compared, so `粮食产量` is about `粮食总产量`.
  const cut = [...new Set(jieba.cutForSearch(metric, true).filter((w) => /\p{Script=Han}{2}/u.test(w) && !ASPECT_WORDS.has(w)))];
  const words = cut.filter((w) => !cut.some((other) => other !== w && w.includes(other)));
  if (words.length === 0) return true;
  const said = figure.label + figure.sentence;
  const present = (w: string) => indicatorForms(w).some((form) => said.includes(form));
  // Chinese noun phrases are head-final: `地区生产总值` is about 总值 of production, not 地区.
  return present(words.at(-1)!) && words.filter(present).length * 2 >= words.length;
}

/** `2022年 梅河口市 290.09亿元`: a figure in one line, for notes. */
function describeFigure(f: IndexedFigure): string {
  return [f.year && /^\d{4}$/.test(f.year) ? `${f.year}年` : f.year, f.zone, `${f.value}${f.unit}`, f.label].filter(Boolean).join(' ');
}

/**
 * What `zone:` filters to: the entry, what lies inside it, and the place it lies in for context
 * (`梅河口高新区` › `梅河口市`, ranked after its own); for a real place the documents name only
 * through what lies inside it (`江苏`), those entries. Else the suggestions to offer instead.
 */
function zoneFilter(
  snapshot: Snapshot,
  input: string,
  notes: string[],
): { family: Set<string>; exact: string | null; shown: string } | { suggestions: string[] } {
  const resolved = resolveZone(snapshot.registry, input);
  if (resolved.zone) {
    const family = new Set([...familyNames(snapshot.registry, resolved.zone), ...resolved.zone.within.slice(0, 1)]);
    return { family, exact: resolved.zone.name, shown: resolved.zone.name };
  }
  const place = resolved.place?.name;
  if (place && resolved.candidates.length > 0) {
    notes.push(`按“${place}”境内的地区查询。/ Figures of places inside ${place}.`);
    return { family: new Set(resolved.candidates.map((c) => c.name)), exact: null, shown: place };
  }
  notes.push(place ? `资料中没有关于“${place}”的内容。/ The documents do not cover ${place}.` : `没有找到地区“${input.trim()}”。/ Unknown zone.`);
  return { suggestions: resolved.candidates.slice(0, 5).map((c) => c.name) };
}

const SHARE_LABEL = /占.*(?:比重|比例)|占比|比重$/;
const SHARE_ASKED = /比重|占|比例|率|%|百分/;
const RANK_ASKED = /排名|排位|位次|名次|第几|排第|居第|位居|位列|排/;
/** A rank says where a value stands, not the value: below even a change when unasked. */
const RANK_UNASKED = 0.4;
/** Another measure than the one asked for: a share, a per-capita figure, a multi-year average. */
const UNASKED = 0.6;


interface Preferences {
  preferredZone: string | null;
  textYear: string | null;
  wanted: string;
  /** `wanted` without the words that ask for an aspect (`数量`, `增速`): the measure itself. */
  core: string;
  intents: typeof INTENTS;
  typedNumbers: Set<number>;
  byValue: { value: number; unit: string } | null;
}

function weight(figure: IndexedFigure, prefs: Preferences): number {
  let w = ROLE_WEIGHT[figure.role];
  for (const intent of prefs.intents) if (intent.fits(figure)) w *= intent.weight;
  if (prefs.typedNumbers.has(figure.value)) w *= QUERY_NUMBER;
  if (prefs.byValue && figure.value === prefs.byValue.value) w *= prefs.byValue.unit && figure.unit === prefs.byValue.unit ? VALUE_MATCH * 1.5 : VALUE_MATCH;
  if (prefs.preferredZone && figure.zone === prefs.preferredZone) w *= EXACT_ZONE;
  if (prefs.textYear && (figure.year ?? '').includes(prefs.textYear)) w *= YEAR_MATCH;
  // A year the sentence states against the one asked for is evidence against the figure; a
  // year taken from the article's date is not (`五年看头年…项目98个` in a 2022 article is 2021's).
  else if (prefs.textYear && figure.yearBy === 'stated') w *= YEAR_CONTRADICTED;
  // Labels compared with their short forms spelled out, as the query is (规上 → 规模以上).
  if (prefs.core.length >= 2 && expandIndicators(figure.label).includes(prefs.core)) w *= LABEL_CONTAINS_QUERY;
  // `常住人口` asks for the population, not the `城镇常住人口占常住人口比重` beside it; `GDP` for
  // the total, not the per-capita figure; a year's growth, not the five-year average (年均).
  if (SHARE_LABEL.test(figure.label) && !SHARE_ASKED.test(prefs.wanted)) w *= UNASKED;
  if (figure.label.startsWith('人均') && !prefs.wanted.includes('人均')) w *= UNASKED;
  if (figure.qualifiers.includes('年均') && !prefs.wanted.includes('年均')) w *= UNASKED;
  // …and the value, not where it ranks (`规上工业增加值增速居全国第4位`).
  if (figure.unit === '位' && !RANK_ASKED.test(prefs.wanted)) w *= RANK_UNASKED;
  return w;
}

export function toResult(figure: IndexedFigure, score?: number): FigureResult {
  const { id: _id, ...rest } = figure;
  return score === undefined ? rest : { ...rest, score: round(score) };
}

function yearOf(text: string): string | null {
  return (text.match(YEAR_IN_TEXT)?.[0] ?? '').slice(0, 4) || null;
}

/** Labels sharing characters with the query, most shared first: did-you-mean for metrics. */
export function suggestLabels(snapshot: Snapshot, text: string, count = 5): string[] {
  const chars = new Set([...text].filter((c) => /\p{Script=Han}/u.test(c)));
  if (chars.size === 0) return [];
  return snapshot.labels
    .map(({ label }) => ({ label, share: [...new Set(label)].filter((c) => chars.has(c)).length / Math.max(label.length, chars.size) }))
    .filter((l) => l.share > 0)
    .sort((a, b) => b.share - a.share)
    .slice(0, count)
    .map((l) => l.label);
}

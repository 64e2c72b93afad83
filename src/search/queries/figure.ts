import { expandIndicators } from '../../nlp/indicators.js';
import { normalizeQuery } from '../../nlp/normalize.js';
import { resolveZone } from '../../nlp/zone-registry.js';
import type { IndexedFigure } from '../model.js';
import type { FigureOptions } from '../service.js';
import type { Snapshot } from '../snapshot.js';
import type { FigureAnswer, FigureResult } from '../types.js';
import { clampLimit, familyNames, prepareQuery, round, zonesInText } from './common.js';

const BOOSTS = { label: 3, sentence: 1 };
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
  const answer: FigureAnswer = { command: 'figure', query: text, zone: null, year: null, results: [], suggestions: [], notes };

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

  const accepts = (figure: IndexedFigure) => (!family || (figure.zone !== null && family.has(figure.zone))) && (!strictYear || (figure.year ?? '').includes(strictYear));
  // Without a zone or year there is nothing to filter: no check per posting.
  const filter = family || strictYear ? { accept: (id: string) => accepts(snapshot.figureById.get(id)!) } : {};
  const hits = /[\p{L}\p{N}]/u.test(metricText)
    ? snapshot.figureSearch.search(metricText, BOOSTS, filter).map((h) => ({ figure: snapshot.figureById.get(h.id)!, score: h.score }))
    : snapshot.model.figures.filter(accepts).map((f) => ({ figure: f, score: 1 }));
  const wanted = metricText.replace(/\s+/g, '');
  const intents = headIntents(metricText);
  // A bare value (`141.5`, `141.5亿元`) looks the figure up by value; numbers typed among
  // words (`5000万元以上项目`) describe the metric and are not the answer.
  const lookup = VALUE_LOOKUP.exec(wanted);
  const byValue = lookup ? { value: Number(lookup[1]), unit: lookup[2] ?? '' } : null;
  const typedNumbers = byValue ? new Set<number>() : new Set([...metricText.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0])));
  const scored = hits
    // Preferences reorder the best matches; they never lift a figure from deep in the list.
    .slice(0, RERANK)
    .map(({ figure, score }) => ({ figure, score: score * weight(figure, { preferredZone, textYear, wanted, intents, typedNumbers, byValue }) }))
    .sort((a, b) => b.score - a.score);

  answer.results = scored.slice(0, clampLimit(options.limit)).map(({ figure, score }) => toResult(figure, score));
  if (answer.results.length === 0) {
    notes.push('没有找到匹配的数字。/ No matching figure.');
    answer.suggestions = suggestLabels(snapshot, metricText);
  }
  return answer;
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

interface Preferences {
  preferredZone: string | null;
  textYear: string | null;
  wanted: string;
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
  if (prefs.wanted.length >= 2 && figure.label.includes(prefs.wanted)) w *= LABEL_CONTAINS_QUERY;
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

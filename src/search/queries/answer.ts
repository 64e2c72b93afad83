import { expandIndicators, indicatorForms } from '../../nlp/indicators.js';
import { jieba } from '../../nlp/jieba.js';
import { bigrams } from '../../nlp/tokenizer.js';
import { toBaseAmount } from '../../nlp/units.js';
import { spotPlaces } from '../../places/spot.js';
import { isPlaceKind, resolveZone } from '../../nlp/zone-registry.js';
import { findZoneMentions } from '../../nlp/zones.js';
import type { IndexedFigure, IndexedPassage } from '../model.js';
import type { Snapshot } from '../snapshot.js';
import type { DirectAnswer, Range } from '../types.js';
import { sentences } from '../../corpus/passages.js';
import { round } from './common.js';
import { namesBoth, namingCue, namingSpan } from './naming.js';
import { toResult } from './figure.js';

/**
 * The direct answer to a question: a figure for a question asking for a quantity, an
 * enumerated or naming span for one asking which or what, the best sentence otherwise; always
 * a verbatim span of one of the best passages, with its citation. No answer when the evidence
 * is weak: the question's words are mostly absent from the passages, it names a place or a
 * year the documents do not cover, or nothing of the kind asked for is there.
 */

// What a question asks with; not words the answer must contain.
const QUESTION_WORDS = /多少|多大|多远|多长时间|多长|多久|多高|几[个家项户人年次倍天位名种条所座]?|第几|排名第几|排第几|排在|比例是|增长了多少|哪些|哪几|什么|啥|哪个|哪家|哪里|谁|为什么|怎么样|怎么|如何|是否|有没有|吗|呢|请问|一下|[？?！!。，,、\s]/g;
const ASKS_QUANTITY = /多少|多大|多远|多长|多久|多高|几[个家项户人年次倍天位名种条所座]?|第几|排名|比例|占比|比重|增速|增长率|百分之/;
const ASKS_SPAN = /哪些|哪几|什么|啥|哪个|哪家|哪里|谁|包括/;
const YEAR = /((?:19|20)\d{2})年?/;

/** The unit kinds a quantity question wants, by its wording (head-final: the last match wins). */
const WANTS: [RegExp, (f: IndexedFigure) => boolean][] = [
  [/多远|距离|公里/, (f) => /公里|米$/.test(f.baseUnit)],
  [/第几|排名|排第|名次|位次/, (f) => f.baseUnit === '位'],
  [/几倍|多少倍/, (f) => f.unit === '倍'],
  [/比例|占比|比重|百分之|增速|增长率|增长了?多少|涨幅|降幅/, (f) => f.unit === '%' || f.role === 'change'],
  [/面积|多大/, (f) => /平方|亩|公顷/.test(f.unit)],
  [/多长时间|多久|几年|几天|几个月/, (f) => /年|天|月|小时|分钟|周/.test(f.baseUnit)],
  [/多少钱|金额|投资|收入|营收|产值|总值|资金|GDP/i, (f) => f.baseUnit === '元' || f.baseUnit === '美元'],
  [/多少人|几人|人口|人次/, (f) => /人/.test(f.baseUnit)],
  [/发电|电量|用电|多少电|度电/, (f) => /千瓦时|kWh|GWh/i.test(f.baseUnit)],
  [/重量|多少吨/, (f) => /吨|公斤|斤|担/.test(f.baseUnit)],
  // A unit named in the question (`是多少亿元`) says what kind of figure answers.
  [/[亿万千]?元|美元/, (f) => f.baseUnit === '元' || f.baseUnit === '美元'],
  [/百分之|%/, (f) => f.unit === '%'],
  [/几[个家项户所座条种]|多少[个家项户所座条种]|数量|个数/, (f) => f.baseUnit !== '元' && f.baseUnit !== '%' && f.baseUnit !== '位'],
];

/** Naming answers are looked for in this many of the best sentences… */
const NAMING_SENTENCES = 6;
/** …that share at least this part of the best sentence's closeness to the question. */
const NAMING_SHARE = 0.6;
/** Evidence the answer rests on must cover at least this share of the question's words. */
const MIN_COVERAGE = 0.6;
/** Below this confidence there is no answer line, only passages. */
export const MIN_CONFIDENCE = 0.35;
const TOP = 3;

interface Context {
  /** The question's content bigrams (question words and punctuation left out). */
  grams: string[];
  /** Its content words (jieba's, two characters or more). */
  words: string[];
  /** Its content words that are not places or years: what it asks about. */
  metricWords: string[];
  /** The question asks for a whole year (`全年`), not a part of one. */
  wholeYear: boolean;
  /** Canonical names of the zones the question names, with what lies inside them. */
  family: Set<string>;
  year: string | null;
}

/**
 * The answer to `question` from the best passages (`ranked`, best first), or null; `weak` says
 * the documents do not answer it (no answer cleared the evidence thresholds: the reply says so
 * first, then shows the passages as possibly related).
 *
 * @example
 * directAnswer(snapshot, '梅河口离长春有多远？', ranked, family).answer?.text; // '163公里'
 */
export function directAnswer(snapshot: Snapshot, question: string, ranked: IndexedPassage[], family: Set<string>): { answer: DirectAnswer | null; weak: boolean } {
  // The question's words, and the official names of the indicators it abbreviates (规上 → 规模以上).
  const content = question.replace(QUESTION_WORDS, ' ');
  const expanded = expandIndicators(content);
  const words = contentWords(content);
  const zoneWords = new Set([...family].flatMap((name) => snapshot.registry.entries.filter((e) => e.name === name).flatMap((e) => [e.name, e.place, ...e.aliases])));
  const isZoneWord = (w: string) => [...zoneWords].some((z) => z.includes(w) || w.includes(z));
  // Not a place, a year or a unit (`亿元` says the kind of answer, not what is measured).
  const metricWords = words.filter((w) => !isZoneWord(w) && !/\d/.test(w) && !snapshot.registry.byName.has(w) && toBaseAmount(1, w) === null);
  const ctx: Context = {
    grams: [...new Set(bigrams(expanded === content ? content : `${content} ${expanded}`))],
    words,
    metricWords,
    family,
    year: YEAR.exec(question)?.[1] ?? null,
    wholeYear: /全年|全年度|年度/.test(question) && !PART_OF_YEAR.test(question),
  };
  const top = ranked.slice(0, TOP);
  if (top.length === 0 || ctx.grams.length === 0 || namesUncoveredPlace(snapshot, question, ASKS_QUANTITY.test(question))) return { answer: null, weak: true };
  // Evidence: the share of the question's words a passage holds (its places count when the
  // passage is about them; `规上` counts as its official name `规模以上`).
  const isAbout = (p: IndexedPassage) => isAboutFamily(p, family);
  const coverage = (p: IndexedPassage) => {
    if (words.length === 0) return 0;
    const present = (w: string) => (isAbout(p) && isZoneWord(w)) || indicatorForms(w).some((f) => p.text.includes(f));
    return words.filter(present).length / words.length;
  };
  const best = Math.max(...top.map(coverage));
  const yearOf = (p: IndexedPassage) => p.text.includes(ctx.year!) || passageFigures(snapshot, p.id).some((f) => (f.year ?? '').includes(ctx.year!));
  const aboutZone = family.size === 0 || top.some(isAbout);
  // The year asked for is stated in a passage, or dates one of its figures (a bulletin's 全年).
  const hasYear = ctx.year === null || top.some(yearOf);
  if (best < MIN_COVERAGE || !aboutZone || !hasYear) return { answer: null, weak: true };

  const answer = ASKS_QUANTITY.test(question) ? figureAnswer(snapshot, question, top, ctx) : spanAnswer(question, top, ctx, ASKS_SPAN.test(question));
  // Passages close to the question but none holding what it asks (`珠海离长春有多远？`): the
  // documents do not answer it either, and the reply says so before the related passages.
  const given = answer && answer.confidence >= MIN_CONFIDENCE ? answer : null;
  return { answer: given, weak: given === null };
}

/** A passage about one of the places: it names one, or one is its subject. */
function isAboutFamily(p: IndexedPassage, family: Set<string>): boolean {
  return p.zones.some((z) => family.has(z)) || (p.subject !== null && family.has(p.subject));
}

// Words of a question that say nothing about its subject.
const FILLER = new Set(['现在', '目前', '具体', '一下', '请问', '已经', '一共', '到底', '大概', '打算', '主要', '情况', '相关', '哪儿', '哪里']);

/** The question's content words (jieba's, two characters or more, filler left out). */
function contentWords(content: string): string[] {
  return [...new Set(jieba.cut(content, true).filter((w) => /\p{Script=Han}{2}|[A-Za-z]{2}/u.test(w) && !FILLER.has(w)))];
}

/**
 * A place the question names that the documents do not cover (`上海`, `苏州市`): a full name,
 * or a province's or a city's short name (a county's short name is as often a word: `新兴`).
 */
function namesUncoveredPlace(snapshot: Snapshot, question: string, quantity: boolean): boolean {
  // A zone the documents never name (`通化高新区`), even where they name its city.
  const zones = findZoneMentions(question).filter((m) => m.place !== '' && !m.self && !isPlaceKind(m.kind));
  if (zones.some((m) => resolveZone(snapshot.registry, m.name).via === 'gazetteer' || !snapshot.registry.byName.has(m.name))) return true;
  return spotPlaces(question).some((hit) => {
    if (!hit.full && hit.places.every((p) => p.level === 'county')) return false;
    const resolved = resolveZone(snapshot.registry, hit.surface);
    // A figure of a zone inside it (兰州新区) is not the place's own (甘肃省's GDP): for a
    // quantity, a place the documents say nothing of itself is not covered.
    return resolved.zone === null && resolved.via === 'gazetteer' && (quantity || resolved.candidates.length === 0);
  });
}

// Figures of each passage, built once per index generation.
const figuresOf = new WeakMap<Snapshot, Map<string, IndexedFigure[]>>();

function passageFigures(snapshot: Snapshot, passageId: string): IndexedFigure[] {
  let byPassage = figuresOf.get(snapshot);
  if (!byPassage) {
    byPassage = new Map();
    for (const f of snapshot.model.figures) (byPassage.get(f.citation.passage) ?? byPassage.set(f.citation.passage, []).get(f.citation.passage)!).push(f);
    figuresOf.set(snapshot, byPassage);
  }
  return byPassage.get(passageId) ?? [];
}

/** The clause (or list item) of a sentence around [start, end). */
function clauseAround(sentence: string, start: number, end: number): string {
  const from = Math.max(...['，', '；', '。', ',', ';', '、'].map((p) => sentence.lastIndexOf(p, start - 1))) + 1;
  const to = sentence.slice(end).search(/[，；。,;、]/);
  return sentence.slice(from, to < 0 ? undefined : end + to);
}

function figureAnswer(snapshot: Snapshot, question: string, top: IndexedPassage[], ctx: Context): DirectAnswer | null {
  // Head-final: of several kinds named, the one named last is asked for (`固定资产投资增长了多少`).
  const named = WANTS.map(([asks, fits]) => ({ fits, at: Math.max(-1, ...[...question.matchAll(new RegExp(asks.source, 'g'))].map((m) => m.index)) })).filter((w) => w.at >= 0);
  const last = Math.max(...named.map((w) => w.at));
  const wants = named.filter((w) => w.at === last).map((w) => w.fits);
  const currency = /人民币/.test(question) ? '元' : /美元/.test(question) ? '美元' : /欧元/.test(question) ? '欧元' : null;
  let best: { f: IndexedFigure; score: number } | null = null;
  const share = (text: string) => ctx.grams.filter((g) => text.includes(g)).length / ctx.grams.length;
  top.forEach((passage, rank) => {
    for (const f of passageFigures(snapshot, passage.id)) {
      if (wants.length > 0 && !wants.some((fits) => fits(f))) continue;
      // A currency named in the question is the currency of the answer (`折合人民币` is not 8亿美元).
      if (currency !== null && f.baseUnit !== currency) continue;
      // What the question measures (its words that are not places) must be said by the figure's
      // label or clause: `人均可支配收入是多少元` is not answered by a GDP in 亿元.
      const nearText = f.label + clauseAround(f.sentence, f.span[0], f.span[1]);
      if (ctx.metricWords.length > 0 && !ctx.metricWords.some((w) => indicatorForms(w).some((form) => nearText.includes(form)))) continue;
      // …including its head, the last word (Chinese noun phrases are head-final): a question
      // about `规模以上工业增加值` is not answered by the `地区生产总值` of the same bulletin.
      const head = ctx.metricWords.filter((w) => !CHANGE_ASPECT.test(w)).at(-1);
      if (head !== undefined && HEAD_NOUN.test(head) && !indicatorForms(head).some((form) => nearText.includes(form))) continue;
      // Nor by another of a set of alternatives: `出口…时间` is not the `进口…时间` beside it,
      // `工业增加值` not the `第一产业增加值`.
      if (contrasts(question, f.label)) continue;
      // The sentence must be about the question; the figure's own clause says which of its figures.
      // …and the figure's label says most of what is measured (`园区业务额`, not the `进出口额`
      // beside it in the same sentence).
      const named = ctx.metricWords.length === 0 ? 0 : ctx.metricWords.filter((w) => indicatorForms(w).some((form) => f.label.includes(form))).length / ctx.metricWords.length;
      let score = (share(f.sentence) * 0.5 + share(nearText) * 0.5 + named * 0.3 + (wants.length > 0 ? 0.3 : 0)) * (1 - rank * 0.15);
      // Another place's or another year's figure is a confident wrong answer: never offered.
      if (ctx.family.size > 0 && !(f.zone !== null ? ctx.family.has(f.zone) : isAboutFamily(passage, ctx.family))) continue;
      if (ctx.year && !(f.year ?? '').includes(ctx.year)) continue;
      // A whole year asked for (`2024年全年…`) is not answered by a part of it (`2024年前三季度`).
      if (ctx.wholeYear && PART_OF_YEAR.test(f.year ?? '')) continue;
      // Of a from→to pair the newer value answers; a company's figure is not the place's.
      if (f.role === 'from') score *= 0.8;
      if (f.owner) score *= 0.8;
      if (!best || score > best.score) best = { f, score };
    }
  });
  if (!best) return null;
  const { f, score } = best as { f: IndexedFigure; score: number };
  const result = toResult(f);
  return {
    kind: 'figure',
    text: f.sentence.slice(f.span[0], f.span[1]),
    value: f.value,
    unit: f.unit,
    label: f.label,
    zone: f.zone,
    year: f.year,
    yearBy: f.yearBy,
    qualifiers: f.qualifiers,
    sentence: f.sentence,
    span: f.span,
    confidence: round(Math.min(1, score)),
    citation: result.citation,
  };
}

const PART_OF_YEAR = /季度|上半年|下半年|\d+(?:—|-|–|至|到)\d+月|\d+月/;

// Heads that name a measure (an amount, a value, an income …), not a company or an event.
const HEAD_NOUN = /(?:值|额|量|率|度|收入|投资|总值|人口|面积|数)$/;
// Words that ask how a measure changed (`增加值增长多少`): the head is the measure before them.
const CHANGE_ASPECT = /^(?:增长|增速|增幅|同比|环比|下降|提高|上涨|涨幅|降幅|减少|增加|上升)$/;

// Words that name one of a set of alternatives: a label naming another of them (and not the one
// asked about) measures something else.
const ALTERNATIVES = [
  ['进口', '出口'],
  ['城镇', '农村'],
  ['城镇', '乡村'],
  ['第一产业', '第二产业', '第三产业', '工业', '服务业', '建筑业', '农业'],
  ['上半年', '下半年'],
  ['省内', '省外'],
  ['境内', '境外'],
  ['公办', '民办'],
];

/**
 * Whether the label names another alternative than the question does.
 *
 * @example
 * contrasts('出口整体通关时间是多少？', '进口整体通关时间'); // true
 * contrasts('进出口总额是多少？', '出口额'); // false: 进出口 names both
 */
export function contrasts(question: string, label: string): boolean {
  return ALTERNATIVES.some((set) => {
    const asked = set.filter((w) => question.includes(w));
    if (asked.length !== 1) return false;
    const named = set.filter((w) => label.includes(w));
    return named.length > 0 && !named.includes(asked[0]!);
  });
}

/** A sentence dated to other years than the one asked about is about something else. */
function yearFit(sentence: string, year: string | null): number {
  if (year === null || sentence.includes(year)) return 1;
  return /(?:19|20)\d{2}年/.test(sentence) ? 0.5 : 1;
}

// `医药健康、健康食品、静脉环保等`: an enumeration of two or more items.
const ENUMERATION = /(?:[^\s、，。；：,;:等]{2,10}、)+[^\s、，。；：,;:等]{2,10}(?:等)?/g;

function spanAnswer(question: string, top: IndexedPassage[], ctx: Context, wantsSpan: boolean): DirectAnswer | null {
  const scored = top.flatMap((passage, rank) =>
    sentences(passage.text).map((s) => ({ passage, sentence: s.text, score: (ctx.grams.filter((g) => s.text.includes(g)).length / ctx.grams.length) * (1 - rank * 0.15) * yearFit(s.text, ctx.year) })),
  );
  // Ties keep the passages' order (stable sort): the best-ranked passage's sentence first.
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best) return null;
  // A which/what question names something: the best sentence that names it in the question's
  // grammar (`建成了…等公共服务平台`) answers, if it is nearly as close to the question.
  const cue = wantsSpan ? namingCue(question, ctx.words) : null;
  if (cue) {
    // Close to the question, or short but holding both its verb and its head noun
    // (`长春药品进出口口岸成功获批` for `新获批了什么口岸`).
    const close = scored.slice(0, NAMING_SENTENCES).filter((c) => c.score >= best.score * NAMING_SHARE);
    const pointed = scored.filter((c) => !close.includes(c) && namesBoth(c.sentence, cue));
    const bestNamed = (candidates: typeof scored) =>
      candidates
        .flatMap((c) => {
          const found = namingSpan(c.sentence, cue, question);
          return found ? [{ ...c, ...found }] : [];
        })
        .sort((a, b) => b.rank - a.rank || b.score - a.score)[0];
    // The close sentences first; the pointed ones only when none of those names anything.
    const fromClose = bestNamed(close);
    // A pointed sentence shares few of the question's words itself; its passage, among the
    // best, holds the rest (the year, the zone), so it is as sure as that passage's best sentence.
    const fromPointed = fromClose ? undefined : bestNamed(pointed.filter((c) => close.some((k) => k.passage === c.passage)));
    const named = fromClose ?? (fromPointed && { ...fromPointed, score: best.score * 0.9 });
    if (!named && cue.head !== null) {
      // It asks to name a kind of thing (`什么口岸`) and no sentence names one: an unrelated
      // enumeration would be a confident wrong answer.
      return null;
    }
    if (named) {
      return {
        kind: 'span',
        text: named.sentence.slice(named.range[0], named.range[1]).trim(),
        sentence: named.sentence,
        span: named.range,
        confidence: round(Math.min(1, named.score * 1.2)),
        citation: { ...named.passage.citation },
      };
    }
  }
  const { passage, sentence, score } = best;
  let span: Range = [0, sentence.length];
  let kind: DirectAnswer['kind'] = 'sentence';
  if (wantsSpan) {
    // The enumeration next to the question's words, not one that repeats them.
    const lists = [...sentence.matchAll(ENUMERATION)].filter((m) => !ctx.grams.some((g) => g.length === 2 && m[0].includes(g)));
    if (lists.length > 0) {
      const at = ctx.grams.map((g) => sentence.indexOf(g)).filter((i) => i >= 0);
      const distance = (m: RegExpMatchArray) => Math.min(...at.map((i) => Math.min(Math.abs(i - m.index!), Math.abs(i - (m.index! + m[0].length)))));
      const list = lists.sort((a, b) => distance(a) - distance(b) || b[0].length - a[0].length)[0]!;
      span = [list.index, list.index + list[0].length];
      kind = 'span';
    }
  }
  return {
    kind,
    text: sentence.slice(span[0], span[1]).trim(),
    sentence,
    span,
    confidence: round(Math.min(1, score * (kind === 'span' ? 1.1 : 0.9))),
    citation: { ...passage.citation },
  };
}

import {
  ANY_UNIT,
  CHINESE_NUMERAL,
  KIND_LABEL,
  MULTIPLIER,
  MULTIPLIERS,
  SCALABLE_UNITS,
  alternation,
  parseChineseInteger,
  scale,
  unitInfo,
  type UnitKind,
} from './units.js';

/** One number with its unit in a sentence, with what it measures and how it relates to its neighbours. */
export interface ExtractedFigure {
  /** Value as printed, as a number: 141.5 for `141.5亿元`, 760 for `760多家`, 3.5 for `3.5万户`. */
  value: number;
  /** Value and unit exactly as printed in the sentence (`141.5亿元`, `1.4亿多元`, `第26位`). */
  raw: string;
  /** Unit as printed, multiplier included, approximation words left out: `亿元` for `1.4亿多元`. */
  unit: string;
  /** Value with 万/亿/千 multiplied out, in `baseUnit`: 14150000000 for `141.5亿元`. */
  amount: number;
  baseUnit: string;
  /** The metric it measures (`招商引资到位资金`); never empty, at most 16 characters. */
  label: string;
  /** Approximation, direction and modality words around the number, as printed (`同比增长`, `约`, `以上`, `预计`). */
  qualifiers: string[];
  role: 'level' | 'change' | 'from' | 'to' | 'range';
  /** For a change, the index (in the returned array) of the level figure it changes, else null. */
  changeOf: number | null;
  /**
   * Year (`2020`), period (`前三季度`, `“十三五”期间`, `2016年以来`) or relative time word
   * (`去年`, `全年`, as printed: the build resolves it against the article's date) stated
   * nearest before it in the sentence.
   */
  year: string | null;
  /** [start, end) of `raw` within the sentence, in UTF-16 code units. */
  span: [number, number];
}

type Role = ExtractedFigure['role'];

/** A number and unit as the pattern found them, before the sentence around them is read. */
interface Quantity {
  start: number;
  end: number;
  value: number;
  unit: string;
  amount: number;
  baseUnit: string;
  kind: UnitKind;
  /** Approximation words printed inside the quantity (`多` of `760多家`). */
  infix: string[];
  /** The low end of a range printed without its own unit (`3` of `3到5亿元`). */
  rangeLow: boolean;
}

// ── Patterns ────────────────────────────────────────────────────────────────────────────────

const ARABIC = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
// A number never starts inside another number or a Latin token (`5G`, `O2O`, `III期`); the
// look-behinds also keep matching linear on long digit runs.
const NUMBER = (name: string) => `(?<${name}>(?<![\\dA-Za-z.])${ARABIC}|(?<!${CHINESE_NUMERAL})${CHINESE_NUMERAL}{1,8})`;
const APPROX_INFIX = '个?多|余';
const QUANTITY =
  `(?:${NUMBER('low')}(?:到|至|~|—|–|-))?${NUMBER('num')} ?` +
  `(?:(?<infix>${APPROX_INFIX})?(?<mult>${MULTIPLIER})(?<infix2>多|余)?(?<scaled>${SCALABLE_UNITS})|(?<infix3>多|余)?(?<unit>${ANY_UNIT}))`;
const RANK_NUMBER = String.raw`\d+|[一二三四五六七八九十]{1,3}`;
// `第26位` / `第1名`, or `位列第1`, `位居潍坊市第一` where the ordinal ends the phrase.
const RANK =
  `第(?<rank>${RANK_NUMBER})(?<rankUnit>位|名)` +
  `|(?<rankVerb>位列|位居)[^，。；、,;:!?第]{0,10}第(?<rank2>${RANK_NUMBER})(?![\\d位名批期届次季])`;
const FIGURE = new RegExp(`${RANK}|${QUANTITY}`, 'g');

const CALENDAR_YEAR = /^(?:1[89]|20)\d\d$/;
const LOOK_BACK = 4;
// A bare Chinese digit before 年 is a duration only after a word that makes it one (`近两年`);
// otherwise it is a name (`五年规划`, `五年看头年`).
const DURATION_CUE = /(?:近|连续|提前|历时|为期|持续|用了|用时|长达|经过|超过|超|逾|满)$/;
// `几十亿`, `数百家`, `上百亿` are vague amounts, not figures.
const VAGUE_BEFORE = /[几数上]$/;

// Clause boundaries after full-width folding (`，` is `,` by then).
const BOUNDARY = /[,。;:!?()\n]/;
// `地区生产总值(GDP)`, `居民消费价格(CPI)`: an abbreviation in brackets, part of the metric's name.
const ABBREVIATION_BEFORE = /\([A-Za-z][A-Za-z0-9]{1,7}\)$/;

const YEAR_OR_PERIOD =
  /(?<year>(?:19|20)\d\d)(?:(?:—|–|-|至|到)(?<until>(?:19|20)\d\d))?年(?:度)?(?<since>以来|至今)?|[“"]?十[一二三四五六]五[”"]?(?:期间|时期|期末|末)|(?:今年|去年|前年|明年)?(?:前三季度|上半年|下半年|第?[一二三四]季度)|前年|去年|上年度|过去的?一年|今年|本年度|全年|明年/g;

// ── Lexicons ─────────────────────────────────────────────────────────────────────────────────
// Each list is the words of one job. They are matched longest first, so `同比增长` beats `增长`.

const CHANGE_WORDS = ['同比增长', '同比下降', '同比减少', '同比提高', '同比上升', '同比上涨', '增长', '下降', '减少', '提高', '提升', '上升', '上涨', '下跌', '增加', '扩大', '增幅', '增速', '涨幅', '降幅', '下滑', '回落', '压缩', '缩短', '降低'];
const TO_WORDS = ['增加到', '增长到', '增长至', '上升至', '上升到', '增至', '升至', '提高到', '提高至', '提升到', '提升至', '拓展到', '扩大到', '扩大至', '扩展到', '下降到', '下降至', '降至', '降到', '减少到'];
const APPROX_WORDS = ['约', '大约', '约为', '近', '接近', '将近', '超', '超过', '逾', '突破', '达', '达到', '高达', '多达', '不到', '不足', '至少', '仅'];
const MODAL_WORDS = ['预计', '累计', '力争', '共计', '合计', '总计', '年均'];
const QUALIFIER_BEFORE = new RegExp(`(?:${alternation([...CHANGE_WORDS, ...TO_WORDS, ...APPROX_WORDS, ...MODAL_WORDS])})了?$`);
const COMPARISON = /(?:高于|低于|快于|慢于|超出)[^,]{0,6}$/;
// What a change is measured against (`比上年增长6.5%`, `较上年末下降`, `同比`, `可比价增长`): a
// qualifier of the change, never its label; the metric is before it or in the figure before.
const CHANGE_BASE = /(?:(?:比|较|与)(?:上年|去年|上一年|(?:19|20)\d\d年)(?:同期|末|底|年末|年底)?(?:相比)?|同比|环比|按?(?:可比价格?|不变价格?|可比口径|现价)(?:计算)?)$/;
// Words between a metric and its number that say nothing about the figure.
const FILLER_BEFORE = new RegExp(
  `(?:${alternation(['的', '为', '是', '有', '就有', '共有', '现有', '拥有', '再有', '将有', '均', '都', '也', '就', '已', '已经', '仍', '还', '再', '又', '可', '首次', '实现', '完成', '保持', '持续', '历时', '为期', '用了', '连续', '提前', '翻一番', '翻了一番', '翻番', '共', '成功', '陆续', '先后', '顺利'])})了?$`,
);
// `从2020年的75.2岁提升至2025年的76.8岁`: a year may sit between the marker and the number.
const MARKED_YEAR = '(?:(?:19|20)\\d\\d年(?:底|末|初)?的?)';
const FROM_MARKER = new RegExp(`(?:由|从)(?:原来|原有|此前|(?:上年末?|去年|年初)的?|${MARKED_YEAR})?$`);
const TO_MARKER = new RegExp(`(?:到|至)${MARKED_YEAR}?$`);
const QUALIFIER_AFTER = /^(?:以上|以下|以内|左右|上下|多|余)/;
const CHANGE_AFTER = /^(?:的)?(?:速度)?(?:增长|增速)/;

// Verbs and time words that open the noun phrase naming the metric: the label is what follows
// the last of them (`全年预计实现工业总产值` → `工业总产值`).
const OPENERS = new RegExp(
  `建成了?(?!区)|拥有(?![量率])|${alternation(['实现', '完成', '引进', '引入', '建立', '发放', '落实', '吸纳', '接待', '获得', '获批', '谋划', '推进', '实施', '安排', '释放', '现有', '认定为', '入选', '设立', '保持', '带动', '吸引', '培育', '组建', '涵盖', '包括', '举办', '承办', '开展', '推出', '签约', '拟', '其中', '是', '在', '去年', '今年', '全年', '当年', '每年', '目前', '截至目前', '近年来'])}|(?:19|20)\\d\\d年(?:度|以来)?|[“"]?十[一二三四五六]五[”"]?(?:期间|时期|期末)|前三季度|上半年|下半年`,
  'g',
);
const OPENING_MODAL = new RegExp(alternation(MODAL_WORDS), 'g');
const LEADING_NOISE = new RegExp(
  `^(?:${alternation(['其中', '同时', '并且', '并', '且', '而且', '另外', '此外', '对', '在', '将', '拟', '再', '已', '还', '又', '共', '获', '了', '都', '也', '就', '均', '各类', '各项', '成功', '陆续', '先后', '我们', '他们', '该公司', '该项目', '该企业'])})`,
);
const LEADING_MODAL = new RegExp(`^(?:${alternation(MODAL_WORDS)})`);
// Scope words say where, not what; a rank keeps them (`全省第1位` differs from `全国第1位`).
const LEADING_SCOPE = /^(?:全区|全市|全省|全县|全国|区内|辖区内?|域内|市内|省内|园区内)/;
const TRAILING_PARTICLES = /(?:中|内|里|和|及|与|等|的|或|、)+$/;
// `梅河口市主要经济指标` → `主要经济指标`: a place of 2–3 characters and 省/市/县, not `城市`, `市场`.
const LEADING_PLACE = /^(?:[\u4e00-\u9fff]{2,3}?[省市县](?![区场政委民])、?)+(?=[\u4e00-\u9fff“"]{2})/;
// `唐家湾主园区地区生产总值` → `地区生产总值`; `国家高新区` and the like are not names.
const LEADING_ZONE = /^(?!国家|全国|省级|全省)[\u4e00-\u9fff]{1,8}?(?:高新区|经开区|开发区|综保区|自贸区|保税区|新区|园区|片区)(?=[\u4e00-\u9fff“"]{2})/;
// A zone's nickname after its name: `珠海高新区“一区多园”营业收入`.
const LEADING_NICKNAME = /^[“"][^”"]{1,8}[”"](?=[\u4e00-\u9fff]{2})/;
const PUNCTUATION = /[“”‘’"'《》〈〉「」『』【】()、\s·]/g;
const RANK_VERB = /位列|位居|排名|排在|列|居|排/g;

// Words that end a noun phrase read after a count (`14个项目在成都高新区签约` → `项目`).
const NOUN_STOP = new RegExp(
  `^(?:中(?![心央国部小型华])|${alternation([...CHANGE_WORDS, ...TO_WORDS, '在', '为', '是', '也', '就', '都', '要', '将', '已', '被', '和', '与', '及', '等', '到', '至', '实现', '进行', '完成', '参与', '包括', '上榜', '签约', '相继', '入园', '年底', '高质量', '历时', '获得', '实施', '开展', '增长', '增速', '增幅', '同比', '建成', '投产', '落户', '入驻', '开工', '通过', '达到', '取得', '实行', '构建', '用于', '推动', '打造', '形成'])})`,
);
const CJK = /[\u4e00-\u9fff]/;
/** Labels too vague to stand alone: they name an aspect of the previous figure's metric. */
const GENERIC = new Set(['总量', '总数', '数量', '总额', '增速', '增幅', '规模', '排名', '合计', '比重', '占比', '水平', '范围']);
/** Words before a count that belong to the metric read after it (`新增8家省级以上创新平台`). */
const PREFIXES = new Set(['新增', '新建', '新认定', '新引进', '累计新增']);
const LABEL_MAX = 16;

// ── Entry point ──────────────────────────────────────────────────────────────────────────────

/**
 * Extracts every figure of one cleaned sentence: money, percentages, areas, counts with
 * measure words, containers, multiples, distances, durations and ranks, each with the metric it
 * measures, its qualifiers, its role (level, change of another figure, from/to of a pair, end of
 * a range) and the year the sentence states for it. Calendar dates are not figures. Never throws.
 *
 * @example
 * const [level, change] = extractFigures('预计招商引资到位资金141.5亿元，同比增长16.5%');
 * level; // { value: 141.5, unit: '亿元', amount: 14150000000, baseUnit: '元', label: '招商引资到位资金', qualifiers: ['预计'], role: 'level', … }
 * change; // { value: 16.5, unit: '%', label: '招商引资到位资金', qualifiers: ['同比增长'], role: 'change', changeOf: 0, … }
 */
export function extractFigures(sentence: string): ExtractedFigure[] {
  if (typeof sentence !== 'string' || sentence.length === 0) return [];
  try {
    return extract(sentence, fold(sentence));
  } catch {
    // A figure the heuristics choke on must cost one sentence, not the index build.
    return [];
  }
}

/**
 * NFKC for the characters that matter here, one code unit for one, so offsets in the folded
 * text are offsets in the sentence: full-width digits, `．`, `％`, `，` become ASCII.
 */
function fold(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** The sentence as printed, its folded twin (same offsets) and the years and periods it states. */
interface Sentence {
  printed: string;
  text: string;
  periods: RegExpExecArray[];
}

function extract(printed: string, text: string): ExtractedFigure[] {
  const sentence: Sentence = { printed, text, periods: [...text.matchAll(YEAR_OR_PERIOD)] };
  const figures: ExtractedFigure[] = [];
  let consumed = 0;
  for (const quantity of quantities(text)) {
    const { figure, end } = describe(sentence, quantity, figures, consumed);
    figures.push(figure);
    consumed = end;
  }
  linkRanges(text, figures);
  settleOrphans(figures);
  return figures;
}

// ── Finding quantities ──────────────────────────────────────────────────────────────────────

function quantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const match of text.matchAll(FIGURE)) {
    const g = match.groups!;
    if (g.rankVerb !== undefined || g.rank !== undefined) {
      const rank = rankQuantity(match[0], match.index, g);
      if (rank) out.push(rank);
    } else out.push(...quantity(text, match[0], match.index, g));
  }
  return out;
}

function rankQuantity(raw: string, start: number, g: Record<string, string | undefined>): Quantity | null {
  const value = readNumber(g.rank ?? g.rank2!);
  if (value === null) return null;
  const unit = g.rankUnit ?? '位';
  return { start, end: start + raw.length, value, unit, amount: value, baseUnit: '位', kind: 'rank', infix: [], rangeLow: false };
}

/** The quantity of a match, or two for a range whose low end has no unit (`3到5亿元`); none for dates, ordinals and names. */
function quantity(text: string, raw: string, start: number, g: Record<string, string | undefined>): Quantity[] {
  const number = g.num!;
  const base = g.scaled ?? g.unit!;
  const info = unitInfo(base)!;
  const multiplier = g.mult ?? '';
  const numberStart = g.low === undefined ? start : start + raw.indexOf(number, g.low.length + 1);
  // The few characters before a number that decide whether it is one (`第`, `几`, `近两年`).
  const lookBack = (at: number) => text.slice(Math.max(0, at - LOOK_BACK), at);
  if (!plausible(number, lookBack(g.low === undefined ? numberStart : start), info.kind, multiplier, base)) return [];
  const exponent = MULTIPLIERS[multiplier] ?? 0;
  const unit = multiplier + base;
  const infix = [g.infix, g.infix2, g.infix3].filter((w): w is string => w !== undefined).map((w) => w.replace('个', ''));
  const make = (digits: string, from: number, rangeLow: boolean): Quantity | null => {
    const value = readNumber(digits);
    if (value === null) return null;
    const amount = scale(/\d/.test(digits) ? digits.replace(/,/g, '') : String(value), exponent);
    // A minus sign right before a digit (`-2.06‰`, `−0.5%`), not a dash between two numbers.
    const negative = !rangeLow && /\d/.test(digits) && /[-−]/.test(text[from - 1] ?? '') && !/[\d.]/.test(text[from - 2] ?? '');
    if (negative) return { start: from - 1, end: start + raw.length, value: -value, unit, amount: -amount, baseUnit: info.base, kind: info.kind, infix, rangeLow };
    return { start: from, end: start + raw.length, value, unit, amount, baseUnit: info.base, kind: info.kind, infix: rangeLow ? [] : infix, rangeLow };
  };
  const high = make(number, numberStart, false);
  if (!high) return [];
  if (g.low === undefined) return [high];
  if (!plausible(g.low, lookBack(start), info.kind, multiplier, base)) return [high];
  const low = make(g.low, start, true);
  // A range runs upwards in one kind of numeral (`3到5亿元`, `三到五年`); `九百到2人` and
  // `五到8千次` are two numbers side by side, not a range.
  const sameScript = /\d/.test(g.low) === /\d/.test(number);
  return low && sameScript && low.value < high.value ? [low, high] : [high];
}

/** Rejects what looks like a number but is a date, an ordinal, a name or a vague amount. */
function plausible(number: string, before: string, kind: UnitKind, multiplier: string, base: string): boolean {
  if (before.endsWith('第')) return false;
  if (base === '年' && multiplier === '' && CALENDAR_YEAR.test(number)) return false;
  if (/\d/.test(number)) return true;
  if (VAGUE_BEFORE.test(before)) return false;
  if (multiplier !== '') return true;
  // A lone Chinese digit before a measure word is mostly idiom (`一批`, `一户一策`, `两化三型`).
  if (number.length >= 2 && /[十百千]/.test(number)) return true;
  return kind === 'duration' && DURATION_CUE.test(before);
}

/** Arabic (`1,214`, `141.5`) or Chinese (`一百`) numerals; null when unreadable or absurd. */
function readNumber(text: string): number | null {
  if (/\d/.test(text)) {
    const digits = text.replace(/,/g, '');
    // Beyond 15 significant digits a double no longer holds the printed value.
    if (digits.replace(/\D/g, '').length > 15) return null;
    return Number(digits);
  }
  return parseChineseInteger(text);
}

// ── Reading the context ─────────────────────────────────────────────────────────────────────

interface Before {
  /** The segment with qualifiers and filler peeled off its end: where the label is. */
  rest: string;
  qualifiers: string[];
  change: boolean;
  to: boolean;
  from: boolean;
  /** `由上年729万人…`: the from-marker names the older end's year (`上年`), relative to the text's year. */
  fromYear: string | null;
}

// What can sit between a metric and its number, peeled off from the end in this order.
const PEELERS: [kind: 'qualifier' | 'comparison' | 'base' | 'from' | 'to' | 'filler', pattern: RegExp][] = [
  ['qualifier', QUALIFIER_BEFORE],
  ['comparison', COMPARISON],
  ['base', CHANGE_BASE],
  ['from', FROM_MARKER],
  ['to', TO_MARKER],
  ['filler', FILLER_BEFORE],
];

/** Peels qualifiers, filler and from/to markers off the end of the text before a number. */
function peelBefore(segment: string): Before {
  const out: Before = { rest: segment, qualifiers: [], change: false, to: false, from: false, fromYear: null };
  for (;;) {
    const hit = peelOne(out.rest);
    if (!hit) return out;
    const { kind, match } = hit;
    out.rest = out.rest.slice(0, match.index);
    if (kind === 'qualifier') {
      const word = match[0].replace(/了$/, '');
      out.qualifiers.unshift(word);
      if (TO_WORDS.includes(word)) out.to = true;
      else if (CHANGE_WORDS.includes(word)) out.change = true;
    } else if (kind === 'comparison') {
      // `高于全市16个百分点`: the comparison word qualifies; what it compares with is no label.
      out.qualifiers.unshift(match[0].slice(0, 2));
      out.change = true;
    } else if (kind === 'base') {
      out.qualifiers.unshift(match[0]);
      out.change = true;
    } else if (kind === 'to') out.to = true;
    else if (kind === 'from') {
      out.from = true;
      out.fromYear = /上年|去年/.exec(match[0])?.[0] ?? null;
      return out;
    }
  }
}

function peelOne(rest: string): { kind: (typeof PEELERS)[number][0]; match: RegExpExecArray } | null {
  for (const [kind, pattern] of PEELERS) {
    const match = pattern.exec(rest);
    if (match) return { kind, match };
  }
  return null;
}

/** Qualifiers printed right after the quantity (`以上`, `左右`), and whether it reads as a growth rate. */
function peelAfter(text: string, end: number): { end: number; qualifiers: string[]; change: boolean } {
  const qualifier = QUALIFIER_AFTER.exec(text.slice(end));
  const stop = end + (qualifier?.[0].length ?? 0);
  const change = CHANGE_AFTER.exec(text.slice(stop));
  const qualifiers = qualifier ? [qualifier[0]] : [];
  if (change) qualifiers.push(change[0].replace(/^的?(?:速度)?/, ''));
  return { end: stop, qualifiers, change: change !== null };
}

function clauseStartBefore(text: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) {
    // `地区生产总值(GDP)201.20亿元`: an abbreviation in brackets belongs to the metric before it.
    const abbreviation = text[i] === ')' ? ABBREVIATION_BEFORE.exec(text.slice(Math.max(0, i - 9), i + 1)) : null;
    if (abbreviation) i -= abbreviation[0].length - 1;
    else if (BOUNDARY.test(text[i]!)) return i + 1;
  }
  return 0;
}

/** Reads one quantity's sentence context into a figure; `end` is where the next figure's context starts. */
function describe(sentence: Sentence, q: Quantity, previous: ExtractedFigure[], consumed: number): { figure: ExtractedFigure; end: number } {
  const { text } = sentence;
  const clauseStart = clauseStartBefore(text, q.start);
  const segmentStart = Math.max(clauseStart, consumed);
  const before = peelBefore(text.slice(segmentStart, q.start));
  const after = q.rangeLow ? { end: q.end, qualifiers: [], change: false } : peelAfter(text, q.end);
  const last = previous.at(-1);
  const noun = q.kind === 'rank' ? rankNoun(before.rest) : nounBefore(before.rest, false);

  let role: Role = 'level';
  if (q.rangeLow) role = 'range';
  else if (before.from) role = 'from';
  else if (before.to && noun.label === '' && last?.role === 'from' && last.baseUnit === q.baseUnit) role = 'to';
  else if (q.kind === 'points' || before.change || after.change) role = 'change';

  const context: LabelContext = { text, q, previous, role, noun, afterEnd: after.end, clauseStart, segmentStart, consumed };
  const { label, changeOf } = labelFor(context);
  const qualifiers = [...new Set([...noun.modal, ...before.qualifiers, ...q.infix, ...after.qualifiers])];
  const figure: ExtractedFigure = {
    value: q.value,
    raw: sentence.printed.slice(q.start, q.end),
    unit: q.unit,
    amount: q.amount,
    baseUnit: q.baseUnit,
    label,
    qualifiers,
    role,
    changeOf,
    year: before.fromYear ?? (role === 'to' && last ? pairEndYear(sentence, last, q) : yearBefore(sentence.periods, q.start)),
    span: [q.start, q.end],
  };
  return { figure, end: after.end };
}

// ── Labels ──────────────────────────────────────────────────────────────────────────────────

interface Noun {
  label: string;
  /** Modal words (`预计`, `累计`) met on the way, which qualify the figure. */
  modal: string[];
}

interface LabelContext {
  text: string;
  q: Quantity;
  previous: ExtractedFigure[];
  role: Role;
  noun: Noun;
  afterEnd: number;
  clauseStart: number;
  segmentStart: number;
  consumed: number;
}

/** The metric a figure measures, by the first rule that yields one; see docs/FIGURES.md. */
function labelFor(c: LabelContext): { label: string; changeOf: number | null } {
  const { text, q, previous, role } = c;
  const last = previous.at(-1);
  if (role === 'to' && last) return { label: last.label, changeOf: null };
  // `总投资51.8亿元（约8亿美元）`: the bracket restates the previous figure.
  if (last && c.noun.label === '' && c.clauseStart === c.consumed + 1 && text[c.consumed] === '(') return { label: last.label, changeOf: null };

  let label = c.noun.label;
  const counted = q.kind === 'count' || q.kind === 'duration' || q.kind === 'percent';
  const following = counted && startsNoun(text, q.end) ? nounAfter(text, q.end) : '';
  if (following !== '' && !GENERIC.has(following)) label = PREFIXES.has(label) ? label + following : following;

  let changeOf: number | null = null;
  if (role === 'change') {
    changeOf = levelFor(previous, label);
    if (changeOf !== null) label = previous[changeOf]!.label;
  }
  // `突破2万亿元、达到23562亿元`: a second amount of the same kind right after the first, with
  // nothing but qualifiers between them, restates the same metric.
  if (label === '' && last && role === 'level' && last.role === 'level' && c.segmentStart === c.consumed && c.consumed > c.clauseStart && last.baseUnit === q.baseUnit) {
    return { label: last.label, changeOf: null };
  }
  // A duration names no metric of its own (`提前两年完成…`): borrowing a noun would mislabel it.
  const borrows = q.kind !== 'duration';
  if (label === '' && borrows && role !== 'change' && role !== 'from') label = notGeneric(nounAfter(text, c.afterEnd, true));
  if (label === '' && borrows && c.segmentStart === c.clauseStart) label = previousClauseNoun(text, c.clauseStart, c.consumed);
  if (label === '' && q.kind === 'rank' && last) label = last.label;
  if (label === '') label = KIND_LABEL[q.kind];
  if (GENERIC.has(label) && last && !GENERIC.has(last.label)) label = truncate(last.label + label);
  // `民营经济增加值…,占GDP的比重为61%`: the share is the previous metric's.
  else if (label.startsWith('占') && last && !last.label.startsWith('占')) label = truncate(last.label + label);
  return { label, changeOf };
}

function notGeneric(label: string): string {
  return GENERIC.has(label) ? '' : label;
}

/** The level a change belongs to: the nearest earlier level, of the same metric when the change names one. */
function levelFor(previous: ExtractedFigure[], label: string): number | null {
  for (let i = previous.length - 1; i >= 0; i--) {
    const p = previous[i]!;
    if (p.role === 'change' || p.role === 'from') continue;
    if (label === '' || p.label === label) return i;
  }
  return null;
}

/** The noun phrase ending right before a number: after the last opener, without noise, place or zone names. */
function nounBefore(rest: string, rank: boolean): Noun {
  let s = rest;
  const modal: string[] = [];
  let opener: RegExpExecArray | undefined;
  // `在` opens only mid-clause (`…在国家高新区综合评价中`): at the start it is stripped instead.
  for (const m of s.matchAll(OPENERS)) if (m[0] !== '在' || m.index > 0) opener = m;
  if (opener) {
    modal.push(...(s.slice(0, opener.index).match(OPENING_MODAL) ?? []));
    s = s.slice(opener.index + opener[0].length);
  }
  // A long phrase with 的 is a modifier and its head: `由双创人员领办和创办的各类新型农业经营主体`.
  if (s.replace(PUNCTUATION, '').length > LABEL_MAX && s.includes('的')) s = s.slice(s.lastIndexOf('的') + 1);
  for (let previous = ''; previous !== s; ) {
    previous = s;
    const m = LEADING_MODAL.exec(s);
    if (m) modal.push(m[0]);
    s = s.replace(LEADING_MODAL, '').replace(LEADING_NOISE, '');
    if (!rank) s = s.replace(LEADING_SCOPE, '');
  }
  s = s.replace(ABBREVIATION_BEFORE, '').replace(TRAILING_PARTICLES, '');
  if (!rank) s = withoutPlace(s);
  return { label: truncate(s.replace(PUNCTUATION, '').replace(TRAILING_PARTICLES, '')), modal };
}

function withoutPlace(s: string): string {
  const place = s.replace(LEADING_PLACE, '');
  const zone = place.replace(LEADING_ZONE, '');
  return zone === place ? zone : zone.replace(LEADING_NICKNAME, '');
}

/** A rank's label: what is ranked, before the rank verb, else the scope after it. */
function rankNoun(rest: string): Noun {
  const verb = [...rest.matchAll(RANK_VERB)].at(-1);
  if (!verb) return nounBefore(rest, true);
  const what = nounBefore(rest.slice(0, verb.index), true);
  return what.label !== '' ? what : nounBefore(rest.slice(verb.index + verb[0].length), true);
}

/** Is a noun phrase printed right after the quantity (`14个项目`), rather than a qualifier or verb? */
function startsNoun(text: string, at: number): boolean {
  const next = text[at];
  if (next === undefined || (!CJK.test(next) && next !== '“')) return false;
  const rest = text.slice(at, at + 4);
  return !QUALIFIER_AFTER.test(rest) && !NOUN_STOP.test(rest) && !rest.startsWith('的');
}

/**
 * The noun phrase printed after a quantity, up to a stop word or punctuation. A `新…的`
 * modifier belongs to the phrase after it (`88户新认定的国家高新技术企业`); otherwise the
 * phrase ends at `的` (`40个二类医疗器械的产品备案` → `二类医疗器械`).
 */
function nounAfter(text: string, at: number, skipDe = false): string {
  let i = skipDe && text[at] === '的' ? at + 1 : at;
  let noun = '';
  while (i < text.length && noun.length < 12) {
    const ch = text[i]!;
    if (ch === '“') {
      const close = text.indexOf('”', i);
      if (close < 0 || close - i > 10) break;
      noun += text.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    if (!CJK.test(ch) || NOUN_STOP.test(text.slice(i, i + 4))) break;
    if (ch === '的') {
      if (!noun.startsWith('新')) break;
      noun = '';
    } else noun += ch;
    i++;
  }
  return truncate(noun.replace(TRAILING_PARTICLES, ''));
}

/** When a clause starts with its number (`，由原来的2.54平方公里…`), the metric is the previous clause's subject. */
function previousClauseNoun(text: string, clauseStart: number, consumed: number): string {
  if (clauseStart < 2) return '';
  const start = Math.max(clauseStartBefore(text, clauseStart - 1), consumed);
  if (start >= clauseStart - 1) return '';
  return nounBefore(peelBefore(text.slice(start, clauseStart - 1)).rest, false).label;
}

/** Long labels keep their end: the head noun of a Chinese noun phrase comes last. */
function truncate(label: string): string {
  return label.length <= LABEL_MAX ? label : label.slice(-LABEL_MAX);
}

// ── Sentence-level relations ────────────────────────────────────────────────────────────────

/** `3%到5%`: two figures of one unit joined by a range connector are the ends of one range. */
function linkRanges(text: string, figures: ExtractedFigure[]): void {
  for (let i = 1; i < figures.length; i++) {
    const low = figures[i - 1]!;
    const high = figures[i]!;
    const between = text.slice(low.span[1], high.span[0]);
    const joined = low.role === 'range' && low.span[1] === high.span[1];
    if (!joined && !(/^(?:到|至|~|—|–|-)$/.test(between) && low.unit === high.unit)) continue;
    low.role = 'range';
    high.role = 'range';
    high.label = low.label;
    high.changeOf = null;
  }
}

/** A `from` with no `to` after it (`由…` that never arrives) is just a level. */
function settleOrphans(figures: ExtractedFigure[]): void {
  figures.forEach((f, i) => {
    if (f.role === 'from' && figures[i + 1]?.role !== 'to') f.role = 'level';
  });
}

/** The year or period stated last before `at`: a plain year as its digits, a period as printed. */
/**
 * The year of a pair's newer end: one stated between the two ends (`…至2025年的76.8岁`), else
 * the pair's (`“十三五”期间…从1902亿元上升至3475亿元`), but not the older end's own year
 * printed right before it (`从去年的5家增至8家`, `从2020年的75.2岁…`).
 */
function pairEndYear(sentence: Sentence, from: ExtractedFigure, to: Quantity): string | null {
  const between = yearBefore(sentence.periods, to.start, from.span[1]);
  if (between) return between;
  if (from.year === '上年') return null;
  const own = [...sentence.periods].reverse().find((p) => p.index + p[0].length <= from.span[0]);
  if (own && /^的?$/.test(sentence.text.slice(own.index + own[0].length, from.span[0]))) return null;
  return from.year;
}

function yearBefore(periods: RegExpExecArray[], at: number, after = 0): string | null {
  let found: RegExpExecArray | undefined;
  for (const p of periods) if (p.index >= after && p.index + p[0].length <= at) found = p;
  if (!found) return null;
  const g = found.groups!;
  if (g.year === undefined) return found[0];
  return g.until !== undefined || g.since !== undefined ? found[0] : g.year;
}

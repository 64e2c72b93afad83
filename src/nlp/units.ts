import { CLASSIFIERS } from './classifiers.js';

/**
 * Units and numerals of Chinese statistical prose: which units exist, what they measure,
 * which take a 万/亿 multiplier, and how to read `一百`, `两千` or `1,214`.
 */

export type UnitKind =
  | 'money'
  | 'percent'
  | 'points'
  | 'area'
  | 'distance'
  | 'weight'
  | 'count'
  | 'container'
  | 'multiple'
  | 'duration'
  | 'rank'
  | 'energy'
  | 'power'
  | 'volume'
  | 'permille'
  | 'compute'
  | 'rate'
  | 'age';

export interface UnitInfo {
  kind: UnitKind;
  /** Unit that `amount` is expressed in once a multiplier is applied. */
  base: string;
}

// Printed base unit → what it measures. A unit listed under `SCALABLE` may carry 万/亿/千 in
// front (`3.5万户`, `1.2万标箱`); the others never do in this prose (`万平方公里` would be a
// different unit, `千米` is a unit of its own).
const SCALABLE: Record<string, UnitInfo> = {
  // Measure words first: the physical and money units below override the few they share (`亩`).
  ...Object.fromEntries(CLASSIFIERS.map((c) => [c, { kind: 'count', base: c }])),
  // Counts of events (`4567批次`, `1.2万架次`): one unit, never `批` labelled `次`.
  ...Object.fromEntries(['批次', '架次', '车次', '航次', '班次', '台次', '台套', '项次', '件次', '人日'].map((c) => [c, { kind: 'count', base: c }])),
  元: { kind: 'money', base: '元' },
  美元: { kind: 'money', base: '美元' },
  欧元: { kind: 'money', base: '欧元' },
  平方米: { kind: 'area', base: '平方米' },
  亩: { kind: 'area', base: '亩' },
  吨: { kind: 'weight', base: '吨' },
  公斤: { kind: 'weight', base: '公斤' },
  千克: { kind: 'weight', base: '公斤' },
  斤: { kind: 'weight', base: '斤' },
  担: { kind: 'weight', base: '担' },
  千瓦: { kind: 'power', base: '千瓦' },
  兆瓦: { kind: 'power', base: '兆瓦' },
  千瓦时: { kind: 'energy', base: '千瓦时' },
  立方米: { kind: 'volume', base: '立方米' },
  公顷: { kind: 'area', base: '公顷' },
  平方公里: { kind: 'area', base: '平方公里' },
  平方千米: { kind: 'area', base: '平方公里' },
  公里: { kind: 'distance', base: '公里' },
  P: { kind: 'compute', base: 'P' },
  // Latin energy and power units as printed in reports (`55GWh`, `100MW`).
  kWh: { kind: 'energy', base: 'kWh' },
  MWh: { kind: 'energy', base: 'MWh' },
  GWh: { kind: 'energy', base: 'GWh' },
  kW: { kind: 'power', base: 'kW' },
  MW: { kind: 'power', base: 'MW' },
  GW: { kind: 'power', base: 'GW' },
  // Computing power as printed (`160Eflops`, `5.2万P`); an E is a thousand P.
  ...Object.fromEntries(['PFlops', 'PFLOPS', 'Pflops'].map((u) => [u, { kind: 'compute', base: 'P' }])),
  ...Object.fromEntries(['EFlops', 'EFLOPS', 'Eflops'].map((u) => [u, { kind: 'compute', base: 'EFLOPS' }])),
  标箱: { kind: 'container', base: '标箱' },
  户次: { kind: 'count', base: '户次' },
  人次: { kind: 'count', base: '人次' },
  户: { kind: 'count', base: '户' },
  家: { kind: 'count', base: '家' },
  个: { kind: 'count', base: '个' },
  项: { kind: 'count', base: '项' },
  人: { kind: 'count', base: '人' },
  名: { kind: 'count', base: '名' },
  件: { kind: 'count', base: '件' },
  辆: { kind: 'count', base: '辆' },
  种: { kind: 'count', base: '种' },
  条: { kind: 'count', base: '条' },
  座: { kind: 'count', base: '座' },
  所: { kind: 'count', base: '所' },
  批: { kind: 'count', base: '批' },
  次: { kind: 'count', base: '次' },
  台: { kind: 'count', base: '台' },
  套: { kind: 'count', base: '套' },
};

const FIXED: Record<string, UnitInfo> = {
  '%': { kind: 'percent', base: '%' },
  个百分点: { kind: 'points', base: '百分点' },
  百分点: { kind: 'points', base: '百分点' },
  '‰': { kind: 'permille', base: '‰' },
  千米: { kind: 'distance', base: '公里' },
  米: { kind: 'distance', base: '米' },
  瓦: { kind: 'power', base: '瓦' },
  千伏: { kind: 'power', base: '千伏' },
  // Rates: a unit per another (`25.9微克/立方米`, `3000元/吨`, `2.5万元/人`).
  ...Object.fromEntries(
    ['微克/立方米', '毫克/立方米', '元/吨', '元/人', '元/平方米', '元/亩', '元/公斤', '元/千瓦时', '美元/桶', '人/平方公里', '公斤/亩', '吨/日', '立方米/秒'].map((u) => [u, { kind: 'rate', base: u }]),
  ),
  倍: { kind: 'multiple', base: '倍' },
  个月: { kind: 'duration', base: '月' },
  小时: { kind: 'duration', base: '小时' },
  分钟: { kind: 'duration', base: '分钟' },
  天: { kind: 'duration', base: '天' },
  周: { kind: 'duration', base: '周' },
  年: { kind: 'duration', base: '年' },
  岁: { kind: 'age', base: '岁' },
};

/** Multiplier prefix → power of ten. */
export const MULTIPLIERS: Record<string, number> = { 万亿: 12, 千万: 7, 百万: 6, 亿: 8, 万: 4, 千: 3 };

/** What a label falls back to when the sentence names no metric. */
export const KIND_LABEL: Record<UnitKind, string> = {
  money: '金额',
  percent: '比例',
  points: '百分点',
  area: '面积',
  distance: '距离',
  weight: '重量',
  count: '数量',
  container: '箱量',
  multiple: '倍数',
  duration: '时长',
  rank: '排名',
  energy: '电量',
  power: '功率',
  volume: '体积',
  permille: '千分比',
  compute: '算力',
  rate: '单价',
  age: '年龄',
};

/**
 * Units that take a multiplier but never stand without one: `22亿方` is cubic metres, `三方`
 * is three parties; `76.28亿斤` the same for 斤's homophones is not needed (斤 always weighs).
 */
const MULTIPLIER_ONLY: Record<string, UnitInfo> = { 方: { kind: 'volume', base: '立方米' }, 度: { kind: 'energy', base: '千瓦时' } };

const byLength = (words: string[]) => [...words].sort((a, b) => b.length - a.length);
const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&');

/**
 * Regex alternation of words, longest first so `人次` wins over `人`.
 *
 * @example
 * alternation(['人', '人次', '%']); // '人次|人|\\%'
 */
export function alternation(words: string[]): string {
  return byLength(words).map(escape).join('|');
}

export const SCALABLE_UNITS = alternation([...Object.keys(SCALABLE), ...Object.keys(MULTIPLIER_ONLY)]);
export const ANY_UNIT = alternation([...Object.keys(SCALABLE), ...Object.keys(FIXED)]);
export const MULTIPLIER = alternation(Object.keys(MULTIPLIERS));

/**
 * Describes a printed base unit (without multiplier).
 *
 * @example
 * unitInfo('户'); // { kind: 'count', base: '户' }
 * unitInfo('千米'); // { kind: 'distance', base: '公里' }
 */
export function unitInfo(unit: string): UnitInfo | undefined {
  return SCALABLE[unit] ?? FIXED[unit] ?? MULTIPLIER_ONLY[unit];
}

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const TENS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
export const CHINESE_NUMERAL = '[〇零一二两三四五六七八九十百千]';

/**
 * Reads a Chinese integer below 万 (`一百` → 100, `三十五` → 35, `千` → 1000); null for digit
 * strings that are not a number (`十三五`, `三三四四`), which are names in this prose.
 *
 * @example
 * parseChineseInteger('一百零五'); // 105
 * parseChineseInteger('十三五'); // null
 */
export function parseChineseInteger(text: string): number | null {
  let total = 0;
  let digit: number | null = null;
  let lastTen = Infinity;
  for (const ch of text) {
    const d = DIGITS[ch];
    const t = TENS[ch];
    if (d === 0) {
      // 零 only fills a gap after a power of ten (`一百零五`); `二〇二〇` is a year, not a number.
      if (digit !== null) return null;
    } else if (d !== undefined) {
      if (digit !== null) return null;
      digit = d;
    } else if (t !== undefined) {
      if (t >= lastTen) return null;
      total += (digit ?? 1) * t;
      digit = null;
      lastTen = t;
    } else return null;
  }
  return total + (digit ?? 0);
}

/**
 * Multiplies a printed number by 10^exponent without binary rounding noise: `1.4` × 10^8 is
 * computed from the decimal string, so it is exactly 140000000.
 *
 * @example
 * scale('141.5', 8); // 14150000000
 */
export function scale(number: string, exponent: number): number {
  return exponent === 0 ? Number(number) : Number(`${number}e${exponent}`);
}

/**
 * A printed value and unit in base units: the multiplier prefix multiplied out (longest
 * prefix first, so `千万元` is 10^7 元), the base unit as the extractor reports it. Null for a
 * unit this module does not know.
 *
 * @example
 * toBaseAmount(3.5, '万户'); // { amount: 35000, baseUnit: '户' }
 * toBaseAmount(2, '千米'); // { amount: 2, baseUnit: '公里' }
 */
export function toBaseAmount(value: number, unit: string): { amount: number; baseUnit: string } | null {
  const prefixes = Object.keys(MULTIPLIERS).sort((a, b) => b.length - a.length);
  const prefix = prefixes.find((p) => unit.startsWith(p) && (SCALABLE[unit.slice(p.length)] ?? MULTIPLIER_ONLY[unit.slice(p.length)]) !== undefined) ?? '';
  const info = unitInfo(unit.slice(prefix.length));
  if (!info) return null;
  return { amount: scale(String(value), MULTIPLIERS[prefix] ?? 0), baseUnit: info.base };
}

import { INDICATOR_NAMES, indicatorForms } from '../nlp/indicators.js';
import { MULTIPLIERS, toBaseAmount } from '../nlp/units.js';
import type { FigureResult } from '../search/types.js';
import { DEFAULT_WIDTH, type ChartSpec } from './spec.js';

/**
 * From figure results to a chart spec, only when the figures really compare: the same metric,
 * the same kind of number (a level or a change, never both) and the same base unit once
 * 万/亿 are multiplied out. Over time for one zone that is a line, over zones for one year a
 * bar chart. Nothing here knows a place, a document or a value; what compares is read from
 * the figures alone.
 */

export interface ChartOptions {
  /** The metric asked for; groups about it are preferred over bigger groups about others. */
  metric?: string;
  /** At most this many categories (the best-ranked zones, the latest years); default 16. */
  maxCategories?: number;
  width?: number;
  height?: number;
}

export interface ChartRow {
  zone: string;
  figure: FigureResult | null;
}

/** A figure with its rank in the results (0 best) and the point in time it stands for. */
interface Point {
  figure: FigureResult;
  rank: number;
  time: TimePoint | null;
}

interface TimePoint {
  label: string;
  /** Position on a time line (a year, fractional for the start of a period); null when it has none. */
  sort: number | null;
}

type Kind = 'level' | 'change';

const MAX_CATEGORIES = 16;
// Words that make a label a change of its metric rather than the metric (`规上工业总产值增速`).
const CHANGE_SUFFIX = /(?:同比)?(?:增速|增幅|增长率|增长|降幅|下降|减少)$/;
// Generic tails that name the same metric: `进出口总额` and `进出口额`, `高新技术企业总数` and `高新技术企业`.
const GENERIC_SUFFIX = /(?:总额|总量|总数|数量|额)$/;
const TARGET = /预计|力争|目标/;

// ── Comparing figures ───────────────────────────────────────────────────────────────────────

/**
 * The metric a label names, folded so that the ways of writing one metric meet: NFKC, no
 * quotes or spaces, indicator short forms as their official names, change words and generic
 * tails (`总额`, `总数`) dropped. Labels that name different metrics stay different
 * (`高新技术企业营收` is not `营业收入`).
 *
 * @example
 * metricFamily('营收'); // '营业收入'
 * metricFamily('进出口总额'); // '进出口'
 * metricFamily('规上工业总产值增速'); // '规模以上工业总产值'
 */
export function metricFamily(label: string): string {
  let key = label.normalize('NFKC').replace(/[“”‘’"'《》()（）\s·、]/g, '');
  key = key.replace(CHANGE_SUFFIX, '') || key;
  key = officialName(key);
  const bare = key.replace(GENERIC_SUFFIX, '');
  return bare.length >= 2 ? officialName(bare) : key;
}

function officialName(word: string): string {
  const forms = indicatorForms(word);
  return forms.length > 1 ? (INDICATOR_NAMES.find((name) => forms.includes(name)) ?? word) : word;
}

/** A growth rate or other change of a metric, or its level (from/to of a pair are levels). */
function kindOf(figure: FigureResult): Kind | null {
  if (figure.role === 'range') return null;
  return figure.role === 'change' || CHANGE_SUFFIX.test(figure.label) ? 'change' : 'level';
}

/**
 * Whether two figures can stand on one chart: same metric family, both levels or both changes,
 * same base unit (`3475亿元` and `50万元` compare; `亿元` and `%`, or `元` and `美元`, never),
 * and the same company when they are a company's.
 *
 * @example
 * comparable(gdp2021, gdp2022); // true
 * comparable(gdp2022, gdpGrowth2022); // false
 */
export function comparable(a: FigureResult, b: FigureResult): boolean {
  return groupKey(a) !== null && groupKey(a) === groupKey(b);
}

function groupKey(figure: FigureResult): string | null {
  const kind = kindOf(figure);
  if (!kind || !Number.isFinite(figure.amount)) return null;
  return [metricFamily(figure.label), kind, figure.baseUnit, figure.owner ?? ''].join('\u0000');
}

/**
 * Whether a label is about the metric asked for: it holds the metric, one of its indicator
 * forms (`营收` for `营业收入`) or its family (`进出口` for `进出口总额`).
 */
function aboutMetric(metric: string): (label: string) => boolean {
  const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[“”‘’"'《》()（）\s·、]/g, '');
  const forms = [...new Set([...indicatorForms(fold(metric)), metricFamily(metric)].map(fold))].filter((f) => f.length > 0);
  return (label) => {
    const text = fold(label);
    const family = metricFamily(label);
    return forms.some((f) => text.includes(f) || family.includes(f));
  };
}

// ── Time ────────────────────────────────────────────────────────────────────────────────────

const CALENDAR = /^(?:19|20)\d\d$/;
const SPAN = /^(?<from>(?:19|20)\d\d)(?:—|–|-|至|到)(?<to>(?:19|20)\d\d)年?$/;
const PLAN = /^十(?<n>[一二三四五六])五/;
const DATED = /(?:19|20)\d\d|十[一二三四五六]五/;
const PLAN_NUMBER: Record<string, number> = { 一: 11, 二: 12, 三: 13, 四: 14, 五: 15, 六: 16 };

/** First and last year of a five-year plan (`十三五` → 2016–2020), from the tenth plan's 2001 on. */
function planYears(text: string): [number, number] | null {
  const n = PLAN_NUMBER[PLAN.exec(text)?.groups?.n ?? ''];
  if (n === undefined) return null;
  const first = 2001 + 5 * (n - 10);
  return [first, first + 4];
}

/**
 * The point in time a figure stands for. A lone figure has a place on a time line only for a
 * calendar year: a period's total (`“十三五”期间`, `前三季度`) is not a year's level and would
 * bend a line of yearly values. Both ends of a from→to pair stated for one period are points:
 * its start and its end (`“十三五”初`, `“十三五”末`).
 */
function timeOf(figure: FigureResult, paired: boolean): TimePoint | null {
  if (!figure.year) return null;
  const year = figure.year.normalize('NFKC').replace(/[“”"]/g, '');
  const target = figure.qualifiers.find((q) => TARGET.test(q));
  const mark = (t: TimePoint): TimePoint => (target ? { ...t, label: `${t.label}（${target}）` } : t);
  const end = paired ? figure.role : null;
  if (CALENDAR.test(year)) {
    const y = Number(year);
    return mark(end === 'from' ? { label: `${y}年前`, sort: y - 0.5 } : { label: `${y}年`, sort: y });
  }
  const span = SPAN.exec(year)?.groups;
  if (span && end) return mark(end === 'from' ? { label: `${span.from}年`, sort: Number(span.from) } : { label: `${span.to}年`, sort: Number(span.to) });
  const plan = planYears(year);
  if (plan && end) {
    const name = `“${year.match(PLAN)![0]}”`;
    // A plan's starting level is the year before its first: `十三五` starts from 2015.
    return mark(end === 'from' ? { label: `${name}初`, sort: plan[0] - 1 } : { label: `${name}末`, sort: plan[1] });
  }
  if (end) return mark({ label: `${year}（${end === 'from' ? '初' : '末'}）`, sort: null });
  return mark({ label: year, sort: null });
}

/** Figures that are the two ends of one from→to pair with the same stated period. */
function pairedEnds(figures: readonly FigureResult[]): Set<FigureResult> {
  const ends = new Map<string, FigureResult[]>();
  for (const f of figures) {
    if (f.role !== 'from' && f.role !== 'to') continue;
    const key = [f.citation.passage, f.sentence, metricFamily(f.label), f.year ?? ''].join('\u0000');
    ends.set(key, [...(ends.get(key) ?? []), f]);
  }
  const paired = new Set<FigureResult>();
  for (const group of ends.values()) if (group.some((f) => f.role === 'from') && group.some((f) => f.role === 'to')) group.forEach((f) => paired.add(f));
  return paired;
}

// ── Units ───────────────────────────────────────────────────────────────────────────────────

/**
 * One display unit for a set of amounts in `baseUnit`: the multiplier they were all printed
 * with, else the one that suits their median (`亿元` for hundreds of millions), else the base
 * unit itself; units that take no multiplier (`%`, `倍`) stay as they are.
 */
function displayUnit(figures: readonly FigureResult[]): { unit: string; divisor: number } {
  const base = figures[0]!.baseUnit;
  const scalable = toBaseAmount(1, `万${base}`)?.baseUnit === base;
  if (!scalable) return { unit: base, divisor: 1 };
  const prefixOf = (f: FigureResult) => Object.keys(MULTIPLIERS).sort((a, b) => b.length - a.length).find((p) => f.unit.startsWith(p) && f.unit !== p && toBaseAmount(1, f.unit)?.baseUnit === base) ?? '';
  const printed = new Set(figures.map(prefixOf));
  if (printed.size === 1) {
    const [prefix] = printed;
    return { unit: `${prefix}${base}`, divisor: 10 ** (MULTIPLIERS[prefix!] ?? 0) };
  }
  const sorted = figures.map((f) => Math.abs(f.amount)).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const [prefix, power] = median >= 1e12 ? ['万亿', 12] : median >= 1e8 ? ['亿', 8] : median >= 1e4 ? ['万', 4] : ['', 0];
  return { unit: `${prefix}${base}`, divisor: 10 ** power };
}

const inUnit = (amount: number, divisor: number) => Number((amount / divisor).toPrecision(12));

// ── Captions ────────────────────────────────────────────────────────────────────────────────

/** Rough width in ems at the caption's size: CJK is one em, Latin and digits about half. */
const ems = (text: string) => [...text].reduce((sum, ch) => sum + (/[\u2e80-\uffff]/.test(ch) && ch !== '·' ? 1 : 0.55), 0);
const CAPTION_EM = 11;

/**
 * `来源：file · ¶n, ¶m；file2 · ¶k`, shortened to fit one line of `width` pixels: file names cut
 * first, then the last sources replaced by `等 n 处`.
 *
 * @example
 * sourcesCaption([{ doc: '002_x.txt', passage: '002_x.txt#29', lines: [1, 2] }], 800); // '来源：002_x.txt · ¶29'
 */
export function sourcesCaption(citations: readonly FigureResult['citation'][], width: number, prefix = ''): string {
  const byDoc = new Map<string, string[]>();
  for (const c of citations) {
    const n = `¶${c.passage.slice(c.passage.lastIndexOf('#') + 1)}`;
    const list = byDoc.get(c.doc) ?? byDoc.set(c.doc, []).get(c.doc)!;
    if (!list.includes(n)) list.push(n);
  }
  const budget = (width - 32) / CAPTION_EM;
  const lead = `${prefix}来源：`;
  const entries = (cut: boolean) => [...byDoc].map(([doc, ns]) => `${cut && doc.length > 14 ? `${doc.slice(0, 12)}…` : doc} · ${ns.join(', ')}`);
  for (const cut of [false, true]) {
    const text = lead + entries(cut).join('；');
    if (ems(text) <= budget) return text;
  }
  const all = entries(true);
  for (let keep = all.length - 1; keep >= 1; keep--) {
    const text = `${lead}${all.slice(0, keep).join('；')} 等 ${all.length} 处`;
    if (ems(text) <= budget || keep === 1) return text;
  }
  return lead + all.join('；');
}

// ── Charts ──────────────────────────────────────────────────────────────────────────────────

interface Candidate {
  kind: 'bar' | 'line';
  /** The zone (line) or the time (bar) the chart holds fixed. */
  fixed: string | null;
  points: Point[];
  bestRank: number;
  aboutMetric: boolean;
}

/**
 * A chart for figure results, or null unless at least two of them compare. Figures group by
 * metric family, level or change, base unit (and company); in each group, one zone's values
 * over the years make a line, one year's values over the zones a bar chart. The largest
 * group wins (about `metric` first when given; then the best-ranked), a zone or year is shown
 * once (its best-ranked figure), and the caption names the sources.
 *
 * @example
 * const answer = engine.figure('营业收入', { zone: '珠海' });
 * chartForFigures(answer.results, { metric: '营业收入' });
 * // { kind: 'line', title: '珠海高新区 营业收入', unit: '亿元', categories: ['“十三五”初', '“十三五”末'], series: [{ name: '营业收入', values: [1902, 3475] }], caption: '来源：002_….txt · ¶29' }
 */
export function chartForFigures(figures: readonly FigureResult[], options: ChartOptions = {}): ChartSpec | null {
  const paired = pairedEnds(figures);
  const groups = new Map<string, Point[]>();
  figures.forEach((figure, rank) => {
    const key = groupKey(figure);
    if (key === null) return;
    const list = groups.get(key) ?? groups.set(key, []).get(key)!;
    list.push({ figure, rank, time: timeOf(figure, paired.has(figure)) });
  });
  const about = options.metric ? aboutMetric(options.metric) : null;
  const candidates: Candidate[] = [];
  for (const points of groups.values()) {
    const isAbout = about !== null && about(points[0]!.figure.label);
    // Lines: per zone, each point in time once.
    for (const [zone, ofZone] of partition(points, (p) => p.figure.zone ?? '')) {
      const timed = firstBy(ofZone.filter((p) => p.time?.sort != null), (p) => p.time!.label);
      candidates.push({ kind: 'line', fixed: zone || null, points: timed, bestRank: minRank(timed), aboutMetric: isAbout });
    }
    // Bars: per year or dated period, each zone once (`前三季度` of which year?).
    for (const [time, ofTime] of partition(points.filter((p) => p.time !== null && (p.time.sort !== null || DATED.test(p.time.label))), (p) => p.time!.label)) {
      const zoned = firstBy(ofTime.filter((p) => p.figure.zone !== null), (p) => p.figure.zone!);
      candidates.push({ kind: 'bar', fixed: time, points: zoned, bestRank: minRank(zoned), aboutMetric: isAbout });
    }
  }
  // Asked about one metric, a chart of another would answer a different question.
  const pool = about ? candidates.filter((c) => c.aboutMetric) : candidates;
  const best = pool
    .filter((c) => c.points.length >= 2)
    .sort((a, b) => b.points.length - a.points.length || a.bestRank - b.bestRank || (a.kind === 'line' ? -1 : 1))[0];
  if (!best) return null;

  const max = options.maxCategories ?? MAX_CATEGORIES;
  const points =
    best.kind === 'line'
      ? [...best.points].sort((a, b) => a.time!.sort! - b.time!.sort!).slice(-max)
      : [...best.points].sort((a, b) => a.rank - b.rank).slice(0, max).sort((a, b) => b.figure.amount - a.figure.amount);
  const { unit, divisor } = displayUnit(points.map((p) => p.figure));
  const label = commonLabel(points);
  const first = points[0]!.figure;
  const subject = best.kind === 'line' ? (first.owner ?? best.fixed) : best.fixed;
  const target = (p: Point) => p.figure.qualifiers.find((q) => TARGET.test(q));
  return {
    kind: best.kind,
    title: [subject, label + changeWord(first, label, unit)].filter(Boolean).join(' '),
    unit,
    categories: points.map((p) => (best.kind === 'line' ? p.time!.label : `${p.figure.zone}${target(p) ? `（${target(p)}）` : ''}`)),
    series: [{ name: label, values: points.map((p) => inUnit(p.figure.amount, divisor)) }],
    caption: sourcesCaption(points.map((p) => p.figure.citation), options.width ?? DEFAULT_WIDTH),
    ...size(options),
  };
}

/**
 * A bar chart comparing zones on one metric (for `/compare`): one bar per zone with a figure,
 * in the order given. Figures must compare (the kind and base unit most rows share); zones
 * without a figure, or with one that does not compare, are named in the caption (`无数据：…`).
 * Null when fewer than two zones have a bar.
 *
 * @example
 * chartForRows('营业收入', [{ zone: '珠海高新区', figure: a }, { zone: '成都高新区', figure: b }, { zone: '长春新区', figure: null }]);
 * // { kind: 'bar', categories: ['珠海高新区', '成都高新区'], caption: '无数据：长春新区；来源：…', … }
 */
export function chartForRows(metric: string, rows: readonly ChartRow[], options: ChartOptions = {}): ChartSpec | null {
  const seen = new Set<string>();
  const unique = rows.filter((r) => !seen.has(r.zone) && seen.add(r.zone));
  const keyOf = (f: FigureResult) => {
    const kind = kindOf(f);
    return kind && Number.isFinite(f.amount) ? `${kind}\u0000${f.baseUnit}` : null;
  };
  const counts = new Map<string, number>();
  for (const r of unique) {
    const key = r.figure && keyOf(r.figure);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // The most shared kind and unit; on a tie, the first row's.
  const chosen = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const bars = unique.filter((r): r is ChartRow & { figure: FigureResult } => r.figure !== null && keyOf(r.figure) === chosen);
  if (bars.length < 2) return null;
  const missing = unique.filter((r) => r.figure === null).map((r) => r.zone);
  const other = unique.filter((r) => r.figure !== null && keyOf(r.figure) !== chosen).map((r) => r.zone);

  const { unit, divisor } = displayUnit(bars.map((r) => r.figure));
  // When: a from→to end reads as the start or end of its period (`“十三五”末`), not the period.
  const when = (f: FigureResult) => timeOf(f, f.role === 'from' || f.role === 'to')?.label ?? '';
  const times = new Set(bars.map((r) => when(r.figure)));
  const sameTime = times.size === 1 ? [...times][0] || null : null;
  const notes = [missing.length ? `无数据：${missing.join('、')}` : '', other.length ? `无可比数据：${other.join('、')}` : ''].filter(Boolean).join('；');
  const first = bars[0]!.figure;
  return {
    kind: 'bar',
    title: [sameTime, metric + changeWord(first, metric, unit)].filter(Boolean).join(' '),
    unit,
    categories: bars.map((r) => (sameTime !== null || !when(r.figure) ? r.zone : `${r.zone}（${when(r.figure)}）`)),
    series: [{ name: metric, values: bars.map((r) => inUnit(r.figure.amount, divisor)) }],
    caption: sourcesCaption(bars.map((r) => r.figure.citation), options.width ?? DEFAULT_WIDTH, notes ? `${notes}；` : ''),
    ...size(options),
  };
}

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────

/** `增速` after a label for a growth rate that does not say so (`地区生产总值` at 5.7%). */
function changeWord(figure: FigureResult, label: string, unit: string): string {
  if (kindOf(figure) !== 'change' || CHANGE_SUFFIX.test(label)) return '';
  return unit === '%' ? '增速' : '增量';
}

/** The label printed most often among the points (the best-ranked on a tie). */
function commonLabel(points: readonly Point[]): string {
  const counts = new Map<string, number>();
  for (const p of [...points].sort((a, b) => a.rank - b.rank)) counts.set(p.figure.label, (counts.get(p.figure.label) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

function partition<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}

/** The best-ranked point per key. */
function firstBy(points: readonly Point[], key: (p: Point) => string): Point[] {
  const out = new Map<string, Point>();
  for (const p of [...points].sort((a, b) => a.rank - b.rank)) if (!out.has(key(p))) out.set(key(p), p);
  return [...out.values()];
}

const minRank = (points: readonly Point[]) => Math.min(Infinity, ...points.map((p) => p.rank));

function size(options: ChartOptions): Pick<ChartSpec, 'width' | 'height'> {
  return { ...(options.width ? { width: options.width } : {}), ...(options.height ? { height: options.height } : {}) };
}

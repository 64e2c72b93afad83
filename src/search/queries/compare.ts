import { metricFamily } from '../../charts/series.js';
import { expandIndicators, indicatorForms } from '../../nlp/indicators.js';
import { normalizeQuery } from '../../nlp/normalize.js';
import { resolveZone, type ZoneEntry, type ZoneResolution } from '../../nlp/zone-registry.js';
import { UserError } from '../../errors.js';
import type { CompareOptions } from '../service.js';
import type { Snapshot } from '../snapshot.js';
import type { CompareAnswer, CompareRow, FigureResult } from '../types.js';
import { MAX_LIMIT, familyNames, prepareQuery } from './common.js';
import { figure } from './figure.js';

/** More zones make a table nobody reads and a chart whose bars are slivers. */
export const MAX_COMPARE_ZONES = 12;
/** Candidates named in a note for a zone that did not resolve. */
const NOTE_CANDIDATES = 5;

// Commas (ASCII and full-width), the enumeration comma, semicolons and any whitespace
// (U+3000 included): how people list places in Chinese and in English.
const ZONE_SEPARATORS = /[,，、;；\s]+/u;

/**
 * The zones of a list as typed, in order, each once: separated by commas (`,` `，`), `、`,
 * semicolons or spaces. Shared by the CLI's `--zones` and the bot's /compare.
 *
 * @example
 * splitZones('梅河口、珠海，潍坊 长春经开区,,梅河口'); // ['梅河口', '珠海', '潍坊', '长春经开区']
 */
export function splitZones(text: string): string[] {
  return [...new Set(text.split(ZONE_SEPARATORS).filter((z) => z !== ''))];
}

/**
 * One metric across several zones: per zone, the best figure `figure()` finds for the metric
 * with that zone as its filter (and the year, if given), but only when that figure really is
 * the zone's: its zone lies in the zone's family (`梅河口` → 梅河口市 and 梅河口高新区, never the
 * place a zone lies in, never a sibling), its label names the metric (as on a chart, see
 * `namesMetric`), and it is of the year asked. `figure()` answers a filter that finds nothing
 * with the nearest figures of other zones or years (and a note saying so); those are good
 * advice there but would be another zone's number here. A zone that is unknown, ambiguous or
 * not in the documents is a row without a figure and a note naming it and its candidates; it is
 * never swapped for another zone.
 *
 * @example
 * compare(snapshot, '地区生产总值', ['梅河口', '珠海', '潍坊']).rows;
 * // [{ zone: '梅河口市', query: '梅河口', figure: { value: 290.09, unit: '亿元', … } },
 * //  { zone: '珠海市', query: '珠海', figure: { value: 268, unit: '亿元', zone: '珠海高新区', … } },
 * //  { zone: '潍坊市', query: '潍坊', figure: null }]
 */
export function compare(snapshot: Snapshot, metric: string, zones: readonly string[], options: CompareOptions = {}): CompareAnswer {
  const { text, notes } = prepareQuery(metric);
  if (!/[\p{L}\p{N}]/u.test(text)) {
    throw new UserError('BAD_INPUT', 'search/compare: no metric', '请输入要比较的指标，例如：地区生产总值。/ Please name a metric to compare.');
  }
  // Entries that are themselves lists (`梅河口,珠海` from a form field) are split the same way.
  const typed = [...new Set(zones.flatMap((z) => splitZones(z)))];
  if (typed.length === 0) {
    throw new UserError('BAD_INPUT', 'search/compare: no zones', '请列出要比较的地区，例如：梅河口,珠海。/ Please list the zones to compare.');
  }
  if (typed.length > MAX_COMPARE_ZONES) {
    notes.push(`最多比较 ${MAX_COMPARE_ZONES} 个地区，只比较了前 ${MAX_COMPARE_ZONES} 个（共 ${typed.length} 个）。/ Only the first ${MAX_COMPARE_ZONES} of ${typed.length} zones are compared.`);
  }
  const year = yearFilter(options.year);
  const named = namesMetric(text);

  const rows: CompareRow[] = [];
  const seen = new Map<string, string>();
  for (const query of typed.slice(0, MAX_COMPARE_ZONES)) {
    const resolved = resolveZone(snapshot.registry, query);
    if (!resolved.zone) {
      notes.push(unresolvedNote(query, resolved));
      rows.push({ zone: query, query, figure: null });
      continue;
    }
    const entry = resolved.zone;
    const earlier = seen.get(entry.name);
    if (earlier !== undefined) {
      notes.push(`“${query}”与“${earlier}”都是${entry.name}，只列一次。/ “${query}” and “${earlier}” are both ${entry.name}; listed once.`);
      continue;
    }
    seen.set(entry.name, query);
    // A typo is read as the name it is one character off; the user should see that guess.
    if (resolved.via === 'fuzzy') notes.push(`“${query}”按“${entry.name}”查询。/ Read “${query}” as ${entry.name}.`);
    const found = ownFigure(snapshot, entry, text, named, year);
    if (!found) notes.push(`资料中没有${entry.name}${year ? `${year}年` : ''}的“${text}”。/ The documents give no “${text}” for ${entry.name}${year ? ` in ${year}` : ''}.`);
    rows.push({ zone: entry.name, query, figure: found });
  }
  return { command: 'compare', metric: text, year, rows, notes };
}

/**
 * The zone's best figure for the metric, or null. `figure()` ranks with the zone filter; its
 * results are then taken only where they keep to it (see `compare`). The filter also admits the
 * place a zone lies in, as context ranked after the zone's own (`梅河口高新区` › 梅河口市): here
 * that would be another entry's number, so only the family counts.
 */
function ownFigure(snapshot: Snapshot, entry: ZoneEntry, metric: string, named: (label: string) => boolean, year: string | null): FigureResult | null {
  const family = familyNames(snapshot.registry, entry);
  const answer = figure(snapshot, metric, { zone: entry.name, year, limit: MAX_LIMIT });
  // The filter `figure()` applied must be this entry (a name resolves to itself; kept as a guard).
  if (answer.zone !== entry.name) return null;
  const applied = answer.year;
  return (
    answer.results.find(
      (r) => r.zone !== null && family.has(r.zone) && (!applied || (r.year ?? '').includes(applied)) && named(r.label),
    ) ?? null
  );
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[“”‘’"'《》()（）\s·、]/g, '');

/**
 * Whether a figure's label names the metric: it holds the metric, one of its indicator forms
 * (`GDP` → 地区生产总值) or its family (`进出口` for `进出口总额`), as the charts decide what
 * compares. Stricter than `figure()`'s topic test, which also reads the sentence and accepts
 * half the words: a ranked list may show `财政收入` for `营业收入` or a neighbour of `地区生产总值`
 * in its sentence (`11条举措`), but a comparison row would then put another metric beside it.
 *
 * @example
 * namesMetric('营业收入')('服务业核算行业营业收入'); // true
 * namesMetric('营业收入')('财政收入'); // false
 */
function namesMetric(metric: string): (label: string) => boolean {
  // Years in the metric are not part of its name (`2022年地区生产总值`).
  const bare = expandIndicators(metric.replace(/(?:19|20)\d{2}年?/g, ' ')).trim();
  const forms = [...new Set([...indicatorForms(fold(bare)), metricFamily(bare)].map(fold))].filter((f) => f.length > 0);
  return (label) => {
    const text = fold(label);
    const family = fold(metricFamily(label));
    return forms.some((f) => text.includes(f) || family.includes(f));
  };
}

/** `2022`, `2022年` → `2022`; other period text (`前三季度`) as typed, normalised; blank → null. */
function yearFilter(raw: string | null | undefined): string | null {
  const text = normalizeQuery(raw ?? '');
  if (!text) return null;
  return /(?:19|20)\d{2}/.exec(text)?.[0] ?? text;
}

/** Why a typed zone has no row of its own: not in the documents, ambiguous, or unknown, with what it might be. */
function unresolvedNote(query: string, resolved: ZoneResolution): string {
  const names = resolved.candidates.slice(0, NOTE_CANDIDATES).map((c) => c.name);
  const list = names.join('、');
  if (resolved.place) {
    // A real place: the documents name it only through what lies inside it, or not at all.
    return names.length > 0
      ? `资料只写到“${resolved.place.name}”境内的${list}，请选其一。/ The documents cover ${resolved.place.name} only through ${names.join(', ')}; pick one.`
      : `资料中没有关于“${resolved.place.name}”的内容。/ The documents do not cover ${resolved.place.name}.`;
  }
  if (resolved.via !== 'none' && names.length > 1) {
    return `“${query}”不明确，可能是：${list}。/ “${query}” is ambiguous: ${names.join(', ')}.`;
  }
  return `没有找到地区“${query}”${names.length ? `，相近的有：${list}` : ''}。/ Unknown zone “${query}”${names.length ? `; closest: ${names.join(', ')}` : ''}.`;
}

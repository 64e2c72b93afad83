import type { DirectAnswer, FigureResult, Provenance } from './types.js';

const SAID: Record<Exclude<Provenance, 'stated'>, string> = { inferred: '据上文', article: '据文章', document: '据全文' };

/**
 * A figure's zone and year as people read them, each marked when the sentence does not state
 * it: `梅河口市 · 2022`, `贵州省（据全文） · 2025（据上文）`; a company's figure names the company
 * (`凯里盛运环保电力有限公司 @ 凯里市`). Shared by the bot and the CLI.
 *
 * @example
 * zoneAndYear({ zone: '贵州省', zoneBy: 'document', year: '2025', yearBy: 'stated' }); // ['贵州省（据全文）', '2025']
 */
export function zoneAndYear(f: Pick<FigureResult, 'zone' | 'zoneBy' | 'year' | 'yearBy' | 'owner'>): [string, string] {
  const mark = (value: string | null, by: Provenance | null) => (value === null ? '—' : by && by !== 'stated' ? `${value}（${SAID[by]}）` : value);
  // A company's figure names the company, and where it is.
  const zone = f.owner ? `${f.owner}${f.zone ? ` @ ${f.zone}` : ''}` : mark(f.zone, f.zoneBy);
  return [zone, mark(f.year, f.yearBy)];
}

/**
 * What an answer line says beside the answer: the metric, place, stated year and qualifiers
 * (预计, 力争, 约 …) of a figure.
 *
 * @example
 * answerFacts({ kind: 'figure', text: '163公里', label: '距长春', zone: '梅河口市', year: null, … }); // ['距长春', '梅河口市']
 */
export function answerFacts(a: DirectAnswer): string[] {
  if (a.kind !== 'figure') return [];
  // A year only where the sentence states it; qualifiers that change what the number means.
  const year = a.yearBy === 'stated' ? a.year : null;
  const qualifiers = (a.qualifiers ?? []).filter((q) => /预计|力争|约|近|超|以上|左右|目标/.test(q));
  return [a.label, a.zone, year, ...qualifiers].filter((x): x is string => typeof x === 'string' && x !== '');
}

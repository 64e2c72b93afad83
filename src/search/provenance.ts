import type { FigureResult, Provenance } from './types.js';

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

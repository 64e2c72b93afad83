import { z } from 'zod';
import type { QueryService } from '../search/service.js';
import { sameFigure } from './score.js';

/**
 * The precision set (`test/fixtures/gold-precision.json`): answers that must name the right
 * place and year or say honestly that there is none. Each case says which document set it
 * was written from (`seeds` or `unseen`).
 */
const valueUnit = z.object({ value: z.number(), unit: z.string() });
const base = { id: z.string(), set: z.enum(['seeds', 'unseen']), query: z.string(), why: z.string().optional(), evidence: z.string().optional() };
const filters = { zone: z.string().optional(), year: z.string().optional() };

export const precisionSchema = z.object({
  version: z.number(),
  cases: z.array(
    z.discriminatedUnion('kind', [
      z.object({ ...base, kind: z.literal('absent-place') }),
      z.object({ ...base, kind: z.literal('zone-excludes'), figures: z.array(valueUnit).min(1) }),
      z.object({ ...base, ...filters, kind: z.literal('figure-year'), expect: valueUnit.extend({ year: z.string() }) }),
      z.object({ ...base, ...filters, kind: z.literal('figure-zone'), expect: valueUnit.extend({ zone_contains: z.string() }) }),
      z.object({ ...base, ...filters, kind: z.literal('filter-empty') }),
    ]),
  ),
});

export type PrecisionSet = z.infer<typeof precisionSchema>;
export type PrecisionCase = PrecisionSet['cases'][number];

export interface PrecisionReport {
  total: number;
  passed: number;
  byKind: Record<string, { total: number; passed: number }>;
  misses: { id: string; kind: string; query: string; detail: string }[];
}

/**
 * Checks one case against the engine of its document set; a pass is `null`, a miss says why.
 *
 * @example
 * checkCase(engine, { id: 'p01', kind: 'absent-place', set: 'seeds', query: '上海' }); // null
 */
export function checkCase(service: QueryService, c: PrecisionCase): string | null {
  switch (c.kind) {
    case 'absent-place': {
      const found = service.zone(c.query).zone;
      return found ? `answered as ${found.name}` : null;
    }
    case 'zone-excludes': {
      const profile = service.zone(c.query).zone;
      if (!profile) return 'zone not found';
      const wrong = profile.figures.filter((f) => c.figures.some((g) => sameFigure(f, g)));
      return wrong.length ? `lists ${wrong.map((f) => `${f.value}${f.unit} (${f.zone})`).join(', ')} as its own` : null;
    }
    case 'figure-year':
    case 'figure-zone': {
      const results = service.figure(c.query, { zone: c.zone, year: c.year, limit: 10 }).results;
      const hit = results.find((r) => sameFigure(r, c.expect));
      if (!hit) return `${c.expect.value}${c.expect.unit} not in the top 10`;
      // `2022年上半年` is in 2022.
      if (c.kind === 'figure-year') return hit.year?.startsWith(c.expect.year) ? null : `year ${hit.year ?? 'none'}, want ${c.expect.year}`;
      return hit.zone?.includes(c.expect.zone_contains) ? null : `zone ${hit.zone ?? 'none'}, want …${c.expect.zone_contains}…`;
    }
    case 'filter-empty': {
      const answer = service.figure(c.query, { zone: c.zone, year: c.year, limit: 10 });
      return answer.notes.some((n) => n.includes('没有')) ? null : `no note; top: ${answer.results.slice(0, 2).map((r) => `${r.value}${r.unit} ${r.label} ${r.zone} ${r.year}`).join(', ') || 'none'}`;
    }
  }
}

/**
 * Scores the precision set, each case against the engine of its document set.
 *
 * @example
 * const report = evaluatePrecision({ seeds, unseen }, set); // { total: 36, passed: 35, … }
 */
export function evaluatePrecision(engines: Record<PrecisionCase['set'], QueryService>, set: PrecisionSet): PrecisionReport {
  const report: PrecisionReport = { total: 0, passed: 0, byKind: {}, misses: [] };
  for (const c of set.cases) {
    const miss = checkCase(engines[c.set], c);
    const kind = (report.byKind[c.kind] ??= { total: 0, passed: 0 });
    report.total++;
    kind.total++;
    if (miss === null) {
      report.passed++;
      kind.passed++;
    } else report.misses.push({ id: c.id, kind: c.kind, query: [c.query, 'zone' in c && c.zone ? `zone:${c.zone}` : '', 'year' in c && c.year ? `year:${c.year}` : ''].filter(Boolean).join(' '), detail: miss });
  }
  return report;
}

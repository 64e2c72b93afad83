import { parseArgs } from '../cli/args.js';
import { toBaseAmount } from '../nlp/units.js';
import { foldZoneSuffix } from '../nlp/zone-registry.js';
import { runCommand } from '../cli/run.js';
import type { QueryService } from '../search/service.js';
import type { AskAnswer, FigureAnswer, ZoneAnswer } from '../search/types.js';
import type { Gold } from './gold.js';

export interface EvalReport {
  figure: { total: number; hit1: number; hit3: number };
  zone: { total: number; name: number; docsRecall: number; figuresRecall: number };
  ask: { total: number; recall3: number; mrr: number };
  misses: { id: string; kind: 'figure' | 'zone' | 'ask'; query: string; detail: string }[];
}

/** `3.5万户` and `35000户` compare equal: the same base amounts as the extractor computes. */
export function normalizeAmount(value: number, unit: string): { amount: number; base: string } {
  const base = toBaseAmount(value, unit);
  return base ? { amount: base.amount, base: base.baseUnit } : { amount: value, base: unit };
}

/** Whether two printed figures are the same amount in the same base unit (`3.5万户` = `35000户`). */
export function sameFigure(a: { value: number; unit: string }, b: { value: number; unit: string }): boolean {
  const x = normalizeAmount(a.value, a.unit);
  const y = normalizeAmount(b.value, b.unit);
  return x.base === y.base && Math.abs(x.amount - y.amount) < 1e-6 * Math.max(1, Math.abs(y.amount));
}

/**
 * Scores the CLI's answers (through the same argument parsing and dispatch) against a gold
 * file and lists every miss.
 *
 * @example
 * const report = await evaluate(engine, gold);
 * report.figure.hit3 / report.figure.total; // 0.93…
 */
export async function evaluate(service: QueryService, gold: Gold): Promise<EvalReport> {
  const report: EvalReport = {
    figure: { total: 0, hit1: 0, hit3: 0 },
    zone: { total: 0, name: 0, docsRecall: 0, figuresRecall: 0 },
    ask: { total: 0, recall3: 0, mrr: 0 },
    misses: [],
  };
  for (const g of gold.figure) {
    const argv = ['figure', g.query, ...(g.zone ? ['--zone', g.zone] : []), ...(g.year ? ['--year', g.year] : []), '--limit', '10'];
    const answer = (await runCommand(service, parseArgs(argv))) as FigureAnswer;
    const rank = answer.results.findIndex((r) => r.citation.doc === g.expect.doc && sameFigure(r, g.expect));
    report.figure.total++;
    if (rank === 0) report.figure.hit1++;
    if (rank >= 0 && rank < 3) report.figure.hit3++;
    if (rank !== 0) {
      const got = answer.results.slice(0, 3).map((r) => `${r.value}${r.unit}(${r.label}/${r.zone})`).join(', ');
      report.misses.push({ id: g.id, kind: 'figure', query: argv.join(' '), detail: `want ${g.expect.value}${g.expect.unit} in ${g.expect.doc}, rank ${rank < 0 ? '-' : rank + 1}; top: ${got || 'none'}` });
    }
  }
  for (const g of gold.zone) {
    const answer = (await runCommand(service, parseArgs(['zone', g.query]))) as ZoneAnswer;
    const z = answer.zone;
    report.zone.total++;
    // Suffix forms are one name (成都高新综合保税区 is 成都高新综保区).
    const nameOk = z ? foldZoneSuffix(z.name).includes(foldZoneSuffix(g.expect.name_contains)) : false;
    const docs = new Set(z?.docs.map((d) => d.doc) ?? []);
    const docsRecall = g.expect.docs.filter((d) => docs.has(d)).length / Math.max(1, g.expect.docs.length);
    const figs = [...(z?.figures ?? []), ...(z?.insideFigures ?? [])];
    const found = g.expect.figures.filter((f) => figs.some((r) => sameFigure(r, f)));
    const figuresRecall = found.length / Math.max(1, g.expect.figures.length);
    report.zone.name += nameOk ? 1 : 0;
    report.zone.docsRecall += docsRecall;
    report.zone.figuresRecall += figuresRecall;
    if (!nameOk || docsRecall < 1 || figuresRecall < 1) {
      const missing = g.expect.figures.filter((f) => !found.includes(f)).map((f) => `${f.value}${f.unit}`);
      report.misses.push({ id: g.id, kind: 'zone', query: g.query, detail: `name ${z?.name ?? 'none'}; docs ${docsRecall.toFixed(2)}; missing figures: ${missing.join(', ') || '—'}` });
    }
  }
  for (const g of gold.ask) {
    const answer = (await runCommand(service, parseArgs(['ask', g.query, '--limit', '10']))) as AskAnswer;
    const rank = answer.results.findIndex((r) => r.citation.doc === g.expect.doc && r.text.includes(g.expect.contains));
    report.ask.total++;
    if (rank >= 0 && rank < 3) report.ask.recall3++;
    if (rank >= 0) report.ask.mrr += 1 / (rank + 1);
    if (rank !== 0) report.misses.push({ id: g.id, kind: 'ask', query: g.query, detail: `want "${g.expect.contains}" in ${g.expect.doc}, rank ${rank < 0 ? '-' : rank + 1}; top: ${answer.results[0]?.citation.passage ?? 'none'}` });
  }
  return report;
}

/** Rates as fractions, for printing and floors. */
export function rates(r: EvalReport) {
  const d = (n: number, total: number) => (total === 0 ? 0 : n / total);
  return {
    figureHit1: d(r.figure.hit1, r.figure.total),
    figureHit3: d(r.figure.hit3, r.figure.total),
    zoneName: d(r.zone.name, r.zone.total),
    zoneDocsRecall: d(r.zone.docsRecall, r.zone.total),
    zoneFiguresRecall: d(r.zone.figuresRecall, r.zone.total),
    askRecall3: d(r.ask.recall3, r.ask.total),
    askMrr: d(r.ask.mrr, r.ask.total),
  };
}

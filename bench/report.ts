import { mean, type ScaleResult } from './results.js';
import type { BenchResult } from './run.js';
import { OPERATIONS } from './types.js';

/**
 * The bench result as plain-text tables: corpus and vocabulary per scale, our build phases,
 * then per scale ours vs baseline with the ratio, the targets with PASS/FAIL, gold scores and
 * notes on what the numbers mean.
 */

type Row = [label: string, ...cells: string[]];

const MB = 1024 * 1024;

/**
 * @example
 * process.stdout.write(formatReport(result));
 */
export function formatReport(result: BenchResult): string {
  const scales = Object.keys(result.scales);
  const m = result.machine;
  const out: string[] = [
    `Machine: ${m.cpuModel} × ${m.cpus}, ${(m.totalMemoryMB / 1024).toFixed(1)} GB RAM, node ${m.node}, ${m.platform}; load average ${m.loadAverage.start} at start, ${m.loadAverage.end} at end`,
    `Run: ${(result.run.totalMs / 1000).toFixed(0)} s at ${result.run.revision ? `${result.run.revision.commit}${result.run.revision.dirty ? ' + uncommitted src/ changes' : ''}` : 'an unknown revision'}; queries per operation: ${Object.entries(result.run.queries).map(([op, n]) => `${op} ${n}`).join(', ')}; ${result.run.reps} repetitions after warm-up unless noted`,
    '',
  ];
  const header = ['', ...scales.map((s) => `${s}×`)];
  const ours = scales.map((s) => result.scales[s]!);

  // `--op chart` alone runs no corpus.
  if (scales.length) out.push(table('Corpus', header, [
    ['files', ...ours.map((r) => String(r.detail.corpus.files))],
    ['source MB', ...ours.map((r) => num(r.detail.corpus.bytes / MB))],
    ['passages', ...ours.map((r) => String(r.detail.counts.passages ?? '—'))],
    ['figures', ...ours.map((r) => String(r.detail.counts.figures ?? '—'))],
    ['zones', ...ours.map((r) => String(r.detail.counts.zones ?? '—'))],
    ['vocabulary: jieba tokens', ...ours.map((r) => String(r.detail.breakdown?.vocabulary.tokens ?? '—'))],
    ['  of which with digits', ...ours.map((r) => String(r.detail.breakdown?.vocabulary.numeric ?? '—'))],
    ['vocabulary: baseline terms', ...ours.map((r) => String(r.detail.breakdown?.vocabulary.bigrams ?? '—'))],
  ]));

  const phase = (r: ScaleResult, name: string) => r.detail.breakdown?.phases[name];
  const steps = ['read', 'model', 'index', 'persist'];
  if (scales.length) out.push(table('Build phases, ours (ms; sub-steps re-run on their own, after the full build)', header, [
    ['full build (openEngine)', ...ours.map((r) => num(r.buildMs))],
    ['  read seeds', ...ours.map((r) => num(phase(r, 'read')))],
    ['  model (buildModel)', ...ours.map((r) => num(phase(r, 'model')))],
    ['    clean + passages', ...ours.map((r) => num(phase(r, 'passages')))],
    ['    zone mentions', ...ours.map((r) => num(phase(r, 'zones')))],
    ['    figure extraction', ...ours.map((r) => num(phase(r, 'figures')))],
    ['    segmentation (tokenize)', ...ours.map((r) => num(phase(r, 'segmentation')))],
    ['  index (buildIndexes)', ...ours.map((r) => num(phase(r, 'index')))],
    ['    passage index', ...ours.map((r) => num(phase(r, 'indexPassages')))],
    ['    figure index', ...ours.map((r) => num(phase(r, 'indexFigures')))],
    ['  persist (saveIndex)', ...ours.map((r) => num(phase(r, 'persist')))],
    ['  engine import and the rest', ...ours.map((r) => (r.detail.breakdown ? num(r.buildMs - steps.reduce((sum, s) => sum + (phase(r, s) ?? 0), 0)) : '—'))],
  ]));

  for (const scale of scales) out.push(comparison(scale, result.scales[scale]!, result.baseline[scale]!));

  if (result.charts) out.push(chartTable(result.charts));

  out.push('Targets (ours)');
  for (const t of result.targets) {
    const verdict = t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'FAIL';
    const value = t.value === null ? 'not run' : `${num(t.value)} ${t.unit}`;
    out.push(`  ${verdict}  ${`${t.name} at ${t.scale}×`.padEnd(26)} ${value.padStart(12)}   target < ${t.limit} ${t.unit}`);
  }
  out.push('');

  const g = result.gold;
  const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
  out.push('Public gold set (over the seeds)');
  out.push(`  ours      figure hit@1 ${pct(g.ours.figureHit1)}, hit@3 ${pct(g.ours.figureHit3)}; zone name ${pct(g.ours.zoneName)}, docs ${pct(g.ours.zoneDocsRecall)}, figures ${pct(g.ours.zoneFiguresRecall)}; ask recall@3 ${pct(g.ours.askRecall3)}, MRR ${g.ours.askMrr?.toFixed(3) ?? '—'}`);
  out.push(`  baseline  ask recall@3 ${pct(g.baseline.askRecall3)}, MRR ${g.baseline.askMrr.toFixed(3)} (same criteria: expected doc, passage contains the expected text)`);
  out.push('');
  out.push('Notes');
  for (const note of result.run.notes) out.push(`  - ${note}`);
  return out.join('\n') + '\n';
}

/** Ours vs baseline at one scale, with the ratio ours/baseline per row. */
function comparison(scale: string, ours: ScaleResult, base: ScaleResult): string {
  const row = (label: string, a: number | undefined, b: number | undefined): Row => [label, num(a), num(b), a !== undefined && b !== undefined && b !== 0 ? `${num(a / b)}×` : '—'];
  const rows: Row[] = [
    row('full build ms', ours.buildMs, base.buildMs),
    row('build MB/s', ours.buildMBps, base.buildMBps),
    row('index on disk MB', ours.indexBytes / MB, base.indexBytes / MB),
    row('reindex after 1-file edit ms', ours.reindexMs ?? undefined, undefined),
    row('  … until saved ms', ours.detail.reindex ? mean(ours.detail.reindex.savedMs) : undefined, undefined),
    row('cold start ms (median)', ours.coldStartMs, base.coldStartMs),
    row('  import + load + 1st answer ms', ours.detail.firstAnswerMs, base.detail.firstAnswerMs),
    row('peak RSS MB', ours.rssMB, base.rssMB),
    row('RSS after build MB', ours.detail.memory.afterBuild.rssMB, base.detail.memory.afterBuild.rssMB),
    row('live heap after build MB', ours.detail.memory.afterBuild.liveHeapMB, base.detail.memory.afterBuild.liveHeapMB),
    row('RSS after load MB', ours.detail.memory.afterLoad.rssMB, base.detail.memory.afterLoad.rssMB),
    row('live heap after load MB', ours.detail.memory.afterLoad.liveHeapMB, base.detail.memory.afterLoad.liveHeapMB),
  ];
  const fewer: string[] = [];
  for (const op of OPERATIONS) {
    const a = ours.detail.latency[op];
    const b = base.detail.latency[op];
    if (!a || !b) continue;
    for (const p of ['p50', 'p95', 'p99'] as const) rows.push(row(`${op} ${p} ms`, a[p], b[p]));
    for (const [who, l] of [['ours', a], ['baseline', b]] as const) if (l.reps < 20) fewer.push(`${op} ${who}: ${l.reps} repetitions (time budget)`);
  }
  const kinds = ours.detail.autocompleteByKind;
  const baseKinds = base.detail.autocompleteByKind;
  if (kinds && baseKinds) {
    rows.push(row('  completeZone p99 ms', kinds.zone?.p99, baseKinds.zone?.p99));
    rows.push(row('  completeMetric p99 ms', kinds.metric?.p99, baseKinds.metric?.p99));
  }
  const note = fewer.length ? `  (${fewer.join('; ')})\n` : '';
  return table(`${scale}× — ours vs baseline`, ['', 'ours', 'baseline', 'ours/base'], rows) + note;
}

/** Chart rendering: the first chart of a process apart (it loads the stack), then the steady state. */
function chartTable(c: NonNullable<BenchResult['charts']>): string {
  const l = c.latency;
  const rows: Row[] = [
    ['first chart (import + fonts + render) ms', num(c.firstChartMs)],
    ['render p50 ms', num(l.p50)],
    ['render p95 ms', num(l.p95)],
    ['render p99 ms', num(l.p99)],
    ['charts per pass (from /figure + fixed)', `${c.charts.fromFigures} + ${c.charts.fixed}`],
    ['repetitions', String(l.reps)],
    ['mean PNG KB', num(c.meanPngKB)],
  ];
  return table('Charts (PNG 800×450, over the seeds)', ['', 'ours'], rows);
}

function table(title: string, header: string[], rows: Row[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => '  ' + r.map((cell, i) => (i === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[i]! + 2))).join('');
  return [title, line(header), ...rows.map(line)].join('\n') + '\n';
}

/** Short numbers: more decimals for small values, none for large ones. */
function num(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '—';
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  if (abs >= 1) return n.toFixed(2);
  return n.toFixed(3);
}

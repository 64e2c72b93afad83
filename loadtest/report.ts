import { OPERATIONS } from './traffic.js';
import type { LoadTestReport } from './run.js';

const LABELS = { figure: '/figure', ask: '/ask', autocomplete: 'autocomplete' } as const;

/**
 * The report as a plain-text table: one row per phase and operation, then the generation checks.
 *
 * @example
 * process.stdout.write(formatReport(await runLoadTest()));
 */
export function formatReport(report: LoadTestReport): string {
  const { machine, options } = report;
  const lines = [
    `load test · ${machine.nproc} CPUs (${machine.cpuModel}) · Node ${machine.node} · ${machine.date.slice(0, 10)} · load ${machine.loadAverage.start} → ${machine.loadAverage.end}`,
    `${options.durationS} s per phase · ${options.connections} connections · build ${report.setup.buildMs} ms · replica start ${report.setup.replicaStartMs.join(' / ')} ms`,
    '',
  ];
  const rows: string[][] = [['phase', 'operation', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'deferred']];
  for (const p of report.phases) {
    for (const op of OPERATIONS) {
      const s = p.ops[op];
      rows.push([p.name, LABELS[op], String(s.requests), s.rps.toFixed(1), s.p50.toFixed(1), s.p99.toFixed(1), s.max.toFixed(1), String(s.deferred)]);
    }
    rows.push([p.name, 'all', String(p.requests), p.rps.toFixed(1), '', '', '', '']);
  }
  lines.push(...table(rows), '');
  const checks: string[][] = [['phase', 'failed', 'old', 'new', 'either', 'mismatched', 'regressed', 'shed', 'busy', 'per replica', 'generation', 'reindex+save ms', 'picked up after ms']];
  for (const p of report.phases) {
    const g = p.generation;
    checks.push([
      p.name,
      String(p.non2xx + p.errors),
      String(g.old),
      String(g.new),
      String(g.either),
      String(g.mismatched),
      String(g.regressed),
      String(g.shed),
      String(g.refused),
      p.perReplica.join(' / '),
      `${g.from.slice(0, 8)} → ${g.to.slice(0, 8)} @${g.publishAtS}s`,
      `${g.reindexMs}+${g.saveMs}`,
      g.pickupMs.join(' / '),
    ]);
  }
  lines.push(...table(checks), '');
  lines.push(`answers that tell the generations apart: ${report.markers.join(' · ') || 'none'}`);
  lines.push(report.ok ? 'OK: no failed request; every answer is wholly the old generation\'s or the new one\'s, and no replica went back' : `PROBLEMS:\n  ${report.problems.join('\n  ')}`);
  return lines.join('\n') + '\n';
}

/** Columns padded to their widest cell (CJK-free content); numbers right-aligned. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (/^[\d.]+$/.test(cell) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}

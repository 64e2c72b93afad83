import { describe, expect, it } from 'vitest';
import { formatReport } from '../loadtest/report.js';
import { runLoadTest } from '../loadtest/run.js';

/**
 * `npm run loadtest` on a tiny budget: a builder and two replica processes, signed interactions
 * from autocannon, a new generation published halfway through each phase. Every request must
 * succeed and every answer be wholly one generation's.
 */
describe('load test', () => {
  it('answers every request, each from the old or the new generation, with 1 and 2 replicas', async () => {
    const report = await runLoadTest({ durationS: 1.5, connections: 2 });
    expect(report.problems, formatReport(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.phases.map((p) => [p.name, p.replicas, p.proxy])).toEqual([
      ['1 replica', 1, false],
      ['1 replica, proxy', 1, true],
      ['2 replicas, proxy', 2, true],
    ]);
    // The added document changes answers of each kind, so a mixture could not pass unseen.
    expect(report.markers.some((m) => m.startsWith('figure'))).toBe(true);
    expect(report.markers.some((m) => m.startsWith('ask'))).toBe(true);
    expect(report.markers.some((m) => m.startsWith('autocomplete'))).toBe(true);
    for (const phase of report.phases) {
      expect(phase.non2xx + phase.errors).toBe(0);
      expect(phase.generation.mismatched).toBe(0);
      expect(phase.generation.regressed).toBe(0);
      expect(phase.generation.old).toBeGreaterThan(0);
      for (const op of ['figure', 'ask', 'autocomplete'] as const) expect(phase.ops[op].requests).toBeGreaterThan(0);
      // Every replica in the phase took requests, and picked up the new generation.
      expect(phase.perReplica.every((n) => n > 0)).toBe(true);
      expect(phase.generation.pickupMs).toHaveLength(phase.replicas);
    }
    // The swap happened under load: answers from the new generation arrived during the phases.
    expect(report.phases.reduce((n, p) => n + p.generation.new, 0)).toBeGreaterThan(0);
  }, 90_000);
});

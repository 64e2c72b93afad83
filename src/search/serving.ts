import { ask } from './queries/ask.js';
import { compare } from './queries/compare.js';
import { completeMetric, completeZone } from './queries/complete.js';
import { document } from './queries/document.js';
import { figure } from './queries/figure.js';
import { source } from './queries/source.js';
import { zone } from './queries/zone.js';
import type { AskOptions, CompareOptions, FigureOptions, QueryService, ReindexOptions } from './service.js';
import type { Snapshot } from './snapshot.js';
import type { ReindexAnswer, StatsAnswer } from './types.js';
import { VERSIONS } from './versions.js';

/**
 * The queries of `QueryService` over whatever snapshot is current, shared by the builder's engine
 * and the read-only replica. Each query reads `current()` once and is synchronous, so it is
 * answered wholly from one generation even if a swap is waiting.
 *
 * @example
 * class Fixed extends SnapshotQueries { current() { return snapshot; } reindex() { … } }
 * new Fixed().figure('招商引资').results[0]?.value; // 141.5
 */
export abstract class SnapshotQueries implements QueryService {
  /** The generation queries read now; throws when there is none yet (a replica waiting for an index). */
  protected abstract current(): Snapshot;

  abstract reindex(options?: ReindexOptions): Promise<ReindexAnswer>;

  ask(question: string, options?: AskOptions) {
    return ask(this.current(), question, options);
  }

  figure(metric: string, options?: FigureOptions) {
    return figure(this.current(), metric, options);
  }

  compare(metric: string, zones: string[], options?: CompareOptions) {
    return compare(this.current(), metric, zones, options);
  }

  zone(name: string) {
    return zone(this.current(), name);
  }

  source(passageId: string) {
    return source(this.current(), passageId);
  }

  completeZone(input: string, limit?: number) {
    return completeZone(this.current(), input, limit);
  }

  completeMetric(input: string, limit?: number) {
    return completeMetric(this.current(), input, limit);
  }

  document(name: string) {
    return document(this.current(), name);
  }

  stats(): StatsAnswer {
    const { model, loadedFrom, registry } = this.current();
    return {
      command: 'stats',
      docs: model.docs.map((d) => ({ ...d })),
      passages: model.passages.length,
      figures: model.figures.length,
      zones: registry.entries.length,
      builtAt: model.builtAt,
      buildMs: model.buildMs,
      indexAgeMs: Math.max(0, Date.now() - Date.parse(model.builtAt)),
      loadedFrom,
      skipped: model.skipped,
      versions: { ...VERSIONS.libraries, node: process.version, format: String(VERSIONS.format) },
    };
  }
}

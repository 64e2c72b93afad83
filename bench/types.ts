/** Shapes passed between the bench's parent process and its workers, and printed as JSON. */

export const OPERATIONS = ['ask', 'figure', 'zone', 'autocomplete'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** `--op chart`: chart rendering, timed once over the seeds (it does not depend on corpus size). */
export const CHART_OP = 'chart';

export type SystemName = 'ours' | 'baseline';

export interface FigureQuery {
  metric: string;
  zone?: string;
  year?: string;
}

export interface CompleteQuery {
  kind: 'zone' | 'metric';
  prefix: string;
}

/** The realistic queries every system answers, per operation. */
export interface QuerySet {
  ask: string[];
  figure: FigureQuery[];
  zone: string[];
  autocomplete: CompleteQuery[];
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface LatencySummary extends Percentiles {
  queries: number;
  reps: number;
  samples: number;
  meanMs: number;
  maxMs: number;
}

export interface MemorySample {
  rssMB: number;
  heapUsedMB: number;
  /** Heap still reachable after a full GC: what the index really keeps. */
  liveHeapMB: number;
  externalMB: number;
  /** Peak RSS of the process so far (`resourceUsage().maxRSS`). */
  maxRssMB: number;
}

/** A reindex after a one-file edit, and after undoing it (ms each). */
export interface ReindexTiming {
  file: string;
  /** Until the reindex answered, serving the new index. */
  servedMs: number[];
  /** Until the new index was also saved. */
  savedMs: number[];
}

/** What a build worker reports. */
export interface BuildReport {
  buildMs: number;
  indexBytes: number;
  /** Wall time of each step of the build (`read`, `model`, `index`, `persist` …), when the system splits it. */
  phases: Record<string, number>;
  counts: Record<string, number>;
  memory: MemorySample;
  reindex: ReindexTiming | null;
}

/** What a serve worker reports after loading, first answer and (optionally) the latency runs. */
export interface ServeReport {
  loadMs: number;
  firstAnswerMs: number;
  memory: MemorySample;
  latency: Partial<Record<Operation, LatencySummary>>;
  /** Autocomplete split by kind, for the detail table. */
  autocompleteByKind?: Partial<Record<CompleteQuery['kind'], LatencySummary>>;
  /** Peak RSS at the end, after the latency runs. */
  peakRssMB: number;
}

/** Segmentation and figure phases of our build, timed function by function, and vocabulary. */
export interface PhaseReport {
  phases: Record<string, number>;
  vocabulary: { tokens: number; numeric: number; bigrams: number };
}

export interface GoldScores {
  ours: Record<string, number>;
  baseline: { askRecall3: number; askMrr: number };
}

export interface PrepareReport {
  queries: QuerySet;
  gold: GoldScores;
}

/** What the chart worker reports: PNG rendering of charts made from real /figure results. */
export interface ChartReport {
  /** The first render in a fresh process: importing ECharts and the canvas, registering the fonts, drawing. */
  firstChartMs: number;
  /** Every later render, each chart timed on its own. */
  latency: LatencySummary;
  /** Charts rendered per pass: from /figure queries that made one, plus a few fixed hard shapes. */
  charts: { fromFigures: number; fixed: number };
  meanPngKB: number;
}

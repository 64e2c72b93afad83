import type {
  AskAnswer,
  CompareAnswer,
  DocumentAnswer,
  FigureAnswer,
  ReindexAnswer,
  SourceAnswer,
  StatsAnswer,
  Suggestion,
  ZoneAnswer,
} from './types.js';

export interface AskOptions {
  /** Maximum number of results (default 10). */
  limit?: number;
  /**
   * The question this one follows up (`那2021年呢？` after `珠海高新区2022年的营业收入是多少？`):
   * the question keeps its place, year and topic unless it names new ones.
   */
  after?: string | null;
}

/** Where a reindex is: reading the seeds, parsing files (done of total), indexing. */
export interface ReindexProgress {
  phase: 'reading' | 'parsing' | 'indexing';
  done: number;
  total: number;
}

export interface ReindexOptions {
  /** Called as the work goes on (often: throttle before showing it). */
  onProgress?: (progress: ReindexProgress) => void;
}

export interface FigureOptions {
  /** Zone filter as typed by the user; resolved like `zone()` does. */
  zone?: string | null;
  /** Year filter (`2020`) or period text. */
  year?: string | null;
  limit?: number;
}

export interface CompareOptions {
  /** Year filter (`2022`) or period text; each zone's figure must be of it. */
  year?: string | null;
}

/**
 * What every transport may ask of the core. All queries are synchronous (the index lives in
 * memory); only `reindex` is asynchronous, and queries keep answering from the old index while
 * it runs.
 *
 * @example
 * const answer = service.figure('招商引资', { zone: '梅河口' });
 * answer.results[0]; // { value: 141.5, unit: '亿元', zone: '梅河口高新区', citation: {…} }
 */
export interface QueryService {
  ask(question: string, options?: AskOptions): AskAnswer;
  figure(metric: string, options?: FigureOptions): FigureAnswer;
  /**
   * One metric across zones (at most 12; a list as one string is split by `splitZones`): per
   * zone its best own figure or null, never another zone's. Throws `UserError` `BAD_INPUT`
   * without a metric or a zone.
   *
   * @example
   * service.compare('地区生产总值', ['梅河口', '珠海']).rows.map((r) => r.figure?.value); // [290.09, 268]
   */
  compare(metric: string, zones: string[], options?: CompareOptions): CompareAnswer;
  zone(name: string): ZoneAnswer;
  /** Throws `UserError` with code `SOURCE_NOT_FOUND` for an unknown id. */
  source(passageId: string): SourceAnswer;
  stats(): StatsAnswer;
  /** Throws `UserError` with code `REINDEX_BUSY` when a reindex is already running. */
  reindex(options?: ReindexOptions): Promise<ReindexAnswer>;
  /** What one indexed document holds (passages, first figures, zones), or null when it is not indexed. */
  document(name: string): DocumentAnswer | null;
  /** Autocomplete for zone names: exact, prefix, pinyin, traditional characters. At most `limit` (25). */
  completeZone(input: string, limit?: number): Suggestion[];
  /** Autocomplete for metric labels. */
  completeMetric(input: string, limit?: number): Suggestion[];
}

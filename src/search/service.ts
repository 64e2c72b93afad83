import type {
  AskAnswer,
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

export interface FigureOptions {
  /** Zone filter as typed by the user; resolved like `zone()` does. */
  zone?: string | null;
  /** Year filter (`2020`) or period text. */
  year?: string | null;
  limit?: number;
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
  zone(name: string): ZoneAnswer;
  /** Throws `UserError` with code `SOURCE_NOT_FOUND` for an unknown id. */
  source(passageId: string): SourceAnswer;
  stats(): StatsAnswer;
  /** Throws `UserError` with code `REINDEX_BUSY` when a reindex is already running. */
  reindex(): Promise<ReindexAnswer>;
  /** Autocomplete for zone names: exact, prefix, pinyin, traditional characters. At most `limit` (25). */
  completeZone(input: string, limit?: number): Suggestion[];
  /** Autocomplete for metric labels. */
  completeMetric(input: string, limit?: number): Suggestion[];
}

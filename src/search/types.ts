/**
 * The typed results of the query API. These plain objects are the whole contract between
 * the core and its transports (CLI, Discord bot, tests): transports render them, nothing else.
 * The CLI's `--json` output is exactly these objects, so field names are stable.
 */

/**
 * How a figure's zone or year was decided: `stated` in its sentence (a relative `去年` counts,
 * resolved against the article's date), `inferred` from an earlier sentence of its passage or
 * its section heading, or taken from what its `article` or its whole `document` is about.
 */
export type Provenance = 'stated' | 'inferred' | 'article' | 'document';

/** Where a snippet or figure comes from: file name, passage id and 1-based source line range. */
export interface Citation {
  doc: string;
  /** `<file>#<n>`, n counting passages from 1 within the file. */
  passage: string;
  /**
   * First and last line (1-based, inclusive) of the document's text that hold the passage.
   * For DOCX files each paragraph is one line, so these are paragraph numbers.
   */
  lines: [number, number];
  /** First and last page, for documents with pages (PDF). */
  pages?: [number, number];
  /** What `lines` counts: source lines (default) or paragraphs (DOCX). */
  unit?: 'line' | 'paragraph';
  /** The title of the article the passage is in, when it has one. */
  title?: string;
  /** When the article was written (`2022年2月14日`, `2022年`), when the text says. */
  date?: string;
}

/** A `[start, end)` range of UTF-16 code units in the text it accompanies. */
export type Range = [number, number];

export interface FigureResult {
  /** Value as printed, as a number (`141.5` for `141.5亿元`). */
  value: number;
  /** Unit as printed (`亿元`, `万美元`, `%`, `平方公里`, `户` …). */
  unit: string;
  /** Value with 万/亿 multiplied out, in `baseUnit` (`14150000000` 元). */
  amount: number;
  baseUnit: string;
  /** What the figure measures (`招商引资到位资金`). */
  label: string;
  /** Canonical zone name, or null when the figure belongs to no known zone. */
  zone: string | null;
  /** How `zone` was decided; null when there is none. */
  zoneBy: Provenance | null;
  /** The company whose figure it is (`凯里盛运环保电力有限公司`), when not the place's own; `zone` is then where the company is. */
  owner?: string;
  /** Year (`2020`) or period (`前三季度`, `“十三五”期间`), or null. */
  year: string | null;
  /** How `year` was decided; null when there is none. */
  yearBy: Provenance | null;
  /** `同比增长`, `约`, `以上`, `从…至` … as printed. */
  qualifiers: string[];
  /** `change` when the figure is a change of its metric (a growth rate), `from`/`to` for pairs. */
  role: 'level' | 'change' | 'from' | 'to' | 'range';
  /** The evidence sentence, cleaned. */
  sentence: string;
  /** Where the value and unit sit in `sentence`. */
  span: Range;
  citation: Citation;
  score?: number;
}

export interface AskResult {
  /** The whole passage text. */
  text: string;
  /** Ranges of `text` that matched query terms, sorted, non-overlapping. */
  highlights: Range[];
  score: number;
  /** Article or section title the passage sits under, if any. */
  title: string | null;
  citation: Citation;
}

export interface ZoneSummary {
  name: string;
  kind: ZoneKind;
  /** Number of passages that mention the zone. */
  mentions: number;
}

export type ZoneKind =
  | '高新区'
  | '经开区'
  | '开发区'
  | '综保区'
  | '自贸区'
  | '新区'
  | '园区'
  | '省份'
  | '城市'
  | '县市'
  | '其他';

export interface ZoneProfile extends ZoneSummary {
  aliases: string[];
  /** The places it lies in and the entries inside it (`梅河口市` and `梅河口高新区` for each other). */
  related: string[];
  docs: { doc: string; passages: number }[];
  /** Its own figures, most telling first (headline indicators and ranks before company numbers). */
  figures: FigureResult[];
  /** Figures of the entries inside it (`梅河口高新区`'s in `梅河口市`'s profile), each with its zone. */
  insideFigures: FigureResult[];
  snippets: AskResult[];
}

/** The answer line of /ask: a verbatim span of one of the passages, with its citation. */
export interface DirectAnswer {
  /** A figure for a quantity, an enumerated or naming span, or the best sentence. */
  kind: 'figure' | 'span' | 'sentence';
  /** The answer as shown (`163公里`, `医药健康、健康食品、静脉环保…`). */
  text: string;
  value?: number;
  unit?: string;
  label?: string;
  zone?: string | null;
  year?: string | null;
  /** How `year` was decided (see FigureResult). */
  yearBy?: Provenance | null;
  /** 预计, 力争, 约 … as printed beside a figure. */
  qualifiers?: string[];
  /** The sentence it comes from, and where the answer sits in it. */
  sentence: string;
  span: Range;
  /** 0..1; below the engine's threshold there is no answer. */
  confidence: number;
  citation: Citation;
}

export interface AskAnswer {
  command: 'ask';
  query: string;
  /** The direct answer, or null when the evidence does not support one. */
  answer: DirectAnswer | null;
  /** The documents do not answer it: nothing matched, or nothing cleared the weak-evidence threshold. */
  weak: boolean;
  results: AskResult[];
  /** Did-you-mean terms or zones when nothing (or little) matched. */
  suggestions: string[];
  /** A human note, e.g. that the query was truncated or normalised. */
  notes: string[];
}

export interface FigureAnswer {
  command: 'figure';
  query: string;
  /** Canonical zone the results were filtered to, or null. */
  zone: string | null;
  year: string | null;
  /**
   * The results answer the metric within the filters; false when they are only the nearest
   * figures (another zone or year, said in `notes`) or only share words with the metric.
   */
  exact: boolean;
  results: FigureResult[];
  suggestions: string[];
  notes: string[];
}

/** One zone of a comparison: its figure for the metric, or null when it has none of its own. */
export interface CompareRow {
  /** Canonical zone name (`梅河口市`), or the text as typed when it names no zone of the documents. */
  zone: string;
  /** The zone as typed (`梅河口`). */
  query: string;
  /**
   * The zone's best figure for the metric (of the year asked for, if any): its own or that of
   * an entry inside it (`珠海市` › `珠海高新区`, named by the figure's `zone`). Never another
   * zone's or another year's; null then, and a note says why.
   */
  figure: FigureResult | null;
}

export interface CompareAnswer {
  command: 'compare';
  /** The metric, normalised as queries are (`招商引資` → `招商引资`). */
  metric: string;
  /** Year filter (`2022`), or null. */
  year: string | null;
  /** One per distinct zone, in the order typed (at most 12). */
  rows: CompareRow[];
  /** Zones unknown, ambiguous or without the figure, duplicates, and a cut list. */
  notes: string[];
}

export interface ZoneAnswer {
  command: 'zone';
  query: string;
  /** The resolved zone, or null when the input is unknown or ambiguous. */
  zone: ZoneProfile | null;
  /** Other matches (ambiguous input) or the closest zones (unknown input). */
  candidates: ZoneSummary[];
  notes: string[];
}

export interface PassageView {
  id: string;
  doc: string;
  title: string | null;
  text: string;
  lines: [number, number];
  /** Ids of the neighbouring passages in the same file, for paging. */
  prev: string | null;
  next: string | null;
}

export interface SourceAnswer {
  command: 'source';
  query: string;
  passage: PassageView;
  citation: Citation;
}

export interface DocStats {
  doc: string;
  bytes: number;
  sha256: string;
  passages: number;
  figures: number;
}

export interface SkippedFile {
  doc: string;
  reason: string;
}

export interface StatsAnswer {
  command: 'stats';
  docs: DocStats[];
  passages: number;
  figures: number;
  zones: number;
  /** ISO time the index was built. */
  builtAt: string;
  buildMs: number;
  indexAgeMs: number;
  /** Whether this index was loaded from `index/` or built in this process. */
  loadedFrom: 'disk' | 'build';
  skipped: SkippedFile[];
  versions: Record<string, string>;
}

/** One indexed document: what an admin sees after adding it. */
export interface DocumentAnswer {
  command: 'document';
  doc: string;
  bytes: number;
  passages: number;
  figures: number;
  /** Its first figures in document order, for a glance at what it brought. */
  firstFigures: FigureResult[];
  /** The zones its passages name, most named first. */
  zones: string[];
}

export interface ReindexAnswer {
  command: 'reindex';
  added: string[];
  changed: string[];
  removed: string[];
  passages: number;
  figures: number;
  zones: number;
  ms: number;
  skipped: SkippedFile[];
}

/** One autocomplete choice: `name` is shown, `value` is submitted. */
export interface Suggestion {
  name: string;
  value: string;
}

export type Answer = AskAnswer | FigureAnswer | CompareAnswer | ZoneAnswer | SourceAnswer | StatsAnswer | ReindexAnswer;

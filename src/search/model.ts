import type { Passage } from '../corpus/passages.js';
import type { ZoneEntry } from '../nlp/zone-registry.js';
import type { Citation, FigureResult, SkippedFile } from './types.js';

/** A passage as indexed: with the canonical zones it mentions (explicitly or as `经开区`) and its citation. */
export interface IndexedPassage extends Passage {
  zones: string[];
  /** The zone its article is mostly about. */
  subject: string | null;
  citation: Citation;
}

/** A figure as indexed: the public result shape plus its id. */
export interface IndexedFigure extends Omit<FigureResult, 'score'> {
  id: string;
}

export interface DocRecord {
  doc: string;
  bytes: number;
  sha256: string;
  passages: number;
  figures: number;
}

/** Everything the queries need, as plain data: what `index/` persists next to MiniSearch's JSON. */
export interface CorpusModel {
  passages: IndexedPassage[];
  figures: IndexedFigure[];
  zones: ZoneEntry[];
  docs: DocRecord[];
  skipped: SkippedFile[];
  /** Corpus words (zone names, aliases, short metric labels) the indexes tokenize whole. */
  userWords: string[];
  builtAt: string;
  buildMs: number;
}

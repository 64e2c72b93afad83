import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { expandIndicators } from '../nlp/indicators.js';
import { tokenize, wordSet, type WordSet } from '../nlp/tokenizer.js';
import type { CorpusModel, IndexedFigure, IndexedPassage } from './model.js';

/**
 * The two MiniSearch indexes and the options they are built and reloaded with (MiniSearch's
 * `loadJS` needs the same options again, so they live in one place).
 *
 * Terms come from our tokenizer, never from MiniSearch's default (which keeps a whole CJK
 * run as one term).
 */

/**
 * A document's field as the indexes see it (every indexed field is text; anything else is empty).
 * A figure's label also reads with its indicators' short forms spelled out, as queries are
 * (`规上工业企业` is found by `规模以上工业企业`).
 */
export const fieldText = (doc: unknown, field: string): string => {
  const value = (doc as Record<string, unknown>)[field];
  if (typeof value !== 'string') return '';
  return field === 'label' ? labelText(value) : value;
};

function labelText(label: string): string {
  const expanded = expandIndicators(label);
  return expanded === label ? label : `${label} ${expanded}`;
}

/**
 * The corpus words the indexes' tokenizer finds whole. Shared by both indexes' options and
 * swapped, never mutated, by `updateIndexes` when the corpus words change.
 */
export interface Lexicon {
  words: WordSet;
}

/**
 * The fields each index reads. Zones are not among them: queries take zones as context (a
 * filter, a boost from the model), never as words to match, so indexing them only cost time.
 */
export const PASSAGE_FIELDS = ['text', 'title'];
export const FIGURE_FIELDS = ['label', 'sentence'];

/** Passage index options; the lexicon's words also come out whole. */
export function passageOptions(lexicon: Lexicon): Options<IndexedPassage> {
  return {
    idField: 'id',
    fields: PASSAGE_FIELDS,
    extractField: fieldText,
    tokenize: (text) => tokenize(text, lexicon.words),
    processTerm: (term) => term,
  };
}

/** Figure index options. */
export function figureOptions(lexicon: Lexicon): Options<IndexedFigure> {
  return {
    idField: 'id',
    fields: FIGURE_FIELDS,
    extractField: fieldText,
    tokenize: (text) => tokenize(text, lexicon.words),
    processTerm: (term) => term,
  };
}

export interface Indexes {
  passages: MiniSearch<IndexedPassage>;
  figures: MiniSearch<IndexedFigure>;
  /** The corpus words both indexes are tokenized with; queries must use the same. */
  lexicon: Lexicon;
}

/** The lexicon for a model's corpus words. */
export function lexiconOf(userWords: string[]): Lexicon {
  return { words: wordSet(userWords) };
}

/** Builds both indexes from a model. */
export function buildIndexes(model: CorpusModel): Indexes {
  const lexicon = lexiconOf(model.userWords);
  const passages = new MiniSearch<IndexedPassage>(passageOptions(lexicon));
  passages.addAll(model.passages);
  const figures = new MiniSearch<IndexedFigure>(figureOptions(lexicon));
  figures.addAll(model.figures);
  return { passages, figures, lexicon };
}

/** Reloads the passage index from its persisted plain object (with the options it was built with). */
export function loadPassageIndex(data: AsPlainObject, lexicon: Lexicon): MiniSearch<IndexedPassage> {
  return MiniSearch.loadJS<IndexedPassage>(data, passageOptions(lexicon));
}

/** Reloads the figure index from its persisted plain object. */
export function loadFigureIndex(data: AsPlainObject, lexicon: Lexicon): MiniSearch<IndexedFigure> {
  return MiniSearch.loadJS<IndexedFigure>(data, figureOptions(lexicon));
}

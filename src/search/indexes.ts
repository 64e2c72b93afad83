import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { tokenize, wordSet, type WordSet } from '../nlp/tokenizer.js';
import type { CorpusModel, IndexedFigure, IndexedPassage } from './model.js';

/**
 * The two MiniSearch indexes and the options they are built and reloaded with (MiniSearch's
 * `loadJS` needs the same options again, so they live in one place).
 *
 * Terms come from our tokenizer, never from MiniSearch's default (which keeps a whole CJK
 * run as one term).
 */

/** A document's field as the indexes see it: text, or a list joined with spaces. */
export const fieldText = (doc: unknown, field: string): string => {
  const value = (doc as Record<string, unknown>)[field];
  if (Array.isArray(value)) return value.join(' ');
  return typeof value === 'string' ? value : '';
};

/** Passage index options; `words` are the corpus words that also come out whole. */
export function passageOptions(words: WordSet): Options<IndexedPassage> {
  return {
    idField: 'id',
    fields: ['text', 'title', 'zones'],
    extractField: fieldText,
    tokenize: (text) => tokenize(text, words),
    processTerm: (term) => term,
  };
}

/** Figure index options. */
export function figureOptions(words: WordSet): Options<IndexedFigure> {
  return {
    idField: 'id',
    fields: ['label', 'sentence', 'zone'],
    extractField: fieldText,
    tokenize: (text) => tokenize(text, words),
    processTerm: (term) => term,
  };
}

export interface Indexes {
  passages: MiniSearch<IndexedPassage>;
  figures: MiniSearch<IndexedFigure>;
  /** The corpus words both indexes were tokenized with; queries must use the same. */
  words: WordSet;
}

/** Builds both indexes from a model. */
export function buildIndexes(model: CorpusModel): Indexes {
  const words = wordSet(model.userWords);
  const passages = new MiniSearch<IndexedPassage>(passageOptions(words));
  passages.addAll(model.passages);
  const figures = new MiniSearch<IndexedFigure>(figureOptions(words));
  figures.addAll(model.figures);
  return { passages, figures, words };
}

/** Reloads both indexes from their persisted plain objects, with the model's corpus words. */
export function loadIndexes(data: { passages: AsPlainObject; figures: AsPlainObject }, userWords: string[]): Indexes {
  const words = wordSet(userWords);
  return {
    passages: MiniSearch.loadJS<IndexedPassage>(data.passages, passageOptions(words)),
    figures: MiniSearch.loadJS<IndexedFigure>(data.figures, figureOptions(words)),
    words,
  };
}

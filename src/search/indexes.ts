import MiniSearch, { type Options, type Query, type SearchResult } from 'minisearch';
import { bigrams, tokenize } from '../nlp/tokenizer.js';
import type { CorpusModel, IndexedFigure, IndexedPassage } from './model.js';

/**
 * The two MiniSearch indexes and the options they are built and reloaded with (MiniSearch's
 * `loadJSON` needs the same options again, so they live in one place).
 *
 * Terms come from our tokenizer, never from MiniSearch's default (which keeps a whole CJK
 * run as one term). The `grams` field indexes character bigrams of the same text: a recall
 * fallback for words jieba cuts differently in questions and documents.
 */

/** Grams field of a document: bigrams of its main text. */
const GRAMS = 'grams';

const tokenizeField = (text: string, field?: string) => (field === GRAMS ? bigrams(text) : tokenize(text));

export const PASSAGE_OPTIONS: Options<IndexedPassage> = {
  idField: 'id',
  fields: ['text', 'title', 'zones', GRAMS],
  extractField: (doc, field) => {
    if (field === GRAMS) return doc.text;
    if (field === 'zones') return doc.zones.join(' ');
    const value = (doc as unknown as Record<string, unknown>)[field];
    return typeof value === 'string' ? value : '';
  },
  tokenize: tokenizeField,
  processTerm: (term) => term,
};

export const FIGURE_OPTIONS: Options<IndexedFigure> = {
  idField: 'id',
  fields: ['label', 'sentence', 'zone', GRAMS],
  extractField: (doc, field) => {
    if (field === GRAMS) return doc.label;
    const value = (doc as unknown as Record<string, unknown>)[field];
    return typeof value === 'string' ? value : '';
  },
  tokenize: tokenizeField,
  processTerm: (term) => term,
};

export interface Indexes {
  passages: MiniSearch<IndexedPassage>;
  figures: MiniSearch<IndexedFigure>;
}

/** Builds both indexes from a model. */
export function buildIndexes(model: CorpusModel): Indexes {
  const passages = new MiniSearch<IndexedPassage>(PASSAGE_OPTIONS);
  passages.addAll(model.passages);
  const figures = new MiniSearch<IndexedFigure>(FIGURE_OPTIONS);
  figures.addAll(model.figures);
  return { passages, figures };
}

/** Reloads both indexes from their persisted JSON. */
export function loadIndexes(json: { passages: string; figures: string }): Indexes {
  return {
    passages: MiniSearch.loadJSON<IndexedPassage>(json.passages, PASSAGE_OPTIONS),
    figures: MiniSearch.loadJSON<IndexedFigure>(json.figures, FIGURE_OPTIONS),
  };
}

export interface WeightedFields {
  words: Record<string, number>;
  grams: number;
}

/**
 * A query over word fields (with their boosts) OR'ed with the same text as bigrams over the
 * grams field. Latin words of 4+ letters get light fuzziness; CJK words none (one wrong
 * character in a 2-character word is another word).
 */
export function wordsAndGrams(text: string, weights: WeightedFields, scale = 1): Query {
  const words = Object.fromEntries(Object.entries(weights.words).map(([field, w]) => [field, w * scale]));
  return {
    combineWith: 'OR',
    queries: [
      {
        queries: [text],
        fields: Object.keys(words),
        boost: words,
        tokenize: (q) => tokenize(q),
        fuzzy: (term) => (/^[a-z]{4,}$/.test(term) ? 0.2 : false),
        prefix: (term) => /^[a-z]{3,}$/.test(term),
      },
      { queries: [text], fields: [GRAMS], boost: { [GRAMS]: weights.grams * scale }, tokenize: bigrams },
    ],
  };
}

export type Hit = SearchResult;

import MiniSearch, { type AsPlainObject, type Options, type Query } from 'minisearch';
import { tokenize, wordSet, type WordSet } from '../nlp/tokenizer.js';
import type { CorpusModel, IndexedFigure, IndexedPassage } from './model.js';

/**
 * The two MiniSearch indexes and the options they are built and reloaded with (MiniSearch's
 * `loadJS` needs the same options again, so they live in one place).
 *
 * Terms come from our tokenizer, never from MiniSearch's default (which keeps a whole CJK
 * run as one term).
 */

const stringField = (doc: unknown, field: string): string => {
  const value = (doc as Record<string, unknown>)[field];
  if (Array.isArray(value)) return value.join(' ');
  return typeof value === 'string' ? value : '';
};

/** Passage index options; `words` are the corpus words that also come out whole. */
export function passageOptions(words: WordSet): Options<IndexedPassage> {
  return {
    idField: 'id',
    fields: ['text', 'title', 'zones'],
    extractField: stringField,
    tokenize: (text) => tokenize(text, words),
    processTerm: (term) => term,
  };
}

/** Figure index options. */
export function figureOptions(words: WordSet): Options<IndexedFigure> {
  return {
    idField: 'id',
    fields: ['label', 'sentence', 'zone'],
    extractField: stringField,
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

/**
 * An OR query over fields with boosts, scaled by `scale`. Latin words of 4+ letters get
 * light fuzziness and 3+ letters prefix matching. CJK words get no fuzziness (one wrong
 * character in a two-character word is another word); a single CJK character at the end of
 * the query is taken as an unfinished word and matched as a prefix (`跨境电商企` → `企业`).
 *
 * @example
 * index.search(weightedQuery('招商引资', { label: 3, sentence: 1 }));
 */
export function weightedQuery(text: string, boosts: Record<string, number>, scale = 1): Query {
  const boost = Object.fromEntries(Object.entries(boosts).map(([field, w]) => [field, w * scale]));
  return {
    combineWith: 'OR',
    queries: [text],
    fields: Object.keys(boost),
    boost,
    fuzzy: (term) => (/^[a-z]{4,}$/.test(term) ? 0.2 : false),
    prefix: (term, i, terms) => /^[a-z]{3,}$/.test(term) || (i === terms.length - 1 && /^\p{Script=Han}$/u.test(term)),
  };
}

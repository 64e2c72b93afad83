import type MiniSearch from 'minisearch';
import { AppError } from '../errors.js';
import { wordSet } from '../nlp/tokenizer.js';
import { FIGURE_FIELDS, PASSAGE_FIELDS, fieldText, type Indexes } from './indexes.js';
import type { CorpusModel } from './model.js';

/**
 * Brings built indexes from one model to the next in place, touching only the documents that
 * differ: what makes a reindex after a one-file change take a fraction of a full build.
 *
 * A document is re-indexed when it was added or removed, when a field the index reads
 * changed, or when it contains a corpus word that came or went (the tokenizer finds those
 * words whole, so its terms change, even in a file that did not change). Removal uses the old
 * document and the old words, addition the new ones, so the result holds exactly the terms a
 * full build would give. MiniSearch's `remove` is exact (unlike `discard`, whose postings linger until a
 * vacuum and skew document frequencies meanwhile).
 */

/** How many documents an update re-indexed, per index. */
export interface IndexChanges {
  passages: DocumentChanges;
  figures: DocumentChanges;
  /** Corpus words that came or went. */
  words: number;
}

export interface DocumentChanges {
  added: number;
  removed: number;
  /** Same id, re-indexed: a field changed or a changed corpus word occurs in it. */
  updated: number;
}

interface Document {
  id: string;
}

/**
 * Updates `indexes`, built from `before`, to index `after`. Synchronous on purpose: the caller
 * swaps in the new snapshot in the same tick, so no query sees a half-updated index.
 *
 * @example
 * const changes = updateIndexes(snapshot.indexes, snapshot.model, nextModel);
 * changes.passages; // { added: 2, removed: 0, updated: 1 }
 */
export function updateIndexes(indexes: Indexes, before: CorpusModel, after: CorpusModel): IndexChanges {
  const oldWords = new Set(before.userWords);
  const newWords = new Set(after.userWords);
  const changedWords = [...before.userWords.filter((w) => !newWords.has(w)), ...after.userWords.filter((w) => !oldWords.has(w))];

  const passages = plan(indexes.passages, before.passages, after.passages, PASSAGE_FIELDS, changedWords);
  const figures = plan(indexes.figures, before.figures, after.figures, FIGURE_FIELDS, changedWords);

  for (const doc of passages.remove) indexes.passages.remove(doc);
  for (const doc of figures.remove) indexes.figures.remove(doc);
  if (changedWords.length > 0) indexes.lexicon.words = wordSet(after.userWords);
  indexes.passages.addAll(passages.add);
  indexes.figures.addAll(figures.add);
  return { passages: passages.changes, figures: figures.changes, words: changedWords.length };
}

/** The old documents to remove and the new ones to add, checked against the index first. */
function plan<T extends Document>(index: MiniSearch<T>, before: T[], after: T[], fields: string[], changedWords: string[]) {
  const oldById = new Map(before.map((d) => [d.id, d]));
  const newById = new Map(after.map((d) => [d.id, d]));
  const mentionsChangedWord = (doc: T) => fields.some((f) => changedWords.some((w) => fieldText(doc, f).includes(w)));
  const differs = (a: T, b: T) => fields.some((f) => fieldText(a, f) !== fieldText(b, f));

  const remove: T[] = [];
  const add: T[] = [];
  const changes: DocumentChanges = { added: 0, removed: 0, updated: 0 };
  for (const [id, old] of oldById) {
    const next = newById.get(id);
    if (!next) {
      remove.push(old);
      changes.removed++;
    } else if (differs(old, next) || mentionsChangedWord(next)) {
      remove.push(old);
      add.push(next);
      changes.updated++;
    }
  }
  for (const [id, next] of newById) {
    if (!oldById.has(id)) {
      add.push(next);
      changes.added++;
    }
  }
  // Fail before touching anything when the index is not the one `before` describes.
  const missing = remove.find((d) => !index.has(d.id));
  if (index.documentCount !== before.length || missing) {
    throw new AppError('INTERNAL', `search/update: the index does not match its model (${index.documentCount} documents vs ${before.length}${missing ? `, "${missing.id}" not indexed` : ''})`);
  }
  return { remove, add, changes };
}

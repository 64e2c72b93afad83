import { registryOf, type ZoneRegistry } from '../nlp/zone-registry.js';
import type { Indexes } from './indexes.js';
import type { CorpusModel, IndexedFigure, IndexedPassage } from './model.js';
import { Retriever } from './retrieve.js';

/**
 * One immutable, fully built index generation. Queries read a snapshot; a reindex builds a
 * new one aside and swaps the reference, so a query never sees half of each.
 */
export interface Snapshot {
  model: CorpusModel;
  indexes: Indexes;
  /** Ranked search over each index (caches posting counts, so one per generation). */
  passageSearch: Retriever<IndexedPassage>;
  figureSearch: Retriever<IndexedFigure>;
  passageById: Map<string, IndexedPassage>;
  figureById: Map<string, IndexedFigure>;
  registry: ZoneRegistry;
  /** Distinct metric labels with how many figures carry each, for autocomplete and did-you-mean. */
  labels: { label: string; count: number }[];
  loadedFrom: 'disk' | 'build';
}

/** Wraps a model and its indexes with the lookup maps queries use. */
export function createSnapshot(model: CorpusModel, indexes: Indexes, loadedFrom: Snapshot['loadedFrom']): Snapshot {
  const passageById = new Map(model.passages.map((p) => [p.id, p]));
  const figureById = new Map(model.figures.map((f) => [f.id, f]));
  return {
    model,
    indexes,
    passageSearch: new Retriever(indexes.passages, indexes.lexicon.words, passageById),
    figureSearch: new Retriever(indexes.figures, indexes.lexicon.words, figureById),
    passageById,
    figureById,
    registry: registryOf(model.zones),
    labels: countLabels(model),
    loadedFrom,
  };
}

function countLabels(model: CorpusModel): Snapshot['labels'] {
  const counts = new Map<string, number>();
  for (const f of model.figures) counts.set(f.label, (counts.get(f.label) ?? 0) + 1);
  return [...counts].map(([label, count]) => ({ label, count }));
}

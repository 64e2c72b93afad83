import { registryOf, type ZoneRegistry } from '../nlp/zone-registry.js';
import type { Indexes } from './indexes.js';
import type { CorpusModel, IndexedFigure, IndexedPassage } from './model.js';

/**
 * One immutable, fully built index generation. Queries read a snapshot; a reindex builds a
 * new one aside and swaps the reference, so a query never sees half of each.
 */
export interface Snapshot {
  model: CorpusModel;
  indexes: Indexes;
  passageById: Map<string, IndexedPassage>;
  figureById: Map<string, IndexedFigure>;
  registry: ZoneRegistry;
  loadedFrom: 'disk' | 'build';
}

/** Wraps a model and its indexes with the lookup maps queries use. */
export function createSnapshot(model: CorpusModel, indexes: Indexes, loadedFrom: Snapshot['loadedFrom']): Snapshot {
  return {
    model,
    indexes,
    passageById: new Map(model.passages.map((p) => [p.id, p])),
    figureById: new Map(model.figures.map((f) => [f.id, f])),
    registry: registryOf(model.zones),
    loadedFrom,
  };
}

import type { Snapshot } from '../snapshot.js';
import type { DocumentAnswer } from '../types.js';
import { toResult } from './figure.js';

/** How many figures a document summary shows. */
const FIRST_FIGURES = 5;

/**
 * What one indexed document holds: its passages and figures, the first figures with their
 * labels, and the zones it names (most named first). Null when no such document is indexed.
 *
 * @example
 * document(snapshot, '004_578be0ae33821603.txt')?.zones[0]; // '梅河口市'
 */
export function document(snapshot: Snapshot, name: string): DocumentAnswer | null {
  const record = snapshot.model.docs.find((d) => d.doc === name);
  if (!record) return null;
  const named = new Map<string, number>();
  for (const p of snapshot.model.passages) {
    if (p.citation.doc !== name) continue;
    for (const z of p.zones) named.set(z, (named.get(z) ?? 0) + 1);
  }
  const figures = snapshot.model.figures.filter((f) => f.citation.doc === name);
  return {
    command: 'document',
    doc: name,
    bytes: record.bytes,
    passages: record.passages,
    figures: record.figures,
    firstFigures: figures.slice(0, FIRST_FIGURES).map(toResult),
    zones: [...named].sort((a, b) => b[1] - a[1]).map(([z]) => z),
  };
}

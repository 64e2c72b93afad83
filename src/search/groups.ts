import type { Citation, FigureResult } from './types.js';

/** Figures read from one evidence sentence, in the order the answer ranks them. */
export interface SentenceGroup {
  sentence: string;
  citation: Citation;
  /** The figures with their rank in the answer (1-based). */
  figures: { figure: FigureResult; n: number }[];
}

/**
 * Groups ranked figures by the sentence they were read from, each group where its best
 * figure ranks, so a reader sees a sentence once with all its figures marked.
 *
 * @example
 * bySentence(answer.results).map((g) => g.figures.map((f) => f.n)); // [[1, 3], [2]]
 */
export function bySentence(results: readonly FigureResult[], firstRank = 1): SentenceGroup[] {
  const groups = new Map<string, SentenceGroup>();
  results.forEach((figure, i) => {
    const key = `${figure.citation.passage}\u0000${figure.sentence}`;
    const group = groups.get(key) ?? groups.set(key, { sentence: figure.sentence, citation: figure.citation, figures: [] }).get(key)!;
    group.figures.push({ figure, n: firstRank + i });
  });
  return [...groups.values()];
}

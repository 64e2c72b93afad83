import type { Gold } from '../src/eval/gold.js';

/** A ranked answer as the ask criteria see it. */
export interface RankedPassage {
  doc: string;
  text: string;
}

/**
 * Ask recall@3 and MRR (over the top 10) with `evaluate`'s criteria: a hit is a passage of
 * the expected document whose text contains the expected string. For systems without our
 * answer types, such as the baseline.
 *
 * @example
 * scoreAsk((q) => baselineTop(q), gold); // { askRecall3: 0.6, askMrr: 0.52 }
 */
export function scoreAsk(ask: (question: string) => RankedPassage[], gold: Gold): { askRecall3: number; askMrr: number } {
  let recall3 = 0;
  let mrr = 0;
  for (const g of gold.ask) {
    const rank = ask(g.query)
      .slice(0, 10)
      .findIndex((p) => p.doc === g.expect.doc && p.text.includes(g.expect.contains));
    if (rank >= 0 && rank < 3) recall3++;
    if (rank >= 0) mrr += 1 / (rank + 1);
  }
  const total = Math.max(1, gold.ask.length);
  return { askRecall3: recall3 / total, askMrr: mrr / total };
}

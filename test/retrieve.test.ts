import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSeeds } from '../src/corpus/load.js';
import { goldSchema } from '../src/eval/gold.js';
import { buildModel } from '../src/search/build.js';
import { buildIndexes } from '../src/search/indexes.js';
import type { IndexedFigure, IndexedPassage } from '../src/search/model.js';
import { Retriever, type Hit } from '../src/search/retrieve.js';
import { createSnapshot, type Snapshot } from '../src/search/snapshot.js';
import { SEEDS_DIR } from './seeds.js';

const gold = (name: string) => goldSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')));
const questions = [...gold('gold-public.json').ask, ...gold('gold-dev.json').ask].map((g) => g.query);
const metrics = [...gold('gold-public.json').figure, ...gold('gold-dev.json').figure].map((g) => g.query);
const PASSAGE_BOOSTS = { text: 1, title: 0.4 };
const FIGURE_BOOSTS = { label: 3, sentence: 1 };

let snapshot: Snapshot;
let exhaustive: Retriever<IndexedPassage>;
let twoStage: Retriever<IndexedPassage>;
beforeAll(async () => {
  const model = await buildModel(await readSeeds(SEEDS_DIR));
  snapshot = createSnapshot(model, buildIndexes(model), 'build');
  const { passages, lexicon: { words } } = snapshot.indexes;
  exhaustive = new Retriever(passages, words, snapshot.passageById, { plainBudget: Infinity, retrieveBudget: Infinity, candidates: Infinity });
  // Budgets small enough that every question over the seeds takes the two-stage path.
  twoStage = new Retriever(passages, words, snapshot.passageById, { plainBudget: 0, retrieveBudget: 40, candidates: 30 });
});

const scores = (hits: Hit[]) => new Map(hits.map((h) => [h.id, h.score]));

describe('Retriever', () => {
  it('is one plain MiniSearch query at the default limits on a corpus the size of the seeds', () => {
    for (const q of questions) expect(snapshot.passageSearch.search(q, PASSAGE_BOOSTS), q).toEqual(exhaustive.search(q, PASSAGE_BOOSTS));
    const figures = new Retriever(snapshot.indexes.figures, snapshot.indexes.lexicon.words, snapshot.figureById, { plainBudget: Infinity, retrieveBudget: Infinity, candidates: Infinity });
    for (const m of metrics) expect(snapshot.figureSearch.search(m, FIGURE_BOOSTS), m).toEqual(figures.search(m, FIGURE_BOOSTS));
  });

  it('gives candidates of the two-stage path their exact MiniSearch scores', () => {
    for (const q of questions) {
      const all = scores(exhaustive.search(q, PASSAGE_BOOSTS));
      const hits = twoStage.search(q, PASSAGE_BOOSTS);
      expect(hits.length, q).toBeLessThanOrEqual(30);
      for (const hit of hits) expect(hit.score, `${q} ${hit.id}`).toBeCloseTo(all.get(hit.id)!, 9);
      expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    }
  });

  it('keeps the exhaustive best passage among its top five for nearly every question', () => {
    const kept = questions.filter((q) => {
      const best = exhaustive.search(q, PASSAGE_BOOSTS)[0]?.id;
      return best === undefined || twoStage.search(q, PASSAGE_BOOSTS).slice(0, 5).some((h) => h.id === best);
    });
    expect(kept.length / questions.length).toBeGreaterThanOrEqual(0.9);
  });

  it('scores only documents `accept` lets through, on both paths', () => {
    const accept = (id: string) => snapshot.figureById.get(id)!.zone === '梅河口高新区';
    const { figures, lexicon: { words } } = snapshot.indexes;
    for (const limits of [undefined, { plainBudget: 0, retrieveBudget: 20, candidates: 10 }]) {
      const retriever = new Retriever<IndexedFigure>(figures, words, snapshot.figureById, limits);
      const hits = retriever.search('工业企业数量', FIGURE_BOOSTS, { accept });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => accept(h.id))).toBe(true);
    }
  });

  it('takes an unfinished last character as a prefix on the two-stage path too', () => {
    // `跨境电商企` ends in a single character, matched as a prefix (`企业`): its cost is unbounded.
    const hits = twoStage.search('跨境电商企', PASSAGE_BOOSTS);
    const all = scores(exhaustive.search('跨境电商企', PASSAGE_BOOSTS));
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.score).toBeCloseTo(all.get(hit.id)!, 9);
    expect(hits[0]!.id).toBe(exhaustive.search('跨境电商企', PASSAGE_BOOSTS)[0]!.id);
  });

  it.each(['', '   ', '的了吗', '？！。'])('returns nothing for a query without terms (%j)', (q) => {
    expect(snapshot.passageSearch.search(q, PASSAGE_BOOSTS)).toEqual([]);
  });
});

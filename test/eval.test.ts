import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/search/engine.js';
import { goldSchema } from '../src/eval/gold.js';
import { answersSchema, evaluateAnswers } from '../src/eval/answers.js';
import { evaluatePrecision, precisionSchema } from '../src/eval/precision.js';
import { evaluate, normalizeAmount, rates } from '../src/eval/score.js';
import { openSeedEngine } from './helpers.js';

const gold = (name: string) => goldSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')));

let engine: Engine;
beforeAll(async () => {
  engine = await openSeedEngine();
});

describe('npm run eval', () => {
  // Floors from the issue; the public set is what a reviewer can check by hand.
  it('meets the floors on the public gold set', async () => {
    const r = rates(await evaluate(engine, gold('gold-public.json')));
    expect(r.figureHit3).toBeGreaterThanOrEqual(0.9);
    expect(r.zoneName).toBe(1);
    expect(r.askRecall3).toBeGreaterThanOrEqual(0.85);
  });

  // An independent dev set written from the documents without looking at the code: it
  // guards against tuning to the public questions. Floors sit a little under today's scores.
  it('stays above its floors on the independent dev set', async () => {
    const r = rates(await evaluate(engine, gold('gold-dev.json')));
    expect(r.figureHit3).toBeGreaterThanOrEqual(0.9);
    expect(r.figureHit1).toBeGreaterThanOrEqual(0.75);
    expect(r.zoneName).toBe(1);
    expect(r.zoneFiguresRecall).toBeGreaterThanOrEqual(0.9);
    expect(r.askRecall3).toBeGreaterThanOrEqual(0.85);
  });

  // Ten real public reports nobody tuned for (test/fixtures/unseen/SOURCES.md), with questions
  // written before any answer was seen. Floors are issue 9's targets.
  it('stays above its floors on documents nobody tuned for', async () => {
    const unseen = await openSeedEngine({ seedsDir: join(import.meta.dirname, 'fixtures', 'unseen', 'docs') });
    const r = rates(await evaluate(unseen, gold(join('unseen', 'gold.json'))));
    expect(r.figureHit3).toBeGreaterThanOrEqual(0.9);
    expect(r.zoneName).toBeGreaterThanOrEqual(0.9);
    expect(r.askRecall3).toBeGreaterThanOrEqual(0.9);
  });

  // Later sets of real reports, each gathered and asked blind after the one before was tuned on
  // (their SOURCES.md). Held out, the third scored figure hit@3 78.3%, zone 75%, ask 88.9%,
  // answers 33% / abstention 70%. Floors a little under today's scores, to hold the gains.
  it.each([
    ['unseen2', { figureHit3: 0.95, zoneName: 0.9, askRecall3: 0.9, correct: 0.8, abstained: 0.9 }],
    ['unseen3', { figureHit3: 0.9, zoneName: 0.8, askRecall3: 0.85, correct: 0.55, abstained: 0.85 }],
  ] as const)('stays above its floors on %s, documents nobody tuned for', async (set, floors) => {
    const docs = await openSeedEngine({ seedsDir: join(import.meta.dirname, 'fixtures', set, 'docs') });
    const r = rates(await evaluate(docs, gold(join(set, 'gold.json'))));
    expect(r.figureHit3).toBeGreaterThanOrEqual(floors.figureHit3);
    expect(r.zoneName).toBeGreaterThanOrEqual(floors.zoneName);
    expect(r.askRecall3).toBeGreaterThanOrEqual(floors.askRecall3);
    const answers = evaluateAnswers({ [set]: docs }, answersSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', set, 'answers.json'), 'utf8'))));
    expect(answers.correct / answers.answerable).toBeGreaterThanOrEqual(floors.correct);
    expect(answers.abstained / answers.unanswerable).toBeGreaterThanOrEqual(floors.abstained);
  });

  // Right place, right year, or say so: 79 cases written from the seeds and the unseen reports.
  it('keeps precision at 95% or more on the precision set', async () => {
    const set = precisionSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'gold-precision.json'), 'utf8')));
    const unseen = await openSeedEngine({ seedsDir: join(import.meta.dirname, 'fixtures', 'unseen', 'docs') });
    const report = evaluatePrecision({ seeds: engine, unseen }, set);
    expect(report.total).toBeGreaterThanOrEqual(30);
    expect(report.passed / report.total).toBeGreaterThanOrEqual(0.95);
  });

  // /ask's answer line: 46 answerable questions and 25 the documents do not answer, at issue
  // 10's targets (accuracy ≥ 85%, abstention ≥ 80%).
  it('answers right or abstains on the answers set', async () => {
    const set = answersSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'gold-answers.json'), 'utf8')));
    const unseen = await openSeedEngine({ seedsDir: join(import.meta.dirname, 'fixtures', 'unseen', 'docs') });
    const r = evaluateAnswers({ seeds: engine, unseen }, set);
    expect(r.correct / r.answerable).toBeGreaterThanOrEqual(0.85);
    expect(r.abstained / r.unanswerable).toBeGreaterThanOrEqual(0.8);
  });

  it('lists every miss with what was wanted', async () => {
    const report = await evaluate(engine, { version: 1, figure: [{ id: 'x', query: '招商引资', zone: '梅河口', expect: { value: 1, unit: '个', doc: 'nope.txt' } }], zone: [], ask: [] });
    expect(report.misses).toEqual([expect.objectContaining({ id: 'x', kind: 'figure', detail: expect.stringContaining('want 1个 in nope.txt') })]);
  });

  it.each([
    [3.5, '万户', 35000, '户'],
    [141.5, '亿元', 14150000000, '元'],
    [16.5, '%', 16.5, '%'],
    [5000, '万美元', 50000000, '美元'],
    [2, '千万元', 20000000, '元'],
    [8, '千米', 8, '公里'],
    [3, '不明单位', 3, '不明单位'],
  ])('normalises %d%s for comparison', (value, unit, amount, base) => {
    expect(normalizeAmount(value, unit)).toEqual({ amount, base });
  });
});

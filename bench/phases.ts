import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { readSeeds } from '../src/corpus/load.js';
import { sentences, splitPassages } from '../src/corpus/passages.js';
import { extractFigures } from '../src/nlp/figures.js';
import { tokenize, wordSet } from '../src/nlp/tokenizer.js';
import { findZoneMentions } from '../src/nlp/zones.js';
import { buildModel } from '../src/search/build.js';
import { buildIndexes, figureOptions, passageOptions } from '../src/search/indexes.js';
import { saveIndex } from '../src/search/persist.js';
import { cjkTerms } from './systems/baseline.js';
import type { PhaseReport } from './types.js';

/**
 * Our build, timed step by step with the public functions the engine calls: the four top
 * steps (`read`, `model`, `index`, `persist`) add up to a full build; `passages`, `zones`,
 * `figures`, `segmentation`, `indexPassages` and `indexFigures` then re-run parts of `model`
 * and `index` on their own to show where their time goes. Meant to run after a full build in
 * the same process, so jieba's dictionary is loaded and every step runs warm.
 *
 * @example
 * (await measurePhases('/tmp/zone-bench-x/corpus-10x')).phases; // { read: 31, model: 2400, index: 1900, … }
 */
export async function measurePhases(corpusDir: string): Promise<PhaseReport> {
  const phases: Record<string, number> = {};
  async function time<T>(name: string, step: () => T | Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await step();
    phases[name] = performance.now() - started;
    return result;
  }

  const scan = await time('read', () => readSeeds(corpusDir));
  const model = await time('model', () => buildModel(scan));
  const indexes = await time('index', () => buildIndexes(model));
  const scratch = await mkdtemp(join(tmpdir(), 'zone-bench-phase-'));
  await time('persist', () => saveIndex(scratch, model, indexes));
  await rm(scratch, { recursive: true, force: true });

  const passages = await time('passages', () => scan.files.flatMap((f) => splitPassages(f.name, f.text)));
  await time('zones', () => passages.map((p) => findZoneMentions(p.text)));
  await time('figures', () => passages.map((p) => sentences(p.text).map((s) => extractFigures(s.text))));
  const words = wordSet(model.userWords);
  const tokens = await time('segmentation', () => passages.map((p) => tokenize(p.text, words)));
  await time('indexPassages', () => new MiniSearch(passageOptions({ words })).addAll(model.passages));
  await time('indexFigures', () => new MiniSearch(figureOptions({ words })).addAll(model.figures));

  const vocabulary = new Set(tokens.flat());
  const grams = new Set(passages.flatMap((p) => cjkTerms(p.text)));
  return {
    phases,
    vocabulary: { tokens: vocabulary.size, numeric: [...vocabulary].filter((t) => /\d/.test(t)).length, bigrams: grams.size },
  };
}

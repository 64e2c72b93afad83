import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type MiniSearch from 'minisearch';
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { readSeeds } from '../src/corpus/load.js';
import { goldSchema } from '../src/eval/gold.js';
import { buildModel, warmCache, type BuildCache } from '../src/search/build.js';
import { openEngine } from '../src/search/engine.js';
import { buildIndexes } from '../src/search/indexes.js';
import type { CorpusModel } from '../src/search/model.js';
import { ask } from '../src/search/queries/ask.js';
import { figure } from '../src/search/queries/figure.js';
import { createSnapshot, type Snapshot } from '../src/search/snapshot.js';
import { updateIndexes } from '../src/search/update.js';
import { copySeeds, tempDir } from './helpers.js';

const comparable = (model: CorpusModel) => ({ ...model, builtAt: '', buildMs: 0 });
const gold = (name: string) => goldSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')));
const golds = [gold('gold-public.json'), gold('gold-dev.json')];
const questions = golds.flatMap((g) => g.ask.map((a) => a.query));
const metrics = golds.flatMap((g) => g.figure.map((f) => ({ metric: f.query, zone: f.zone ?? null, year: f.year ?? null })));

/**
 * What a MiniSearch index holds, independent of the internal short ids it happened to assign:
 * per term and field, the documents (by id) and term frequencies; per document, field lengths.
 */
function content<T>(index: MiniSearch<T>) {
  const js = index.toJSON();
  const idOf = (short: string) => String(js.documentIds[short]);
  const fieldOf = Object.fromEntries(Object.entries(js.fieldIds).map(([field, id]) => [String(id), field]));
  const byKey = <V>(entries: [string, V][]) => entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    documentCount: js.documentCount,
    terms: byKey(js.index.map(([term, fields]) => [term, byKey(Object.entries(fields).map(([f, docs]) => [fieldOf[f]!, byKey(Object.entries(docs).map(([s, tf]) => [idOf(s), tf]))]))])),
    fieldLengths: byKey(Object.entries(js.fieldLength).map(([s, lengths]) => [idOf(s), lengths])),
    averageFieldLength: js.averageFieldLength,
  };
}

/** Answers of the gold questions and metrics, as users see them. */
const answers = (snapshot: Snapshot) => ({
  ask: questions.map((q) => ask(snapshot, q).results.map((r) => [r.citation.passage, r.score])),
  figure: metrics.map(({ metric, zone, year }) => figure(snapshot, metric, { zone, year }).results.map((r) => [r.citation.passage, r.value, r.unit, r.score])),
});

const CHANGES: { name: string; change: (dir: string) => Promise<void>; retokenizes?: boolean }[] = [
  {
    name: 'a sentence with a new zone and metric appended to one file',
    change: (dir) => appendFile(join(dir, '002_5b35c727b04e1621.txt'), '\n本报讯 近日，江阴高新区新增专精特新企业12家，苏州工业园区数字经济核心产业增加值达到300亿元。\n'),
  },
  {
    name: 'a line edited in the middle of a file',
    change: async (dir) => {
      const path = join(dir, '000_2948f0920b1045a6.txt');
      const lines = (await readFile(path, 'utf8')).split('\n');
      const at = lines.findIndex((l) => l.includes('财政收入'));
      lines[at] = lines[at]!.replace('财政收入', '一般公共预算收入');
      await writeFile(path, lines.join('\n'));
    },
  },
  { name: 'a file removed', change: (dir) => rm(join(dir, '004_578be0ae33821603.txt')) },
  {
    // Its figures make 跨境电商 and 高新技术企业 corpus words, which the other files contain too:
    // their unchanged passages and figures must be re-tokenized.
    name: 'a file added whose metric labels occur in unchanged files',
    change: (dir) => writeFile(join(dir, '005_new.txt'), '梅河口高新区2023年新签约项目36个，总投资210亿元。\n\n本报讯 长春新区今年高新技术企业达到360家，跨境电商达到120家。\n'),
    retokenizes: true,
  },
];

describe('incremental reindex', () => {
  it('re-parses only the changed file', async () => {
    const seedsDir = await copySeeds();
    const cache: BuildCache = new Map();
    await buildModel(await readSeeds(seedsDir), cache);
    const parsedBefore = new Map(cache);
    await CHANGES[0]!.change(seedsDir);
    await buildModel(await readSeeds(seedsDir), cache);
    // Unchanged files reuse their parse (the very same objects); the changed one is new.
    const reused = [...cache.entries()].filter(([key, parse]) => parsedBefore.get(key)?.passages === parse.passages);
    expect(reused.map(([key]) => key.split('\u0000')[0]).sort()).toEqual(['000_2948f0920b1045a6.txt', '001_b780428dfda24cbf.txt', '003_daa12fa018e2ccfb.txt', '004_578be0ae33821603.txt']);
  });

  it('after a load from disk, warming the cache leaves only changed files to parse', async () => {
    const seedsDir = await copySeeds();
    const cache: BuildCache = new Map();
    await warmCache(await readSeeds(seedsDir), cache);
    const warmed = new Map(cache);
    expect(warmed.size).toBe(5);
    await CHANGES[0]!.change(seedsDir);
    await buildModel(await readSeeds(seedsDir), cache);
    expect([...cache].filter(([key, parse]) => warmed.get(key)?.passages !== parse.passages).map(([key]) => key.split('\u0000')[0])).toEqual(['002_5b35c727b04e1621.txt']);
  });

  it.each(CHANGES)('updates the index in place to exactly what a full build gives: $name', async ({ change, retokenizes }) => {
    const seedsDir = await copySeeds();
    const cache: BuildCache = new Map();
    const before = await buildModel(await readSeeds(seedsDir), cache);
    const indexes = buildIndexes(before);
    await change(seedsDir);
    const scan = await readSeeds(seedsDir);
    const after = await buildModel(scan, cache);
    const full = await buildModel(scan, new Map());
    expect(comparable(after)).toEqual(comparable(full));

    const warn = vi.spyOn(console, 'warn');
    const changes = updateIndexes(indexes, before, after);
    expect(warn).not.toHaveBeenCalled(); // MiniSearch warns when a removed document's terms are not where it expects
    warn.mockRestore();
    const rebuilt = buildIndexes(full);
    const touched = changes.passages.added + changes.passages.removed + changes.passages.updated;
    expect(touched).toBeGreaterThan(0);
    expect(touched).toBeLessThan(before.passages.length);
    if (retokenizes) expect(changes.passages.updated).toBeGreaterThan(0);

    const [mine, theirs] = [content(indexes.passages), content(rebuilt.passages)];
    expect({ ...mine, averageFieldLength: [] }).toEqual({ ...theirs, averageFieldLength: [] });
    mine.averageFieldLength.forEach((v, i) => expect(v).toBeCloseTo(theirs.averageFieldLength[i]!, 9));
    const [myFigures, theirFigures] = [content(indexes.figures), content(rebuilt.figures)];
    expect({ ...myFigures, averageFieldLength: [] }).toEqual({ ...theirFigures, averageFieldLength: [] });
    expect(indexes.lexicon.words).toEqual(rebuilt.lexicon.words);

    expect(answers(createSnapshot(after, indexes, 'build'))).toEqual(answers(createSnapshot(full, rebuilt, 'build')));
  });

  it('refuses an index that does not match the model it is said to come from, before changing it', async () => {
    const seedsDir = await copySeeds();
    const model = await buildModel(await readSeeds(seedsDir));
    const indexes = buildIndexes(model);
    const other = { ...model, passages: model.passages.slice(1) };
    const held = JSON.stringify(indexes.passages);
    expect(() => updateIndexes(indexes, other, model)).toThrow(/search\/update/);
    expect(JSON.stringify(indexes.passages)).toBe(held);
  });

  it('leaves index and disk alone when no file changed', async () => {
    const seedsDir = await copySeeds();
    const indexDir = await tempDir('index');
    const engine = await openEngine({ seedsDir, indexDir });
    const manifest = await readFile(join(indexDir, 'manifest.json'), 'utf8');
    const answer = await engine.reindex();
    await engine.close();
    expect([answer.added, answer.changed, answer.removed]).toEqual([[], [], []]);
    expect(answer.passages).toBe(engine.stats().passages);
    expect(await readFile(join(indexDir, 'manifest.json'), 'utf8')).toBe(manifest);
  });

  it('answers from the updated index right after reindex, and a restart loads what it saved', async () => {
    const seedsDir = await copySeeds();
    const indexDir = await tempDir('index');
    const engine = await openEngine({ seedsDir, indexDir });
    expect(engine.figure('专精特新企业', { zone: '江阴' }).results.some((r) => r.value === 12)).toBe(false);
    await CHANGES[0]!.change(seedsDir);
    const answer = await engine.reindex();
    expect(answer.changed).toEqual(['002_5b35c727b04e1621.txt']);
    const now = engine.figure('专精特新企业', { zone: '江阴' }).results[0];
    expect(now).toMatchObject({ value: 12, unit: '家', zone: '江阴高新区' });
    await engine.close();

    const restarted = await openEngine({ seedsDir, indexDir });
    expect(restarted.stats().loadedFrom).toBe('disk');
    expect(restarted.figure('专精特新企业', { zone: '江阴' }).results[0]).toEqual(now);
    expect(restarted.ask('苏州工业园区数字经济核心产业增加值').results[0]?.citation.doc).toBe('002_5b35c727b04e1621.txt');
  });
});

import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeeds } from '../src/corpus/load.js';
import { buildModel, type BuildCache } from '../src/search/build.js';
import { buildIndexes } from '../src/search/indexes.js';
import type { CorpusModel } from '../src/search/model.js';
import { copySeeds } from './helpers.js';

const comparable = (model: CorpusModel) => ({ ...model, builtAt: '', buildMs: 0 });

describe('incremental rebuild', () => {
  it('re-parses only the changed file and yields the same model and index as a full build', async () => {
    const seedsDir = await copySeeds();
    const cache: BuildCache = new Map();
    await buildModel(await readSeeds(seedsDir), cache);
    const parsedBefore = new Map(cache);

    await appendFile(join(seedsDir, '002_5b35c727b04e1621.txt'), '\n本报讯 近日，江阴高新区新增专精特新企业12家，总投资18亿元。\n');
    const scan = await readSeeds(seedsDir);
    const incremental = await buildModel(scan, cache);
    const full = await buildModel(scan, new Map());

    // Unchanged files reuse their parse (the very same objects); the changed one is new.
    const reused = [...cache.entries()].filter(([key, parse]) => parsedBefore.get(key)?.passages === parse.passages);
    expect(reused.map(([key]) => key.split('\u0000')[0]).sort()).toEqual(['000_2948f0920b1045a6.txt', '001_b780428dfda24cbf.txt', '003_daa12fa018e2ccfb.txt', '004_578be0ae33821603.txt']);

    expect(comparable(incremental)).toEqual(comparable(full));
    expect(JSON.stringify(buildIndexes(incremental).passages)).toBe(JSON.stringify(buildIndexes(full).passages));
    expect(JSON.stringify(buildIndexes(incremental).figures)).toBe(JSON.stringify(buildIndexes(full).figures));
    expect(incremental.figures.some((f) => f.value === 12 && f.unit === '家' && f.zone === '江阴高新区')).toBe(true);
  });
});

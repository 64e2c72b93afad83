import { appendFile, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../src/errors.js';
import type { Engine } from '../src/search/engine.js';
import { copySeeds, openSeedEngine, recordingLogger, tempDir } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await openSeedEngine();
});

describe('ask', () => {
  it('answers with whole passages, highlights and citations', () => {
    const answer = engine.ask('梅河口离长春有多远？', { limit: 3 });
    const hit = answer.results.find((r) => r.text.includes('163公里'));
    expect(hit?.citation.doc).toBe('004_578be0ae33821603.txt');
    expect(hit?.citation.passage).toMatch(/^004_578be0ae33821603\.txt#\d+$/);
    for (const [start, end] of hit!.highlights) expect(hit!.text.slice(start, end)).toMatch(/梅河口|长春/);
  });

  it('respects the limit and orders best first', () => {
    const answer = engine.ask('跨境电商', { limit: 4 });
    expect(answer.results.length).toBe(4);
    const scores = answer.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('finds simplified text from a traditional-character question', () => {
    expect(engine.ask('跨境電商綜試區').results[0]?.text).toMatch(/跨境电商/);
  });

  it.each([[''], ['   '], ['？？？'], ['😀']])('explains empty or meaningless input %j', (q) => {
    const answer = engine.ask(q);
    expect(answer.results).toEqual([]);
    expect(answer.notes.length + answer.suggestions.length).toBeGreaterThan(0);
  });

  it('caps very long questions with a note', () => {
    const answer = engine.ask('梅河口'.repeat(5000));
    expect(answer.notes.join()).toMatch(/200/);
    expect(answer.query.length).toBe(200);
  });

  it('explains when nothing matches and offers zones instead', () => {
    const answer = engine.ask('xqzvw');
    expect(answer.results).toEqual([]);
    expect(answer.notes.join()).toMatch(/没有找到/);
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });
});

describe('zone', () => {
  it('profiles a place with documents, figures and snippets', () => {
    const z = engine.zone('梅河口').zone!;
    expect(z.name).toMatch(/梅河口/);
    expect(z.docs.map((d) => d.doc)).toEqual(expect.arrayContaining(['000_2948f0920b1045a6.txt', '001_b780428dfda24cbf.txt', '004_578be0ae33821603.txt']));
    expect(z.snippets.length).toBeGreaterThan(0);
    expect(z.related.length).toBeGreaterThan(0);
  });

  it('returns candidates for an ambiguous name and did-you-mean for an unknown one', () => {
    const ambiguous = engine.zone('高新区');
    expect(ambiguous.zone).toBeNull();
    expect(ambiguous.candidates.length).toBeGreaterThan(1);
    const unknown = engine.zone('火星基地');
    expect(unknown.zone).toBeNull();
    expect(unknown.notes.join()).toMatch(/没有找到/);
    expect(unknown.candidates.length).toBeGreaterThan(0);
  });
});

describe('source', () => {
  it('returns the full passage with neighbours, by full id or short prefix', () => {
    const first = engine.source('000_2948f0920b1045a6.txt#2');
    expect(first.passage.prev).toBe('000_2948f0920b1045a6.txt#1');
    expect(first.passage.next).toBe('000_2948f0920b1045a6.txt#3');
    expect(engine.source('000#2').passage.text).toBe(first.passage.text);
  });

  it.each([['nope'], [''], ['000_2948f0920b1045a6.txt#9999'], ['@everyone']])('throws a UserError for %j', (id) => {
    expect(() => engine.source(id)).toThrow(UserError);
  });
});

describe('autocomplete', () => {
  it('offers zones by prefix, pinyin and traditional characters, within Discord limits', () => {
    expect(engine.completeZone('梅河').map((s) => s.value)).toEqual(expect.arrayContaining(['梅河口高新区', '梅河口市']));
    expect(engine.completeZone('meihekou').map((s) => s.value)).toContain('梅河口高新区');
    expect(engine.completeZone('長春').map((s) => s.value)).toContain('长春经开区');
    for (const s of engine.completeZone('')) {
      expect(s.name.length).toBeLessThanOrEqual(100);
    }
    expect(engine.completeZone('').length).toBeLessThanOrEqual(25);
  });
});

describe('stats', () => {
  it('counts documents, passages, figures and zones', () => {
    const s = engine.stats();
    expect(s.docs.map((d) => d.doc)).toHaveLength(5);
    expect(s.passages).toBe(s.docs.reduce((n, d) => n + d.passages, 0));
    expect(s.figures).toBe(s.docs.reduce((n, d) => n + d.figures, 0));
    expect(s.zones).toBeGreaterThan(10);
    expect(s.versions.minisearch).toMatch(/^\d+\.\d+/);
  });
});

describe('persistence', () => {
  it('loads a persisted index that matches the seeds instead of rebuilding', async () => {
    const indexDir = await tempDir('persist');
    const built = await openSeedEngine({ indexDir });
    const loaded = await openSeedEngine({ indexDir });
    expect(built.stats().loadedFrom).toBe('build');
    expect(loaded.stats().loadedFrom).toBe('disk');
    expect(loaded.stats().passages).toBe(built.stats().passages);
    expect(loaded.figure('招商引资').results).toEqual(built.figure('招商引资').results);
    expect(loaded.ask('梅河口离长春有多远').results).toEqual(built.ask('梅河口离长春有多远').results);
  });

  it('detects a corrupt data file by checksum and rebuilds with a warning', async () => {
    const indexDir = await tempDir('corrupt');
    await openSeedEngine({ indexDir });
    const data = (await readdir(indexDir)).find((n) => n.startsWith('index-'))!;
    await appendFile(join(indexDir, data), ' ');
    const logger = recordingLogger();
    const reopened = await openSeedEngine({ indexDir, logger });
    expect(reopened.stats().loadedFrom).toBe('build');
    expect(logger.lines.some((l) => l.level === 'warn' && JSON.stringify(l).includes('checksum'))).toBe(true);
  });

  it('rebuilds after a truncated manifest or a missing data file', async () => {
    const indexDir = await tempDir('truncated');
    await openSeedEngine({ indexDir });
    const manifest = await readFile(join(indexDir, 'manifest.json'), 'utf8');
    await writeFile(join(indexDir, 'manifest.json'), manifest.slice(0, 40));
    expect((await openSeedEngine({ indexDir })).stats().loadedFrom).toBe('build');
    const data = (await readdir(indexDir)).find((n) => n.startsWith('index-'))!;
    await rm(join(indexDir, data));
    expect((await openSeedEngine({ indexDir })).stats().loadedFrom).toBe('build');
  });

  it('rebuilds when a seed changed since the index was written', async () => {
    const seedsDir = await copySeeds();
    const indexDir = await tempDir('stale');
    await openSeedEngine({ seedsDir, indexDir });
    await appendFile(join(seedsDir, '003_daa12fa018e2ccfb.txt'), '\n本报讯 测试园区新增企业12家。\n');
    expect((await openSeedEngine({ seedsDir, indexDir })).stats().loadedFrom).toBe('build');
  });
});

describe('reindex', () => {
  it('reports added, changed and removed files and swaps the new index in', async () => {
    const seedsDir = await copySeeds();
    const e = await openSeedEngine({ seedsDir });
    await writeFile(join(seedsDir, '005_new.txt'), '本报讯 火星高新区今年引进企业42家，总投资88亿元。\n');
    await appendFile(join(seedsDir, '000_2948f0920b1045a6.txt'), '\n补充一句。\n');
    await rm(join(seedsDir, '004_578be0ae33821603.txt'));
    const report = await e.reindex();
    expect(report.added).toEqual(['005_new.txt']);
    expect(report.changed).toEqual(['000_2948f0920b1045a6.txt']);
    expect(report.removed).toEqual(['004_578be0ae33821603.txt']);
    expect(e.stats().docs.map((d) => d.doc)).toContain('005_new.txt');
    expect(e.ask('火星高新区').results[0]?.citation.doc).toBe('005_new.txt');
  });

  it('refuses a second reindex while one runs and keeps answering meanwhile', async () => {
    const e = await openSeedEngine();
    const running = e.reindex();
    await expect(e.reindex()).rejects.toMatchObject({ code: 'REINDEX_BUSY' });
    expect(e.ask('跨境电商').results.length).toBeGreaterThan(0);
    await running;
    await expect(e.reindex()).resolves.toMatchObject({ command: 'reindex' });
  });

  it('keeps the old index in service when the seeds directory disappears', async () => {
    const seedsDir = await copySeeds();
    const e = await openSeedEngine({ seedsDir });
    const before = e.stats().passages;
    await rm(seedsDir, { recursive: true });
    await expect(e.reindex()).rejects.toMatchObject({ code: 'SEEDS_UNREADABLE' });
    expect(e.stats().passages).toBe(before);
    expect(e.ask('跨境电商').results.length).toBeGreaterThan(0);
  });
});

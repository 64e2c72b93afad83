import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchSeeds } from '../src/bot/watch.js';
import { createLogger } from '../src/logger.js';
import { openEngine, type Engine } from '../src/search/engine.js';
import { SEEDS_DIR, waitFor } from './fake-discord/harness.js';

/** WATCH_SEEDS: the real engine reindexes when the seeds folder changes. */
let engine: Engine;
let seedsDir: string;
let indexDir: string;
const logs: Record<string, unknown>[] = [];
const logger = createLogger('debug', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));

beforeAll(async () => {
  seedsDir = await mkdtemp(join(tmpdir(), 'zone-watch-seeds-'));
  indexDir = await mkdtemp(join(tmpdir(), 'zone-watch-index-'));
  await cp(SEEDS_DIR, seedsDir, { recursive: true });
  engine = await openEngine({ seedsDir, indexDir, logger });
});
afterAll(async () => {
  await engine?.close();
  await rm(seedsDir, { recursive: true, force: true });
  await rm(indexDir, { recursive: true, force: true });
});

describe('watchSeeds', () => {
  it('debounces a burst of writes into one reindex and logs what changed', async () => {
    let calls = 0;
    const watcher = watchSeeds({ seedsDir, search: { reindex: () => (calls++, engine.reindex()) }, logger, debounceMs: 150 });
    try {
      for (let i = 0; i < 5; i++) await writeFile(join(seedsDir, '950_new.txt'), `松花湖开发区第${i}版资料，投资达到${i}亿元。\n`);
      const line = await waitFor(() => logs.find((l) => l.message === 'seeds changed: reindexed'), 20_000);
      expect(line.added).toEqual(['950_new.txt']);
      expect(calls).toBe(1);
      expect(engine.stats().docs.map((d) => d.doc)).toContain('950_new.txt');
    } finally {
      watcher.close();
    }
  });

  it('waits for an admin /reindex that is running, then reindexes', async () => {
    let calls = 0;
    const admin = engine.reindex();
    const watcher = watchSeeds({ seedsDir, search: { reindex: () => (calls++, engine.reindex()) }, logger, debounceMs: 10 });
    try {
      await writeFile(join(seedsDir, '951_new.txt'), '又一份资料：松花湖开发区。\n');
      await admin;
      const line = await waitFor(() => logs.find((l) => l.message === 'seeds changed: reindexed' && (l.added as string[]).includes('951_new.txt')), 20_000);
      expect(line.changed).toEqual([]);
      expect(calls).toBeGreaterThanOrEqual(1);
      expect(logs.some((l) => l.message === 'seeds changed: reindex failed; the previous index stays in service')).toBe(false);
    } finally {
      watcher.close();
    }
  });

  it('logs a failed reindex and keeps watching', async () => {
    let calls = 0;
    const broken = {
      reindex: async () => {
        calls += 1;
        throw new Error('disk on fire');
      },
    };
    const watcher = watchSeeds({ seedsDir, search: broken, logger, debounceMs: 10 });
    try {
      await writeFile(join(seedsDir, '952_new.txt'), '第一次。\n');
      await waitFor(() => calls === 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await writeFile(join(seedsDir, '952_new.txt'), '第二次。\n');
      await waitFor(() => calls === 2);
      const failures = logs.filter((l) => l.message === 'seeds changed: reindex failed; the previous index stays in service');
      expect(failures.length).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(failures[0])).toContain('disk on fire');
    } finally {
      watcher.close();
    }
  });

  it('logs a folder it cannot watch instead of crashing', () => {
    const watcher = watchSeeds({ seedsDir: join(seedsDir, 'missing'), search: engine, logger });
    watcher.close();
    expect(logs.some((l) => l.message === 'cannot watch seeds')).toBe(true);
  });
});

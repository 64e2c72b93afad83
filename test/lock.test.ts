import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../src/errors.js';
import { openEngine } from '../src/search/engine.js';
import { LOCK_FILE, acquireBuildLock, readLockOwner } from '../src/search/lock.js';
import { loadIndex, readManifest } from '../src/search/persist.js';
import { copySeeds, recordingLogger, tempDir } from './helpers.js';

/**
 * One builder per index directory: the lock file, stale locks broken, live ones refused, and two
 * real builder processes on one directory leaving one consistent index.
 */

const ROOT = join(import.meta.dirname, '..');
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A `node --import tsx` child running `script` from the project root; its stdout as lines. */
function start(script: string, env: Record<string, string>): { child: ChildProcessWithoutNullStreams; line: (match: RegExp) => Promise<string>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, ...env } });
  children.push(child);
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk;
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const line = (match: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const look = () => {
        const found = out.split('\n').find((l) => match.test(l));
        if (found !== undefined) return resolve(found);
        if (child.exitCode !== null) return reject(new Error(`child exited (${child.exitCode}) without ${match}: ${out}\n${err}`));
        waiters.push(look);
      };
      look();
      void exited.then(() => look());
    });
  return { child, line, exited };
}

/** A pid that surely belongs to no running process: a child that has exited and been reaped. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

const writeLock = (dir: string, owner: Record<string, unknown>) => writeFile(join(dir, LOCK_FILE), JSON.stringify({ hostname: hostname(), startedAt: new Date().toISOString(), purpose: 'test', token: 'feedface', ...owner }));

const HOLDER = `
const { acquireBuildLock } = await import('./src/search/lock.ts');
const lock = await acquireBuildLock(process.env.INDEX, { purpose: 'test holder' });
process.stdout.write('held ' + process.pid + '\\n');
process.stdin.once('data', async () => {
  await lock.release();
  process.stdout.write('released\\n');
  process.exit(0);
});
`;

describe('the build lock', () => {
  it('is a file naming its holder, removed on release', async () => {
    const dir = await tempDir('lock');
    const lock = await acquireBuildLock(dir, { purpose: 'reindex' });
    expect(await readLockOwner(dir)).toMatchObject({ pid: process.pid, hostname: hostname(), purpose: 'reindex', token: lock.owner.token });
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
    await lock.release(); // twice is harmless
  });

  it('breaks a lock whose pid is dead on this host, and logs it', async () => {
    const dir = await tempDir('lock-dead');
    const pid = deadPid();
    await writeLock(dir, { pid });
    const logger = recordingLogger();
    const lock = await acquireBuildLock(dir, { logger });
    expect((await readLockOwner(dir))?.pid).toBe(process.pid);
    const warning = logger.lines.find((l) => l.message === 'broke a stale build lock');
    expect(warning?.reason).toBe(`pid ${pid} is not running`);
    await lock.release();
    expect(await readdir(dir)).toEqual([]); // nothing moved aside is left behind
  });

  it('breaks a lock untouched for longer than staleMs, even from another host', async () => {
    const dir = await tempDir('lock-old');
    await writeLock(dir, { pid: process.pid, hostname: 'some-other-host' });
    const old = new Date(Date.now() - 11 * 60_000);
    await utimes(join(dir, LOCK_FILE), old, old);
    const logger = recordingLogger();
    const lock = await acquireBuildLock(dir, { logger });
    expect(logger.lines.find((l) => l.message === 'broke a stale build lock')?.reason).toMatch(/^not refreshed for 6\d\d s$/);
    await lock.release();
  });

  it('refuses a fresh lock from another host: a pid there means nothing here', async () => {
    const dir = await tempDir('lock-remote');
    await writeLock(dir, { pid: deadPid(), hostname: 'some-other-host' });
    await expect(acquireBuildLock(dir)).rejects.toMatchObject({ code: 'REINDEX_BUSY', message: expect.stringContaining('on some-other-host') });
  });

  it('breaks a lock naming our own pid but not held here (left before a container restart)', async () => {
    const dir = await tempDir('lock-ourpid');
    await writeLock(dir, { pid: process.pid });
    const logger = recordingLogger();
    const lock = await acquireBuildLock(dir, { logger });
    expect(logger.lines.find((l) => l.message === 'broke a stale build lock')?.reason).toBe('left by an earlier process with this pid');
    // A lock this process does hold is live: a second taker is refused.
    await expect(acquireBuildLock(dir)).rejects.toMatchObject({ code: 'REINDEX_BUSY' });
    await lock.release();
  });

  it('treats an empty lock file as being written, and as torn once it is a few seconds old', async () => {
    const dir = await tempDir('lock-torn');
    await writeFile(join(dir, LOCK_FILE), '');
    await expect(acquireBuildLock(dir)).rejects.toMatchObject({ code: 'REINDEX_BUSY', message: expect.stringContaining('still writing the lock file') });
    const old = new Date(Date.now() - 60_000);
    await utimes(join(dir, LOCK_FILE), old, old);
    const lock = await acquireBuildLock(dir);
    await lock.release();
  });

  it('does not remove a lock another builder took over after breaking ours', async () => {
    const dir = await tempDir('lock-takeover');
    const lock = await acquireBuildLock(dir);
    await writeLock(dir, { pid: process.pid, token: 'someone-else' });
    await lock.release();
    expect((await readLockOwner(dir))?.token).toBe('someone-else');
  });

  it('refuses a live lock held by another process, naming it, and waits for it when asked to', async () => {
    const dir = await tempDir('lock-live');
    const holder = start(HOLDER, { INDEX: dir });
    const pid = Number((await holder.line(/^held /)).split(' ')[1]);
    const refused = await acquireBuildLock(dir).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UserError);
    expect(refused).toMatchObject({ code: 'REINDEX_BUSY', message: expect.stringContaining(`pid ${pid} on ${hostname()} (test holder)`) });
    // Waiting: the holder releases after 300 ms, well within the wait.
    const waiting = acquireBuildLock(dir, { waitMs: 20_000 });
    setTimeout(() => holder.child.stdin.write('release\n'), 300);
    const lock = await waiting;
    expect((await readLockOwner(dir))?.pid).toBe(process.pid);
    await lock.release();
    expect(await holder.exited).toBe(0);
  });

  it("refuses a reindex while another process holds the lock, and keeps serving the index in service", async () => {
    const seedsDir = await copySeeds();
    const indexDir = await tempDir('lock-reindex');
    const engine = await openEngine({ seedsDir, indexDir });
    const generation = engine.generation();
    await writeFile(join(seedsDir, '005_new.txt'), '本报讯 火星高新区今年引进企业42家，总投资88亿元。\n');
    const holder = start(HOLDER, { INDEX: indexDir });
    await holder.line(/^held /);
    await expect(engine.reindex()).rejects.toMatchObject({ code: 'REINDEX_BUSY' });
    expect(engine.stats().docs).toHaveLength(5);
    expect(engine.generation()).toBe(generation);
    holder.child.stdin.write('release\n');
    await holder.exited;
    expect((await engine.reindex()).added).toEqual(['005_new.txt']);
    await engine.close();
    expect(engine.generation()).toBe((await readManifest(indexDir))?.sha256);
    expect(await readLockOwner(indexDir)).toBeNull();
  });

  it('a start-up build breaks the lock a killed builder left and saves its index', async () => {
    const indexDir = await tempDir('lock-startup');
    await writeLock(indexDir, { pid: deadPid() });
    const logger = recordingLogger();
    const engine = await openEngine({ seedsDir: await copySeeds(), indexDir, logger });
    expect(engine.stats().loadedFrom).toBe('build');
    expect(logger.lines.some((l) => l.message === 'broke a stale build lock')).toBe(true);
    expect(engine.generation()).toBe((await readManifest(indexDir))?.sha256);
    expect(await readLockOwner(indexDir)).toBeNull();
  });

  it('two engines of one process on one index directory: one reindexes, the other is refused', async () => {
    const seedsDir = await copySeeds();
    const indexDir = await tempDir('lock-two-engines');
    const a = await openEngine({ seedsDir, indexDir });
    const b = await openEngine({ seedsDir, indexDir });
    expect(b.stats().loadedFrom).toBe('disk');
    await writeFile(join(seedsDir, '005_new.txt'), '本报讯 火星高新区今年引进企业42家，总投资88亿元。\n');
    const outcomes = await Promise.allSettled([a.reindex(), b.reindex()]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'REINDEX_BUSY' } });
    await Promise.all([a.close(), b.close()]);
    const manifest = (await readManifest(indexDir))!;
    expect(manifest.files.map((f) => f.doc)).toContain('005_new.txt');
    expect(await readLockOwner(indexDir)).toBeNull();
  });
});

/**
 * A builder process: imports the engine, then waits for `go` so that both children start
 * building at the same moment (module loading is most of a child's start), opens the engine on
 * INDEX, reports what it served, and with REINDEX set waits for a second `go` and reindexes.
 */
const BUILDER = `
import { createInterface } from 'node:readline';
const { openEngine } = await import('./src/search/engine.ts');
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const say = (o) => process.stdout.write(JSON.stringify({ pid: process.pid, ...o }) + '\\n');
say({ step: 'loaded' });
await lines.next();
const engine = await openEngine({ seedsDir: process.env.SEEDS, indexDir: process.env.INDEX, lockWaitMs: 60000 });
say({ step: 'opened', loadedFrom: engine.stats().loadedFrom, generation: engine.generation() });
if (process.env.REINDEX) {
  await lines.next();
  try {
    const answer = await engine.reindex();
    await engine.close();
    say({ step: 'reindexed', added: answer.added, generation: engine.generation() });
  } catch (error) {
    say({ step: 'reindexed', code: error.code, message: error.message });
  }
}
process.exit(0);
`;

/** What is on disk is one complete, consistent index: the manifest's data file passes its checksum and holds `docs`. */
async function expectConsistent(indexDir: string, docs: number): Promise<string> {
  const manifest = (await readManifest(indexDir))!;
  expect(manifest.data).toBe(`index-${manifest.sha256.slice(0, 16)}.json`);
  const { model } = await loadIndex(indexDir, manifest); // throws on any mismatch
  expect(model.docs).toHaveLength(docs);
  expect(manifest.counts.passages).toBe(model.passages.length);
  const names = await readdir(indexDir);
  expect(names.filter((n) => n.endsWith('.tmp') || n.startsWith(LOCK_FILE))).toEqual([]);
  expect(names.filter((n) => n.startsWith('index-')).length).toBeLessThanOrEqual(2);
  return manifest.sha256;
}

describe('two builder processes on one index directory', () => {
  it('building at once: one builds and saves, the other waits and loads what it saved', async () => {
    const seedsDir = await copySeeds();
    const indexDir = await tempDir('lock-race');
    const builders = [start(BUILDER, { SEEDS: seedsDir, INDEX: indexDir }), start(BUILDER, { SEEDS: seedsDir, INDEX: indexDir })];
    await Promise.all(builders.map((b) => b.line(/"loaded"/)));
    for (const b of builders) b.child.stdin.write('go\n');
    const opened = (await Promise.all(builders.map((b) => b.line(/"opened"/)))).map((l) => JSON.parse(l) as { loadedFrom: string; generation: string });
    expect(await Promise.all(builders.map((b) => b.exited))).toEqual([0, 0]);
    // Without the lock both would have found no index and built it.
    expect(opened.map((o) => o.loadedFrom).sort()).toEqual(['build', 'disk']);
    const generation = await expectConsistent(indexDir, 5);
    expect(opened.map((o) => o.generation)).toEqual([generation, generation]);
  }, 60_000);

  it('reindexing at once: one rebuilds, the other is refused naming it, and the index on disk is whole', async () => {
    const seedsDir = await copySeeds();
    const indexDir = await tempDir('lock-race-reindex');
    await openEngine({ seedsDir, indexDir });
    const builders = [start(BUILDER, { SEEDS: seedsDir, INDEX: indexDir, REINDEX: '1' }), start(BUILDER, { SEEDS: seedsDir, INDEX: indexDir, REINDEX: '1' })];
    await Promise.all(builders.map((b) => b.line(/"loaded"/)));
    for (const b of builders) b.child.stdin.write('go\n');
    await Promise.all(builders.map((b) => b.line(/"opened"/)));
    await writeFile(join(seedsDir, '005_new.txt'), '本报讯 火星高新区今年引进企业42家，总投资88亿元。\n');
    for (const b of builders) b.child.stdin.write('go\n');
    const results = (await Promise.all(builders.map((b) => b.line(/"reindexed"/)))).map((l) => JSON.parse(l) as { pid: number; added?: string[]; code?: string; message?: string; generation?: string });
    expect(await Promise.all(builders.map((b) => b.exited))).toEqual([0, 0]);
    const done = results.filter((r) => r.added);
    expect(done.length).toBeGreaterThanOrEqual(1);
    for (const r of done) expect(r.added).toEqual(['005_new.txt']);
    for (const r of results.filter((r) => !r.added)) {
      expect(r.code).toBe('REINDEX_BUSY');
      expect(r.message).toContain(`pid ${done[0]!.pid} `);
    }
    const generation = await expectConsistent(indexDir, 6);
    expect(done.map((r) => r.generation)).toContain(generation);
    const reopened = await openEngine({ seedsDir, indexDir });
    expect(reopened.stats().loadedFrom).toBe('disk');
    expect(reopened.ask('火星高新区').results[0]?.citation.doc).toBe('005_new.txt');
  }, 60_000);
});

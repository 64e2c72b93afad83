import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { access, cp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../src/errors.js';
import { openEngine, type Engine } from '../src/search/engine.js';
import { MANIFEST, readManifest } from '../src/search/persist.js';
import { openReplica, type Replica } from '../src/search/replica.js';
import { copySeeds, recordingLogger, tempDir } from './helpers.js';

/**
 * Read-only replicas of one persisted index: they serve what a builder saved, follow its new
 * generations by swapping whole generations, refuse damaged ones, and never write.
 */

const ROOT = join(import.meta.dirname, '..');
const NEW_DOC = '本报讯 火星高新区今年引进企业42家，总投资88亿元。\n';
const open: { close(): Promise<void> }[] = [];
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function replicaOf(indexDir: string, options: { pollMs?: number; watch?: boolean; logger?: ReturnType<typeof recordingLogger> } = {}): Promise<Replica> {
  const replica = await openReplica({ indexDir, ...options });
  open.push(replica);
  return replica;
}

async function builderOf(seedsDir: string, indexDir: string): Promise<Engine> {
  const engine = await openEngine({ seedsDir, indexDir });
  open.push(engine);
  return engine;
}

/** Waits until `condition` holds, checking every 10 ms; fails after `ms`. */
async function waitFor(condition: () => boolean, ms: number, what: string): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

const newDocFound = (engine: Engine) => engine.ask('火星高新区').results[0]?.citation.doc === '005_new.txt';

/** A builder process: opens the engine on SEEDS/INDEX, reindexes on each `reindex` line. */
const BUILDER = `
import { createInterface } from 'node:readline';
const { openEngine } = await import('./src/search/engine.ts');
const say = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
const engine = await openEngine({ seedsDir: process.env.SEEDS, indexDir: process.env.INDEX });
say({ step: 'opened', generation: engine.generation() });
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'reindex') break;
  await engine.reindex();
  await engine.close();
  say({ step: 'saved', generation: engine.generation() });
}
process.exit(0);
`;

function builderProcess(env: { SEEDS: string; INDEX: string }) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', BUILDER], { cwd: ROOT, env: { ...process.env, ...env } });
  children.push(child);
  const said: { step: string; generation: string }[] = [];
  let err = '';
  let rest = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    said.push(...lines.map((l) => JSON.parse(l) as { step: string; generation: string }));
  });
  const next = async (step: string) => {
    const at = said.length;
    await waitFor(() => said.slice(at).some((s) => s.step === step) || child.exitCode !== null, 60_000, `builder ${step}`);
    const found = said.slice(at).find((s) => s.step === step);
    if (!found) throw new Error(`builder exited: ${err}`);
    return found;
  };
  return { child, next };
}

describe('a replica of a builder process', () => {
  it('serves the index the builder saved and follows its reindex within seconds', async () => {
    const seedsDir = await copySeeds();
    const indexDir = await tempDir('replica-index');
    const builder = builderProcess({ SEEDS: seedsDir, INDEX: indexDir });
    const { generation: first } = await builder.next('opened');
    const replica = await replicaOf(indexDir); // the default poll, 2 s, and fs.watch

    expect(replica.ready).toBe(true);
    expect(replica.generation()).toBe(first);
    expect(replica.stats().loadedFrom).toBe('disk');
    expect(replica.figure('招商引资', { zone: '梅河口' }).results[0]?.value).toBe(141.5);
    expect(newDocFound(replica)).toBe(false);

    await writeFile(join(seedsDir, '005_new.txt'), NEW_DOC);
    const saving = builder.next('saved');
    builder.child.stdin.write('reindex\n');
    const { generation: second } = await saving;
    expect(second).not.toBe(first);
    const ms = await waitFor(() => replica.generation() === second, 5_000, 'the replica swaps in the new generation');
    expect(ms).toBeLessThan(5_000);
    expect(newDocFound(replica)).toBe(true);
    expect(replica.stats().docs).toHaveLength(6);
    builder.child.stdin.end();
  }, 60_000);
});

describe('replica', () => {
  it('waits for an index that does not exist yet, writing nothing, and serves it once saved', async () => {
    const indexDir = join(await tempDir('replica-empty'), 'index');
    const replica = await replicaOf(indexDir, { pollMs: 200 });
    expect(replica.ready).toBe(false);
    expect(replica.generation()).toBeNull();
    const error = (() => {
      try {
        replica.ask('跨境电商');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code: 'INDEX_NOT_READY' });
    expect(replica.completeZone('梅河口')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a few retries
    await expect(access(indexDir)).rejects.toMatchObject({ code: 'ENOENT' }); // not even created

    const builder = await builderOf(await copySeeds(), indexDir);
    await replica.whenReady();
    expect(replica.generation()).toBe(builder.generation());
    expect(replica.ask('梅河口离长春有多远').results).toEqual(builder.ask('梅河口离长春有多远').results);
  }, 30_000);

  it('refuses to reindex (READ_ONLY) and answers everything else as usual', async () => {
    const seedsDir = await copySeeds();
    const indexDir = await tempDir('replica-ro');
    const builder = await builderOf(seedsDir, indexDir);
    const replica = await openEngine({ seedsDir, indexDir, mode: 'replica' });
    open.push(replica);
    await writeFile(join(seedsDir, '005_new.txt'), NEW_DOC);
    const refused = await replica.reindex().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect(refused).toMatchObject({ code: 'READ_ONLY', message: expect.stringContaining('builder'), userMessage: expect.stringContaining('read-only') });
    expect(newDocFound(replica)).toBe(false); // it did not read the seeds
    const doc = builder.stats().docs[0]!.doc;
    expect(replica.document(doc)).toEqual(builder.document(doc));
    const passage = replica.ask('跨境电商').results[0]!.citation.passage;
    expect(replica.source(passage)).toEqual(builder.source(passage));
    expect(replica.zone('梅河口')).toEqual(builder.zone('梅河口'));
    expect(replica.completeMetric('招商')).toEqual(builder.completeMetric('招商'));
    const { indexAgeMs: _a, loadedFrom, ...stats } = replica.stats();
    const { indexAgeMs: _b, loadedFrom: builderLoadedFrom, ...builderStats } = builder.stats();
    expect([loadedFrom, builderLoadedFrom]).toEqual(['disk', 'build']);
    expect(stats).toEqual(builderStats);
  });

  it('with file-system events off, the poll alone picks up a new generation', async () => {
    const seedsDir = await copySeeds();
    const indexDir = await tempDir('replica-poll');
    const builder = await builderOf(seedsDir, indexDir);
    const replica = await replicaOf(indexDir, { pollMs: 200, watch: false });
    await writeFile(join(seedsDir, '005_new.txt'), NEW_DOC);
    await builder.reindex();
    await builder.close();
    await waitFor(() => replica.generation() === builder.generation(), 3_000, 'the poll finds the new generation');
    expect(newDocFound(replica)).toBe(true);
  });

  it('during swaps, every query is answered wholly from one generation, never an error or a mixture', async () => {
    const seedsDir = await copySeeds();
    const indexDir = await tempDir('replica-swap');
    const builder = await builderOf(seedsDir, indexDir);
    const replica = await replicaOf(indexDir, { pollMs: 20 });
    const generations = [replica.generation()!];
    const docsOf = new Map<string, number>([[generations[0]!, 5]]);
    let running = true;
    const seen: string[] = [];
    /** Each iteration is synchronous: a swap can only fall between two of them. */
    const loop = (async () => {
      while (running) {
        const generation = replica.generation()!;
        const stats = replica.stats();
        const hasNew = stats.docs.some((d) => d.doc === '005_new.txt');
        expect(newDocFound(replica)).toBe(hasNew);
        expect(replica.figure('总投资', { limit: 50 }).results.some((r) => r.citation.doc === '005_new.txt' && r.value === 88)).toBe(hasNew);
        expect(stats.passages).toBe(stats.docs.reduce((n, d) => n + d.passages, 0));
        if (docsOf.has(generation)) expect(stats.docs).toHaveLength(docsOf.get(generation)!);
        if (seen.at(-1) !== generation) seen.push(generation);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    loop.catch(() => undefined); // awaited at the end; a failure must not go unhandled meanwhile
    // Two new generations: a document added, then removed again.
    await writeFile(join(seedsDir, '005_new.txt'), NEW_DOC);
    await builder.reindex();
    await builder.close();
    generations.push(builder.generation()!);
    docsOf.set(generations[1]!, 6);
    await waitFor(() => replica.generation() === generations[1], 5_000, 'first swap');
    await rm(join(seedsDir, '005_new.txt'));
    await builder.reindex();
    await builder.close();
    generations.push(builder.generation()!);
    docsOf.set(generations[2]!, 5);
    await waitFor(() => replica.generation() === generations[2], 5_000, 'second swap');
    await new Promise((resolve) => setTimeout(resolve, 50));
    running = false;
    await loop;
    // The same content as the first generation, but saved anew: a generation of its own.
    expect(new Set(generations).size).toBe(3);
    expect(seen).toEqual(generations);
  }, 30_000);

  const damages: [string, (indexDir: string, staged: string, data: string) => Promise<void>][] = [
    ['its data file with a byte flipped', async (indexDir, staged, data) => {
      const body = await readFile(join(staged, data));
      body.writeUInt8(body.readUInt8(body.length >> 1) ^ 1, body.length >> 1);
      await writeFile(join(indexDir, data), body);
      await atomicCopy(join(staged, MANIFEST), join(indexDir, MANIFEST));
    }],
    ['its data file cut in half', async (indexDir, staged, data) => {
      const body = await readFile(join(staged, data));
      await writeFile(join(indexDir, data), body.subarray(0, body.length >> 1));
      await atomicCopy(join(staged, MANIFEST), join(indexDir, MANIFEST));
    }],
    ['its manifest half-written in place', async (indexDir, staged, data) => {
      await cp(join(staged, data), join(indexDir, data));
      const text = await readFile(join(staged, MANIFEST), 'utf8');
      await writeFile(join(indexDir, MANIFEST), text.slice(0, text.length >> 1));
    }],
    ['its manifest naming a data file that is not there', async (indexDir, staged) => {
      await atomicCopy(join(staged, MANIFEST), join(indexDir, MANIFEST));
    }],
  ];

  it.each(damages)('refuses a new generation with %s, once, keeps serving the old one, and takes a good one later', async (_name, damage) => {
    const indexDir = await tempDir('replica-corrupt');
    const builder = await builderOf(await copySeeds(), indexDir);
    const logger = recordingLogger();
    const replica = await replicaOf(indexDir, { pollMs: 20, logger });
    // The next generation, built aside by a builder of other seeds.
    const otherSeeds = await copySeeds();
    await writeFile(join(otherSeeds, '005_new.txt'), NEW_DOC);
    const staged = await tempDir('replica-staged');
    await builderOf(otherSeeds, staged);
    const data = (await readManifest(staged))!.data;

    await damage(indexDir, staged, data);
    await new Promise((resolve) => setTimeout(resolve, 400)); // many polls, and the watch
    expect(replica.generation()).toBe(builder.generation());
    expect(replica.stats().docs).toHaveLength(5);
    expect(replica.ask('跨境电商').results.length).toBeGreaterThan(0);
    const refusals = logger.lines.filter((l) => l.level === 'error' && String(l.message).includes('refused'));
    expect(refusals).toHaveLength(1);

    // Repaired the way a builder writes: data file, then the manifest renamed into place.
    await cp(join(staged, data), join(indexDir, data));
    await atomicCopy(join(staged, MANIFEST), join(indexDir, MANIFEST));
    const good = (await readManifest(staged))!.sha256;
    await waitFor(() => replica.generation() === good, 5_000, 'the repaired generation is swapped in');
    expect(newDocFound(replica)).toBe(true);
  }, 30_000);

  it("the builder keeps the previous generation's data file for replicas still loading it, and removes older ones", async () => {
    const seedsDir = await copySeeds();
    const indexDir = await tempDir('replica-keep');
    const builder = await builderOf(seedsDir, indexDir);
    const dataFiles = async () => (await readdir(indexDir)).filter((n) => n.startsWith('index-')).sort();
    const first = (await readManifest(indexDir))!.data;
    await writeFile(join(seedsDir, '005_new.txt'), NEW_DOC);
    await builder.reindex();
    await builder.close();
    const second = (await readManifest(indexDir))!.data;
    expect(await dataFiles()).toEqual([first, second].sort());
    await rm(join(seedsDir, '005_new.txt'));
    await builder.reindex();
    await builder.close();
    const third = (await readManifest(indexDir))!.data;
    expect(await dataFiles()).toEqual([second, third].sort());
  });
});

/** Writes a copy beside the target and renames it into place, as the builder does. */
async function atomicCopy(from: string, to: string): Promise<void> {
  await cp(from, `${to}.copy.tmp`);
  await rename(`${to}.copy.tmp`, to);
}

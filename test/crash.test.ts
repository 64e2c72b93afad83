import { spawn } from 'node:child_process';
import { cp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIndex, readManifest, MANIFEST } from '../src/search/persist.js';
import { openEngine } from '../src/search/engine.js';
import { copySeeds, recordingLogger, tempDir } from './helpers.js';

/**
 * Kill -9 during a reindex, then start again on the same index directory: the next start
 * must find a complete index on disk (the previous one, or the new one if the kill came
 * after its manifest was renamed into place) and serve an index that matches the seeds it
 * sees, never a half-written one.
 */

const ROOT = join(import.meta.dirname, '..');

/**
 * The child: opens the engine, changes the seeds (a new file, a changed file) and reindexes.
 * It prints `ready` before the reindex, `served` when it answers, `saved` when the new index is
 * on disk, and when CRASH_AT names a step of persisting
 * (`write:data`, `write:manifest`, `rename:data`, `rename:manifest`, `rm`), it stops there
 * and waits to be killed; a `write:*` step leaves half of the file written first.
 */
const CHILD = `
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { appendFile, writeFile as realWrite } from 'node:fs/promises';
import { join, basename } from 'node:path';
const fsp = createRequire(process.cwd() + '/')('node:fs/promises');
const [seedsDir, indexDir, crashAt] = [process.env.SEEDS, process.env.INDEX, process.env.CRASH_AT ?? ''];
const hang = (step) => { process.stdout.write('at ' + step + '\\n'); return new Promise(() => {}); };
const kind = (path) => (basename(path).startsWith('manifest') ? 'manifest' : 'data');
const { writeFile, rename, rm } = fsp;
fsp.writeFile = async (path, content, ...rest) => {
  if (String(path).startsWith(indexDir) && crashAt === 'write:' + kind(path)) {
    const text = typeof content === 'string' ? content : [...content].join('');
    await writeFile(path, text.slice(0, text.length / 2));
    return hang(crashAt);
  }
  return writeFile(path, content, ...rest);
};
fsp.rename = async (from, to) => (crashAt === 'rename:' + kind(to) ? hang(crashAt) : rename(from, to));
fsp.rm = async (path, ...rest) => (crashAt === 'rm' && String(path).startsWith(indexDir) ? hang(crashAt) : rm(path, ...rest));
syncBuiltinESMExports();
const { openEngine } = await import('./src/search/engine.ts');
const engine = await openEngine({ seedsDir, indexDir });
await realWrite(join(seedsDir, '005_crash.txt'), '本报讯 崩溃测试园区今年引进企业42家，总投资88亿元。\\n');
await appendFile(join(seedsDir, '000_2948f0920b1045a6.txt'), '\\n补充一句。\\n');
process.stdout.write('ready\\n');
const started = Date.now();
await engine.reindex();
process.stdout.write('served in ' + (Date.now() - started) + ' ms\\n');
await engine.close();
process.stdout.write('saved in ' + (Date.now() - started) + ' ms\\n');
`;

/** Runs the child until it prints `until` (then kills it) or `delayMs` after `ready`, or to its end. */
function runChild(env: { SEEDS: string; INDEX: string; CRASH_AT?: string }, stop: { until?: string; delayMs?: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'error' } });
    let out = '';
    let err = '';
    let timer = false;
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      if (stop.until && out.includes(stop.until)) child.kill('SIGKILL');
      if (stop.delayMs !== undefined && out.includes('ready') && !timer) {
        timer = true;
        setTimeout(() => child.kill('SIGKILL'), stop.delayMs);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 || signal === 'SIGKILL' ? resolve(out) : reject(new Error(`child failed (${code}): ${err}`))));
  });
}

let pristineSeeds: string;
let pristineIndex: string;
/** What a complete build over the changed seeds holds. */
let expected: { docs: string[]; passages: number };
let reindexMs: number;

beforeAll(async () => {
  pristineSeeds = await copySeeds();
  pristineIndex = await tempDir('crash-pristine');
  await openEngine({ seedsDir: pristineSeeds, indexDir: pristineIndex });
  // One uninterrupted run: how long a reindex takes, and the state every killed run must reach.
  const { seedsDir, indexDir } = await fresh();
  const out = await runChild({ SEEDS: seedsDir, INDEX: indexDir }, {});
  reindexMs = Number(/saved in (\d+) ms/.exec(out)?.[1]);
  const stats = (await openEngine({ seedsDir, indexDir: await tempDir('crash-reference') })).stats();
  expected = { docs: stats.docs.map((d) => d.doc), passages: stats.passages };
  expect(expected.docs).toContain('005_crash.txt');
});

/** A copy of the original seeds with the index built over them, as before every crash. */
async function fresh(): Promise<{ seedsDir: string; indexDir: string }> {
  const seedsDir = await tempDir('crash-seeds');
  const indexDir = await tempDir('crash-index');
  await cp(pristineSeeds, seedsDir, { recursive: true });
  await cp(pristineIndex, indexDir, { recursive: true });
  return { seedsDir, indexDir };
}

/** After the crash: what is on disk is a complete index, and the next start serves the changed seeds. */
async function expectRecovered(seedsDir: string, indexDir: string): Promise<'disk' | 'build'> {
  const manifest = await readManifest(indexDir);
  expect(manifest?.data).toMatch(/^index-[0-9a-f]+\.json$/);
  const onDisk = await loadIndex(indexDir, manifest!); // throws on a checksum mismatch
  expect([5, expected.docs.length]).toContain(onDisk.model.docs.length);

  const engine = await openEngine({ seedsDir, indexDir });
  const stats = engine.stats();
  expect(stats.docs.map((d) => d.doc)).toEqual(expected.docs);
  expect(stats.passages).toBe(expected.passages);
  expect(engine.ask('崩溃测试园区').results[0]?.citation.doc).toBe('005_crash.txt');
  const after = await readManifest(indexDir);
  expect(after?.data).toMatch(/^index-[0-9a-f]+\.json$/);
  expect(after?.counts.passages).toBe(expected.passages);
  return stats.loadedFrom;
}

describe('SIGKILL during a reindex', () => {
  it.each([
    ['half-written data file', 'write:data', 'build'],
    ['data file written, not renamed', 'rename:data', 'build'],
    ['half-written manifest', 'write:manifest', 'build'],
    ['manifest written, not renamed', 'rename:manifest', 'build'],
    ['new index in place, old data not yet removed', 'rm', 'disk'],
  ] as const)('%s: the next start rebuilds or loads a complete index', async (_name, step, loadedFrom) => {
    const { seedsDir, indexDir } = await fresh();
    expect(await runChild({ SEEDS: seedsDir, INDEX: indexDir, CRASH_AT: step }, { until: `at ${step}` })).toContain(`at ${step}`);
    expect(await expectRecovered(seedsDir, indexDir)).toBe(loadedFrom);
  }, 60_000);

  it('at random moments of the build and persist', async () => {
    for (let i = 0; i < 3; i++) {
      const { seedsDir, indexDir } = await fresh();
      const delayMs = Math.round(Math.random() * reindexMs);
      const out = await runChild({ SEEDS: seedsDir, INDEX: indexDir }, { delayMs });
      const loadedFrom = await expectRecovered(seedsDir, indexDir);
      // The reindex answers once the new index serves and saves it afterwards: only a saved one is loaded.
      if (out.includes('saved')) expect(loadedFrom).toBe('disk');
    }
  }, 120_000);
});

describe('a damaged index on disk is rebuilt with a warning, never served', () => {
  it.each([
    ['data file truncated to half', async (dir: string, data: string) => truncate(join(dir, data), (await readFile(join(dir, data))).length >> 1)],
    ['data file emptied', async (dir: string, data: string) => truncate(join(dir, data), 0)],
    ['data file with a byte flipped', async (dir: string, data: string) => {
      const body = await readFile(join(dir, data));
      const middle = body.length >> 1;
      body.writeUInt8(body.readUInt8(middle) ^ 1, middle);
      await writeFile(join(dir, data), body);
    }],
    ['manifest pointing at a leftover .tmp', async (dir: string, data: string) => {
      const temp = `${data}.123.456.tmp`;
      await cp(join(dir, data), join(dir, temp));
      await rm(join(dir, data));
      const manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as { data: string };
      await writeFile(join(dir, MANIFEST), JSON.stringify({ ...manifest, data: temp }));
    }],
    ['manifest with part ranges past the end of the file', async (dir: string) => {
      const manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as { parts: Record<'model' | 'passages' | 'figures', [number, number]> };
      manifest.parts.figures = [manifest.parts.figures[0], manifest.parts.figures[1] + 1_000_000];
      await writeFile(join(dir, MANIFEST), JSON.stringify(manifest));
    }],
    ['manifest with part ranges out of order', async (dir: string) => {
      const manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as { parts: Record<'model' | 'passages' | 'figures', [number, number]> };
      [manifest.parts.model, manifest.parts.passages] = [manifest.parts.passages, manifest.parts.model];
      await writeFile(join(dir, MANIFEST), JSON.stringify(manifest));
    }],
  ])('%s', async (_name, damage) => {
    const indexDir = await tempDir('damaged');
    await cp(pristineIndex, indexDir, { recursive: true });
    const data = (await readdir(indexDir)).find((n) => /^index-[0-9a-f]+\.json$/.test(n))!;
    await damage(indexDir, data);
    const logger = recordingLogger();
    const engine = await openEngine({ seedsDir: pristineSeeds, indexDir, logger });
    expect(engine.stats().loadedFrom).toBe('build');
    expect(logger.lines.some((l) => l.level === 'warn' && /INDEX_CORRUPT/.test(JSON.stringify(l)))).toBe(true);
    expect((await readManifest(indexDir))?.data).toMatch(/^index-[0-9a-f]+\.json$/);
  });
});

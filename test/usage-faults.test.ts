import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, openUsageStore, type AnswerEvent, type UsageReport, type UsageStore, type UsageStoreOptions } from '../src/usage/index.js';
import { ROOT, inspect, recordingLogger, type RecordingLogger, usageDir } from './fixtures/usage/helpers.js';

/**
 * Faults of the usage store's database: none may reach the caller. Each test breaks a real
 * SQLite file or directory (garbage bytes, permissions, a lock held by another connection, a
 * deleted file, a newer schema, a process killed mid-burst) and checks the neutral result, the
 * single log line and the recovery.
 */

const open: UsageStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

function store(dataDir: string, options: Partial<UsageStoreOptions> = {}): UsageStore & { logger: RecordingLogger } {
  const logger = recordingLogger();
  const opened = openUsageStore({ dataDir, salt: 'salt', logger, retryMs: 0, busyTimeoutMs: 100, ...options });
  open.push(opened);
  return Object.assign(opened, { logger });
}

const answer = (query: string): AnswerEvent => ({ command: 'ask', query, userId: 'u', resultCount: 1, latencyMs: 3, unanswered: false });

const count = (file: string) => inspect(file, (db) => (db.prepare('SELECT COUNT(*) AS n FROM answers').get() as { n: number }).n);

describe('corrupt database', () => {
  it('a file of garbage bytes is moved aside, a new database works, one warning', async () => {
    const dataDir = await usageDir('corrupt');
    const garbage = Buffer.from('this is not an sqlite database, just garbage bytes. '.repeat(200));
    await writeFile(join(dataDir, 'usage.sqlite'), garbage);
    const usage = store(dataDir, { now: () => new Date('2025-03-10T08:00:00.123Z') });
    const id = usage.record(answer('after corruption'));
    expect(id).toBe(1);
    expect(usage.usageReport().topQueries).toEqual([{ query: 'after corruption', count: 1 }]);
    const warnings = usage.logger.at('warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ kind: 'corrupt', movedTo: join(dataDir, 'usage.sqlite.corrupt-2025-03-10T08-00-00-123Z') });
    expect(await readFile(join(dataDir, 'usage.sqlite.corrupt-2025-03-10T08-00-00-123Z'))).toEqual(garbage);
    usage.close();
    inspect(join(dataDir, 'usage.sqlite'), (db) => expect(db.pragma('integrity_check', { simple: true })).toBe('ok'));
  });

  it('a database damaged inside (valid header, broken pages) is detected at open and replaced', async () => {
    const dataDir = await usageDir('corrupt-pages');
    const file = join(dataDir, 'usage.sqlite');
    const first = store(dataDir);
    for (let i = 0; i < 300; i++) first.record(answer(`填充一些文字，让数据库有好几页 ${i}`));
    first.close();
    const bytes = await readFile(file);
    expect(bytes.length).toBeGreaterThan(4 * 4096);
    // Overwrite pages 2 onwards (keeping the 100-byte header and page 1's schema).
    bytes.fill(0x5a, 4096, bytes.length - 4096);
    await writeFile(file, bytes);
    const second = store(dataDir);
    expect(second.record(answer('fresh'))).toBe(1);
    expect(second.logger.at('warn')).toEqual([expect.objectContaining({ kind: 'corrupt' })]);
    expect(readdirSync(dataDir).filter((name) => name.includes('.corrupt-'))).toHaveLength(1);
  });
});

describe('read-only database', () => {
  /**
   * Runs test/fixtures/usage/readonly-child.ts on `dataDir`. chmod denies nothing to root, so
   * as root the child runs as `nobody` on files it owns: the permissions alone stop it.
   */
  function runReadonlyChild(dataDir: string): { ids: (number | null)[]; threw: string | null; report: UsageReport; logs: Record<string, unknown>[]; uid: number } {
    const asRoot = process.getuid?.() === 0;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/usage/readonly-child.ts', dataDir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, HOME: dataDir },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as ReturnType<typeof runReadonlyChild>;
    if (asRoot) expect(result.uid).toBe(65534);
    return result;
  }

  /** A temp dir holding a database with one row, owned by whoever the child runs as. */
  async function preparedDir(prefix: string): Promise<string> {
    const dataDir = await usageDir(prefix);
    const usage = store(dataDir);
    usage.record(answer('before'));
    usage.close();
    if (process.getuid?.() === 0) {
      for (const name of ['', ...readdirSync(dataDir)]) chownSync(join(dataDir, name), 65534, 65534);
    }
    return dataDir;
  }

  it('chmod 0444 on the file: answering goes on, record returns null five times, one warning; reports still read', async () => {
    const dataDir = await preparedDir('ro-file');
    chmodSync(join(dataDir, 'usage.sqlite'), 0o444);
    const result = runReadonlyChild(dataDir);
    expect(result.threw).toBeNull();
    expect(result.ids).toEqual([null, null, null, null, null]);
    expect(result.logs.filter((l) => l.level === 'warn')).toEqual([expect.objectContaining({ kind: 'readonly' })]);
    expect(result.report.topQueries).toEqual([{ query: 'before', count: 1 }]);
    chmodSync(join(dataDir, 'usage.sqlite'), 0o644);
    expect(count(join(dataDir, 'usage.sqlite'))).toBe(1);
  });

  it('chmod 0555 on the directory: record returns null five times, one warning, nothing thrown', async () => {
    const dataDir = await preparedDir('ro-dir');
    chmodSync(dataDir, 0o555);
    try {
      const result = runReadonlyChild(dataDir);
      expect(result.threw).toBeNull();
      expect(result.ids).toEqual([null, null, null, null, null]);
      expect(result.logs.filter((l) => l.level === 'warn')).toEqual([expect.objectContaining({ kind: 'readonly' })]);
      expect(result.report.days).toHaveLength(3);
    } finally {
      chmodSync(dataDir, 0o755);
    }
    expect(count(join(dataDir, 'usage.sqlite'))).toBe(1);
  });

  it('a read-only directory without a database yet: nothing created, one warning', async () => {
    const dataDir = await usageDir('ro-empty');
    if (process.getuid?.() === 0) chownSync(dataDir, 65534, 65534);
    chmodSync(dataDir, 0o555);
    try {
      const result = runReadonlyChild(dataDir);
      expect(result.ids).toEqual([null, null, null, null, null]);
      expect(result.logs.filter((l) => l.level === 'warn')).toEqual([expect.objectContaining({ kind: 'readonly' })]);
    } finally {
      chmodSync(dataDir, 0o755);
    }
    expect(readdirSync(dataDir).filter((name) => name.startsWith('usage'))).toEqual([]);
  });
});

describe('unavailable, locked, missing, newer schema', () => {
  it('usage.sqlite being a directory: null, logged once over five calls, then works once the path is free', async () => {
    const dataDir = await usageDir('isdir');
    await mkdir(join(dataDir, 'usage.sqlite'));
    const usage = store(dataDir);
    for (let i = 0; i < 5; i++) expect(usage.record(answer(`q${i}`))).toBeNull();
    expect(usage.usageReport().topQueries).toEqual([]);
    expect(usage.logger.at('warn')).toEqual([expect.objectContaining({ kind: 'unavailable' })]);
    await rm(join(dataDir, 'usage.sqlite'), { recursive: true });
    expect(usage.record(answer('back'))).toBe(1);
    expect(usage.logger.at('info')).toEqual([expect.objectContaining({ message: 'usage store works again', after: ['unavailable'] })]);
  });

  it('waits out the back-off before trying the database again', async () => {
    const dataDir = await usageDir('backoff');
    await mkdir(join(dataDir, 'usage.sqlite'));
    const usage = store(dataDir, { retryMs: 60_000 });
    expect(usage.record(answer('a'))).toBeNull();
    await rm(join(dataDir, 'usage.sqlite'), { recursive: true });
    // Within the back-off: not even an attempt (no file appears).
    expect(usage.record(answer('b'))).toBeNull();
    expect(existsSync(join(dataDir, 'usage.sqlite'))).toBe(false);
  });

  it('a write lock held by another connection past busy_timeout: null, logged once, then works when released', async () => {
    const dataDir = await usageDir('locked');
    const usage = store(dataDir, { busyTimeoutMs: 50 });
    expect(usage.record(answer('first'))).toBe(1);
    const other = new Database(join(dataDir, 'usage.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    other.prepare('INSERT INTO answers (at, command, query, query_key, user_hash, result_count, latency_ms, unanswered) VALUES (1, ?, ?, ?, ?, 0, 0, 0)').run('x', 'x', 'x', 'h');
    const started = performance.now();
    for (let i = 0; i < 5; i++) expect(usage.record(answer(`blocked ${i}`))).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
    // Readers are not blocked by a writer in WAL mode.
    expect(usage.usageReport().topQueries).toEqual([{ query: 'first', count: 1 }]);
    expect(usage.logger.at('warn')).toEqual([expect.objectContaining({ kind: 'locked', error: expect.objectContaining({ code: 'SQLITE_BUSY' }) })]);
    other.exec('COMMIT');
    other.close();
    expect(usage.record(answer('after'))).toBeTypeOf('number');
    expect(count(join(dataDir, 'usage.sqlite'))).toBe(3);
  });

  it('the file deleted while open: the next call recreates it (writes do not vanish into an unlinked file)', async () => {
    const dataDir = await usageDir('missing');
    const usage = store(dataDir);
    expect(usage.record(answer('old'))).toBe(1);
    for (const name of await readdir(dataDir)) await rm(join(dataDir, name));
    const id = usage.record(answer('new'));
    expect(id).toBe(1);
    expect(usage.logger.at('warn')).toEqual([expect.objectContaining({ kind: 'missing' })]);
    expect(inspect(join(dataDir, 'usage.sqlite'), (db) => db.prepare('SELECT query FROM answers').all())).toEqual([{ query: 'new' }]);
  });

  it('the whole data dir removed: recreated at the next call', async () => {
    const parent = await usageDir('gone');
    const dataDir = join(parent, 'data');
    const usage = store(dataDir);
    expect(usage.record(answer('a'))).toBe(1);
    await rm(dataDir, { recursive: true });
    expect(usage.record(answer('b'))).toBe(1);
    expect(statSync(join(dataDir, 'usage.sqlite')).isFile()).toBe(true);
  });

  it('a database from a newer version is left untouched: null, logged once', async () => {
    const dataDir = await usageDir('newer');
    const file = join(dataDir, 'usage.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE future (x)');
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const usage = store(dataDir);
    for (let i = 0; i < 3; i++) expect(usage.record(answer('q'))).toBeNull();
    expect(usage.logger.at('warn')).toEqual([expect.objectContaining({ kind: 'schema' })]);
    usage.close();
    inspect(file, (check) => {
      expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5);
      expect(check.prepare(`SELECT name FROM sqlite_master`).all()).toEqual([{ name: 'future' }]);
    });
  });
});

describe('processes', () => {
  /** Spawns writer.ts children, SIGKILLs each once it has printed `minIds` ids; resolves with every id printed. */
  function killWriters(dataDir: string, tags: string[], minIds: number): Promise<Map<string, number[]>> {
    return Promise.all(
      tags.map(
        (tag) =>
          new Promise<[string, number[]]>((resolve, reject) => {
            const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/usage/writer.ts', dataDir, tag], { cwd: ROOT });
            let out = '';
            let err = '';
            const ids = () =>
              out
                .split('\n')
                .slice(0, -1) // the last piece has no newline yet: maybe cut mid-write
                .filter((line) => line.startsWith(`${tag} `))
                .map((line) => Number(line.slice(tag.length + 1)));
            child.stderr.on('data', (chunk: Buffer) => (err += chunk));
            child.stdout.on('data', (chunk: Buffer) => {
              out += chunk;
              if (ids().length >= minIds && child.exitCode === null) child.kill('SIGKILL');
            });
            child.on('error', reject);
            child.on('close', (code, signal) => (signal === 'SIGKILL' ? resolve([tag, ids()]) : reject(new Error(`writer ${tag} ended (${code}) before the kill: ${err}`))));
          }),
      ),
    ).then((entries) => new Map(entries));
  }

  it('kill -9 during a write burst loses no committed row; integrity_check is ok', async () => {
    const dataDir = await usageDir('kill');
    const printed = (await killWriters(dataDir, ['k'], 500)).get('k')!;
    expect(printed.length).toBeGreaterThanOrEqual(500);
    const file = join(dataDir, 'usage.sqlite');
    // The WAL the killed process left is there to be recovered (no checkpoint on close).
    expect(existsSync(`${file}-wal`)).toBe(true);
    const usage = store(dataDir);
    const stored = inspect(file, (db) => {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      return (db.prepare('SELECT id FROM answers').all() as { id: number }[]).map((r) => r.id);
    });
    const storedIds = new Set(stored);
    expect(printed.filter((id) => !storedIds.has(id))).toEqual([]);
    // At most the row committed between the last print and the kill is extra.
    expect(stored.length - printed.length).toBeLessThanOrEqual(1);
    expect(usage.record(answer('after the crash'))).toBe(Math.max(...stored) + 1);
  });

  it('two processes writing the same directory at once: every committed row of both, no corruption', async () => {
    const dataDir = await usageDir('two-procs');
    const printed = await killWriters(dataDir, ['p', 'q'], 300);
    const all = [...printed.get('p')!, ...printed.get('q')!];
    expect(printed.get('p')!.length).toBeGreaterThanOrEqual(300);
    expect(printed.get('q')!.length).toBeGreaterThanOrEqual(300);
    expect(new Set(all).size).toBe(all.length);
    inspect(join(dataDir, 'usage.sqlite'), (db) => {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare('SELECT id, query FROM answers').all() as { id: number; query: string }[];
      const byId = new Map(rows.map((r) => [r.id, r.query]));
      for (const tag of ['p', 'q']) {
        for (const id of printed.get(tag)!) expect(byId.get(id)?.startsWith(`${tag} `)).toBe(true);
      }
    });
  });
});

it('close() makes later calls neutral no-ops', async () => {
  const dataDir = await usageDir('closed');
  const usage = store(dataDir);
  usage.close();
  expect(usage.record(answer('q'))).toBeNull();
  expect(usage.usageReport({ days: 2 }).days).toHaveLength(2);
  expect(usage.logger.lines).toEqual([]);
});

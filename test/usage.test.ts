import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, foldQuery, hashUser, openUsageStore, type AnswerEvent, type UsageStore, type UsageStoreOptions } from '../src/usage/index.js';
import { DAY_MS, inspect, recordingLogger, testClock, usageDir } from './fixtures/usage/helpers.js';

/**
 * The usage store on real SQLite files in temp directories: what it records, how feedback
 * counts, the report's JSON contract, privacy (no raw user id on disk, retention) and
 * `enabled: false`. Faults (locks, read-only, corruption, kill -9) are in usage-faults.test.ts.
 */

const open: UsageStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

async function store(options: Partial<UsageStoreOptions> = {}): Promise<UsageStore & { dataDir: string }> {
  const dataDir = options.dataDir ?? (await usageDir('store'));
  const opened = openUsageStore({ dataDir, salt: 'test-salt', logger: recordingLogger(), ...options });
  open.push(opened);
  return Object.assign(opened, { dataDir });
}

const answer = (query: string, extra: Partial<AnswerEvent> = {}): AnswerEvent =>
  ({ command: 'ask', query, userId: 'user-1', resultCount: 3, latencyMs: 10, unanswered: false, ...extra }) as AnswerEvent;

describe('recording answers', () => {
  it('returns increasing ids and stores every field, the user only as a salted hash', async () => {
    const clock = testClock('2025-03-10T08:00:00Z');
    const usage = await store({ now: clock.now });
    const first = usage.record(answer('珠海高新区GDP', { options: { zone: '珠海', year: 2023 }, guildId: 'g-42', topCitation: '〔珠海 · 2024 · ¶3〕', latencyMs: 12.6 }));
    const second = usage.record(answer('第二个', { unanswered: true, resultCount: 0, guildId: null }));
    expect(first).toBeTypeOf('number');
    expect(second).toBe(first! + 1);
    const rows = inspect(usage.path, (db) => db.prepare('SELECT * FROM answers ORDER BY id').all());
    expect(rows[0]).toEqual({
      id: first,
      at: Date.parse('2025-03-10T08:00:00Z'),
      command: 'ask',
      query: '珠海高新区GDP',
      query_key: '珠海高新区GDP',
      options: '{"zone":"珠海","year":2023}',
      guild_id: 'g-42',
      user_hash: hashUser('test-salt', 'user-1'),
      result_count: 3,
      top_citation: '〔珠海 · 2024 · ¶3〕',
      latency_ms: 13,
      unanswered: 0,
    });
    expect(rows[1]).toMatchObject({ guild_id: null, top_citation: null, unanswered: 1, result_count: 0, options: '{}' });
  });

  it('opens in WAL mode at the current schema version', async () => {
    const usage = await store();
    inspect(usage.path, (db) => {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    });
  });

  it('hashUser is sha256(salt + id) in hex, and a different salt gives a different hash', () => {
    expect(hashUser('s', '1')).toBe(createHash('sha256').update('s1').digest('hex'));
    expect(hashUser('s', '1')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashUser('s', '1')).toBe(hashUser('s1', ''));
    expect(hashUser('s', '1')).not.toBe(hashUser('t', '1'));
  });

  it('accepts a precomputed userHash but refuses a raw id passed as one (null, logged once, never thrown)', async () => {
    const logger = recordingLogger();
    const usage = await store({ logger });
    expect(usage.record(answer('q', { userId: undefined, userHash: hashUser('test-salt', 'u') } as Partial<AnswerEvent>))).toBeTypeOf('number');
    expect(usage.record(answer('q', { userId: undefined, userHash: '123456789012345678' } as Partial<AnswerEvent>))).toBeNull();
    expect(usage.record(answer('q', { resultCount: -1 }))).toBeNull();
    expect(usage.record(answer('q', { options: { big: 1n } as unknown as Record<string, unknown> }))).toBeNull();
    expect(logger.at('warn')).toHaveLength(1);
    expect(logger.at('warn')[0]).toMatchObject({ kind: 'bad-input' });
    expect(inspect(usage.path, (db) => db.prepare('SELECT COUNT(*) AS n FROM answers').get())).toEqual({ n: 1 });
  });

  it('folds queries with NFKC, collapsed whitespace and trimming', () => {
    expect(foldQuery('珠海高新区ＧＤＰ ')).toBe('珠海高新区GDP');
    expect(foldQuery('　１４１．５  亿元\t')).toBe('141.5 亿元');
  });
});

describe('votes', () => {
  it('counts one vote per user per answer: repeat = unchanged, switch = changed, two users = 2', async () => {
    const usage = await store();
    const id = usage.record(answer('长春新区面积'))!;
    expect(usage.vote({ answerId: id, userId: 'a', vote: 'up' })).toBe('new');
    expect(usage.vote({ answerId: id, userId: 'a', vote: 'up' })).toBe('unchanged');
    expect(usage.vote({ answerId: id, userId: 'a', vote: 'down' })).toBe('changed');
    expect(usage.vote({ answerId: id, userId: 'a', vote: 'down' })).toBe('unchanged');
    expect(usage.vote({ answerId: id, userId: 'b', vote: 'down' })).toBe('new');
    expect(usage.usageReport().downvoted).toEqual([{ query: '长春新区面积', count: 2, comments: [] }]);
    expect(inspect(usage.path, (db) => db.prepare('SELECT COUNT(*) AS n FROM votes').get())).toEqual({ n: 2 });
    // Switching back to up removes the user's 👎 from the count.
    expect(usage.vote({ answerId: id, userId: 'a', vote: 'up' })).toBe('changed');
    expect(usage.usageReport().downvoted).toEqual([{ query: '长春新区面积', count: 1, comments: [] }]);
  });

  it('keeps comments of down votes (given with the vote or later) and shows the non-empty ones, newest first', async () => {
    const clock = testClock('2025-03-10T08:00:00Z');
    const usage = await store({ now: clock.now });
    const id = usage.record(answer('梅河口GDP'))!;
    const other = usage.record(answer('梅河口ＧＤＰ'))!;
    expect(usage.vote({ answerId: id, userId: 'a', vote: 'down', comment: '  年份不对  ' })).toBe('new');
    clock.advance(1000);
    expect(usage.vote({ answerId: id, userId: 'b', vote: 'down' })).toBe('new');
    expect(usage.addComment({ answerId: id, userId: 'b', comment: '数字是2022年的' })).toBe(true);
    clock.advance(1000);
    expect(usage.vote({ answerId: other, userId: 'c', vote: 'down', comment: '   ' })).toBe('new');
    // No down vote to attach to: an up vote, or no vote at all.
    expect(usage.vote({ answerId: other, userId: 'd', vote: 'up', comment: 'ignored on an up vote' })).toBe('new');
    expect(usage.addComment({ answerId: other, userId: 'd', comment: 'x' })).toBe(false);
    expect(usage.addComment({ answerId: other, userId: 'nobody', comment: 'x' })).toBe(false);
    expect(usage.usageReport({ now: clock.now() }).downvoted).toEqual([{ query: '梅河口GDP', count: 3, comments: ['数字是2022年的', '年份不对'] }]);
    // A switch to up drops the comment with the down vote.
    usage.vote({ answerId: id, userId: 'a', vote: 'up' });
    expect(usage.usageReport({ now: clock.now() }).downvoted).toEqual([{ query: '梅河口GDP', count: 2, comments: ['数字是2022年的'] }]);
  });

  it('a vote on an answer that does not exist stores nothing and returns null', async () => {
    const logger = recordingLogger();
    const usage = await store({ logger });
    expect(usage.vote({ answerId: 999, userId: 'a', vote: 'up' })).toBeNull();
    expect(usage.vote({ answerId: -1, userId: 'a', vote: 'up' })).toBeNull();
    expect(usage.vote({ answerId: 1, userId: 'a', vote: 'sideways' as 'up' })).toBeNull();
    expect(inspect(usage.path, (db) => db.prepare('SELECT COUNT(*) AS n FROM votes').get())).toEqual({ n: 0 });
  });

  it('downvoted lists the queries with the most 👎 first, across answers of the same folded query', async () => {
    const clock = testClock('2025-03-10T08:00:00Z');
    const usage = await store({ now: clock.now });
    const a1 = usage.record(answer('A'))!;
    const a2 = usage.record(answer(' A '))!;
    const b = usage.record(answer('B'))!;
    usage.vote({ answerId: a1, userId: 'u1', vote: 'down' });
    usage.vote({ answerId: a2, userId: 'u1', vote: 'down' });
    usage.vote({ answerId: b, userId: 'u2', vote: 'down' });
    usage.vote({ answerId: b, userId: 'u3', vote: 'up' });
    expect(usage.usageReport().downvoted.map((d) => [d.query, d.count])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
  });
});

describe('usageReport', () => {
  it('aggregates unanswered queries after NFKC/trim folding, most frequent first, ties most recent first, with lastAsked', async () => {
    const clock = testClock('2025-03-01T09:00:00Z');
    const usage = await store({ now: clock.now });
    usage.record(answer('珠海高新区ＧＤＰ ', { unanswered: true, resultCount: 0 }));
    clock.set('2025-03-02T10:00:00Z');
    usage.record(answer('通化高新区', { unanswered: true }));
    clock.set('2025-03-03T11:30:00Z');
    usage.record(answer('珠海高新区GDP', { unanswered: true, resultCount: 0 }));
    clock.set('2025-03-04T12:00:00Z');
    usage.record(answer('上海', { unanswered: true }));
    usage.record(answer('珠海高新区GDP', { unanswered: false })); // answered this time: not counted as unanswered
    const report = usage.usageReport({ now: new Date('2025-03-05T00:00:00Z') });
    expect(report.unanswered).toEqual([
      { query: '珠海高新区GDP', count: 2, lastAsked: '2025-03-03T11:30:00.000Z' },
      { query: '上海', count: 1, lastAsked: '2025-03-04T12:00:00.000Z' },
      { query: '通化高新区', count: 1, lastAsked: '2025-03-02T10:00:00.000Z' },
    ]);
    expect(report.topQueries[0]).toEqual({ query: '珠海高新区GDP', count: 3 });
  });

  it('days has one entry per UTC day of the window, oldest first, zero days included', async () => {
    const clock = testClock('2025-03-10T23:59:59Z');
    const usage = await store({ now: clock.now });
    usage.record(answer('today'));
    usage.record(answer('today again'));
    clock.set('2025-03-08T00:00:00Z');
    usage.record(answer('two days ago'));
    clock.set('2025-02-25T00:00:00Z'); // day 14 counting back from 03-10: inside
    usage.record(answer('first day'));
    clock.set('2025-02-24T23:59:59Z'); // one second before the window
    usage.record(answer('too old'));
    const report = usage.usageReport({ now: new Date('2025-03-10T12:00:00Z') });
    expect(report.days).toHaveLength(14);
    expect(report.days[0]).toEqual({ day: '2025-02-25', questions: 1 });
    expect(report.days[13]).toEqual({ day: '2025-03-10', questions: 2 });
    expect(report.days.find((d) => d.day === '2025-03-08')).toEqual({ day: '2025-03-08', questions: 1 });
    expect(report.days.filter((d) => d.questions === 0)).toHaveLength(11);
    expect(report.days.map((d) => d.day)).toEqual([...report.days.map((d) => d.day)].sort());
    expect(report.topQueries.map((q) => q.query)).not.toContain('too old');
    expect(usage.usageReport({ days: 3, now: new Date('2025-03-10T12:00:00Z') }).days.map((d) => d.day)).toEqual(['2025-03-08', '2025-03-09', '2025-03-10']);
  });

  it('orders topQueries by count, then most recent, and honours limit', async () => {
    const clock = testClock('2025-03-10T01:00:00Z');
    const usage = await store({ now: clock.now });
    for (const [query, times] of [
      ['GDP', 3],
      ['面积', 1],
      ['人口', 2],
      ['税收', 1],
    ] as const) {
      for (let i = 0; i < times; i++) {
        usage.record(answer(query));
        clock.advance(60_000);
      }
    }
    expect(usage.usageReport().topQueries).toEqual([
      { query: 'GDP', count: 3 },
      { query: '人口', count: 2 },
      { query: '税收', count: 1 },
      { query: '面积', count: 1 },
    ]);
    expect(usage.usageReport({ limit: 2 }).topQueries.map((q) => q.query)).toEqual(['GDP', '人口']);
  });

  it('has exactly the JSON contract shape', async () => {
    const usage = await store();
    const id = usage.record(answer('q', { unanswered: true }))!;
    usage.vote({ answerId: id, userId: 'x', vote: 'down', comment: 'c' });
    const report = JSON.parse(JSON.stringify(usage.usageReport())) as Record<string, unknown[]>;
    expect(Object.keys(report)).toEqual(['days', 'topQueries', 'unanswered', 'downvoted']);
    expect(Object.keys(report.days![0]!)).toEqual(['day', 'questions']);
    expect(Object.keys(report.topQueries![0]!)).toEqual(['query', 'count']);
    expect(Object.keys(report.unanswered![0]!)).toEqual(['query', 'count', 'lastAsked']);
    expect(Object.keys(report.downvoted![0]!)).toEqual(['query', 'count', 'comments']);
    expect((report.unanswered![0] as { lastAsked: string }).lastAsked).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('dailyActivity gives the unanswered share per day', async () => {
    const clock = testClock('2025-03-10T08:00:00Z');
    const usage = await store({ now: clock.now });
    usage.record(answer('a', { unanswered: true }));
    for (const q of ['b', 'c', 'd']) usage.record(answer(q));
    expect(usage.dailyActivity({ days: 2 })).toEqual([
      { day: '2025-03-09', questions: 0, unanswered: 0, share: 0 },
      { day: '2025-03-10', questions: 4, unanswered: 1, share: 0.25 },
    ]);
  });
});

describe('privacy', () => {
  it('never stores the raw user id: not in any file of the data dir, not in any table', async () => {
    const raw = 'RAW-USER-738201946551';
    const dataDir = await usageDir('privacy');
    const usage = await store({ dataDir });
    const id = usage.record(answer('q', { userId: raw }))!;
    usage.vote({ answerId: id, userId: raw, vote: 'down', comment: 'bad' });
    usage.addComment({ answerId: id, userId: raw, comment: 'still bad' });
    // Scan while open (WAL and shm files present) and after close (checkpointed into the main file).
    const scan = async () => {
      for (const name of await readdir(dataDir)) {
        const bytes = await readFile(join(dataDir, name));
        expect(bytes.includes(Buffer.from(raw, 'utf8')), name).toBe(false);
        expect(bytes.includes(Buffer.from(raw, 'utf16le')), name).toBe(false);
      }
    };
    await scan();
    usage.close();
    await scan();
    inspect(usage.path, (db) => {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
      expect(tables.map((t) => t.name).sort()).toEqual(['answers', 'sqlite_sequence', 'votes']);
      for (const { name } of tables) {
        for (const row of db.prepare(`SELECT * FROM "${name}"`).all()) expect(JSON.stringify(row)).not.toContain(raw);
      }
      expect(db.prepare('SELECT user_hash FROM votes').get()).toEqual({ user_hash: hashUser('test-salt', raw) });
    });
  });

  it('prunes answers and their votes older than retentionDays, at open and on prune(now)', async () => {
    const clock = testClock('2025-01-01T00:00:00Z');
    const dataDir = await usageDir('retention');
    const first = await store({ dataDir, now: clock.now, retentionDays: 30 });
    const old = first.record(answer('old'))!;
    first.vote({ answerId: old, userId: 'v', vote: 'down', comment: 'old comment' });
    clock.advance(20 * DAY_MS);
    const middle = first.record(answer('middle'))!;
    first.vote({ answerId: middle, userId: 'v', vote: 'up' });
    clock.advance(15 * DAY_MS); // 'old' is now 35 days old
    expect(first.prune(new Date(Date.parse('2025-01-30T00:00:00Z')))).toBe(0); // 29 days: kept
    first.close();

    // At open: the store prunes with its clock.
    const second = await store({ dataDir, now: clock.now, retentionDays: 30 });
    const counts = () => inspect(second.path, (db) => db.prepare('SELECT (SELECT COUNT(*) FROM answers) AS answers, (SELECT COUNT(*) FROM votes) AS votes').get());
    expect(counts()).toEqual({ answers: 1, votes: 1 });
    expect(inspect(second.path, (db) => db.prepare('SELECT query FROM answers').all())).toEqual([{ query: 'middle' }]);

    // On prune(now): 'middle' (recorded 2025-01-21) goes 30 days later.
    expect(second.prune(new Date('2025-02-20T00:00:01Z'))).toBe(1);
    expect(counts()).toEqual({ answers: 0, votes: 0 });
    expect(second.prune()).toBe(0);
  });

  it('enabled: false creates nothing on disk and every method is a neutral no-op', async () => {
    const parent = await usageDir('disabled');
    const dataDir = join(parent, 'data');
    const logger = recordingLogger();
    const usage = openUsageStore({ dataDir, salt: '', enabled: false, logger });
    expect(usage.enabled).toBe(false);
    expect(usage.record(answer('q'))).toBeNull();
    expect(usage.vote({ answerId: 1, userId: 'a', vote: 'up' })).toBeNull();
    expect(usage.addComment({ answerId: 1, userId: 'a', comment: 'c' })).toBe(false);
    expect(usage.prune()).toBeNull();
    const report = usage.usageReport();
    expect(report.days).toHaveLength(14);
    expect(report.days.every((d) => d.questions === 0)).toBe(true);
    expect(report).toMatchObject({ topQueries: [], unanswered: [], downvoted: [] });
    usage.close();
    expect(existsSync(dataDir)).toBe(false);
    expect(await readdir(parent)).toEqual([]);
    expect(logger.lines).toEqual([]);
  });

  it('refuses an empty salt when enabled (hashes would be reversible by enumerating ids)', async () => {
    const dataDir = await usageDir('salt');
    expect(() => openUsageStore({ dataDir, salt: '' })).toThrow(/salt/);
    expect(await readdir(dataDir)).toEqual([]);
  });
});

describe('two connections', () => {
  it('two stores on one directory writing alternately keep every row, with distinct ids', async () => {
    const dataDir = await usageDir('two');
    const a = await store({ dataDir });
    const b = await store({ dataDir });
    const ids: number[] = [];
    for (let i = 0; i < 100; i++) {
      const writer = i % 2 === 0 ? a : b;
      const id = writer.record(answer(`q${i}`, { userId: `u${i}` }));
      expect(id).not.toBeNull();
      ids.push(id!);
      if (i % 10 === 0) expect(writer.vote({ answerId: ids[0]!, userId: `u${i}`, vote: 'down' })).toBe('new');
    }
    expect(new Set(ids).size).toBe(100);
    expect(a.usageReport({ limit: 1000 }).topQueries).toHaveLength(100);
    expect(b.usageReport().downvoted).toEqual([{ query: 'q0', count: 10, comments: [] }]);
    a.close();
    b.close();
    inspect(join(dataDir, 'usage.sqlite'), (db) => {
      expect(db.prepare('SELECT id FROM answers ORDER BY id').all().map((r) => (r as { id: number }).id)).toEqual([...ids].sort((x, y) => x - y));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  });
});

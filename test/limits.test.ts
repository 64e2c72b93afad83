import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { COMMAND_COSTS, costOf, createRateLimiter, createWorkQueue, renderSlowDown, type Ticket } from '../src/limits/index.js';
import { bodyOf, shownText, startHarness, waitFor, type Harness } from './fake-discord/harness.js';
import { DEFAULT_USER_ID } from './fake-discord/payloads.js';
import { copySeeds } from './helpers.js';

const EPHEMERAL = 64;

/** A clock the test moves by hand, in milliseconds. */
function clock(start = 1_000_000) {
  let at = start;
  return { now: () => at, advance: (ms: number) => void (at += ms) };
}

describe('rate limiter (token bucket)', () => {
  it('lets a rested user spend a burst of a quarter-minute, then one per 60/perMinute s', () => {
    const time = clock();
    const limiter = createRateLimiter({ perMinute: 20, now: time.now });
    for (let i = 0; i < 5; i += 1) expect(limiter.take('a', 1)).toEqual({ ok: true });
    expect(limiter.take('a', 1)).toEqual({ ok: false, retryAfterMs: 3000 });
    time.advance(1000);
    expect(limiter.take('a', 1)).toEqual({ ok: false, retryAfterMs: 2000 });
    time.advance(2000);
    expect(limiter.take('a', 1)).toEqual({ ok: true });
    expect(limiter.take('a', 1).ok).toBe(false);
  });

  it('never refills above the burst, however long the user was away', () => {
    const time = clock();
    const limiter = createRateLimiter({ perMinute: 20, now: time.now });
    time.advance(3_600_000);
    const taken = Array.from({ length: 8 }, () => limiter.take('a', 1).ok);
    expect(taken).toEqual([true, true, true, true, true, false, false, false]);
  });

  it('keeps each user to their own bucket', () => {
    const time = clock();
    const limiter = createRateLimiter({ perMinute: 20, now: time.now });
    for (let i = 0; i < 5; i += 1) limiter.take('a', 1);
    expect(limiter.take('a', 1).ok).toBe(false);
    expect(limiter.take('b', 1).ok).toBe(true);
  });

  it('charges a command its cost, refuses without taking anything, and gives back a refund', () => {
    const time = clock();
    const limiter = createRateLimiter({ perMinute: 20, now: time.now });
    expect(limiter.take('a', 2).ok).toBe(true);
    expect(limiter.take('a', 2).ok).toBe(true);
    // One token left: a cost-2 command is refused and the token stays for a cost-1 one.
    expect(limiter.take('a', 2)).toEqual({ ok: false, retryAfterMs: 3000 });
    limiter.refund('a', 2);
    expect(limiter.take('a', 2).ok).toBe(true);
    expect(limiter.take('a', 1).ok).toBe(true);
    expect(limiter.take('a', 1).ok).toBe(false);
    // Free things are always free.
    expect(limiter.take('a', 0).ok).toBe(true);
  });

  it('is off at 0 per minute', () => {
    const limiter = createRateLimiter({ perMinute: 0 });
    expect(Array.from({ length: 1000 }, () => limiter.take('a', 5).ok).every(Boolean)).toBe(true);
  });

  it('forgets users whose bucket has refilled, so memory follows recent users only', () => {
    const time = clock();
    const limiter = createRateLimiter({ perMinute: 20, now: time.now });
    for (let i = 0; i < 1024; i += 1) limiter.take(`user-${i}`, 1);
    expect(limiter.size).toBe(1024);
    time.advance(3000);
    limiter.take('late', 1);
    // The sweep ran: everyone but the late user is full again.
    expect(limiter.size).toBe(1);
  });
});

describe('work queue', () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('runs at most maxInFlight at once, and starts the waiting ones in arrival order', async () => {
    const queue = createWorkQueue({ maxInFlight: 3, maxQueue: 100 });
    let running = 0;
    let highest = 0;
    const started: number[] = [];
    const job = async (n: number) => {
      const ticket = queue.enter()!;
      try {
        await ticket.ready;
        started.push(n);
        running += 1;
        highest = Math.max(highest, running);
        expect(queue.running).toBeLessThanOrEqual(3);
        // Uneven durations, so jobs finish out of order.
        for (let i = 0; i < (n * 7) % 5; i += 1) await tick();
        running -= 1;
      } finally {
        ticket.release();
      }
    };
    await Promise.all(Array.from({ length: 30 }, (_, n) => job(n)));
    expect(highest).toBe(3);
    expect(started).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect(queue.running).toBe(0);
    expect(queue.waiting).toBe(0);
  });

  it('says which tickets had to wait', () => {
    const queue = createWorkQueue({ maxInFlight: 2, maxQueue: 5 });
    const tickets = [queue.enter()!, queue.enter()!, queue.enter()!];
    expect(tickets.map((t) => t.queued)).toEqual([false, false, true]);
    expect([queue.running, queue.waiting]).toEqual([2, 1]);
  });

  it('refuses beyond maxQueue waiting, and accepts again once the line moves', async () => {
    const queue = createWorkQueue({ maxInFlight: 1, maxQueue: 2 });
    const running = queue.enter()!;
    const first = queue.enter()!;
    const second = queue.enter()!;
    expect(queue.enter()).toBeNull();
    running.release();
    await first.ready;
    expect([queue.running, queue.waiting]).toEqual([1, 1]);
    const third = queue.enter();
    expect(third?.queued).toBe(true);
    for (const t of [first, second, third!]) t.release();
  });

  it('lets a waiting ticket leave the line (its deferral failed) without taking a slot, and releasing twice frees one slot', async () => {
    const queue = createWorkQueue({ maxInFlight: 1, maxQueue: 10 });
    const running = queue.enter()!;
    const leaving = queue.enter()!;
    const next = queue.enter()!;
    leaving.release();
    expect(queue.waiting).toBe(1);
    running.release();
    running.release();
    await next.ready;
    expect([queue.running, queue.waiting]).toEqual([1, 0]);
    let startedLeaving = false;
    void leaving.ready.then(() => (startedLeaving = true));
    await tick();
    expect(startedLeaving).toBe(false);
    const after: Ticket = queue.enter()!;
    expect(after.queued).toBe(true);
  });
});

describe('costs and configuration', () => {
  it('charges the expensive commands and nothing else', () => {
    expect(Object.keys(COMMAND_COSTS).sort()).toEqual(['ask', 'compare', 'docs', 'figure', 'followup', 'reindex']);
    expect(costOf('ask')).toBe(1);
    for (const free of ['help', 'stats', 'zone', 'source', 'vote', 'toString', 'constructor']) expect(costOf(free)).toBe(0);
  });

  it('reads RATE_LIMIT_PER_MINUTE, MAX_IN_FLIGHT and MAX_QUEUE with their defaults', () => {
    expect(loadConfig({})).toMatchObject({ rateLimitPerMinute: 20, maxInFlight: 8, maxQueue: 100 });
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0', MAX_IN_FLIGHT: '2', MAX_QUEUE: '0' })).toMatchObject({ rateLimitPerMinute: 0, maxInFlight: 2, maxQueue: 0 });
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig({ MAX_IN_FLIGHT: '0' })).toThrow(/MAX_IN_FLIGHT/);
    expect(() => loadConfig({ MAX_QUEUE: 'lots' })).toThrow(/MAX_QUEUE/);
  });

  it('words the slow-down notice in each reply language with the number in both halves', () => {
    expect(renderSlowDown(4, 'both').content).toBe('稍等一下：你的提问太频繁了，请 4 秒后再试。/ Slow down: try again in 4 s.');
    expect(renderSlowDown(4, 'zh').content).toBe('稍等一下：你的提问太频繁了，请 4 秒后再试。');
    expect(renderSlowDown(4, 'en').content).toBe('Slow down: try again in 4 s.');
  });
});

describe('through the fake Discord: rate limit', () => {
  let h: Harness;
  // 24 a minute: a burst of 6, then one every 2.5 s.
  beforeAll(async () => {
    h = await startHarness({ env: { RATE_LIMIT_PER_MINUTE: '24' }, usage: true });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("refuses a user's 7th /ask in a row, ephemerally and without running or recording it, while another user is answered", async () => {
    const question = [{ name: 'question', value: '梅河口离长春有多远？' }];
    const other = { userId: '200000000000000002' };
    // Warm up (the first query loads the tokenizer) as a third user, so the six asks below are quick.
    await h.fake.command('ask', question, { userId: '200000000000000003' }).next();

    for (let i = 0; i < 6; i += 1) {
      const answer = await h.fake.command('ask', question).next();
      expect(shownText(answer)).toContain('163公里');
    }
    const refused = h.fake.command('ask', question);
    const reply = await refused.next();
    expect(reply).toMatchObject({ kind: 'callback', type: 4 });
    expect(bodyOf(reply).flags).toBe(EPHEMERAL);
    expect(bodyOf(reply).content).toMatch(/^稍等一下：你的提问太频繁了，请 [1-3] 秒后再试。\/ Slow down: try again in [1-3] s\.$/);
    expect(bodyOf(reply).embeds ?? []).toEqual([]);

    const answered = await h.fake.command('ask', question, other).next();
    expect(shownText(answered)).toContain('163公里');

    const line = await waitFor(() => h.logs.find((l) => l.message === 'interaction' && l.interactionId === refused.id));
    expect(line).toMatchObject({ command: 'ask', userId: DEFAULT_USER_ID, refused: true, reason: 'rate-limit' });
    expect(line).not.toHaveProperty('results');
    // 1 warm-up + 6 + the other user's: the refusal is not an answer.
    expect(h.usage!.usageReport().topQueries.map((q) => q.count)).toEqual([8]);
  });

  it('does not limit autocomplete', async () => {
    for (let i = 0; i < 10; i += 1) {
      const reply = await h.fake.autocomplete('figure', [{ name: 'query', value: '招商', focused: true }]).next();
      expect(reply).toMatchObject({ kind: 'callback', type: 8 });
      expect((bodyOf(reply).choices as unknown[]).length).toBeGreaterThan(0);
    }
  });
});

describe('through the fake Discord: a full work queue', () => {
  const ADMIN = { userId: '300000000000000001' };
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seedsDir: await copySeeds(), env: { RATE_LIMIT_PER_MINUTE: '0', MAX_IN_FLIGHT: '1', MAX_QUEUE: '1', ADMIN_USER_IDS: ADMIN.userId } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('defers a command that has to wait and answers it later, refuses one beyond the line, and answers autocomplete empty meanwhile', async () => {
    // An upload that downloads for ~2 s holds the only slot.
    const text = await readFile(join(import.meta.dirname, '..', 'seeds', '000_2948f0920b1045a6.txt'));
    const file = h.fake.attach(Buffer.concat([text, Buffer.from('\n（副本）\n')]), '排队.txt', { trickleMs: 200 });
    const upload = h.fake.subcommand('docs', 'add', [{ name: 'file', type: 11, value: file.id }], ADMIN, [file]);
    expect(await upload.next()).toMatchObject({ kind: 'callback', type: 5 });

    const waiting = h.fake.command('figure', [{ name: 'query', value: '招商引资' }], { userId: '200000000000000002' });
    const deferred = await waiting.next();
    // Deferred at once (Discord waits 3 s at most), publicly, because the answer is public.
    expect(deferred).toMatchObject({ kind: 'callback', type: 5 });
    expect(bodyOf(deferred).flags ?? 0).toBe(0);

    const suggestions = await h.fake.autocomplete('figure', [{ name: 'query', value: '招商', focused: true }]).next();
    expect(suggestions).toMatchObject({ kind: 'callback', type: 8 });
    expect(bodyOf(suggestions).choices).toEqual([]);

    const busy = await h.fake.command('ask', [{ name: 'question', value: '梅河口离长春有多远？' }], { userId: '200000000000000003' }).next();
    expect(busy).toMatchObject({ kind: 'callback', type: 4 });
    expect(bodyOf(busy).flags).toBe(EPHEMERAL);
    expect(bodyOf(busy).content).toBe('忙不过来了，请稍后再试。/ Busy, please try again shortly.');

    const answer = await waiting.next(20_000);
    expect(answer.kind).toBe('edit');
    expect(shownText(answer)).toContain('141.5亿元');
    const line = await waitFor(() => h.logs.find((l) => l.message === 'interaction' && l.interactionId === waiting.id));
    expect(line.queuedMs).toBeGreaterThan(500);
    // One at a time: the upload had finished (and logged) before the waiting command ran.
    const at = (id: string) => h.logs.findIndex((l) => l.message === 'interaction' && l.interactionId === id);
    expect(at(upload.id)).toBeGreaterThanOrEqual(0);
    expect(at(upload.id)).toBeLessThan(at(waiting.id));
  });
});

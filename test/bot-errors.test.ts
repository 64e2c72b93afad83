import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryService } from '../src/search/service.js';
import { bodyOf, shownText, startHarness, waitFor, type Harness } from './fake-discord/harness.js';

/** The error boundary: the real engine, with /stats broken on purpose. */
let h: Harness;
const EPHEMERAL = 64;

beforeAll(async () => {
  h = await startHarness({
    wrap: (engine): QueryService =>
      Object.assign(Object.create(engine) as QueryService, {
        stats: () => {
          throw new TypeError('stats exploded: secret internal detail');
        },
      }),
  });
});
afterAll(async () => {
  await h?.stop();
});

describe('a command that throws', () => {
  it('answers ephemerally with a short error id, without internals', async () => {
    const reply = await h.fake.command('stats').next();
    expect(reply).toMatchObject({ kind: 'callback', type: 4 });
    expect(bodyOf(reply).flags).toBe(EPHEMERAL);
    const text = shownText(reply);
    expect(text).not.toContain('secret internal detail');
    const id = text.match(/`([0-9a-f]{8})`/)?.[1];
    expect(id).toBeDefined();
    const logged = await waitFor(() => h.logs.find((l) => l.errorId === id));
    expect(logged).toMatchObject({ level: 'error', message: 'interaction', command: 'stats', code: 'INTERNAL' });
    expect(JSON.stringify(logged.error)).toContain('secret internal detail');
  });

  it('leaves the bot running: the next command works', async () => {
    const reply = await h.fake.command('figure', [{ name: 'query', value: '招商引资' }]).next();
    expect(shownText(reply)).toContain('141.5亿元');
  });

  it('shows a UserError its own message', async () => {
    const reply = await h.fake.command('source', [{ name: 'id', value: 'missing.txt#1' }]).next();
    expect(bodyOf(reply).flags).toBe(EPHEMERAL);
    expect(shownText(reply)).toContain('missing.txt#1');
  });

  it('answers an unknown command (a stale registration) instead of leaving it hanging', async () => {
    const reply = await h.fake.command('retired-command').next();
    expect(bodyOf(reply).flags).toBe(EPHEMERAL);
    expect(shownText(reply)).toContain('/help');
  });

  it('keeps the gateway connection alive with heartbeats', async () => {
    await waitFor(() => h.fake.heartbeats >= 2);
    expect(h.bot.client.ws.ping).toBeGreaterThanOrEqual(0);
  });

  it('answers an interaction sent while a busy event loop cost it the connection, after RESUME', async () => {
    const resumes = h.fake.resumes;
    // Hold the bot's event loop (it runs in this process) in slices longer than a heartbeat
    // interval, letting only timers and the check phase run between them: a heartbeat goes out
    // but its ACK is not read before the next is due, so the client takes the connection for
    // dead and reconnects, as a long synchronous job would make it do.
    for (let i = 0; i < 6; i++) {
      const until = Date.now() + 250;
      while (Date.now() < until);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const asked = h.fake.command('figure', [{ name: 'query', value: '招商引资' }]);
    expect(shownText(await asked.next())).toContain('招商引资');
    expect(h.fake.resumes).toBeGreaterThan(resumes);
  });
});

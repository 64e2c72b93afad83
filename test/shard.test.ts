import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { SEEDS_DIR, shownText, waitFor } from './fake-discord/harness.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord/server.js';

/**
 * `npm run shard` as a process against the fake Discord: the ShardingManager asks `GET
 * /gateway/bot` for the shard count ('auto': the fake says 1), spawns `src/main.ts` as shard 0
 * of 1, whose bot identifies with that shard and answers a command; SIGTERM stops it all.
 */
let fake: FakeDiscord;
let dir: string;
beforeAll(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 200 });
  dir = await mkdtemp(join(tmpdir(), 'zone-shard-'));
});
afterAll(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run shard', () => {
  it('spawns the recommended number of shards, answers through shard 0, and stops on SIGTERM', async () => {
    const root = join(import.meta.dirname, '..');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bot/shard.ts'], {
      cwd: root,
      env: { ...process.env, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, INDEX_DIR: join(dir, 'index'), DATA_DIR: join(dir, 'data'), SEEDS_DIR, LOG_LEVEL: 'info' },
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // A failed expectation must not leave the manager (and through it the shard) running.
    onTestFinished(() => void (child.exitCode === null && child.kill('SIGKILL')));

    await waitFor(() => err.includes('"all shards ready"'), 50_000);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path.endsWith('/gateway/bot'))).toBe(true);
    expect(err).toMatch(/"starting shards".*"totalShards":1/);
    expect(fake.identifies.map((i) => i.shard)).toEqual([[0, 1]]);
    const reply = await fake.command('figure', [{ name: 'query', value: '招商引资' }]).next();
    expect(shownText(reply)).toContain('141.5亿元');

    child.kill('SIGTERM');
    expect(await closed).toBe(0);
    // The shard shut down as `npm start` does, and the manager waited for it.
    expect(err).toContain('"bot stopped"');
    expect(err).toContain('"shards stopped"');
    expect(err).not.toContain(fake.token);
  }, 70_000);

  it('leaves no orphan: a shard whose manager was killed (SIGKILL) shuts itself down', async () => {
    const root = join(import.meta.dirname, '..');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bot/shard.ts', '--shards', '1'], {
      cwd: root,
      env: { ...process.env, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, INDEX_DIR: join(dir, 'index'), DATA_DIR: join(dir, 'data'), SEEDS_DIR, LOG_LEVEL: 'info' },
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    await waitFor(() => err.includes('"all shards ready"'), 50_000);
    const pid = Number(/"shard ready".*?"pid":(\d+)/.exec(err)?.[1]);
    expect(pid).toBeGreaterThan(0);

    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    child.kill('SIGKILL');
    try {
      await waitFor(() => !alive(), 15_000);
    } finally {
      if (alive()) process.kill(pid, 'SIGKILL');
    }
  }, 70_000);
});

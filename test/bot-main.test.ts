import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS_DIR, shownText, waitFor } from './fake-discord/harness.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord/server.js';

/** `npm start` with a token, as a process: connects, answers, and stops cleanly on SIGTERM. */
let fake: FakeDiscord;
let indexDir: string;
beforeAll(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 200 });
  indexDir = await mkdtemp(join(tmpdir(), 'zone-main-index-'));
});
afterAll(async () => {
  await fake?.close();
  await rm(indexDir, { recursive: true, force: true });
});

describe('npm start with DISCORD_TOKEN', () => {
  it('runs the bot until SIGTERM, then shuts down gracefully', async () => {
    const root = join(import.meta.dirname, '..');
    // Plain node with tsx's loader, as `npm start` runs plain node: the tsx CLI relays a signal
    // to its child and SIGKILLs it if the child does not confirm within ~60 ms (a busy event loop).
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, INDEX_DIR: indexDir, DATA_DIR: join(indexDir, 'data'), SEEDS_DIR, LOG_LEVEL: 'info', WATCH_SEEDS: 'true' },
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const closed = new Promise((resolve) => child.on('close', resolve));

    await waitFor(() => err.includes('"bot ready"'), 45_000);
    expect(err).toContain('"watching seeds"');
    const reply = await fake.command('figure', [{ name: 'query', value: '招商引资' }]).next();
    expect(shownText(reply)).toContain('141.5亿元');

    child.kill('SIGTERM');
    expect(await closed).toBe(0);
    expect(err).toContain('"shutting down"');
    expect(err).toContain('"bot stopped"');
    // The token is a secret: it never reaches the log.
    expect(err).not.toContain(fake.token);
  }, 60_000);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeeds } from '../src/corpus/load.js';
import { sweepStaleUploads } from '../src/library/index.js';
import { openEngine } from '../src/search/engine.js';
import { waitFor } from './fake-discord/harness.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord/server.js';
import { copySeeds, tempDir } from './helpers.js';

/**
 * kill -9 of the bot process during /docs add: whatever the moment, the seeds folder holds the
 * old set or the new one (never a half file under a real name) and the index opens on it.
 */
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 200 });
});
afterAll(async () => {
  await fake?.close();
});

const ADMIN_ID = '300000000000000001';
const root = join(import.meta.dirname, '..');
// A real report-like document, large enough to take a moment to download, parse and index.
const document = Buffer.from(
  Array.from({ length: 400 }, (_, i) => `岳阳经济技术开发区第${i + 1}项工作：全年完成固定资产投资${(i % 90) + 10}.5亿元，同比增长${(i % 20) + 1}.2%。`).join('\n'),
);

function startBotProcess(seedsDir: string, indexDir: string): { child: ChildProcess; err: () => string } {
  // node itself, not the tsx launcher: SIGKILL must hit the process that does the work.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, SEEDS_DIR: seedsDir, INDEX_DIR: indexDir, DATA_DIR: join(indexDir, 'data'), ADMIN_USER_IDS: ADMIN_ID, LOG_LEVEL: 'info', WATCH_SEEDS: 'false' },
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { child, err: () => err };
}

describe('kill -9 during an upload', () => {
  // When to kill: while the file is still arriving, and once it is saved (the reindex running).
  it.each([
    ['while downloading', (seedsDir: string, id: string) => (fake.downloads.get(id) ?? 0) > 0 && !existsSync(join(seedsDir, 'upload.txt'))],
    ['after the file is saved', (seedsDir: string) => existsSync(join(seedsDir, 'upload.txt'))],
  ])('%s leaves a consistent seeds folder and index', async (_when, ready) => {
    const seedsDir = await copySeeds();
    const indexDir = await tempDir('upload-crash-index');
    const before = (await readSeeds(seedsDir)).files.map((f) => f.name).sort();
    const bot = startBotProcess(seedsDir, indexDir);
    try {
      await waitFor(() => bot.err().includes('"bot ready"'), 45_000);
      const file = fake.attach(document, 'upload.txt', { trickleMs: 150 });
      fake.subcommand('docs', 'add', [{ name: 'file', type: 11, value: file.id }], { userId: ADMIN_ID }, [file]);
      await waitFor(() => ready(seedsDir, file.id), 20_000).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${bot.err().slice(-3000)}`);
      });
      bot.child.kill('SIGKILL');
      await new Promise((resolve) => bot.child.once('close', resolve));

      // Old set, or old set plus the whole new file; a temp file at most, swept.
      await sweepStaleUploads(seedsDir, { olderThanMs: 0 });
      const after = (await readSeeds(seedsDir)).files.map((f) => f.name).sort();
      expect([before, [...before, 'upload.txt'].sort()]).toContainEqual(after);
      if (after.includes('upload.txt')) expect((await readFile(join(seedsDir, 'upload.txt'))).equals(document)).toBe(true);
      expect((await readdir(seedsDir)).filter((n) => n.startsWith('.upload-'))).toEqual([]);

      // The index opens on what is there (rebuilt when the kill came before it was saved).
      const engine = await openEngine({ seedsDir, indexDir });
      expect(engine.stats().docs.map((d) => d.doc).sort()).toEqual(after);
      await engine.close();
    } finally {
      bot.child.kill('SIGKILL');
      await rm(seedsDir, { recursive: true, force: true });
      await rm(indexDir, { recursive: true, force: true });
    }
  }, 90_000);
});

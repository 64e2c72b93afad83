import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { openEngine, type Engine } from '../src/search/engine.js';
import { openUsageStore } from '../src/usage/index.js';
import { SEEDS_DIR } from './fake-discord/harness.js';
import { consoleAnswers } from './helpers.js';

/** The local console: the same commands and renderers as the bot, answered as text. */
let engine: Engine;
let indexDir: string;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'zone-console-index-'));
  engine = await openEngine({ seedsDir: SEEDS_DIR, indexDir });
});
afterAll(async () => {
  await engine?.close();
  await rm(indexDir, { recursive: true, force: true });
});

async function session(lines: string[]): Promise<string[]> {
  const logger = createLogger('debug', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  return consoleAnswers(engine, lines, { indexDir, logger });
}

describe('console', () => {
  it('answers /figure with the figure, its citation and button hints', async () => {
    const [answer] = await session(['/figure 招商引资 zone:梅河口']);
    expect(answer).toContain('141.5亿元');
    // The article's title and date; the file is on 原文.
    expect(answer).toMatch(/〔梅河口高新区企业服务中心[^〕]* · 2020年 · ¶\d+〕/);
    expect(answer).toMatch(/\[原文 [\d、]+: \/source 000_2948f0920b1045a6\.txt#\d+\]/);
  });

  it('pages with /next and /prev like the buttons', async () => {
    const answers = await session(['/ask 开发区', '/next', '/next', '/prev']);
    expect(answers[0]).toContain('第 1/2 页');
    expect(answers[0]).toContain('[下一页 ▶: /next]');
    expect(answers[1]).toContain('第 2/2 页');
    expect(answers[1]).toContain('已经是最后一页');
    expect(answers.at(-1)).toContain('第 1/2 页');
  });

  it('answers /zone, /ask, /source, /stats, /help and /reindex', async () => {
    const answers = await session(['/zone 梅河口', '/ask 梅河口离长春有多远？', '/source 000_2948f0920b1045a6.txt#3', '/stats', '/help', '/reindex']);
    const all = answers.join('\n');
    expect(all).toContain('梅河口市（县市）');
    expect(all).toContain('163公里');
    expect(all).toContain('【');
    expect(all).toContain('〔000_2948f0920b1045a6.txt · ¶3 · L ');
    expect(all).toContain('索引统计 / Index stats');
    expect(all).toContain('使用帮助 / Help');
    expect(all).toContain('索引未变 / Index unchanged');
    expect(all).not.toMatch(/\\[*_<>]/);
  });

  it('explains mistakes and goes on', async () => {
    const answers = await session(['/bogus', '/figure', '/source nope#1', '# a comment', '', '/help']);
    const all = answers.join('\n');
    expect(all).toContain('未知命令 /bogus');
    expect(all).toContain('缺少参数 query');
    expect(all).toContain('nope#1');
    expect(answers.at(-1)).toContain('使用帮助');
  });

  it('runs as `npm start` without a token: reads stdin line by line and exits at its end', async () => {
    const root = join(import.meta.dirname, '..');
    const index = await mkdtemp(join(tmpdir(), 'zone-main-index-'));
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['src/main.ts'], {
      cwd: root,
      env: { ...process.env, DISCORD_TOKEN: '', INDEX_DIR: index, DATA_DIR: join(index, 'data'), USAGE_SALT: 'console-test-salt-0123456789', SEEDS_DIR, LOG_LEVEL: 'info', WATCH_SEEDS: 'false' },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdin.end('/figure 招商引资 zone:梅河口\n/zone 梅河口\n/stats\n');
    const code = await new Promise((resolve) => child.on('close', resolve));
    // Piped input is recorded in usage memory like the bot's questions.
    const usage = openUsageStore({ dataDir: join(index, 'data'), salt: 'console-test-salt-0123456789' });
    const asked = usage.usageReport().topQueries.map((q) => q.query);
    usage.close();
    await rm(index, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(asked).toEqual(expect.arrayContaining(['招商引资', '梅河口']));
    expect(out).toContain('141.5亿元');
    expect(out).toContain('梅河口');
    expect(out).toContain('索引统计');
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { throttledProgress } from '../src/bot/progress.js';
import { progressBar } from '../src/cli/progress.js';
import { renderProgress } from '../src/bot/render/progress.js';
import type { ReplyView } from '../src/bot/types.js';

const view = (n: number): ReplyView => ({ embeds: [{ description: String(n) }], buttons: [], ephemeral: true });

describe('progress of slow work', () => {
  it('shows nothing in the first 2 s, then at most one view a second, in order', async () => {
    let t = 0;
    const shown: string[] = [];
    const progress = throttledProgress(async (v) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      shown.push(v.embeds[0]!.description!);
    }, { now: () => t });
    // [time in ms, update number]
    for (const [at, n] of [[0, 1], [1500, 2], [2000, 3], [2400, 4], [2999, 5], [3000, 6], [3100, 7], [4500, 8]] as const) {
      t = at;
      progress.update(view(n));
    }
    await progress.settled();
    expect(shown).toEqual(['3', '6', '8']);
  });

  it('goes on after an edit fails', async () => {
    let t = 5000;
    const shown: string[] = [];
    const progress = throttledProgress((v) => {
      if (v.embeds[0]!.description === '1') throw new Error('interaction expired');
      shown.push(v.embeds[0]!.description!);
    }, { now: () => t, delayMs: 0 });
    progress.update(view(1));
    t += 1000;
    progress.update(view(2));
    await progress.settled();
    expect(shown).toEqual(['2']);
  });

  it.each([
    [{ phase: 'parsing', done: 3, total: 40 } as const, /解析 \/ Parsing 3\/40 `██░+`/],
    [{ phase: 'downloading', done: 0, total: 3 * 1024 * 1024 } as const, /下载中 \/ Downloading \(3\.0 MB\)/],
    [{ phase: 'indexing', done: 40, total: 40 } as const, /建立索引/],
  ])('says where the work is: %o', (p, expected) => {
    expect(renderProgress(p, '/reindex').embeds[0]!.description).toMatch(expected);
  });
});

describe('the CLI progress bar', () => {
  it('redraws one line in place and erases it at the end', () => {
    const written: string[] = [];
    const stream = { write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const bar = progressBar(stream, 0);
    bar.update({ phase: 'parsing', done: 1, total: 4 });
    bar.update({ phase: 'parsing', done: 4, total: 4 });
    bar.done();
    expect(written[0]).toBe('\r\x1b[2K解析 / parsing [██████░░░░░░░░░░░░░░░░░░] 1/4');
    expect(written[1]).toContain('[████████████████████████] 4/4');
    expect(written.at(-1)).toBe('\r\x1b[2K');
    expect(written.every((w) => !w.includes('\n'))).toBe(true);
  });

  it('writes nothing when there was no progress', () => {
    const written: string[] = [];
    progressBar({ write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream).done();
    expect(written).toEqual([]);
  });
});

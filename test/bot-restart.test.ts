import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, buttonsOf, shownText, startHarness, type Harness } from './fake-discord/harness.js';

/** Buttons on messages sent before the bot restarted: they work, or say they expired. */
let h: Harness;
const EPHEMERAL = 64;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('after a restart', () => {
  it('buttons carrying their query work; buttons keyed into the old cache say they expired', async () => {
    const short = h.fake.command('figure', [{ name: 'query', value: '固定资产投资' }]);
    await short.next();
    // Long enough that its paging buttons cannot carry the question and use the cache.
    const question = `${'梅河口高新区招商引资和项目建设情况怎么样，'.repeat(5)}开发区`;
    const long = h.fake.command('ask', [{ name: 'question', value: question }]);
    await long.next();
    const shortNext = buttonsOf(short.message()).get('下一页 ▶')!.customId;
    const longNext = buttonsOf(long.message()).get('下一页 ▶')!.customId;
    expect(shortNext).toContain('固定资产投资');
    expect(longNext).not.toContain('梅河口');

    const before = h.bot.client;
    await h.restart();
    expect(h.bot.client).not.toBe(before);
    expect(h.fake.identifies).toHaveLength(2);

    const paged = await h.fake.click(short.message()!, shortNext).next();
    expect(paged).toMatchObject({ kind: 'callback', type: 7 });
    expect(shownText(paged)).toContain('第 2/');

    const expired = await h.fake.click(long.message()!, longNext).next();
    expect(expired).toMatchObject({ kind: 'callback', type: 4 });
    expect(bodyOf(expired).flags).toBe(EPHEMERAL);
    expect(shownText(expired)).toContain('这个结果已过期，请重新查询');
  });

  it('a button id from another version of the bot expires too, it never throws', async () => {
    const interaction = h.fake.command('ask', [{ name: 'question', value: '开发区' }]);
    await interaction.next();
    for (const id of ['0["a",1,"开发区"]', 'page:2:开发区', '1["a","x"]']) {
      const reply = await h.fake.click(interaction.message()!, id).next();
      expect(shownText(reply)).toContain('这个结果已过期');
    }
  });
});

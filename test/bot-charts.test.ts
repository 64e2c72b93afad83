import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, buttonsOf, shownText, startHarness, type Harness } from './fake-discord/harness.js';
import type { InteractionResponse } from './fake-discord/server.js';
import { pngSize } from './png.js';

/** Charts through the real discord.js client: real PNG bytes in a multipart upload. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** The PNG a response uploaded, with its pixel size from the IHDR chunk. */
function pngOf(response: InteractionResponse): { bytes: Buffer; width: number; height: number } {
  expect(response.files).toHaveLength(1);
  const bytes = response.files[0]!.bytes;
  return { bytes, ...pngSize(bytes) };
}

describe('charts in replies', () => {
  it('answers the first chart-worthy /figure at once, with a 图表 button that draws it', async () => {
    // A fresh process has not loaded the chart stack: the answer must not wait for it.
    const first = h.fake.command('figure', [{ name: 'query', value: '营业收入' }, { name: 'zone', value: '珠海' }]);
    const reply = await first.next();
    expect(shownText(reply)).toContain('3475亿元');
    expect(reply.files).toEqual([]);
    const show = buttonsOf(first.message()).get('图表 / Chart');
    expect(show).toBeDefined();
    const drawn = await h.fake.click(first.message()!, show!.customId).next();
    expect(pngOf(drawn).width).toBe(800);
  });

  it('attaches a line chart to /figure of one zone over time, referenced by the embed, and toggles it', async () => {
    const asked = h.fake.command('figure', [{ name: 'query', value: '营业收入' }, { name: 'zone', value: '珠海' }]);
    const reply = await asked.next();
    const png = pngOf(reply);
    expect(png).toMatchObject({ width: 800, height: 450 });
    expect(png.bytes.length).toBeLessThan(1024 * 1024);
    const embeds = bodyOf(reply).embeds as { image?: { url: string } }[];
    expect(embeds.some((e) => e.image?.url === 'attachment://chart.png')).toBe(true);
    // The fake stored the upload and serves it, as Discord's CDN would.
    const stored = asked.message()!.attachments as { url: string; filename: string }[];
    expect(stored.map((a) => a.filename)).toEqual(['chart.png']);
    expect(Buffer.from(await (await fetch(stored[0]!.url)).arrayBuffer()).equals(png.bytes)).toBe(true);

    const hide = buttonsOf(asked.message()).get('隐藏图表 / Hide chart');
    expect(hide).toBeDefined();
    const hidden = await h.fake.click(asked.message()!, hide!.customId).next();
    expect(hidden).toMatchObject({ kind: 'callback', type: 7, files: [] });
    expect(bodyOf(hidden).attachments).toEqual([]);
    expect(asked.message()!.attachments).toEqual([]);
    const show = buttonsOf(asked.message()).get('图表 / Chart');
    expect(show).toBeDefined();
    expect(pngOf(await h.fake.click(asked.message()!, show!.customId).next()).width).toBe(800);
  });

  it('draws no chart when the figures do not compare, or are only the nearest', async () => {
    for (const [query, zone] of [['招商引资', '梅河口'], ['营业收入', '无锡']] as const) {
      const reply = await h.fake.command('figure', [{ name: 'query', value: query }, { name: 'zone', value: zone }]).next();
      expect(reply.files, `${query} ${zone}`).toEqual([]);
      expect(shownText(reply)).not.toContain('attachment://');
    }
  });

  it('/compare answers three zones with a table, “not found” for a missing one, and a bar chart', async () => {
    const reply = await h.fake.command('compare', [
      { name: 'metric', value: '固定资产投资' },
      { name: 'zones', value: '梅河口，长春经开区 潍坊' },
    ]).next();
    const text = shownText(reply);
    expect(text).toContain('222.87亿元');
    expect(text).toContain('103亿元');
    expect(text).toMatch(/潍坊市\s+未找到 \/ not found/);
    expect(pngOf(reply).width).toBe(800);
    expect(bodyOf(reply).allowed_mentions).toEqual({ parse: [] });
  });

  it('autocompletes the zone being typed after the ones chosen', async () => {
    const reply = await h.fake.autocomplete('compare', [{ name: 'metric', value: '固定资产投资' }, { name: 'zones', value: '梅河口,珠海', focused: true }]).next();
    const choices = bodyOf(reply).choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    for (const c of choices) expect(c.value).toMatch(/^梅河口,珠海/);
  });
});

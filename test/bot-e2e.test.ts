import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_MENTIONS } from '../src/bot/reply.js';
import { choiceViolations, limitViolations } from './fake-discord/limits.js';
import { bodyOf, buttonsOf, shownText, startHarness, waitFor, type Harness } from './fake-discord/harness.js';
import type { InteractionResponse } from './fake-discord/server.js';

/**
 * The bot as it runs in production (startBot, unmodified discord.js client, real engine on
 * the real seeds) against the fake Discord.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const EPHEMERAL = 64;
const MESSAGE_CALLBACKS = new Set([4, 7]);

/** Every message the bot sent so far: callbacks with a message, edits and follow-ups. */
function sentMessages(): InteractionResponse[] {
  return h.fake.requests.flatMap((r): InteractionResponse[] => {
    if (/\/callback$/.test(r.path)) {
      const { type, data } = r.body as { type: number; data?: Record<string, unknown> };
      return MESSAGE_CALLBACKS.has(type) ? [{ kind: 'callback', type, data, query: r.query, files: [] }] : [];
    }
    if (/\/webhooks\//.test(r.path) && (r.method === 'PATCH' || r.method === 'POST')) return [{ kind: 'edit', messageId: '', body: r.body as Record<string, unknown>, files: [] }];
    return [];
  });
}

describe('connecting', () => {
  it('identifies with the Guilds intent only, over plain JSON', () => {
    expect(h.fake.identifies[0]).toMatchObject({ token: h.fake.token, intents: 1 });
    expect(h.fake.connections[0]).toEqual({ v: '10', encoding: 'json' });
    expect(h.bot.client.isReady()).toBe(true);
  });
});

describe('/figure', () => {
  it('answers 招商引资 with 141.5亿元 and its citation', async () => {
    const reply = await h.fake.command('figure', [{ name: 'query', value: '招商引资' }]).next();
    expect(reply).toMatchObject({ kind: 'callback', type: 4 });
    const text = shownText(reply);
    expect(text).toContain('141.5亿元');
    expect(text).toMatch(/〔梅河口高新区企业服务中心[^〕]* · 2020年 · ¶\d+〕/);
    expect(bodyOf(reply).flags ?? 0).toBe(0);
  });

  it('filters by zone and year', async () => {
    const reply = await h.fake.command('figure', [{ name: 'query', value: '招商引资' }, { name: 'zone', value: '梅河口' }, { name: 'year', value: '2020' }]).next();
    expect(shownText(reply)).toContain('141.5亿元');
    expect(shownText(reply)).toContain('梅河口');
  });

  it('autocompletes zone and metric', async () => {
    const zone = await h.fake.autocomplete('figure', [{ name: 'query', value: '招商引资' }, { name: 'zone', value: '梅河', focused: true }]).next();
    expect(zone).toMatchObject({ kind: 'callback', type: 8 });
    const zoneChoices = (bodyOf(zone).choices as { name: string; value: string }[]);
    expect(zoneChoices.some((c) => c.value.startsWith('梅河口'))).toBe(true);
    const metric = await h.fake.autocomplete('figure', [{ name: 'query', value: '招商', focused: true }]).next();
    const metricChoices = bodyOf(metric).choices as { name: string; value: string }[];
    expect(metricChoices.length).toBeGreaterThan(0);
    expect(choiceViolations(metricChoices)).toEqual([]);
  });
});

describe('/zone', () => {
  it('autocompletes 梅河 with the 梅河口 zones, within Discord limits', async () => {
    const reply = await h.fake.autocomplete('zone', [{ name: 'name', value: '梅河', focused: true }]).next();
    const choices = bodyOf(reply).choices as { name: string; value: string }[];
    const values = choices.map((c) => c.value);
    expect(values).toContain('梅河口高新区');
    expect(values).toContain('梅河口市');
    expect(choiceViolations(choices)).toEqual([]);
  });

  it('shows the profile with a key-figure table', async () => {
    const reply = await h.fake.command('zone', [{ name: 'name', value: '梅河口' }]).next();
    const embed = (bodyOf(reply).embeds as { title: string; fields: { name: string; value: string }[] }[])[0]!;
    expect(embed.title).toContain('梅河口');
    expect(embed.fields.some((f) => f.value.startsWith('```'))).toBe(true);
  });

  it('lists candidates for an unknown zone instead of an empty embed', async () => {
    const reply = await h.fake.command('zone', [{ name: 'name', value: '火星开发区' }]).next();
    expect(shownText(reply)).toContain('没有找到');
  });
});

describe('/ask', () => {
  it('answers with highlighted, cited passages', async () => {
    const reply = await h.fake.command('ask', [{ name: 'question', value: '梅河口离长春有多远？' }]).next();
    const text = shownText(reply);
    expect(text).toContain('163公里');
    expect(text).toContain('**');
    expect(text).toMatch(/〔004_578be0ae33821603\.txt · ¶\d+ · L \d+/);
  });

  it('pages with 下一页 / 上一页 and shows the full passage with 原文', async () => {
    const question = '开发区';
    const answer = h.search.ask(question);
    expect(answer.results.length).toBeGreaterThan(5);
    const interaction = h.fake.command('ask', [{ name: 'question', value: question }]);
    const first = await interaction.next();
    expect(shownText(first)).toContain('第 1/');
    const message = interaction.message()!;
    const buttons = buttonsOf(message);
    expect(buttons.get('◀ 上一页')?.disabled).toBe(true);

    const next = await h.fake.click(message, buttons.get('下一页 ▶')!.customId).next();
    expect(next).toMatchObject({ kind: 'callback', type: 7 });
    expect(shownText(next)).toContain('第 2/');
    expect(shownText(next)).toContain(answer.results[5]!.citation.passage.split('#')[0]!);

    const paged = h.fake.click(message, buttons.get('下一页 ▶')!.customId).message()!;
    const back = await h.fake.click(paged, buttonsOf(paged).get('◀ 上一页')!.customId).next();
    expect(shownText(back)).toContain('第 1/');

    const original = [...buttons.keys()].find((label) => label.startsWith('原文'))!;
    const source = await h.fake.click(message, buttons.get(original)!.customId).next();
    expect(source).toMatchObject({ kind: 'callback', type: 4 });
    expect(bodyOf(source).flags).toBe(EPHEMERAL);
    const passage = h.search.source(answer.results[0]!.citation.passage).passage;
    expect(shownText(source)).toContain(passage.text.slice(0, 20));
  });

  it('pages privately for anyone but the asker, leaving the shared answer as it was', async () => {
    const interaction = h.fake.command('ask', [{ name: 'question', value: '开发区' }]);
    await interaction.next();
    const message = interaction.message()!;
    const before = JSON.stringify(message.embeds);
    const next = buttonsOf(message).get('下一页 ▶')!.customId;

    const other = await h.fake.click(message, next, { userId: '200000000000000999', username: 'someone' }).next();
    expect(other).toMatchObject({ kind: 'callback', type: 4 });
    expect(bodyOf(other).flags).toBe(EPHEMERAL);
    expect(shownText(other)).toContain('第 2/');
    expect(JSON.stringify(interaction.message()!.embeds)).toBe(before);

    const own = await h.fake.click(message, next).next();
    expect(own).toMatchObject({ kind: 'callback', type: 7 });
  });

  it('explains when nothing matches', async () => {
    const reply = await h.fake.command('ask', [{ name: 'question', value: '？？？' }]).next();
    expect(shownText(reply)).toContain('没有找到');
  });
});

describe('/source, /stats, /help', () => {
  it('/source shows a passage with its neighbours as buttons', async () => {
    const interaction = h.fake.command('source', [{ name: 'id', value: '000_2948f0920b1045a6.txt#3' }]);
    const reply = await interaction.next();
    expect(shownText(reply)).toContain('〔000_2948f0920b1045a6.txt · ¶3 · L ');
    const next = await h.fake.click(interaction.message()!, buttonsOf(interaction.message()).get('下一段 ▶')!.customId).next();
    expect(shownText(next)).toContain('¶4');
  });

  it('/source with an unknown id says so, ephemerally', async () => {
    const reply = await h.fake.command('source', [{ name: 'id', value: 'nope.txt#9' }]).next();
    expect(bodyOf(reply).flags).toBe(EPHEMERAL);
    expect(shownText(reply)).toContain('nope.txt#9');
  });

  it('/stats lists the five seed files', async () => {
    const reply = await h.fake.command('stats').next();
    for (const n of ['000_2948f0920b1045a6.txt', '004_578be0ae33821603.txt']) expect(shownText(reply)).toContain(n);
  });

  it('/help explains every command, Chinese first, in a DM too', async () => {
    const reply = await h.fake.command('help', [], { where: 'dm' }).next();
    const text = shownText(reply);
    for (const c of ['/ask', '/figure', '/zone', '/source', '/stats', '/reindex', '/help']) expect(text).toContain(c);
    expect(text.indexOf('用自然语言提问')).toBeLessThan(text.indexOf('Ask in plain words'));
    expect(bodyOf(reply).flags).toBe(EPHEMERAL);
  });
});

describe('every message the bot sent', () => {
  it('disables all mentions and respects Discord limits', () => {
    const sent = sentMessages();
    expect(sent.length).toBeGreaterThan(10);
    for (const message of sent) {
      const body = bodyOf(message);
      expect(body.allowed_mentions).toEqual({ parse: NO_MENTIONS.parse });
      expect(limitViolations(body)).toEqual([]);
    }
    expect(h.fake.unhandled).toEqual([]);
  });

  it('logged one line per interaction with command, options, user and latency', async () => {
    const lines = await waitFor(() => {
      const found = h.logs.filter((l) => l.message === 'interaction');
      return found.length === h.fake.interactionCount && found;
    });
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      expect(line).toMatchObject({ kind: expect.any(String), command: expect.any(String), options: expect.any(Object), userId: expect.any(String), latencyMs: expect.any(Number) });
      expect('results' in line || 'errorId' in line || 'expired' in line || 'refused' in line).toBe(true);
    }
    // Discord drops an autocomplete answered after 3 s.
    const autocompletes = lines.filter((l) => l.kind === 'autocomplete');
    expect(autocompletes.length).toBeGreaterThan(0);
    for (const line of autocompletes) expect(line.latencyMs).toBeLessThan(3000);
  });
});

describe('/ask answers first', () => {
  it('puts the answer line before the evidence', async () => {
    const text = shownText(await h.fake.command('ask', [{ name: 'question', value: '梅河口离长春有多远？' }]).next());
    expect(text.indexOf('答 / Answer：163公里')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('答 / Answer：163公里')).toBeLessThan(text.indexOf('①'));
  });

  it('says first that the documents do not answer, then the possibly related passages', async () => {
    const text = shownText(await h.fake.command('ask', [{ name: 'question', value: '上海张江高科技园区的营业收入是多少？' }]).next());
    expect(text).not.toContain('答 / Answer');
    expect(text.indexOf('资料中没有找到这个问题的答案')).toBeLessThan(text.indexOf('①'));
  });

  it('follows up through 追问 and its form, keeping the place and topic', async () => {
    const asked = h.fake.command('ask', [{ name: 'question', value: '兴隆综保区2022年园区业务额的目标是多少？' }]);
    expect(shownText(await asked.next())).toContain('答 / Answer：80亿元');
    const button = [...buttonsOf(asked.message()).entries()].find(([label]) => label.startsWith('追问'));
    expect(button).toBeDefined();
    const clicked = h.fake.click(asked.message()!, button![1].customId);
    const form = await clicked.next();
    expect(form).toMatchObject({ kind: 'callback', type: 9 });
    const modal = bodyOf(form);
    expect(modal.title).toMatch(/追问/);
    // Discord's modal limits: 45-character title and labels, a custom id within 100.
    expect(String(modal.custom_id).length).toBeLessThanOrEqual(100);
    const input = (modal.components as { component: { custom_id: string } }[])[0]!.component;

    const followed = h.fake.submit(modal, { [input.custom_id]: '那2021年呢？' }, {}, asked.message());
    const reply = await followed.next();
    expect(reply).toMatchObject({ kind: 'callback', type: 4 });
    const text = shownText(reply);
    expect(text).toContain('兴隆综保区2021年园区业务额的目标是多少');
    expect(text).toContain('答 / Answer：60亿元');
    expect(bodyOf(reply).allowed_mentions).toEqual({ parse: [] });
    // The first answer stays as it was; the follow-up has its own 追问 for a further question.
    expect(JSON.stringify(asked.message()!.embeds)).toContain('答 / Answer：80亿元');
    expect([...buttonsOf(followed.message()).keys()].some((label) => label.startsWith('追问'))).toBe(true);
  });

  it('says a follow-up form has expired instead of guessing', async () => {
    const reply = await h.fake.submit({ custom_id: '1["k","0000dead"]', components: [] }, {}).next();
    expect(shownText(reply)).toMatch(/过期|expired/i);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageFor, localize } from '../src/bot/render/language.js';
import { shownText, startHarness, type Harness } from './fake-discord/harness.js';

describe('localize', () => {
  it.each([
    ['数字 / Figures · 招商引资 · 梅河口市', '数字 · 招商引资 · 梅河口市', 'Figures · 招商引资 · 梅河口市'],
    ['没有找到匹配的数字。/ No matching figure.', '没有找到匹配的数字。', 'No matching figure.'],
    ['提及 / Mentions: 4 段 / passages', '提及: 4 段', 'Mentions: 4 passages'],
    ['※ 资料中没有关于“上海市”本身的内容。/ The documents do not cover 上海市.', '※ 资料中没有关于“上海市”本身的内容。', '※ The documents do not cover 上海市.'],
    ['预计招商引资到位资金141.5亿元，同比增长16.5%', '预计招商引资到位资金141.5亿元，同比增长16.5%', '预计招商引资到位资金141.5亿元，同比增长16.5%'],
  ])('%s', (text, zh, en) => {
    expect(localize(text, 'zh')).toBe(zh);
    expect(localize(text, 'en')).toBe(en);
    expect(localize(text, 'both')).toBe(text);
  });

  it.each([
    ['auto', 'zh-CN', 'zh'],
    ['auto', 'zh-TW', 'zh'],
    ['auto', 'en-US', 'en'],
    ['auto', undefined, 'both'],
    ['zh', 'en-US', 'zh'],
    ['both', 'zh-CN', 'both'],
  ] as const)('%s with locale %s → %s', (setting, locale, expected) => {
    expect(languageFor(setting, locale)).toBe(expected);
  });
});

describe('REPLY_LANGUAGE through the real client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { REPLY_LANGUAGE: 'auto' } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('answers a zh-CN asker in Chinese and an en-US asker in English', async () => {
    const zh = shownText(await h.fake.command('zone', [{ name: 'name', value: '上海' }], { locale: 'zh-CN' }).next());
    expect(zh).toContain('资料中没有关于“上海市”');
    expect(zh).not.toContain('The documents do not cover');
    const en = shownText(await h.fake.command('zone', [{ name: 'name', value: '上海' }], { locale: 'en-US' }).next());
    expect(en).toContain('The documents do not cover 上海市');
    expect(en).not.toContain('资料中没有关于');
  });
});

import { describe, expect, it } from 'vitest';
import { zoneAndYear } from '../src/search/provenance.js';
import { escapeMarkdown, highlight, normalizeRanges } from '../src/bot/render/markdown.js';
import { BRACKETS, markdownToPlain } from '../src/bot/render/plain.js';
import { codeTable } from '../src/bot/render/table.js';
import { clipWidth, displayWidth, safeCut, truncate, truncateLines } from '../src/bot/render/text.js';
import { longChinese } from './fake-discord/answers.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Emoji of one, two and many code units, flags and a family joined with ZWJ. */
const TRICKY = 'a😀b👍🏽c🇨🇳d👨‍👩‍👧e梅河口é';

describe('cutting text', () => {
  it('never splits a surrogate pair or a grapheme cluster, at any length', () => {
    const clusters = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(TRICKY)].map((s) => s.index);
    for (let max = 0; max <= TRICKY.length + 1; max++) {
      const cut = truncate(TRICKY, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(LONE_SURROGATE);
      expect(clusters.concat(TRICKY.length)).toContain(safeCut(TRICKY, max));
    }
  });

  it('agrees with the segmenter at every index of mixed text (the plain-text shortcut included)', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const mixed = '梅河口高新区，2020年。\r\nか\u3099き café e\u0301 ＧＤＰ１４１．５ 👍🏽\n한국 ' + TRICKY;
    const boundaries = new Set([...segmenter.segment(mixed)].map((s) => s.index).concat(mixed.length));
    for (let i = 0; i <= mixed.length; i++) {
      const expected = Math.max(...[...boundaries].filter((b) => b <= i));
      expect(safeCut(mixed, i), `index ${i}`).toBe(expected);
    }
  });

  it('cuts 10,000 characters of Chinese with emoji at every possible boundary', () => {
    const text = longChinese(10_000, 3);
    for (let max = 4000; max < 4010; max++) {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(LONE_SURROGATE);
      expect(cut.endsWith('…')).toBe(true);
    }
  });

  it('prefers whole lines', () => {
    expect(truncateLines('第一行\n〔a.txt · ¶1 · L 1–2〕\n第三行很长很长', 26)).toBe('第一行\n〔a.txt · ¶1 · L 1–2〕\n…');
  });

  it('measures and clips by display width', () => {
    expect(displayWidth('141.5亿元')).toBe(9);
    expect(clipWidth('招商引资到位资金', 7)).toBe('招商引…');
    expect(displayWidth(clipWidth('😀😀😀😀', 5))).toBeLessThanOrEqual(5);
  });
});

describe('Discord markdown', () => {
  it('escapes what Discord would format, and only that', () => {
    expect(escapeMarkdown('**粗** _斜_ ~~删~~ `码` ||剧透|| > 引用 [链接](http://x) <@123> <#1> \\')).toBe(
      '\\*\\*粗\\*\\* \\_斜\\_ \\~\\~删\\~\\~ \\`码\\` \\|\\|剧透\\|\\| \\> 引用 \\[链接\\](http://x) \\<@123\\> \\<#1\\> \\\\',
    );
    expect(escapeMarkdown('# 标题\n- 列表\n1. 一\n-# 小字\n141.5亿元\n#话题')).toBe('\\# 标题\n\\- 列表\n1\\. 一\n\\-# 小字\n141.5亿元\n#话题');
    expect(escapeMarkdown('000_2948f0920b1045a6.txt __init__')).toBe('000_2948f0920b1045a6.txt \\_\\_init\\_\\_');
  });

  it('keeps @everyone as text (mentions are disabled per message, not by escaping)', () => {
    expect(escapeMarkdown('@everyone 请注意')).toBe('@everyone 请注意');
  });

  it('bolds highlights after escaping, merging touching ranges', () => {
    expect(highlight('预计*招商引资*到位', [[3, 7]], 100)).toBe('预计\\***招商引资**\\*到位');
    expect(highlight('abcdef', [[0, 2], [2, 4]], 100)).toBe('**abcd**ef');
    expect(normalizeRanges([[5, 99], [-3, 1], [2, 2]], 'abcdefg')).toEqual([[0, 1], [5, 7]]);
  });

  it('widens a highlight that would split an emoji', () => {
    expect(highlight('a😀b', [[2, 4]], 100)).toBe('a**😀b**');
  });

  it('fits long passages: window around the first highlight, balanced bold, nothing split', () => {
    const text = longChinese(10_000, 5);
    const ranges: [number, number][] = Array.from({ length: 40 }, (_, i) => [3000 + i * 200, 3000 + i * 200 + 3]);
    for (const max of [50, 333, 1000, 4096]) {
      const out = highlight(text, ranges, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.startsWith('…') && out.endsWith('…')).toBe(true);
      expect(out.split('**').length % 2).toBe(1);
      expect(out.replace(/\*\*/g, '')).not.toMatch(LONE_SURROGATE);
      expect(out).toContain('**');
    }
  });

  it('never ends with a dangling escape', () => {
    const text = '*'.repeat(100);
    for (let max = 5; max < 40; max++) {
      const out = highlight(text, [], max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).toMatch(/^(\\\*)+…$/);
    }
  });
});

describe('console text', () => {
  it('turns the markdown back into plain text', () => {
    expect(markdownToPlain('预计**招商引资**\\*到位 `/help` 000_1.txt', BRACKETS)).toBe('预计【招商引资】*到位 /help 000_1.txt');
    expect(markdownToPlain('```\na `b` \\c\n```', BRACKETS)).toBe('a `b` \\c');
  });

  it('tables never contain a fence', () => {
    const table = codeTable(['a', 'b'], [['```', 'x']], [5, 5], 1024);
    expect(table.slice(3, -3)).not.toContain('```');
  });
});

describe('zoneAndYear', () => {
  it.each([
    [{ zone: '梅河口市', zoneBy: 'stated', year: '2022', yearBy: 'stated' }, ['梅河口市', '2022']],
    [{ zone: '贵州省', zoneBy: 'document', year: '2026', yearBy: 'inferred' }, ['贵州省（据全文）', '2026（据上文）']],
    [{ zone: '长春经开区', zoneBy: 'article', year: null, yearBy: null }, ['长春经开区（据文章）', '—']],
  ] as const)('%j', (figure, expected) => {
    expect(zoneAndYear(figure)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { createButtonCodec } from '../src/bot/codec.js';
import { renderAsk } from '../src/bot/render/ask.js';
import { renderChoices } from '../src/bot/render/choices.js';
import { citation } from '../src/bot/render/citation.js';
import { renderFigure } from '../src/bot/render/figure.js';
import { fitEmbeds } from '../src/bot/render/fit.js';
import { renderHelp } from '../src/bot/render/help.js';
import { renderFailure, renderExpired, renderRefusal, renderUserError } from '../src/bot/render/notices.js';
import { renderReindex } from '../src/bot/render/reindex.js';
import { renderSource } from '../src/bot/render/source.js';
import { renderStats } from '../src/bot/render/stats.js';
import { renderZone } from '../src/bot/render/zone.js';
import { toMessageParts } from '../src/bot/reply.js';
import type { ReplyView } from '../src/bot/types.js';
import { LONG_DOC, askAnswer, citationOf, figureAnswer, longChinese, sourceAnswer, zoneAnswer } from './fake-discord/answers.js';
import { choiceViolations, limitViolations } from './fake-discord/limits.js';

/** The message body discord.js would send for a view, as JSON. */
function body(view: ReplyView) {
  const parts = toMessageParts(view, createButtonCodec());
  return { ...parts, components: parts.components.map((row) => row.toJSON()) };
}

const text = (view: ReplyView) => JSON.stringify(view.embeds);

describe('every renderer stays within Discord limits on extreme input', () => {
  it('/ask: 30 results of 10,000-character passages', () => {
    const answer = askAnswer(30, 10_000);
    for (let page = 0; page < 6; page++) {
      const view = renderAsk(answer, { query: answer.query, page });
      expect(limitViolations(body(view))).toEqual([]);
      // Each result on the page keeps its whole citation.
      for (let n = page * 5 + 1; n <= page * 5 + 5; n++) expect(view.embeds[0]!.description).toContain(citation(citationOf(n)));
    }
  });

  it('/ask: the last page is clamped, never empty', () => {
    const answer = askAnswer(30, 100);
    const view = renderAsk(answer, { query: 'q', page: 99 });
    expect(view.embeds[0]!.footer?.text).toContain('第 6/6 页');
    expect(view.embeds[0]!.description).toContain('(30)');
  });

  it('/figure: 30 results with 2,000-character sentences and 160-character labels', () => {
    const answer = figureAnswer(30, 2000);
    for (let page = 0; page < 6; page++) {
      const view = renderFigure(answer, { query: '招商引资', zone: '梅河口', year: '2020', page });
      expect(limitViolations(body(view))).toEqual([]);
      for (const [i, f] of view.embeds[0]!.fields!.entries()) {
        expect(f.name).toContain(`${141.5 + page * 5 + i + 1}亿元`);
        expect(f.value).toContain(citation(citationOf(page * 5 + i + 1)));
      }
    }
  });

  it('/zone: 300 figures, aliases and documents, 10,000-character snippets', () => {
    const view = renderZone(zoneAnswer(300));
    expect(limitViolations(body(view))).toEqual([]);
    const table = view.embeds[0]!.fields![0]!.value;
    expect(table.startsWith('```\n') && table.endsWith('\n```')).toBe(true);
    expect(table).toMatch(/… \+\d+/);
  });

  it('/source: a 10,000-character passage runs over several embeds and ends with its citation', () => {
    const view = renderSource(sourceAnswer(10_000), { ephemeral: true });
    expect(limitViolations(body(view))).toEqual([]);
    expect(view.embeds.length).toBeGreaterThan(1);
    expect(view.embeds.at(-1)!.description).toContain(citation(citationOf(7)));
    expect(view.embeds.at(-1)!.description).toContain('已截断');
  });

  it('/source: a short passage is shown whole', () => {
    const answer = sourceAnswer(300);
    const view = renderSource(answer, { ephemeral: false });
    expect(view.embeds).toHaveLength(1);
    expect(view.embeds[0]!.description).toContain(answer.passage.text);
  });

  it('/stats, /reindex, /help and the notices', () => {
    const docs = Array.from({ length: 500 }, (_, i) => ({ doc: `${i}_${LONG_DOC}`, bytes: 1e6, sha256: 'x', passages: i, figures: i }));
    const skipped = Array.from({ length: 200 }, (_, i) => ({ doc: `${i}.pdf`, reason: longChinese(100) }));
    const names = docs.map((d) => d.doc);
    const views = [
      renderStats({ command: 'stats', docs, passages: 1, figures: 1, zones: 1, builtAt: new Date(0).toISOString(), buildMs: 12, indexAgeMs: 3e9, loadedFrom: 'disk', skipped, versions: { node: 'v20' } }),
      renderReindex({ command: 'reindex', added: names, changed: names, removed: names, passages: 1, figures: 1, zones: 1, ms: 65_000, skipped }),
      renderHelp(),
      renderFailure('abcd1234'),
      renderUserError(longChinese(10_000)),
      renderExpired(),
      renderRefusal('reindex'),
    ];
    for (const view of views) expect(limitViolations(body(view))).toEqual([]);
  });

  it('autocomplete: at most 25 choices of at most 100 characters, no cut values', () => {
    const suggestions = Array.from({ length: 40 }, (_, i) => ({ name: `${longChinese(150)}${i}`, value: i % 2 ? `梅河口${i}` : longChinese(101) }));
    const choices = renderChoices(suggestions);
    expect(choiceViolations(choices)).toEqual([]);
    expect(choices.every((c) => c.value.startsWith('梅河口'))).toBe(true);
    expect(renderChoices([...Array.from({ length: 30 }, (_, i) => ({ name: `n${i}`, value: `v${i}` }))])).toHaveLength(25);
  });
});

describe('answers without results', () => {
  it('/ask explains and suggests instead of sending an empty embed', () => {
    const view = renderAsk({ command: 'ask', query: '火星', answer: null, weak: true, results: [], suggestions: ['梅河口'], notes: [] }, { query: '火星', page: 0 });
    expect(limitViolations(body(view))).toEqual([]);
    expect(view.embeds[0]!.description).toMatch(/没有找到与“火星”相关的内容.*\n\n你是不是要找 \/ Did you mean: 梅河口/s);
    // Nothing to page or open; only 追问, to ask again in other words or of another place.
    expect(view.buttons.flat().map((b) => b.action.kind)).toEqual(['followup']);
  });

  it('/figure names the unknown zone and its candidates', () => {
    const view = renderFigure(
      { command: 'figure', query: '招商引资', zone: null, year: null, exact: false, results: [], suggestions: ['梅河口高新区'], notes: ['没有找到地区“梅河”。/ Unknown zone.'] },
      { query: '招商引资', zone: '梅河', year: null, page: 0 },
    );
    expect(text(view)).toContain('没有找到地区“梅河”');
    expect(text(view)).toContain('梅河口高新区');
  });

  it('/zone lists candidates for an ambiguous name', () => {
    const view = renderZone({ command: 'zone', query: '长春', zone: null, candidates: [{ name: '长春新区', kind: '新区', mentions: 9 }, { name: '长春经开区', kind: '经开区', mentions: 4 }], notes: [] });
    expect(text(view)).toContain('长春新区（新区）');
    expect(text(view)).toContain('/zone 长春新区');
  });
});

describe('fitEmbeds, the safety net', () => {
  it('clamps every part and the total, cutting descriptions at a line break', () => {
    const line = `${longChinese(60)}\n${citation(citationOf(1))}\n`;
    const embeds = Array.from({ length: 12 }, () => ({ title: 'x'.repeat(300), description: line.repeat(100), fields: Array.from({ length: 30 }, () => ({ name: 'n'.repeat(300), value: line.repeat(20) })) }));
    const fitted = fitEmbeds(embeds);
    expect(limitViolations({ embeds: fitted })).toEqual([]);
    for (const e of fitted) {
      // Cut after a whole line: the last complete line before “…” is a whole citation or text line.
      const lines = (e.description ?? '').split('\n');
      expect(lines.at(-1)).toBe('…');
    }
  });

  it('never sends an empty field or embed', () => {
    expect(fitEmbeds([{ fields: [{ name: '', value: '' }] }])[0]!.fields![0]).toEqual({ name: '\u200b', value: '\u200b' });
    expect(fitEmbeds([{}])[0]!.description).toBe('…');
  });
});

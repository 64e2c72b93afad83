import { beforeAll, describe, expect, it } from 'vitest';
import { renderFigure } from '../src/bot/render/figure.js';
import { formatAnswer } from '../src/cli/format.js';
import { bySentence } from '../src/search/groups.js';
import type { Engine } from '../src/search/engine.js';
import { openSeedEngine } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await openSeedEngine();
});

describe('figures read from one sentence are shown under it once', () => {
  it('groups ranked figures by sentence, each group where its best figure ranks', () => {
    const results = engine.figure('高新技术企业', { zone: '珠海' }).results;
    const groups = bySentence(results);
    expect(groups.length).toBeLessThan(results.length);
    expect(groups.flatMap((g) => g.figures.map((f) => f.n)).sort((a, b) => a - b)).toEqual(results.map((_, i) => i + 1));
    expect(new Set(groups.map((g) => g.sentence)).size).toBe(groups.length);
  });

  it('the bot prints the 130-character sentence once per page with every figure in bold', () => {
    const answer = engine.figure('高新技术企业', { zone: '珠海' });
    const [embed] = renderFigure(answer, { query: '高新技术企业', zone: '珠海', year: null, page: 0 }).embeds;
    const text = JSON.stringify(embed);
    const sentence = '高新技术企业营收从';
    expect(text.split(sentence).length - 1).toBe(1);
    expect(text).toContain('**1031家**');
    expect(text).toContain('**360家**');
  });

  it('the CLI does the same', () => {
    const out = formatAnswer(engine.figure('高新技术企业', { zone: '珠海' }));
    expect(out.split('高新技术企业营收从').length - 1).toBe(1);
  });
});

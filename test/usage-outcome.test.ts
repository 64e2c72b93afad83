import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/search/engine.js';
import { answerOutcome } from '../src/usage/index.js';
import { openSeedEngine } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await openSeedEngine();
});

describe('what usage memory counts as unanswered', () => {
  it.each([
    ['ask answered', (e: Engine) => e.ask('梅河口离长春有多远？'), false],
    ['ask about a place the documents do not cover', (e: Engine) => e.ask('上海张江的营业收入是多少？'), true],
    ['figure found', (e: Engine) => e.figure('招商引资', { zone: '梅河口' }), false],
    // Shown as the nearest figures of other zones: not an answer for 无锡.
    ['figure only nearest', (e: Engine) => e.figure('营业收入', { zone: '无锡' }), true],
    ['zone unknown', (e: Engine) => e.zone('上海'), true],
    ['compare with one zone found', (e: Engine) => e.compare('固定资产投资', ['梅河口', '潍坊']), false],
    ['compare with none found', (e: Engine) => e.compare('固定资产投资', ['潍坊']), true],
  ])('%s', (_label, run, unanswered) => {
    expect(answerOutcome(run(engine))?.unanswered).toBe(unanswered);
  });

  it('does not count what is not a question', () => {
    expect(answerOutcome(engine.stats())).toBeNull();
  });
});

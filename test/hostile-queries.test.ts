import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../src/errors.js';
import type { Engine } from '../src/search/engine.js';
import { openSeedEngine } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await openSeedEngine();
});

const HOSTILE = [
  ['empty', ''],
  ['whitespace only', ' \t\u3000 '],
  ['one character', '梅'],
  ['10,000 characters', '高新区'.repeat(3334)],
  ['emoji', '😀🎉👍🏽'],
  ['Latin only', 'GDP CMOS'],
  ['digits only', '141.5'],
  ['full-width', '１４１．５亿元'],
  ['traditional', '招商引資'],
  ['zero-width and control', '招\u200b商\u0007引\u200d资'],
  ['regex syntax', '.*+?^${}()|[]\\'],
  ['MiniSearch syntax', 'AND OR NOT "" * ~ -x +y'],
  ['mass mention', '@everyone @here'],
  ['user mention', '<@123456789012345678>'],
  ['lone surrogate', '\ud800梅河口'],
] as const;

describe.each(HOSTILE)('%s input', (_name, input) => {
  it('ask answers with results or an explanation', () => {
    const a = engine.ask(input);
    expect(a.results.length > 0 || a.notes.length > 0).toBe(true);
    expect(a.query.length).toBeLessThanOrEqual(200);
  });

  it('figure answers with results or an explanation', () => {
    const f = engine.figure(input, { zone: input, year: input });
    expect(f.results.length > 0 || f.notes.length > 0).toBe(true);
  });

  it('zone resolves, or lists candidates with a note', () => {
    const z = engine.zone(input);
    if (z.zone) expect(z.zone.docs.length).toBeGreaterThan(0);
    else {
      expect(z.notes.length).toBeGreaterThan(0);
      expect(z.candidates.length).toBeGreaterThan(0);
    }
  });

  it('source refuses with a user-safe message', () => {
    expect(() => engine.source(input)).toThrow(UserError);
  });

  it('autocomplete stays within Discord limits', () => {
    for (const list of [engine.completeZone(input), engine.completeMetric(input)]) {
      expect(list.length).toBeLessThanOrEqual(25);
      for (const choice of list) expect(choice.name.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('inputs that should find something', () => {
  it.each([['141.5'], ['１４１．５亿元'], ['141.5亿元']])('a bare value %s looks the figure up', (q) => {
    expect(engine.figure(q).results[0]).toMatchObject({ value: 141.5, unit: '亿元' });
  });

  it('traditional characters and invisible characters are folded', () => {
    expect(engine.figure('招\u200b商引資').results[0]).toMatchObject({ value: 141.5 });
  });

  it('notes that a very long query was cut', () => {
    expect(engine.ask('高新区'.repeat(3334)).notes.join()).toMatch(/200/);
  });

  it('an unknown zone gets did-you-mean candidates', () => {
    const z = engine.zone('火星高新区');
    expect(z.zone).toBeNull();
    expect(z.candidates.map((c) => c.name).join()).toMatch(/高新区/);
    expect(engine.figure('招商引资', { zone: '火星' }).suggestions.length).toBeGreaterThan(0);
  });

  it('a zone with no figures says so', () => {
    const noFigures = ['梅河新区', '长春新区', '长春高新区', '无锡高新区', '成都高新区'].map((n) => engine.zone(n)).find((z) => z.zone && z.zone.figures.length === 0);
    expect(noFigures, 'one of these zones has no figures in the seeds').toBeDefined();
    expect(noFigures!.notes.join()).toMatch(/没有提取到数字/);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRIES } from '../src/bot/render/help.js';
import type { Engine } from '../src/search/engine.js';
import { catalog } from '../src/library/index.js';
import { openSeedEngine, tempDir } from './helpers.js';
import { SEEDS_DIR, seedNames } from './seeds.js';

let engine: Engine;
beforeAll(async () => {
  engine = await openSeedEngine();
});

/** What each /help example must answer, right or honestly; an example without a check fails. */
const CHECKS: Record<string, (e: Engine) => void | Promise<void>> = {
  '/ask 梅河口离长春有多远？': (e) => expect(e.ask('梅河口离长春有多远？').results[0]?.text).toContain('距长春163公里'),
  '/ask 经开区培育了哪些新兴产业': (e) => expect(e.ask('经开区培育了哪些新兴产业').results[0]?.text).toContain('光电信息、医疗器械'),
  '/figure 招商引资 zone:梅河口': (e) => expect(e.figure('招商引资', { zone: '梅河口' }).results[0]).toMatchObject({ value: 141.5, unit: '亿元', zone: '梅河口高新区' }),
  '/figure 地区生产总值 year:2020': (e) => {
    const answer = e.figure('地区生产总值', { year: '2020' });
    expect(answer.notes.join()).toMatch(/没有2020年的“地区生产总值”；最近的数字：/);
    expect(answer.results.every((r) => (r.label + r.sentence).includes('地区生产总值'))).toBe(true);
  },
  '/compare 固定资产投资 zones:梅河口,长春经开区': (e) => {
    const rows = e.compare('固定资产投资', ['梅河口', '长春经开区']).rows;
    expect(rows.map((r) => [r.zone, r.figure?.value, r.figure?.unit])).toEqual([
      ['梅河口市', 222.87, '亿元'],
      ['长春经开区', 103, '亿元'],
    ]);
  },
  '/zone 梅河口': (e) => expect(e.zone('梅河口').zone).toMatchObject({ name: '梅河口市' }),
  '/zone 上海': (e) => {
    const answer = e.zone('上海');
    expect(answer.zone).toBeNull();
    expect(answer.notes.join()).toContain('资料中没有关于“上海市”');
  },
  '/source 000_2948f0920b1045a6.txt#3': (e) => expect(e.source('000_2948f0920b1045a6.txt#3').passage.id).toBe('000_2948f0920b1045a6.txt#3'),
  '/stats': (e) => expect(e.stats().docs).toHaveLength(5),
  '/docs list': async (e) => {
    const indexDir = await tempDir('help-docs');
    const listed = await catalog({ seedsDir: SEEDS_DIR, indexDir, search: e });
    expect(listed.documents.map((d) => d.name)).toEqual(seedNames);
    expect(listed.documents.every((d) => d.passages! > 0 && d.figures! > 0)).toBe(true);
  },
};

describe('every /help example answers right, or honestly', () => {
  const examples = ENTRIES.flatMap((entry) => entry.examples).filter((x) => x.startsWith('/') && !/^\/(?:help|reindex)\b/.test(x));
  it.each(examples)('%s', async (example) => {
    const check = CHECKS[example];
    expect(check, `no check for ${example}`).toBeDefined();
    await check!(engine);
  });
});

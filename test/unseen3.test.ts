// /figure over the third blind set of real reports (test/fixtures/unseen3).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/search/engine.js';
import { openSeedEngine } from './helpers.js';

describe('/figure answers the value, not where it ranks, unless asked', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openSeedEngine({ seedsDir: join(import.meta.dirname, 'fixtures', 'unseen3', 'docs') });
  });

  it('规上工业增加值 is the growth of 9.4%, not 增速居全国第4位', () => {
    expect(engine.figure('规上工业增加值', { zone: '安徽', year: '2025' }).results[0]).toMatchObject({ value: 9.4, unit: '%' });
  });

  it('规上工业增加值排名 is the rank', () => {
    expect(engine.figure('规上工业增加值排名', { zone: '安徽', year: '2025' }).results[0]).toMatchObject({ value: 4, unit: '位' });
  });

  it('新疆 is the autonomous region, whose report its figures belong to', () => {
    expect(engine.zone('新疆').zone?.name).toBe('新疆维吾尔自治区');
    expect(engine.figure('GDP', { zone: '新疆', year: '2025' }).results[0]).toMatchObject({ value: 2.15, unit: '万亿元', zone: '新疆维吾尔自治区' });
  });
});

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

describe('/ask says the documents do not answer rather than answer wrong (third blind set)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openSeedEngine({ seedsDir: join(import.meta.dirname, 'fixtures', 'unseen3', 'docs') });
  });

  it.each([
    // Only 兰州新区 lies in 甘肃 here: its figures are not the province's (nor is 新疆's GDP).
    ['甘肃省2025年地区生产总值是多少？'],
    // The documents give the first three quarters only.
    ['济南高新区2024年全年地区生产总值是多少？'],
  ])('%s', (question) => {
    const answer = engine.ask(question);
    expect(answer.answer).toBeNull();
    expect(answer.notes.join(' ')).toContain('资料中没有找到');
  });

  it('never answers a 集中度 (a degree) with the 营业收入 total beside it', () => {
    const answer = engine.ask('安宁高新区主导产业营业收入集中度是多少？').answer;
    expect([null, 75.32]).toContain(answer?.value ?? null);
  });

  it('still answers the part of the year the documents give', () => {
    expect(engine.ask('济南高新区2024年前三季度地区生产总值是多少？').answer).toMatchObject({ value: 1425.9, unit: '亿元' });
  });
});

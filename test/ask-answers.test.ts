import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/search/engine.js';
import { namesBoth, namingCue, namingSpan } from '../src/search/queries/naming.js';
import { openSeedEngine } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = await openSeedEngine();
});

describe('follow-up questions', () => {
  // [previous question, follow-up, the question it stands for]
  it.each([
    ['兴隆综保区2022年园区业务额的目标是多少？', '那2021年呢？', '兴隆综保区2021年园区业务额的目标是多少?'],
    ['兴隆综保区2022年园区业务额的目标是多少？', '进出口额呢？', '兴隆综保区2022年进出口额是多少?'],
    ['梅河口的营业收入是多少？', '招商引资呢？', '梅河口招商引资是多少?'],
    ['梅河口离长春有多远？', '珠海呢？', '珠海离长春有多远?'],
    ['梅河口高新区有哪些产业？', '它离长春多远？', '梅河口高新区离长春多远?'],
    ['珠海高新区的营业收入是多少？', '那2020年呢', '珠海高新区2020年的营业收入是多少?'],
    // A follow-up that is a question of its own keeps only what it does not say itself.
    ['梅河口的营业收入是多少？', '潍坊高新区2020年的营业收入是多少？', '潍坊高新区2020年的营业收入是多少?'],
  ])('%s → %s', (previous, next, full) => {
    expect(engine.ask(next, { after: previous }).query).toBe(full);
  });

  it('answers the follow-up in its inherited place and year, and says what it kept', () => {
    const followed = engine.ask('那2021年呢？', { after: '兴隆综保区2022年园区业务额的目标是多少？' });
    expect(followed.answer).toMatchObject({ kind: 'figure', value: 60, unit: '亿元', label: '园区业务额', year: '2021' });
    expect(followed.notes).toContain('追问：沿用上一问的 兴隆综保区、问题 / topic。/ Follow-up: kept 兴隆综保区, 问题 / topic from the previous question.');
    // A question of its own keeps nothing, and says nothing about it.
    expect(engine.ask('潍坊高新区2020年的营业收入是多少？', { after: '梅河口的营业收入是多少？' }).notes.some((n) => n.startsWith('追问'))).toBe(false);
    expect(engine.ask('进出口额呢？', { after: '兴隆综保区2022年园区业务额的目标是多少？' }).answer).toMatchObject({ value: 25, unit: '亿元', year: '2022' });
  });

  it('reads a follow-up without a usable previous question as a question of its own', () => {
    expect(engine.ask('梅河口离长春有多远？', { after: '？？' }).answer?.text).toBe('163公里');
    expect(engine.ask('梅河口离长春有多远？', { after: '' }).answer?.text).toBe('163公里');
  });
});

describe('naming answers', () => {
  // [question, its content words, sentence, the span that names the answer]
  it.each([
    ['建了哪些公共服务平台？', ['公共服务', '平台'], '建成了会议会展中心、企业服务中心、融媒中心等公共服务平台', '会议会展中心、企业服务中心、融媒中心等公共服务平台'],
    ['合作成立了什么医院？', ['合作', '成立', '医院'], '甲医院与乙大学医院合作，成立乙大一院梅河医院', '乙大一院梅河医院'],
    ['要打造些什么？', ['打造'], '聚焦产业前沿，打造北方食药城、特医食品城和食品生产基地', '北方食药城、特医食品城和食品生产基地'],
    ['要做强的三大主导产业集群是什么？', ['做强', '三大', '主导', '产业集群'], '持续做强软件和集成电路、生物医药等三大主导产业集群', '软件和集成电路、生物医药等三大主导产业集群'],
  ])('%s', (question, words, sentence, expected) => {
    const cue = namingCue(question, words)!;
    const found = namingSpan(sentence, cue, question);
    expect(found && sentence.slice(found.range[0], found.range[1])).toBe(expected);
  });

  it('never answers with a name the question already holds', () => {
    const question = '甲医院和乙大学合作成立了什么医院？';
    const cue = namingCue(question, ['甲医院', '乙大学', '合作', '成立', '医院'])!;
    expect(namingSpan('甲医院和乙大学合作', cue, question)).toBeNull();
  });

  it('finds a short sentence holding the verb and the head noun', () => {
    const question = '兴隆综保区2021年新获批了什么口岸？';
    const cue = namingCue(question, ['兴隆', '综保区', '获批', '口岸'])!;
    expect(namesBoth('长春药品进出口口岸成功获批', cue)).toBe(true);
    expect(namesBoth('2022年要进一步发挥五大口岸和三大平台功能', cue)).toBe(false);
    expect(engine.ask(question).answer?.text).toBe('长春药品进出口口岸');
  });

  it('has no cue for a question that asks for no name', () => {
    expect(namingCue('梅河口离长春有多远？', ['梅河口', '长春'])).toBeNull();
  });
});

describe('answers that would be confidently wrong are not given', () => {
  it.each([
    // Another zone's figure for the same metric.
    ['珠海2020年的规划面积扩大了多少倍？'],
    // Another year's (or a period's) figure.
    ['珠海高新区2021年的营业收入是多少？'],
  ])('%s', (question) => {
    expect(engine.ask(question).answer).toBeNull();
  });

  it('takes the currency the question names', () => {
    expect(engine.ask('前晨汽车在江阴高新区的项目折合人民币总投资多少？').answer).toMatchObject({ value: 51.8, unit: '亿元' });
  });
});

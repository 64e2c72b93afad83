/**
 * Extreme answers for renderer unit tests: the shapes of the core's results with texts far
 * longer, stranger and more numerous than the seeds produce. The end-to-end tests use the
 * real engine; these exist to push every Discord limit.
 */
import type { AskAnswer, AskResult, Citation, FigureAnswer, FigureResult, SourceAnswer, ZoneAnswer } from '../../src/search/types.js';

export const LONG_DOC = '999_长文件名-with_markdown*chars~and|pipes.txt';

/**
 * Chinese text of `length` units with an emoji (a surrogate pair) every `every` characters.
 *
 * @example
 * longChinese(10_000).length; // 10000
 */
export function longChinese(length: number, every = 37): string {
  const base = '梅河口高新区预计招商引资到位资金亿元同比增长实际利用外资总量位列全省第二';
  let out = '';
  for (let i = 0; out.length < length; i++) out += i % every === every - 1 ? '😀' : base[i % base.length];
  return out.slice(0, length);
}

/**
 * A citation into the long-named test document.
 *
 * @example
 * citationOf(3); // { doc: LONG_DOC, passage: `${LONG_DOC}#3`, lines: [30, 39] }
 */
export const citationOf = (n: number, doc = LONG_DOC): Citation => ({ doc, passage: `${doc}#${n}`, lines: [n * 10, n * 10 + 9] });

/**
 * A passage with highlights spread through it, some at emoji boundaries.
 *
 * @example
 * askResult(1, 10_000).highlights.length; // 10
 */
export function askResult(n: number, length: number): AskResult {
  const text = longChinese(length);
  const highlights: [number, number][] = [];
  for (let at = 500; at + 4 < length; at += 997) highlights.push([at, at + 4]);
  return { text, highlights, score: 100 - n, title: `第${n}条 **标题** 带 markdown`, citation: citationOf(n) };
}

/**
 * An /ask answer with `results` passages of `length` characters, a long query and notes.
 *
 * @example
 * askAnswer(30, 10_000).results.length; // 30
 */
export function askAnswer(results: number, length: number): AskAnswer {
  return { command: 'ask', query: '梅河口离长春有多远？'.repeat(30), answer: null, weak: false, results: Array.from({ length: results }, (_, i) => askResult(i + 1, length)), suggestions: ['梅河口', '长春'], notes: ['查询过长，已截断。'] };
}

/**
 * A figure with a long label, zone and sentence; the value sits mid-sentence.
 *
 * @example
 * figureResult(1, 2000).value; // 142.5
 */
export function figureResult(n: number, sentenceLength: number): FigureResult {
  const sentence = longChinese(sentenceLength);
  const at = Math.floor(sentenceLength / 2);
  return {
    value: 141.5 + n,
    unit: '亿元',
    amount: (141.5 + n) * 1e8,
    baseUnit: '元',
    label: '招商引资到位资金'.repeat(20),
    zone: '梅河口高新区'.repeat(10),
    zoneBy: 'stated',
    year: '2020',
    yearBy: 'inferred',
    qualifiers: ['预计', '同比增长'],
    role: n % 2 ? 'change' : 'level',
    sentence,
    span: [at, at + 7],
    citation: citationOf(n),
  };
}

/**
 * A /figure answer with `results` figures.
 *
 * @example
 * figureAnswer(30, 2000).results.length; // 30
 */
export function figureAnswer(results: number, sentenceLength: number): FigureAnswer {
  return { command: 'figure', query: '招商引资', zone: '梅河口高新区', year: '2020', exact: true, results: Array.from({ length: results }, (_, i) => figureResult(i + 1, sentenceLength)), suggestions: [], notes: [] };
}

/**
 * A zone profile with `size` aliases, relatives, documents and figures, and 10,000-character snippets.
 *
 * @example
 * zoneAnswer(300).zone!.figures.length; // 300
 */
export function zoneAnswer(size: number): ZoneAnswer {
  return {
    command: 'zone',
    query: '梅河口',
    zone: {
      name: '梅河口高新区',
      kind: '高新区',
      mentions: size,
      aliases: Array.from({ length: size }, (_, i) => `梅河口别名${i}`),
      related: Array.from({ length: size }, (_, i) => `梅河口相关${i}`),
      docs: Array.from({ length: size }, (_, i) => ({ doc: `${i}_${LONG_DOC}`, passages: i })),
      figures: Array.from({ length: size }, (_, i) => figureResult(i + 1, 2000)),
      insideFigures: Array.from({ length: size }, (_, i) => figureResult(i + 1, 2000)),
      snippets: Array.from({ length: 5 }, (_, i) => askResult(i + 1, 10_000)),
    },
    candidates: [],
    notes: [],
  };
}

/**
 * A /source answer whose passage is `length` characters long.
 *
 * @example
 * sourceAnswer(10_000).passage.text.length; // 10000
 */
export function sourceAnswer(length: number): SourceAnswer {
  const c = citationOf(7);
  return {
    command: 'source',
    query: c.passage,
    citation: c,
    passage: { id: c.passage, doc: c.doc, title: '综合实力持续增强', text: longChinese(length), lines: c.lines, prev: `${LONG_DOC}#6`, next: `${LONG_DOC}#8` },
  };
}

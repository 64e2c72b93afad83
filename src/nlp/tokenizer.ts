import nodejieba from 'nodejieba';
import { normalizeText } from './normalize.js';

/**
 * The one tokenizer for documents and queries. jieba segments the CJK runs (HMM on, in
 * search mode so `梅河口高新区` also yields `梅河口` and `高新区`); numbers, years and Latin
 * words are cut out beforehand so jieba never sees them (it would split `141.5` digit by digit).
 */

// Function words and question words: they match everywhere and say nothing about the topic.
const STOP_WORDS = new Set(
  (
    '的 了 是 在 和 与 及 等 有 对 为 把 被 从 到 也 都 就 而 之 其 这 那 哪 哪些 哪个 哪里 什么 啥 怎么 怎样 如何 ' +
    '多少 几 吗 呢 吧 啊 呀 么 给 要 会 能 我 你 他 她 它 们 我们 你们 他们 有关 关于 那个 这个 一个 个 上 中 下 里 ' +
    '还 又 并 或 且 以 于 将 已 已经 着 过 得 地 所 该 各 每 此 并且 以及 或者 还是 还有 请问 请 一下 告诉 知道 ' +
    '最近 目前 现在 有没有 是不是 是否 多 都是 给了 搞 都包括 包括 一些 方面 情况 问题'
  ).split(' '),
);

const RUN = /(\d+[a-z][a-z0-9]*)|(\d+(?:[.,]\d+)*%?年?)|([a-z][a-z0-9+\-_.]*)|([\u3400-\u9fff\uf900-\ufaff]+)/g;

const QUESTION_PREFIX = /^(?:多少|第几|几)(?=.)/;

let userWords = new Set<string>();

/**
 * Adds corpus words (zone names, metric labels, company names) to jieba's dictionary so they
 * segment whole. jieba's dictionary is process-wide, so this is too; adding a word twice is a
 * no-op.
 *
 * @example
 * addUserWords(['经开区', '梅河口高新区']);
 * tokenize('长春经开区'); // ['长春', '经开区', …]
 */
export function addUserWords(words: Iterable<string>): void {
  for (const word of words) {
    if (word.length < 2 || userWords.has(word)) continue;
    userWords.add(word);
    nodejieba.insertWord(word);
  }
}

/** The words added with `addUserWords`, for persisting alongside the index. */
export function listUserWords(): string[] {
  return [...userWords];
}

/** Forgets the record of added words (jieba keeps them); used by tests that compare builds. */
export function resetUserWordRecord(): void {
  userWords = new Set();
}

/**
 * Splits text into index terms: jieba words (search mode, so long words also give their
 * parts), whole numbers (`141.5`, `16.5%`), years (`2020年` and `2020`), lower-cased Latin
 * words; punctuation and stop words dropped.
 *
 * @example
 * tokenize('预计招商引资到位资金141.5亿元'); // ['预计', '招商', '引资', '招商引资', '到位', '资金', '141.5', '亿元']
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const match of normalizeText(text).matchAll(RUN)) {
    const [, alnum, number, latin, cjk] = match;
    if (alnum !== undefined) {
      terms.push(alnum);
    } else if (number !== undefined) {
      const bare = number.replace(/,/g, '');
      if (bare.endsWith('年')) terms.push(bare, bare.slice(0, -1));
      else if (bare.endsWith('%')) terms.push(bare, bare.slice(0, -1));
      else terms.push(bare);
    } else if (latin !== undefined) {
      terms.push(latin.replace(/[.\-_]+$/, ''));
    } else if (cjk !== undefined) {
      for (const word of nodejieba.cutForSearch(cjk, true)) {
        // `多少倍` / `第几位` ask for a number: the unit is the topic.
        const topic = word.replace(QUESTION_PREFIX, '');
        if (topic && !STOP_WORDS.has(topic)) terms.push(topic);
      }
    }
  }
  return terms;
}

/**
 * Overlapping CJK character bigrams (Lucene CJKAnalyzer style), a recall fallback for words
 * jieba segments differently in a question and in the text. Single CJK characters between
 * non-CJK text are kept as unigrams.
 *
 * @example
 * bigrams('排第几'); // ['排第', '第几']
 */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const match of normalizeText(text).matchAll(/[\u3400-\u9fff\uf900-\ufaff]+/g)) {
    const run = match[0];
    if (run.length === 1) out.push(run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/** True for terms that carry no topic (for highlighting and did-you-mean). */
export function isStopWord(term: string): boolean {
  return STOP_WORDS.has(term);
}

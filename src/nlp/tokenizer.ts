import { jieba } from './jieba.js';
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

/**
 * Corpus words (zone names, metric labels) that should also come out whole. Kept out of
 * jieba's process-wide dictionary on purpose: inserting them there changed how later builds
 * segment and tag, so a rebuild in a long-running process differed from a fresh one.
 */
export interface WordSet {
  /** Words by their first character, longest first. */
  byFirst: Map<string, string[]>;
  words: string[];
}

/**
 * Builds a word set for `tokenize`.
 *
 * @example
 * tokenize('长春兴隆综保区', wordSet(['长春兴隆综保区'])); // [… '长春兴隆综保区']
 */
export function wordSet(words: Iterable<string>): WordSet {
  const unique = [...new Set([...words].filter((w) => w.length >= 2))].sort();
  const byFirst = new Map<string, string[]>();
  for (const word of unique) byFirst.set(word[0]!, [...(byFirst.get(word[0]!) ?? []), word]);
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return { byFirst, words: unique };
}

export const NO_WORDS: WordSet = wordSet([]);

/**
 * Splits text into index terms: jieba words (search mode, so long words also give their
 * parts), corpus words of `words` found in the text, whole numbers (`141.5`, `16.5%`),
 * years (`2020年` and `2020`), lower-cased Latin words; punctuation and stop words dropped.
 *
 * @example
 * tokenize('预计招商引资到位资金141.5亿元'); // ['预计', '招商', '引资', '招商引资', '到位', '资金', '141.5', '亿元']
 */
export function tokenize(text: string, words: WordSet = NO_WORDS): string[] {
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
      if (words.words.length > 0) terms.push(...wordsIn(cjk, words));
      for (const word of jieba.cutForSearch(cjk, true)) {
        // `多少倍` / `第几位` ask for a number: the unit is the topic.
        const topic = word.replace(QUESTION_PREFIX, '');
        if (topic && !STOP_WORDS.has(topic)) terms.push(topic);
      }
    }
  }
  return terms;
}

/** Corpus words occurring in a CJK run, longest match at each position. */
function wordsIn(run: string, words: WordSet): string[] {
  const found: string[] = [];
  for (let i = 0; i < run.length; i++) {
    const candidates = words.byFirst.get(run[i]!);
    const hit = candidates?.find((w) => run.startsWith(w, i));
    if (hit) found.push(hit);
  }
  return found;
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

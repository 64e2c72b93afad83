import { jieba } from '../../nlp/jieba.js';
import type { Range } from '../types.js';

/**
 * Naming answers for `which / what` questions: the words a sentence puts where the question
 * has its question word. `建了哪些公共服务平台` is answered by what stands before
 * `公共服务平台` after `建成` (`会议会展中心、企业服务中心…等公共服务平台`); `成立了什么医院`
 * by the hospital named after `成立`; `要打造些什么` by the object of `打造`. This reads the
 * grammar of the question (its head noun and its verb), never a particular question.
 */
export interface NamingCue {
  /** The noun the question asks to name (`公共服务平台`, `三大主导产业集群`), or null. */
  head: string | null;
  /** The verb right before the question word (`打造`, `成立`), or null. */
  verb: string | null;
  /** The question's content words: the answer is what the sentence adds to them. */
  words: string[];
}

const WH = /哪些|哪几[个家项种类条所座]?|什么|啥|哪个|哪家|哪种|哪类/;
const STOP = /[，。；：,;:！？!?\n]/;
/** Words that only glue a question together (`了`, `是`, `的`, `些`). */
const GLUE = new Set(['了', '是', '的', '些', '要', '都', '有', '为', '在', '将', '会', '用']);
/** Characters that may start a clause without being part of a name. */
const LEADING = /^[与和及了的等是为在将把对向从由]+/;

/**
 * What a which/what question asks to name.
 *
 * @example
 * namingCue('梅河口高新区建了哪些公共服务平台？', ['梅河口', '高新区', '建', '公共服务', '平台']);
 * // { head: '公共服务平台', verb: '建', words: [...] }
 * namingCue('珠海高新区要做强的三大主导产业集群是什么？', words).head; // '三大主导产业集群'
 */
export function namingCue(question: string, words: string[]): NamingCue | null {
  const wh = WH.exec(question);
  if (!wh) return null;
  const after = /^[些样种的]*([\p{Script=Han}A-Za-z]{2,10})/u.exec(question.slice(wh.index + wh[0].length))?.[1] ?? null;
  let head = after && !/^(呢|吗|呀)/.test(after) ? after : null;
  let before = question.slice(0, wh.index);
  // `X是什么`: the thing asked about is X, the noun phrase before 是 (after its last 的).
  if (head === null && /是$/.test(before)) {
    const phrase = before.slice(0, -1);
    head = /([\p{Script=Han}A-Za-z]{2,12})$/u.exec(phrase.slice(phrase.lastIndexOf('的') + 1))?.[1] ?? null;
    before = phrase.lastIndexOf('的') >= 0 ? phrase.slice(0, phrase.lastIndexOf('的')) : '';
  }
  const tokens = jieba.cut(before, true).filter((t) => /\p{Script=Han}/u.test(t) && !GLUE.has(t));
  const verb = tokens.at(-1)?.replace(/[了过着]$/, '') || null;
  if (head === null && verb === null) return null;
  return { head, verb, words };
}

/**
 * The naming span of one sentence for a cue, or null when the sentence names nothing new
 * there. The span never repeats the question: a name the question already holds (the
 * hospital it mentions) is not the answer.
 *
 * @example
 * namingSpan('成立吉大一院梅河医院', cue, question); // { range: [2, 10], rank: 2 } for cue { head: '医院', verb: '成立' }
 */
export function namingSpan(sentence: string, cue: NamingCue, question: string): { range: Range; rank: number } | null {
  const candidates: { range: Range; afterVerb: boolean }[] = [];
  if (cue.head !== null) {
    const core = longestSuffixIn(sentence, cue.head);
    if (core !== null) {
      for (let at = sentence.indexOf(core); at >= 0; at = sentence.indexOf(core, at + 1)) {
        const clauseStart = lastStop(sentence, at) + 1;
        const span = trimLead(sentence, cutAfterKnown(sentence, clauseStart, at, cue), at + core.length);
        if (span !== null) candidates.push(span);
      }
    }
  } else if (cue.verb !== null) {
    // `要打造些什么`: the object of the verb, to the end of its clause.
    for (let at = sentence.indexOf(cue.verb); at >= 0; at = sentence.indexOf(cue.verb, at + 1)) {
      const from = at + cue.verb.length;
      const rest = sentence.slice(from).search(STOP);
      const span = trimLead(sentence, { start: from, afterVerb: true }, rest < 0 ? sentence.length : from + rest);
      if (span !== null) candidates.push(span);
    }
  }
  const fresh = candidates.filter(({ range }) => {
    const text = sentence.slice(range[0], range[1]);
    // A name of the answer's own: at least two characters the question does not hold.
    return text.length >= 3 && !question.includes(text) && [...text].filter((c) => /[\p{L}\p{N}]/u.test(c) && !question.includes(c)).length >= 2;
  });
  if (fresh.length === 0) return null;
  const best = fresh.sort((a, b) => namingRank(sentence, b) - namingRank(sentence, a) || b.range[1] - b.range[0] - (a.range[1] - a.range[0]))[0]!;
  return { range: best.range, rank: namingRank(sentence, best) };
}

/**
 * How surely a span names the answer: right after the question's verb, an enumeration closed
 * by 等 before the head (`…、融媒中心等公共服务平台`), or any enumeration.
 */
function namingRank(sentence: string, c: { range: Range; afterVerb: boolean }): number {
  const text = sentence.slice(c.range[0], c.range[1]);
  return (c.afterVerb ? 2 : 0) + (/[、和与及]/.test(text) ? 1 : 0) + (/、.*等/.test(text) ? 1 : 0);
}

/**
 * Whether a sentence holds both the question's verb and (the end of) its head noun: a short
 * sentence like that may name the answer even when it shares few of the question's words.
 *
 * @example
 * namesBoth('长春药品进出口口岸成功获批', { head: '口岸', verb: '获批', words: [] }); // true
 */
export function namesBoth(sentence: string, cue: NamingCue): boolean {
  return cue.head !== null && cue.verb !== null && cue.verb.length >= 2 && sentence.includes(cue.verb) && longestSuffixIn(sentence, cue.head) !== null;
}

/** The longest ending of `head` (two characters or more) that the sentence holds. */
function longestSuffixIn(sentence: string, head: string): string | null {
  for (let i = 0; i <= head.length - 2; i++) if (sentence.includes(head.slice(i))) return head.slice(i);
  return null;
}

function lastStop(sentence: string, before: number): number {
  for (let i = before - 1; i >= 0; i--) if (STOP.test(sentence[i]!)) return i;
  return -1;
}

/**
 * Where the name starts in [from, to): after the last word of the question's verb (or a word
 * starting with it: `建` → `建成`) or one of its content words, unless that word is part of
 * the head itself (`审批` in `审批模式`).
 */
function cutAfterKnown(sentence: string, from: number, to: number, cue: NamingCue): { start: number; afterVerb: boolean } {
  let start = from;
  let afterVerb = false;
  let at = from;
  const tokens = jieba.cut(sentence.slice(from, to), true);
  const ends: number[] = tokens.map((t) => (at += t.length));
  // Content words right before the head modify it; the name ends where they begin.
  let modifierFrom = tokens.length;
  while (modifierFrom > 0 && cue.words.includes(tokens[modifierFrom - 1]!)) modifierFrom--;
  tokens.forEach((t, i) => {
    if (i >= modifierFrom) return;
    const isVerb = cue.verb !== null && t.startsWith(cue.verb);
    if (isVerb || (t.length >= 2 && cue.words.includes(t))) {
      start = ends[i]!;
      afterVerb = isVerb;
    }
  });
  return { start, afterVerb };
}

function trimLead(sentence: string, cut: { start: number; afterVerb: boolean }, end: number): { range: Range; afterVerb: boolean } | null {
  const lead = LEADING.exec(sentence.slice(cut.start, end))?.[0].length ?? 0;
  const start = cut.start + lead;
  return end - start >= 2 ? { range: [start, end], afterVerb: cut.afterVerb } : null;
}

import { bigrams } from '../../nlp/tokenizer.js';
import type { AskOptions } from '../service.js';
import type { Snapshot } from '../snapshot.js';
import type { AskAnswer, AskResult } from '../types.js';
import type { IndexedPassage } from '../model.js';
import { chineseFromEnglish } from '../../nlp/english.js';
import { expandIndicators } from '../../nlp/indicators.js';
import { directAnswer } from './answer.js';
import { followUpQuestion } from './followup.js';
import { byScore, citationOf, clampLimit, closestZones, familyNames, highlight, highlightTerms, prepareQuery, round, zonesInText } from './common.js';

/**
 * What kind of answer a question wants, and what text carrying such an answer looks like.
 * A passage holding that kind of evidence ranks higher: `多远` wants a distance, `第几` a
 * rank. This is about the type of question, never about a particular one.
 */
const ANSWER_TYPES: { asks: RegExp; evidence: RegExp }[] = [
  { asks: /多远|距离|多少公里/, evidence: /\d+(?:\.\d+)?(?:公里|千米|米)/g },
  { asks: /多长时间|多久|几天|多少天|多长/, evidence: /为期|持续|\d+天|[一二三四五六七八九十百]+天|\d+个月/g },
  { asks: /第几|排名|排第|名次|几名/, evidence: /第\s*\d+\s*[位名]|位列|位居|排名|榜首|第[一二三四五六七八九十]/g },
  { asks: /几倍|多少倍/, evidence: /\d+(?:\.\d+)?倍/g },
  { asks: /比例|占比|比重|百分之|增速|增长率|多少%/, evidence: /\d+(?:\.\d+)?%/g },
  { asks: /多少|几个|几家|几项|多大|金额|规模|总额|面积/, evidence: /\d+(?:\.\d+)?/g },
  { asks: /哪些|哪几|什么|啥|包括/, evidence: /[、；]/g },
];
/** Evidence this close (in characters) to a query term is probably the answer itself. */
const NEAR = 12;

const BOOSTS = { text: 1, title: 0.4 };
/** How many of MiniSearch's best hits get the character-coverage factor. */
const RERANK = 200;
const ZONE_BOOST = 2;
const SUBJECT_BOOST = 1.5;
const EVIDENCE_NEAR_BOOST = 1.5;
const EVIDENCE_BOOST = 1.15;

/**
 * Best passages for a question, with matched terms as ranges and citations.
 *
 * @example
 * ask(snapshot, '梅河口离长春有多远？').results[0].citation; // { doc: '004_….txt', … }
 */
export function ask(snapshot: Snapshot, question: string, options: AskOptions = {}): AskAnswer {
  const follow = options.after ? followUp(snapshot, options.after, question) : null;
  const prepared = prepareQuery(follow?.question ?? question);
  const { notes } = prepared;
  if (follow?.kept) notes.push(follow.kept);
  const answer: AskAnswer = { command: 'ask', query: prepared.text, answer: null, weak: true, results: [], suggestions: [], notes };
  if (!/[\p{L}\p{N}]/u.test(prepared.text)) {
    notes.push('请输入一个问题，例如：梅河口高新区的规划面积扩大了多少倍？/ Please type a question.');
    return answer;
  }
  // An English question is searched with the documents' Chinese terms for what it names.
  const english = chineseFromEnglish(prepared.text);
  if (english) notes.push(`按中文检索：${english} / Searched in Chinese as: ${english}`);
  const text = english ?? prepared.text;
  const { zones, topic } = zonesInText(text, snapshot.registry);
  const family = new Set(zones.flatMap((z) => [...familyNames(snapshot.registry, z)]));
  const types = ANSWER_TYPES.filter((t) => t.asks.test(text));
  const terms = highlightTerms(text, snapshot.indexes.lexicon.words);

  // Zone names are context (a boost below), not words to match: as terms they would count
  // once per sub-word and bigram in MiniSearch's matched-terms multiplier and drown the words
  // that say what is asked. When the question is nothing but zones, search with all of it.
  let searched = expandIndicators(/[\p{L}\p{N}]/u.test(topic) ? topic : text);
  let hits = snapshot.passageSearch.search(searched, BOOSTS);
  if (hits.length === 0 && searched !== text) hits = snapshot.passageSearch.search((searched = text), BOOSTS);
  const grams = [...new Set(bigrams(searched))].map(gramMatcher);
  const scored = hits.slice(0, RERANK).map((hit) => {
    const passage = snapshot.passageById.get(hit.id)!;
    let score = coverageScore(hit.score, hit.matchedTerms, passage.text, grams);
    if (family.size > 0 && about(passage, family)) score *= ZONE_BOOST;
    else if (passage.subject !== null && family.has(passage.subject)) score *= SUBJECT_BOOST;
    score *= evidenceWeight(passage.text, types, highlight(passage.text, terms));
    return { passage, score };
  });
  // The topic's words found nothing about the zone asked about (`衢州综保区去年有什么进展？`:
  // other places' 进展): the zone's own passages come first (`衢州综保区封关运作`), those holding
  // more of the question's words before the rest.
  if (family.size > 0 && !scored.some(({ passage }) => about(passage, family))) {
    const above = Math.max(1, ...scored.map(({ score }) => score));
    for (const passage of zonePassages(snapshot, zones.map((z) => z.name), family)) {
      const shared = grams.filter((matches) => matches(passage.text)).length;
      scored.push({ passage, score: above * ZONE_BOOST * (1 + shared) });
    }
  }
  scored.sort(byScore((s) => s.passage.id));
  const results: AskResult[] = scored.slice(0, clampLimit(options.limit)).map(({ passage, score }) => ({
    text: passage.text,
    highlights: highlight(passage.text, terms),
    score: round(score),
    title: passage.title,
    citation: citationOf(passage),
  }));
  answer.results = results;
  if (results.length === 0) {
    notes.push('没有找到相关段落。/ No passage matched.');
    answer.suggestions = closestZones(snapshot.registry, text);
    return answer;
  }
  const direct = directAnswer(
    snapshot,
    text,
    scored.slice(0, 3).map(({ passage }) => passage),
    family,
  );
  answer.answer = direct.answer;
  answer.weak = direct.weak;
  if (direct.weak) {
    notes.push('资料中没有找到这个问题的答案；以下段落可能相关。/ The documents do not answer this; these passages may be related.');
    answer.suggestions = closestZones(snapshot.registry, text);
  }
  return answer;
}

/** A follow-up as the question it stands for (the answer's `query` shows it in full). */
function followUp(snapshot: Snapshot, previous: string, next: string): { question: string; kept: string | null } {
  const previousText = prepareQuery(previous).text;
  const nextText = prepareQuery(next).text;
  if (!/[\p{L}\p{N}]/u.test(previousText)) return { question: nextText, kept: null };
  const { question, inherited } = followUpQuestion(snapshot.registry, previousText, nextText);
  // Say what came from the previous question, so a wrong reading is visible at once.
  const kept = [...inherited.zones, ...(inherited.year ? [`${inherited.year}年`] : []), ...(inherited.topic ? ['问题 / topic'] : [])];
  return { question, kept: kept.length ? `追问：沿用上一问的 ${kept.join('、')}。/ Follow-up: kept ${kept.join(', ')} from the previous question.` : null };
}

/**
 * The relevance of a hit: its BM25 sum times how much of the question's wording it shares,
 * counted in character bigrams. MiniSearch multiplies its score by the number of query terms
 * matched, but jieba's search mode makes those terms overlap (`荣誉称号` also yields `荣誉`,
 * `誉称`, `称号`), so an exact phrase counted four times and buried passages that answer in
 * other words. Dividing that multiplier out and counting shared bigrams instead measures the
 * shared wording once, and still credits words jieba cut differently in question and text.
 */
function coverageScore(miniSearchScore: number, matchedTerms: number, text: string, grams: ((text: string) => boolean)[]): number {
  const bm25 = miniSearchScore / Math.max(1, matchedTerms);
  return bm25 * (1 + grams.filter((matches) => matches(text)).length);
}

/**
 * A question's `几` stands for a number: `几通几平` should meet `九通一平`, `几个` meet `三个`.
 * Such bigrams match any numeral in that place; the rest match literally.
 */
function gramMatcher(gram: string): (text: string) => boolean {
  if (!gram.includes('几')) return (text) => text.includes(gram);
  const pattern = new RegExp(gram.replace(/几/g, '[一二三四五六七八九十百千万两0-9]'));
  return (text) => pattern.test(text);
}

/**
 * How strongly a passage carries the kind of answer asked for: evidence next to a query
 * term (`距长春163公里` for `梅河口离长春有多远`) counts most, evidence anywhere a little.
 */
function evidenceWeight(text: string, types: typeof ANSWER_TYPES, matched: [number, number][]): number {
  let weight = 1;
  for (const type of types) {
    for (const m of text.matchAll(type.evidence)) {
      const near = matched.some(([s, e]) => m.index - e <= NEAR && s - (m.index + m[0].length) <= NEAR);
      weight = Math.max(weight, near ? EVIDENCE_NEAR_BOOST : EVIDENCE_BOOST);
      if (near) return weight;
    }
  }
  return weight;
}

/** Whether a passage names one of the question's zones (or what lies inside them). */
function about(passage: IndexedPassage, family: ReadonlySet<string>): boolean {
  return passage.zones.some((z) => family.has(z));
}

// Passages by the zones they name, built once per index generation.
const byZone = new WeakMap<Snapshot, Map<string, IndexedPassage[]>>();
/** How many of a zone's passages a question can fall back on. */
const ZONE_PASSAGES = 50;

/**
 * The passages that name the zones asked about (the zones themselves first, then what lies
 * inside them), in document order, at most 50: a lookup in the model, not another search.
 */
function zonePassages(snapshot: Snapshot, named: string[], family: ReadonlySet<string>): IndexedPassage[] {
  let index = byZone.get(snapshot);
  if (!index) {
    index = new Map();
    for (const passage of snapshot.model.passages) for (const zone of new Set(passage.zones)) (index.get(zone) ?? index.set(zone, []).get(zone)!).push(passage);
    byZone.set(snapshot, index);
  }
  const out = new Set<IndexedPassage>();
  for (const zone of [...named, ...family]) {
    for (const passage of index.get(zone) ?? []) {
      if (out.size >= ZONE_PASSAGES) return [...out];
      out.add(passage);
    }
  }
  return [...out];
}

import { normalizeQuery } from '../../nlp/normalize.js';
import { tokenize, type WordSet } from '../../nlp/tokenizer.js';
import { resolveZone, type ZoneEntry, type ZoneRegistry } from '../../nlp/zone-registry.js';
export { familyNames } from '../../nlp/zone-registry.js';
import type { IndexedPassage } from '../model.js';
import type { Citation, Range } from '../types.js';

/** Longest query we search with; longer input is cut and the answer says so. */
export const MAX_QUERY_CHARS = 200;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 50;

export interface PreparedQuery {
  /** Normalised (NFKC, simplified, trimmed) and capped text. */
  text: string;
  notes: string[];
}

/**
 * Normalises and caps user input, noting what changed.
 *
 * @example
 * prepareQuery('招商引資').text; // '招商引资'
 */
export function prepareQuery(raw: string): PreparedQuery {
  const notes: string[] = [];
  let text = normalizeQuery(raw ?? '');
  if (text.length > MAX_QUERY_CHARS) {
    text = text.slice(0, MAX_QUERY_CHARS);
    notes.push(`查询过长，只使用了前 ${MAX_QUERY_CHARS} 个字符。/ Query truncated to ${MAX_QUERY_CHARS} characters.`);
  }
  return { text, notes };
}

/** Scores are shown to three decimals: enough to order, short in JSON. */
export function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

export function citationOf(passage: IndexedPassage): Citation {
  return { ...passage.citation };
}

/** Query terms worth highlighting: words of 2+ characters, numbers, Latin words. */
export function highlightTerms(query: string, words: WordSet): string[] {
  const terms = tokenize(query, words).filter((t) => t.length >= 2 || /\d/.test(t));
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}

/**
 * Ranges of `text` where any of `terms` occurs, merged and sorted.
 *
 * @example
 * highlight('预计招商引资到位资金', ['招商引资']); // [[2, 6]]
 */
export function highlight(text: string, terms: string[]): Range[] {
  const lower = text.toLowerCase();
  const ranges: Range[] = [];
  for (const term of terms) {
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + term.length)) ranges.push([at, at + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Marks where a zone name was taken out (a private-use character no document contains). */
const BLANK = '\ue000';

/**
 * Zones named inside free text (`梅河口离长春有多远` → the 梅河口 and 长春 families), by
 * canonical name, alias or place name, longest first; and the text with them blanked out,
 * which is the topic. A zone in a question is context (a filter, a boost), not words to
 * match: `梅河口高新区` would otherwise expand to six terms and outweigh what is asked.
 *
 * @example
 * zonesInText('梅河口高新区引进了哪些企业', registry); // { zones: [梅河口高新区], topic: ' 引进了哪些企业' }
 */
export function zonesInText(text: string, registry: ZoneRegistry): { zones: ZoneEntry[]; topic: string } {
  const zones: ZoneEntry[] = [];
  let rest = text;
  for (const { text: name, entry } of registry.spotting) {
    if (!rest.includes(name)) continue;
    if (!zones.includes(entry)) zones.push(entry);
    rest = rest.split(name).join(BLANK);
  }
  return { zones, topic: rest.replace(/\ue000+/g, ' ') };
}

/** The zone names closest to some text, for did-you-mean: what zone resolution offers. */
export function closestZones(registry: ZoneRegistry, text: string, count = 3): string[] {
  const { zone, candidates } = resolveZone(registry, text);
  return (zone ? [zone, ...candidates] : candidates).slice(0, count).map((e) => e.name);
}

/**
 * Highest score first; scores equal but for float rounding (an incrementally updated index sums
 * in another order than a rebuilt one) fall back to the id, so both give the same order.
 *
 * @example
 * hits.sort(byScore((h) => h.passage.id)); // [{ score: 2, … }, { score: 1, id: 'a#1' }, { score: 1, id: 'a#2' }]
 */
export function byScore<T extends { score: number }>(id: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const difference = b.score - a.score;
    if (Math.abs(difference) > 1e-9 * Math.max(Math.abs(a.score), Math.abs(b.score))) return difference;
    const [x, y] = [id(a), id(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

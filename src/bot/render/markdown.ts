import type { Range } from '../../search/types.js';
import { ceilCut, fitPrefix, safeCut } from './text.js';

/**
 * Discord markdown for document text. Document text is escaped character by character (so a
 * cut between characters never leaves half an escape), and highlights become `**bold**`
 * only here, after escaping, so a `*` in a document can never open or close a bold run.
 */

/** Characters that start markup anywhere: emphasis, code, spoilers, quotes, mentions, links. */
const ALWAYS = new Set(['\\', '*', '~', '`', '|', '<', '>', '[', ']']);
/** Markup that only counts at the start of a line and before a blank: headings, lists, subtext. */
const LINE_MARKER = /^(?:#{1,3}|[-+]|-#)[ \t]/;
const ALNUM = /[A-Za-z0-9]/;

type Lead = 'start' | 'digits' | 'none';

/** Where `start` sits in its line: only blanks before it, blanks and digits, or anything else. */
function leadAt(text: string, start: number): Lead {
  let lead: Lead = 'start';
  for (let i = text.lastIndexOf('\n', start - 1) + 1; i < start; i++) lead = step(lead, text[i]!);
  return lead;
}

function step(lead: Lead, ch: string): Lead {
  if (ch === '\n') return 'start';
  if (lead === 'start' && (ch === ' ' || ch === '\t')) return 'start';
  if (lead !== 'none' && ch >= '0' && ch <= '9') return 'digits';
  return 'none';
}

/** `_` only makes emphasis next to a non-alphanumeric, so `000_2948f.txt` stays readable. */
function underscoreNeedsEscape(text: string, i: number): boolean {
  return !(ALNUM.test(text[i - 1] ?? '') && ALNUM.test(text[i + 1] ?? ''));
}

/**
 * Escapes `text[start, end)`, looking at the characters around it for context.
 *
 * @example
 * escapeMarkdown('**注意** <@123> 2020_年\n- 141.5'); // '\\*\\*注意\\*\\* \\<@123\\> 2020\\_年\n\\- 141.5'
 */
export function escapeMarkdown(text: string, start = 0, end = text.length): string {
  let out = '';
  let lead = leadAt(text, start);
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    const escape =
      ALWAYS.has(ch) ||
      (lead === 'start' && LINE_MARKER.test(text.slice(i, i + 4))) ||
      (lead === 'digits' && ch === '.' && /[ \t]/.test(text[i + 1] ?? '')) ||
      (ch === '_' && underscoreNeedsEscape(text, i));
    out += escape ? `\\${ch}` : ch;
    lead = step(lead, ch);
  }
  return out;
}

/**
 * Sorted, non-overlapping, non-touching ranges inside `[0, length)`, widened so that no range
 * edge splits a surrogate pair. Touching ranges are merged because `**a****b**` is not bold.
 *
 * @example
 * normalizeRanges([[4, 6], [0, 2], [2, 3]], '0123456789'); // [[0, 3], [4, 6]]
 */
export function normalizeRanges(ranges: readonly Range[], text: string): Range[] {
  const clamp = (at: number) => Math.max(0, Math.min(at, text.length));
  const clean = ranges
    .map(([s, e]): Range => [safeCut(text, clamp(s)), ceilCut(text, clamp(e))])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const [s, e] of clean) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Renders `text[start, end)` escaped, with the parts inside `ranges` in bold. */
function renderSpan(text: string, ranges: readonly Range[], start: number, end: number): string {
  let out = '';
  let at = start;
  for (const [s, e] of ranges) {
    const from = Math.max(s, start);
    const to = Math.min(e, end);
    if (to <= from) continue;
    out += escapeMarkdown(text, at, from) + `**${escapeMarkdown(text, from, to)}**`;
    at = to;
  }
  return out + escapeMarkdown(text, at, end);
}

/**
 * Document text as Discord markdown with highlights in bold, at most `max` characters long.
 * When the text does not fit, the window starts a little before the first highlight (so the
 * match is visible) and ends with `…`; neither a highlight's `**` nor an escape is cut.
 *
 * @example
 * highlight('预计招商引资到位资金141.5亿元', [[2, 6]], 100); // '预计**招商引资**到位资金141.5亿元'
 */
export function highlight(text: string, ranges: readonly Range[], max: number, context = 40): string {
  const marks = normalizeRanges(ranges, text);
  const whole = renderSpan(text, marks, 0, text.length);
  if (whole.length <= max) return whole;
  const first = marks[0]?.[0] ?? 0;
  const start = first > context ? safeCut(text, first - context) : 0;
  const prefix = start > 0 ? '…' : '';
  const room = max - prefix.length - 1;
  const end = fitPrefix(text, start, room, (e) => renderSpan(text, marks, start, e));
  return prefix + renderSpan(text, marks, start, end).trimEnd() + '…';
}

/**
 * Escaped text cut to at most `max` characters (ending with `…` when cut).
 *
 * @example
 * escapeAndTruncate('a*b', 10); // 'a\\*b'
 */
export function escapeAndTruncate(text: string, max: number): string {
  return highlight(text, [], max, 0);
}

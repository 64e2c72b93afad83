/**
 * Length-safe string helpers. Every cut lands on a grapheme boundary, so a surrogate pair, an
 * emoji with its modifiers or a letter with its combining mark is never split (Discord would
 * show a replacement character, or reject the payload as invalid UTF-8).
 */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** How far back a cut looks for a boundary; longer clusters than this do not occur in text. */
const LOOKBACK = 64;

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * A code unit that never joins its neighbour into one cluster: a line feed, printable ASCII
 * and Latin-1, CJK symbols, kana and ideographs (less the two combining kana marks), full-width
 * forms. Between two of these every index is a boundary, which spares the segmenter on
 * ordinary Chinese text (it cost a tenth of a replica's CPU under load).
 */
const isPlain = (code: number) =>
  code === 0x0a || (code >= 0x20 && code < 0x300) || (code >= 0x3000 && code <= 0x9fff && code !== 0x3099 && code !== 0x309a) || (code >= 0xff00 && code <= 0xffef);

/**
 * The largest grapheme boundary at or before `index`.
 *
 * @example
 * safeCut('ab😀c', 3); // 2 — index 3 is inside the emoji's surrogate pair
 */
export function safeCut(text: string, index: number): number {
  if (index >= text.length) return text.length;
  if (index <= 0) return 0;
  if (isPlain(text.charCodeAt(index - 1)) && isPlain(text.charCodeAt(index))) return index;
  let from = Math.max(0, index - LOOKBACK);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from -= 1;
  let best = from;
  // Segment one code point past `index` so the segmenter can tell whether `index` starts a
  // cluster (a skin-tone modifier or a ZWJ after it would join it to what came before).
  for (const { index: at } of graphemes.segment(text.slice(from, index + 2))) {
    if (from + at > index) break;
    best = from + at;
  }
  return best;
}

/**
 * The smallest grapheme boundary at or after `index`.
 *
 * @example
 * ceilCut('ab😀c', 3); // 4
 */
export function ceilCut(text: string, index: number): number {
  const floor = safeCut(text, index);
  if (floor === index) return index;
  const first = graphemes.segment(text.slice(floor, floor + LOOKBACK))[Symbol.iterator]().next().value;
  return Math.min(text.length, floor + (first?.segment.length ?? 1));
}

/**
 * Shortens `text` to at most `max` UTF-16 units, ending with `ellipsis` when cut.
 *
 * @example
 * truncate('梅河口高新区招商引资', 5); // '梅河口高…'
 */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return ellipsis.slice(0, Math.max(0, max));
  return text.slice(0, safeCut(text, max - ellipsis.length)).trimEnd() + ellipsis;
}

/**
 * Like `truncate`, but prefers to end at a line break so a line (a citation, a table row)
 * is kept whole or dropped whole.
 *
 * @example
 * truncateLines('a\n〔x.txt · ¶1 · L 1–2〕', 10); // 'a\n…'
 */
export function truncateLines(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const room = max - ellipsis.length;
  const newline = text.lastIndexOf('\n', room - 1);
  if (newline > 0) return text.slice(0, newline + 1) + ellipsis;
  return truncate(text, max, ellipsis);
}

/**
 * The longest prefix end `e` of `text` (a grapheme boundary in `[start, text.length]`) whose
 * rendering `render(e)` is at most `max` long. `render`'s length must grow with `e`.
 *
 * @example
 * fitPrefix('梅河口高新区', 0, 3, (e) => '梅河口高新区'.slice(0, e)); // 3
 */
export function fitPrefix(text: string, start: number, max: number, render: (end: number) => string): number {
  let lo = start;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(mid).length <= max) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(start, safeCut(text, lo));
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

/**
 * Columns a string takes in a monospace font: CJK and emoji take two. Used to align the
 * key-figure table.
 *
 * @example
 * displayWidth('141.5亿元'); // 9
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/**
 * Cuts `text` to at most `columns` display columns, ending with `…` when cut.
 *
 * @example
 * clipWidth('招商引资到位资金', 7); // '招商引…'
 */
export function clipWidth(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (displayWidth(out + segment) > columns - 1) break;
    out += segment;
  }
  return out + '…';
}

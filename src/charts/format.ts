/**
 * Numbers and text as a chart prints them: short value labels, and category labels wrapped or
 * cut to the room they have, measured with the real font so CJK and Latin both fit.
 */

/** Width in pixels of `text` at `fontSize`, in the chart's font. */
export type Measure = (text: string, fontSize: number) => number;

/**
 * A value label: grouped digits, at most two decimals (three significant digits below 0.01),
 * and 万/亿 for very large numbers so `347500000000` stays short (`3475亿`).
 *
 * @example
 * formatValue(3475); // '3,475'
 * formatValue(-12.345); // '-12.35'
 * formatValue(347500000000); // '3,475亿'
 * formatValue(0.00123); // '0.00123'
 */
export function formatValue(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e8) return `${group(value / 1e8)}亿`;
  if (abs >= 1e6) return `${group(value / 1e4)}万`;
  if (abs > 0 && abs < 0.01) return String(Number(value.toPrecision(3)));
  return group(value);
}

function group(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/**
 * Breaks `text` into at most `maxLines` lines no wider than `maxWidth`; when it does not fit,
 * the last line ends in `…`. Breaks fall between characters (CJK has no spaces) but keep runs
 * of Latin letters and digits whole when they fit on a line.
 *
 * @example
 * const measure = (t: string, size: number) => [...t].length * size;
 * wrapLabel('长春新区北湖科技开发区', 48, 2, 12, measure); // ['长春新区', '北湖科…']
 * wrapLabel('梅河口高新区', 60, 3, 12, measure); // ['梅河口', '高新区']
 */
export function wrapLabel(text: string, maxWidth: number, maxLines: number, fontSize: number, measure: Measure): string[] {
  const lines = greedyWrap(text, maxWidth, fontSize, measure);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = ellipsize(lines.slice(maxLines - 1).join(''), maxWidth, fontSize, measure);
    return kept;
  }
  // Balanced lines: `梅河口/高新区`, not `梅河口高新/区`. Narrow the width while the count holds.
  let best = lines;
  for (let width = maxWidth - fontSize / 2; lines.length > 1 && width >= fontSize; width -= fontSize / 2) {
    const narrower = greedyWrap(text, width, fontSize, measure);
    if (narrower.length !== lines.length) break;
    best = narrower;
  }
  return best;
}

function greedyWrap(text: string, maxWidth: number, fontSize: number, measure: Measure): string[] {
  const tokens = text.match(/[A-Za-z0-9.%+-]+|\s+|./gsu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (measure(line + token, fontSize) <= maxWidth || line === '') {
      // A token wider than a whole line is cut character by character.
      if (line === '' && measure(token, fontSize) > maxWidth) {
        for (const ch of token) {
          if (line !== '' && measure(line + ch, fontSize) > maxWidth) {
            lines.push(line);
            line = '';
          }
          line += ch;
        }
      } else line += token;
      continue;
    }
    lines.push(line.trimEnd());
    line = token.trimStart();
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * `text` cut to fit `maxWidth`, ending in `…` when cut.
 *
 * @example
 * ellipsize('珠海高新区营业收入', 60, 12, (t, s) => [...t].length * s); // '珠海高新…'
 */
export function ellipsize(text: string, maxWidth: number, fontSize: number, measure: Measure): string {
  if (measure(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && measure(`${chars.join('')}…`, fontSize) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

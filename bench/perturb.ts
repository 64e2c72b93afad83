import { shuffled, type Random } from './prng.js';

/**
 * Text transforms that turn a seed into a distinct but equally realistic copy: other numbers,
 * sentences in another order, the same layout. The layout matters because cleaning reads it
 * (line lengths, blank lines, indentation mark headings and paragraph ends), so a copy must
 * cost the cleaner what the original costs and come out with the same structure.
 */

const NUMBER = /\d+(?:\.\d+)?/g;
// Years keep their value: `2087年` would be a different kind of text, not a different figure.
const YEAR = /^(?:19|20)\d{2}$/;
const ENDS_SENTENCE = /[。！？!?；;…][”’」』）)]*$/;
const HAS_ENDER = /[。！？!?；;…]/;
// A sentence with its closing punctuation and quotes; the last one may lack punctuation.
const SENTENCE = /[^。！？!?；;…]*(?:[。！？!?；;…]+[”’」』）)]*|$)/g;

/**
 * Scales every number except years by a random factor in [0.7, 1.3), keeping its decimals.
 *
 * @example
 * perturbNumbers('投资50.2亿元，2020年', seeded(7)); // '投资35.5亿元，2020年'
 */
export function perturbNumbers(text: string, random: Random): string {
  return text.replace(NUMBER, (digits) => {
    if (YEAR.test(digits)) return digits;
    const decimals = digits.split('.')[1]?.length ?? 0;
    const value = Number(digits) * (0.7 + 0.6 * random());
    return Math.max(decimals ? 10 ** -decimals : 1, value).toFixed(decimals);
  });
}

/**
 * Shuffles sentences inside each paragraph and pours the text back into the original line
 * lengths, blank lines included. A paragraph runs to a line ending a sentence; lines without
 * sentence punctuation that are clearly short (headings, bylines) stay where they are, and so
 * does each paragraph's first sentence (leads such as `本报讯…` anchor article boundaries).
 *
 * @example
 * reshuffleSentences('开头。甲一。乙二。丙\n三。\n\n标题\n', seeded(1)); // '开头。丙三。甲一。乙\n二。\n\n标题\n'
 */
export function reshuffleSentences(text: string, random: Random): string {
  const lines = text.split('\n');
  const column = columnWidth(lines);
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    out.push(...shuffleParagraph(paragraph, random));
    paragraph = [];
  };
  for (const line of lines) {
    const bare = line.trim();
    if (bare && !HAS_ENDER.test(bare) && bare.length < column * 0.75) {
      flush();
      out.push(line);
      continue;
    }
    paragraph.push(line);
    if (ENDS_SENTENCE.test(bare)) flush();
  }
  flush();
  return out.join('\n');
}

/** The width of a full line: the 90th percentile of non-blank line lengths. */
function columnWidth(lines: string[]): number {
  const lengths = lines.map((l) => l.trim().length).filter((n) => n > 0).sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.9)] ?? 0;
}

function shuffleParagraph(lines: string[], random: Random): string[] {
  const content = lines.join('');
  const parts = [...content.matchAll(SENTENCE)].map((m) => m[0]).filter((s) => s.length > 0);
  if (parts.length < 3) return lines;
  const first = parts[0]!;
  const tail = ENDS_SENTENCE.test(parts.at(-1)!) ? [] : [parts.at(-1)!];
  const middle = parts.slice(1, parts.length - tail.length);
  const reordered = [first, ...shuffled(middle, random), ...tail].join('');
  let at = 0;
  return lines.map((line, i) => {
    const end = i === lines.length - 1 ? reordered.length : at + line.length;
    const piece = reordered.slice(at, end);
    at = end;
    return piece;
  });
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanLine } from '../src/corpus/clean.js';
import { splitPassages } from '../src/corpus/passages.js';
import { extractFigures } from '../src/nlp/figures.js';
import { tokenize } from '../src/nlp/tokenizer.js';

/**
 * Properties over random text made of what the seeds are made of: CJK (with the domain's
 * words), full-width and ASCII digits, Latin, every kind of space, line breaks, the CJK
 * punctuation that drives sentence and figure detection, and a few invisible characters.
 */

const CJK = [...'梅河口高新区经开区长春吉林省市县园产业投资亿万元平方公里同比增长企业项目年度第一二三十百千本报讯总值收入'];
const DIGITS = [...'0123456789０１２３４５６７８９'];
const LATIN = [...'abcXYZ'];
const SPACES = [' ', ' ', '\u3000', '\t', '\u00a0'];
/** En, em and narrow no-break spaces: PDF text layers are full of them. */
const TYPOGRAPHIC_SPACES = ['\u2002', '\u2003', '\u202f'];
const BREAKS = ['\n', '\n', '\r\n', '\n\n', '\r'];
const PUNCT = [...'。，、“”%.％；：！？（）…—-·,'];
const ODD = ['\u200b', '\ufeff', '\u0000', '\u0007', '[bookmark: _Toc1]'];
/** Whole figures and phrases, so figure extraction sees its real input too. */
const PHRASES = ['141.5亿元', '16.5%', '同比增长10%', '2020年', '３２.５平方公里', '9000万', '美元', '约1.4亿多元', '从1902亿元上升至3475亿元', '“十三五”期间', '1,234.5万元'];

const LINE_CHARS = [...CJK, ...DIGITS, ...LATIN, ...SPACES, ...PUNCT, ...ODD];
/** Random text from `chars` (one character or one phrase per piece). */
const made = (chars: string[], maxLength: number) =>
  fc
    .array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...chars) }, { weight: 1, arbitrary: fc.constantFrom(...PHRASES) }), { maxLength })
    .map((pieces) => pieces.join(''));
/** One source line, as cleanLine gets it. */
const line = (maxLength: number) => made(LINE_CHARS, maxLength);
/** A whole file or sentence: lines, breaks and every kind of space. */
const text = (maxLength: number) => made([...LINE_CHARS, ...TYPOGRAPHIC_SPACES, ...BREAKS], maxLength);

// Enough runs to hit the odd mixes, few enough that the file takes a few seconds.
const RUNS = { numRuns: 150 };

const idempotent = (raw: string) => {
  const once = cleanLine(raw);
  expect(cleanLine(once)).toBe(once);
};

describe('cleanLine', () => {
  it('never throws and is idempotent', () => {
    fc.assert(fc.property(line(80), idempotent), RUNS);
  });

  // PDF text carries en, em and narrow no-break spaces (U+2002, U+2003, U+202F) too.
  it('is idempotent with typographic spaces too', () => {
    fc.assert(fc.property(made([...LINE_CHARS, ...TYPOGRAPHIC_SPACES], 80), idempotent), RUNS);
  });
});

describe('splitPassages', () => {
  it('never throws; passages are non-empty, uniquely numbered and cite lines that exist', () => {
    fc.assert(
      fc.property(text(600), (raw) => {
        const lineCount = raw.split(/\r\n|\r|\n/).length;
        const passages = splitPassages('doc.txt', raw);
        expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
        for (const p of passages) {
          expect(p.text.trim()).not.toBe('');
          expect(p.lines[0]).toBeGreaterThanOrEqual(1);
          expect(p.lines[0]).toBeLessThanOrEqual(p.lines[1]);
          expect(p.lines[1]).toBeLessThanOrEqual(lineCount);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('tokenize', () => {
  it('never throws and yields no empty or whitespace-only terms', () => {
    fc.assert(
      fc.property(text(120), (input) => {
        for (const term of tokenize(input)) expect(term.trim()).not.toBe('');
      }),
      RUNS,
    );
  });
});

describe('extractFigures', () => {
  it('never throws; every figure quotes its sentence and shows its unit and value digits', () => {
    fc.assert(
      fc.property(text(80), (sentence) => {
        for (const figure of extractFigures(sentence)) {
          expect(figure.raw).toBe(sentence.slice(...figure.span));
          const raw = figure.raw.normalize('NFKC');
          // The unit leaves out approximation words printed inside it (`亿元` of `1.4亿多元`).
          expect(inOrderWithin(figure.unit.normalize('NFKC'), raw), `${figure.unit} in ${raw}`).toBe(true);
          // Printed digits (separators dropped) contain the value's significant digits.
          if (/\d/.test(raw)) expect(raw.replace(/\D/g, '')).toContain(digits(figure.value));
        }
      }),
      RUNS,
    );
  });
});

/** Whether every character of `part` occurs in `whole`, in order. */
function inOrderWithin(part: string, whole: string): boolean {
  let at = 0;
  for (const c of part) {
    at = whole.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** The digits of a number as printed without exponent or sign: 141.5 → '1415', 0.05 → '005'. */
function digits(value: number): string {
  return Math.abs(value)
    .toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })
    .replace(/\D/g, '');
}

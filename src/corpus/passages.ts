import { lineJoiner } from './clean.js';
import { lineAt, structure, type MappedText } from './structure.js';

/** A citable unit of text: a few sentences of one section of one article. */
export interface Passage {
  /** `<file>#<n>`, n from 1 in file order: stable as long as the file does not change. */
  id: string;
  doc: string;
  n: number;
  /** Index of the article within the file (0-based). */
  article: number;
  articleTitle: string | null;
  /** The date the article's title block states (`2026年1月27日`), if any. */
  articleDate?: string;
  /** Section heading, else the article title. */
  title: string | null;
  text: string;
  /** First and last source line (1-based, inclusive). */
  lines: [number, number];
  /** The passage starts inside a paragraph the previous passage began: context carries over. */
  continues: boolean;
}

export const PASSAGE_MIN = 80;
export const PASSAGE_MAX = 300;

// A sentence runs to its final punctuation plus any closing quotes; a trailing fragment
// without punctuation is a sentence too.
const SENTENCE = /[^。！？!?；;…]+(?:[。！？!?；;]+|…+)[”’」』）)]*|[^。！？!?；;…]+$|…+/g;

/**
 * Splits text into sentences with their offsets.
 *
 * @example
 * sentences('增长10%；财政收入15.3亿元。').map((s) => s.text); // ['增长10%；', '财政收入15.3亿元。']
 */
export function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  for (const match of text.matchAll(SENTENCE)) {
    for (const piece of splitLong(match[0], PASSAGE_MAX)) out.push({ text: piece.text, start: match.index + piece.start });
  }
  return out;
}

/** Cuts an over-long sentence at clause punctuation (never inside a number), else hard. */
function splitLong(text: string, max: number): { text: string; start: number }[] {
  if (text.length <= max) return [{ text, start: 0 }];
  const out: { text: string; start: number }[] = [];
  let start = 0;
  while (text.length - start > max) {
    const window = text.slice(start, start + max);
    const cut = Math.max(window.lastIndexOf('，'), window.lastIndexOf('、'), window.lastIndexOf(','));
    const end = cut > max / 3 ? start + cut + 1 : start + max;
    out.push({ text: text.slice(start, end), start });
    start = end;
  }
  out.push({ text: text.slice(start), start });
  return out;
}

interface Piece {
  paragraph: MappedText;
  start: number;
  end: number;
}

/**
 * Cleans a whole file and splits it into passages of roughly 80–300 characters on sentence
 * boundaries, each remembering its article, section title and source line range.
 *
 * @example
 * const passages = splitPassages('000_x.txt', rawText);
 * passages[0]; // { id: '000_x.txt#1', lines: [1, 5], text: '全年预计实现工业总产值185.7亿元…', … }
 */
export function splitPassages(doc: string, raw: string): Passage[] {
  const passages: Passage[] = [];
  structure(raw).forEach((article, articleIndex) => {
    for (const section of article.sections) {
      let pieces: Piece[] = [];
      let length = 0;
      const flush = () => {
        if (pieces.length === 0) return;
        const first = pieces[0]!;
        const last = pieces.at(-1)!;
        let text = '';
        for (const piece of pieces) {
          const part = piece.paragraph.text.slice(piece.start, piece.end);
          text += lineJoiner(text, part) + part;
        }
        const n = passages.length + 1;
        passages.push({
          id: `${doc}#${n}`,
          doc,
          n,
          article: articleIndex,
          articleTitle: article.title,
          ...(article.date ? { articleDate: article.date } : {}),
          continues: first.start > 0,
          title: section.heading ?? article.title,
          text,
          lines: [lineAt(first.paragraph, first.start), lineAt(last.paragraph, last.end - 1)],
        });
        pieces = [];
        length = 0;
      };
      for (const paragraph of section.paragraphs) {
        for (const sentence of sentences(paragraph.text)) {
          if (length > 0 && length + sentence.text.length > PASSAGE_MAX) flush();
          const end = sentence.start + sentence.text.length;
          const previous = pieces.at(-1);
          if (previous && previous.paragraph === paragraph && previous.end === sentence.start) previous.end = end;
          else pieces.push({ paragraph, start: sentence.start, end });
          length += sentence.text.length;
        }
        if (length >= PASSAGE_MIN) flush();
      }
      flush();
    }
  });
  return passages;
}

import {
  ARTICLE_OPENER,
  NUMBERED_HEADING,
  cleanLine,
  endsSentence,
  hasClausePunctuation,
  lineJoiner,
} from './clean.js';
import { assignHeadlines, cleanTitle } from './headlines.js';

/** Text assembled from source lines, remembering where each line's contribution starts. */
export interface MappedText {
  text: string;
  /** Ascending `[offset in text, 1-based source line]` pairs. */
  starts: [number, number][];
}

export interface Section {
  /** Heading(s) right above this run of paragraphs, joined with a space. */
  heading: string | null;
  paragraphs: MappedText[];
}

export interface Article {
  /** The article's headline (news pages print it after the body) or first heading, cleaned. */
  title: string | null;
  /** The date its title block states (`2026年1月27日`), if any. */
  date?: string;
  sections: Section[];
}

interface Line {
  no: number;
  text: string;
  /** The PDF stretched the line with a space between every character: body text, not a title. */
  justified: boolean;
  /** The line ended with a reporter's sign-off (taken out of `text`): the article ends here. */
  signedOff: boolean;
}

/** Lines wider than this (median) are one paragraph each (DOCX export), not a PDF column. */
const WRAPPED_MAX_WIDTH = 40;
const WINDOW = 8;

/**
 * Rebuilds the structure PDF/DOCX extraction flattened: headings, paragraphs joined across
 * broken lines and blank lines, and articles (`本报讯 …`), each paragraph mapped back to its
 * source lines.
 *
 * @example
 * const [article] = structure('综合实力持续增强\n\n2020 年，面对突如其来的\n新冠疫情。');
 * article.sections[0].heading; // '综合实力持续增强'
 * article.sections[0].paragraphs[0].text; // '2020年，面对突如其来的新冠疫情。'
 */
export function structure(raw: string): Article[] {
  const all = raw.split(/\r\n|\r|\n/).map((text, i) => readLine(text, i + 1));
  const lines = all.filter((l) => l.text !== '');
  const blankBefore = new Set<number>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.no - lines[i - 1]!.no > 1) blankBefore.add(i);
  }
  const widths = lines.map((l) => l.text.length);
  const localWidth = (i: number) => median(widths.slice(Math.max(0, i - WINDOW), i + WINDOW + 1));
  const isHeading = detectHeadings(lines, all, blankBefore, localWidth);

  const articles: Article[] = [];
  let article: Article = { title: null, sections: [] };
  let section: Section | null = null;
  let paragraph: MappedText | null = null;
  let pendingHeadings: string[] = [];
  // Articles closed since the last headline block: the ones its headlines may belong to.
  let awaiting: Article[] = [];

  const closeArticle = () => {
    if (article.sections.some((s) => s.paragraphs.length > 0)) {
      articles.push(article);
      awaiting.push(article);
    }
    article = { title: null, sections: [] };
    section = null;
    paragraph = null;
  };
  // Newspaper pages print headlines after the bodies: a heading block right before
  // `本报讯` or at the end of the page holds the headlines of the articles before it.
  const placeHeadlines = () => {
    const titles = assignHeadlines(pendingHeadings, awaiting.map(articleText));
    awaiting.forEach((a, k) => (a.title = titles[k] ?? a.title));
    awaiting = [];
    pendingHeadings = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isHeading[i]) {
      pendingHeadings.push(line.text);
      paragraph = null;
      continue;
    }
    if (ARTICLE_OPENER.test(line.text) && articles.length + article.sections.length > 0) {
      closeArticle();
      if (pendingHeadings.length > 0) placeHeadlines();
    }
    if (pendingHeadings.length > 0 || section === null) {
      const heading = pendingHeadings.length > 0 ? pendingHeadings.join(' ') : null;
      section = { heading, paragraphs: [] };
      article.sections.push(section);
      if (article.title === null && heading !== null && article.sections.length === 1) article.title = heading;
      pendingHeadings = [];
      paragraph = null;
    }
    const previous = lines[i - 1];
    if (paragraph !== null && previous !== undefined && !startsParagraph(previous, line, blankBefore.has(i), localWidth(i))) {
      const p: MappedText = paragraph;
      p.text += lineJoiner(p.text, line.text);
      p.starts.push([p.text.length, line.no]);
      p.text += line.text;
    } else {
      paragraph = { text: line.text, starts: [[0, line.no]] };
      (section as Section).paragraphs.push(paragraph);
    }
    // A reporter's sign-off (`…动力源。 高欣`) ends the article.
    if (line.signedOff) closeArticle();
  }
  closeArticle();
  if (pendingHeadings.length > 0) placeHeadlines();
  for (const a of articles) {
    const date = a.title ? DATE.exec(a.title)?.[0] : undefined;
    if (date) a.date = date;
    a.title = cleanTitle(a.title);
  }
  return articles;
}

// A full date in a title block's dateline: `（2026年1月27日在贵州省…会议上）`.
const DATE = /(?:19|20)\d{2}年\d{1,2}月\d{1,2}日/;

// `…推进项目审批。 龙江`: a sentence end, a space and a 2–3 character name closing a line.
const SIGN_OFF = /([。！？”])\s+[\u4e00-\u9fff]{2,3}\s*$/;

/** One source line, cleaned; a reporter's sign-off is cut off its end and remembered. */
function readLine(raw: string, no: number): Line {
  const signOff = SIGN_OFF.exec(raw);
  const kept = signOff ? raw.slice(0, signOff.index + 1) : raw;
  return { no, text: cleanLine(kept), justified: isLetterSpaced(raw), signedOff: signOff !== null };
}

function articleText(article: Article): string {
  return article.sections.flatMap((s) => s.paragraphs.map((p) => p.text)).join('');
}

/** Whether `line` opens a new paragraph rather than continuing the one `previous` is in. */
function startsParagraph(previous: Line, line: Line, blankBetween: boolean, width: number): boolean {
  if (width >= WRAPPED_MAX_WIDTH) return true; // one paragraph per line
  if (!endsSentence(previous.text)) return false; // broken mid-sentence, whatever lies between
  // A sentence end followed by a blank line, or by a short last line, closes the paragraph.
  return blankBetween || previous.text.length < width - 2;
}

function detectHeadings(lines: Line[], all: Line[], blankBefore: Set<number>, localWidth: (i: number) => number): boolean[] {
  const heading = lines.map(() => false);
  const headlineLike = (i: number) => {
    const text = lines[i]!.text;
    return !endsSentence(text) && !ARTICLE_OPENER.test(text) && !lines[i]!.justified && text.length <= 60;
  };
  const afterBreak = (i: number) => i === 0 || heading[i - 1]! || endsSentence(lines[i - 1]!.text);
  for (let i = 0; i < lines.length; i++) {
    if (!afterBreak(i) || !headlineLike(i)) continue;
    const text = lines[i]!.text;
    const width = localWidth(i);
    if (NUMBERED_HEADING.test(text)) heading[i] = true;
    else if (isolatedInProse(lines, all, i, blankBefore)) heading[i] = !/[。；！？]/.test(text);
    // A paragraph's first line is indented by two characters; a headline is set in another
    // size, so it is clearly shorter or longer than the column.
    else if (!hasClausePunctuation(text) && (text.length <= width - 4 || text.length >= width + 3)) heading[i] = true;
  }
  // Headline blocks sit right before the next article (`本报讯`) or at the end of the file:
  // a run of unpunctuated lines there that starts after a sentence end is a headline.
  for (let end = lines.length; end >= 1; end--) {
    const atBoundary = end === lines.length || heading[end]! || ARTICLE_OPENER.test(lines[end]!.text);
    if (!atBoundary) continue;
    let start = end;
    while (start > 0 && headlineLike(start - 1) && !hasClausePunctuation(lines[start - 1]!.text)) start--;
    if (start < end && afterBreak(start)) for (let k = start; k < end; k++) heading[k] = true;
  }
  return heading;
}

/**
 * A line standing alone between blank lines, in a file whose paragraphs otherwise run over
 * consecutive lines (so the blank lines mean something), is a heading.
 */
function isolatedInProse(lines: Line[], all: Line[], i: number, blankBefore: Set<number>): boolean {
  if (i + 1 >= lines.length || !blankBefore.has(i + 1)) return false;
  if (i > 0 && !blankBefore.has(i)) return false;
  const next = lines[i + 1]!;
  const afterNext = all[next.no]; // the source line after `next` (0-based index = no)
  return afterNext !== undefined && afterNext.text !== '' && !endsSentence(next.text);
}

function isLetterSpaced(raw: string): boolean {
  const chars = raw.trim().split(/\s+/);
  return chars.length >= 6 && chars.filter((c) => c.length === 1).length >= chars.length * 0.6;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The source line holding character `offset` of a mapped text. */
export function lineAt(mapped: MappedText, offset: number): number {
  let line = mapped.starts[0]![1];
  for (const [start, no] of mapped.starts) {
    if (start > offset) break;
    line = no;
  }
  return line;
}

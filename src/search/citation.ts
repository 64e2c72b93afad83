import type { Citation } from './types.js';

/** Longest article title a citation shows; the full one is on 原文. */
const TITLE_MAX = 24;

/**
 * A citation as people read it: the article's title and date with the passage number
 * (`〔潍坊高新区…发展纪实 · 2021年 · ¶7〕`; the file and lines are on 原文), or, for an article
 * without a title, file, passage number, page (PDF) and source lines (paragraphs for DOCX).
 *
 * @example
 * formatCitation({ doc: '000_x.txt', passage: '000_x.txt#7', lines: [34, 36] }); // '〔000_x.txt · ¶7 · L 34–36〕'
 * formatCitation({ doc: '002_x.txt', passage: '002_x.txt#12', lines: [383, 390], title: '加强创新链和产业链对接 成都高新区签约14个项目', date: '2021年' });
 * // '〔加强创新链和产业链对接 成都高新区签约1… · 2021年 · ¶12〕'
 */
export function formatCitation(citation: Citation): string {
  if (!citation.title) return formatLocation(citation);
  const title = [...citation.title].length > TITLE_MAX ? `${[...citation.title].slice(0, TITLE_MAX - 1).join('')}…` : citation.title;
  return `〔${[title, citation.date, `¶${passageNumber(citation)}`].filter(Boolean).join(' · ')}〕`;
}

const passageNumber = (citation: Citation) => citation.passage.slice(citation.passage.lastIndexOf('#') + 1);

/**
 * Where a passage is: file, passage number, page (PDF) and source lines, or paragraphs for
 * DOCX. What 原文 shows, and a citation for an article without a title.
 *
 * @example
 * formatLocation({ doc: '000_x.txt', passage: '000_x.txt#7', lines: [34, 36] }); // '〔000_x.txt · ¶7 · L 34–36〕'
 */
export function formatLocation(citation: Citation): string {
  const n = passageNumber(citation);
  const span = ([from, to]: [number, number]) => (from === to ? `${from}` : `${from}–${to}`);
  const where = [citation.pages ? `p. ${span(citation.pages)}` : null, `${citation.unit === 'paragraph' ? 'P' : 'L'} ${span(citation.lines)}`];
  return `〔${citation.doc} · ¶${n} · ${where.filter(Boolean).join(' · ')}〕`;
}

import type { Citation } from './types.js';

/**
 * A citation as people read it: file, passage number, page (PDF) and source lines, or
 * paragraphs for DOCX.
 *
 * @example
 * formatCitation({ doc: '000_x.txt', passage: '000_x.txt#7', lines: [34, 36] }); // '〔000_x.txt · ¶7 · L 34–36〕'
 */
export function formatCitation(citation: Citation): string {
  const n = citation.passage.slice(citation.passage.lastIndexOf('#') + 1);
  const span = ([from, to]: [number, number]) => (from === to ? `${from}` : `${from}–${to}`);
  const where = [citation.pages ? `p. ${span(citation.pages)}` : null, `${citation.unit === 'paragraph' ? 'P' : 'L'} ${span(citation.lines)}`];
  return `〔${citation.doc} · ¶${n} · ${where.filter(Boolean).join(' · ')}〕`;
}

import type { Citation } from './types.js';

/**
 * A citation as people read it: file, passage number and source lines.
 *
 * @example
 * formatCitation({ doc: '000_x.txt', passage: '000_x.txt#7', lines: [34, 36] }); // '〔000_x.txt · ¶7 · L 34–36〕'
 */
export function formatCitation(citation: Citation): string {
  const n = citation.passage.slice(citation.passage.lastIndexOf('#') + 1);
  const [from, to] = citation.lines;
  const lines = from === to ? `L ${from}` : `L ${from}–${to}`;
  return `〔${citation.doc} · ¶${n} · ${lines}〕`;
}

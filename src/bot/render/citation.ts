import { formatCitation } from '../../search/citation.js';
import type { Citation } from '../../search/types.js';
import { escapeMarkdown } from './markdown.js';

/**
 * A citation as Discord markdown: `〔file · ¶n · L a–b〕` (page and paragraph forms as the
 * core formats them), escaped because file names are user data. Renderers keep it on a line
 * of its own so budget cuts drop it whole or keep it whole.
 *
 * @example
 * citation({ doc: '000_2948f0920b1045a6.txt', passage: '000_2948f0920b1045a6.txt#3', lines: [22, 27] });
 * // '〔000_2948f0920b1045a6.txt · ¶3 · L 22–27〕'
 */
export function citation(c: Citation): string {
  return escapeMarkdown(formatCitation(c));
}

import { escapeAndTruncate } from './markdown.js';

/**
 * The lines under an answer: the core's notes (query truncated, zone unknown …) and its
 * did-you-mean suggestions, escaped and cut to `max` characters in total.
 *
 * @example
 * notesBlock(['查询已截断。'], ['梅河口'], 500); // '※ 查询已截断。\n你是不是要找 / Did you mean: 梅河口'
 */
export function notesBlock(notes: readonly string[], suggestions: readonly string[], max: number): string {
  const lines = notes.map((n) => `※ ${escapeAndTruncate(n, 300)}`);
  if (suggestions.length) lines.push(`你是不是要找 / Did you mean: ${suggestions.map((s) => escapeAndTruncate(s, 60)).join('、')}`);
  let out = '';
  for (const line of lines) {
    if (out.length + line.length + 1 > max) break;
    out += (out ? '\n' : '') + line;
  }
  return out;
}

/**
 * The body of an answer that found nothing: what was searched, what to try instead. Never
 * empty, so Discord never receives an empty embed.
 *
 * @example
 * emptyBody('火星', ['梅河口'], [], ['/zone 梅河口']);
 * // '没有找到与“火星”相关的内容。/ Nothing matched “火星”.\n…'
 */
export function emptyBody(query: string, suggestions: readonly string[], notes: readonly string[], tryThese: readonly string[]): string {
  const q = escapeAndTruncate(query, 200);
  const head = `没有找到与“${q}”相关的内容。/ Nothing matched “${q}”.`;
  const tips = tryThese.length ? `可以试试 / Try: ${tryThese.map((t) => escapeAndTruncate(t, 100)).join(' · ')}` : '';
  return [head, notesBlock(notes, suggestions, 1500), tips].filter(Boolean).join('\n\n');
}

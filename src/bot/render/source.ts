import type { APIEmbed } from 'discord.js';
import type { SourceAnswer } from '../../search/types.js';
import type { ButtonView, ReplyView } from '../types.js';
import { formatLocation } from '../../search/citation.js';
import { citation } from './citation.js';
import { COLORS, LIMITS } from './limits.js';
import { escapeAndTruncate, escapeMarkdown } from './markdown.js';
import { fitPrefix } from './text.js';

const TITLE = '原文 / Source';
const CUT_NOTE = '…（过长，已截断，请查看原文件 / too long, truncated: see the file）';

/**
 * Splits escaped text into chunks of at most `perPart` within a total `budget`, cutting
 * between characters of the original (never inside an escape or a surrogate pair).
 */
function chunks(text: string, perPart: number, budget: number): { parts: string[]; cut: boolean } {
  const parts: string[] = [];
  let at = 0;
  let left = budget;
  while (at < text.length && parts.length < LIMITS.embeds && left > 1) {
    const room = Math.min(perPart, left);
    const end = escapeMarkdown(text, at).length <= room ? text.length : fitPrefix(text, at, room, (e) => escapeMarkdown(text, at, e));
    if (end <= at) break;
    const part = escapeMarkdown(text, at, end);
    parts.push(part);
    left -= part.length;
    at = end;
  }
  return { parts, cut: at < text.length };
}

function navButtons(answer: SourceAnswer): ButtonView[][] {
  const { prev, next } = answer.passage;
  if (!prev && !next) return [];
  const row: ButtonView[] = [];
  if (prev) row.push({ label: '◀ 上一段', action: { kind: 'source', passage: prev, open: 'here' }, style: 'secondary', nav: 'prev' });
  if (next) row.push({ label: '下一段 ▶', action: { kind: 'source', passage: next, open: 'here' }, style: 'secondary', nav: 'next' });
  return [row];
}

/**
 * The full text of one passage with its citation; text longer than one description runs on
 * in further embeds up to Discord's 6000-character total, then ends with a note. Buttons
 * page to the neighbouring passages of the same file.
 *
 * @example
 * renderSource(service.source('000_2948f0920b1045a6.txt#3'), { ephemeral: true });
 */
export function renderSource(answer: SourceAnswer, options: { ephemeral: boolean }): ReplyView {
  // 原文 names the file and lines as well as the article.
  const cite = [answer.citation.title ? citation(answer.citation) : null, escapeMarkdown(formatLocation(answer.citation))].filter(Boolean).join('\n');
  const heading = answer.passage.title ? `［${escapeAndTruncate(answer.passage.title, 200)}］\n` : '';
  // Every part keeps room for the heading, the cut note and the citation, wherever it lands.
  const fixed = heading.length + CUT_NOTE.length + cite.length + 2;
  const { parts, cut } = chunks(answer.passage.text, LIMITS.description - fixed, LIMITS.embedTotal - TITLE.length - fixed);
  if (parts.length === 0) parts.push('');
  const last = parts.length - 1;
  const embeds: APIEmbed[] = parts.map((part, i) => {
    let description = (i === 0 ? heading : '') + part + (i === last && cut ? `\n${CUT_NOTE}` : '');
    if (i === last) description += `\n${cite}`;
    return { ...(i === 0 ? { title: TITLE } : {}), description: description.trim() || cite, color: COLORS.source };
  });
  return { embeds, buttons: navButtons(answer), ephemeral: options.ephemeral, results: 1 };
}

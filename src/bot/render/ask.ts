import { outcome } from './outcome.js';
import { answerFacts } from '../../search/provenance.js';
import type { AskAnswer, AskResult, DirectAnswer } from '../../search/types.js';
import type { ReplyView } from '../types.js';
import { citation } from './citation.js';
import { followUpButton } from './followup.js';
import { COLORS, LIMITS } from './limits.js';
import { escapeAndTruncate, highlight } from './markdown.js';
import { emptyBody, notesBlock } from './notes.js';
import { navRow, ordinal, pageFooter, pageOf, sourceRow } from './paging.js';

/** A snippet longer than this is a wall of text in a list; 原文 shows the whole passage. */
const SNIPPET_MAX = 700;
/** Room kept in the description for notes and suggestions. */
const NOTES_MAX = 600;

/** Where the user is: the question as typed (so a button can ask it again) and the page. */
export interface AskAt {
  query: string;
  page: number;
}

/** The answer line: the answer in bold, what it measures, its citation. */
function answerLine(a: DirectAnswer): string {
  const facts = answerFacts(a);
  return `**答 / Answer：${escapeAndTruncate(a.text, 300)}**${facts.length ? ` · ${escapeAndTruncate(facts.join(' · '), 200)}` : ''}\n${citation(a.citation)}`;
}

function block(r: AskResult, n: number, room: number): string {
  const cite = citation(r.citation);
  const title = r.title ? `［${escapeAndTruncate(r.title, 80)}］` : '';
  const head = `${ordinal(n)} ${title}`;
  const text = highlight(r.text, r.highlights, Math.max(20, Math.min(SNIPPET_MAX, room - head.length - cite.length - 1)));
  return `${head}${text}\n${cite}`;
}

/**
 * One page of an /ask answer: numbered snippets with matches in bold, each followed by its
 * citation; 上一页/下一页 when there is more than one page, one 原文 button per passage, and
 * 追问 for a follow-up question.
 *
 * @example
 * renderAsk(service.ask('梅河口离长春有多远？'), { query: '梅河口离长春有多远？', page: 0 });
 */
export function renderAsk(answer: AskAnswer, at: AskAt): ReplyView {
  const title = `问答 / Ask · ${escapeAndTruncate(at.query, 200)}`;
  if (answer.results.length === 0) {
    const tryThese = ['/figure 招商引资', '/zone 梅河口', '/help'];
    const buttons = answer.query ? [[followUpButton(answer.query)]] : [];
    return { embeds: [{ title, description: emptyBody(at.query, answer.suggestions, answer.notes, tryThese), color: COLORS.notice }], buttons, ephemeral: false, results: 0, usage: { ...outcome(answer), votable: false } };
  }
  const page = pageOf(answer.results, at.page);
  const notes = notesBlock(answer.notes, answer.suggestions, NOTES_MAX);
  // The answer first, the evidence under it; without one, what the notes say (the documents
  // do not answer this) comes first, before the possibly related passages.
  const lead = answer.answer && page.page === 0 ? answerLine(answer.answer) : answer.answer ? '' : notes;
  const tail = answer.answer ? notes : '';
  const room = Math.floor((LIMITS.description - notes.length - lead.length - 4) / page.items.length) - 2;
  const blocks = page.items.map((r, i) => block(r, page.offset + i + 1, room));
  return {
    embeds: [
      {
        title,
        description: [lead, ...blocks, tail].filter(Boolean).join('\n\n'),
        color: COLORS.ask,
        footer: { text: pageFooter(page, answer.results.length) },
      },
    ],
    buttons: [
      ...navRow(page, (p) => ({ kind: 'ask', query: at.query, page: p })),
      ...sourceRow(
        page.items.map((r) => r.citation),
        page.offset,
      ),
      [followUpButton(answer.query)],
    ],
    ephemeral: false,
    results: answer.results.length,
    usage: { ...outcome(answer), votable: true },
  };
}

import type { APIEmbedField } from 'discord.js';
import { zoneAndYear } from '../../search/provenance.js';
import type { FigureAnswer, FigureResult } from '../../search/types.js';
import type { ReplyView } from '../types.js';
import { citation } from './citation.js';
import { COLORS, LIMITS } from './limits.js';
import { escapeAndTruncate, highlight } from './markdown.js';
import { emptyBody, notesBlock } from './notes.js';
import { navRow, ordinal, pageFooter, pageOf, sourceRow } from './paging.js';

/** Where the user is: the options as typed (so a button can run them again) and the page. */
export interface FigureAt {
  query: string;
  zone: string | null;
  year: string | null;
  page: number;
}

const ROLE: Record<FigureResult['role'], string | null> = { level: null, change: '变化 / change', from: '起 / from', to: '至 / to', range: '区间 / range' };

/**
 * The value as printed with its unit: `141.5亿元`.
 *
 * @example
 * figureValue({ value: 141.5, unit: '亿元' }); // '141.5亿元'
 */
export function figureValue(f: Pick<FigureResult, 'value' | 'unit'>): string {
  return `${f.value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 6 })}${f.unit}`;
}

function field(f: FigureResult, n: number, room: number): APIEmbedField {
  const name = `${ordinal(n)} ${escapeAndTruncate(figureValue(f), 60)} · ${escapeAndTruncate(f.label, 150)}`;
  const meta = [...zoneAndYear(f), ...f.qualifiers, ROLE[f.role]].filter(Boolean).map((m) => escapeAndTruncate(m!, 60));
  const head = meta.join(' · ');
  const cite = citation(f.citation);
  const max = Math.min(LIMITS.fieldValue, room - name.length);
  const sentence = highlight(f.sentence, [f.span], Math.max(20, max - head.length - cite.length - 2));
  return { name, value: `${head}\n${sentence}\n${cite}` };
}

/**
 * One page of a /figure answer: each figure as a field (value + unit and label; zone, year
 * and qualifiers; the evidence sentence with the number in bold; the citation), with
 * 上一页/下一页 and 原文 buttons.
 *
 * @example
 * renderFigure(service.figure('招商引资'), { query: '招商引资', zone: null, year: null, page: 0 });
 */
export function renderFigure(answer: FigureAnswer, at: FigureAt): ReplyView {
  const filters = [answer.zone ?? at.zone, answer.year ?? at.year].filter(Boolean).map((s) => escapeAndTruncate(s!, 40));
  const title = `数字 / Figures · ${escapeAndTruncate(at.query, 150)}${filters.length ? ` · ${filters.join(' · ')}` : ''}`;
  if (answer.results.length === 0) {
    const tryThese = ['/figure 招商引资', '/figure 固定资产投资 zone:梅河口', `/ask ${at.query}`];
    return { embeds: [{ title, description: emptyBody(at.query, answer.suggestions, answer.notes, tryThese), color: COLORS.notice }], buttons: [], ephemeral: false, results: 0 };
  }
  const page = pageOf(answer.results, at.page);
  const description = notesBlock(answer.notes, answer.suggestions, 1000);
  const footer = pageFooter(page, answer.results.length);
  // The 6000-character message total is shared by the fields; split what is left evenly.
  const room = Math.floor((LIMITS.embedTotal - title.length - description.length - footer.length) / page.items.length);
  return {
    embeds: [
      {
        title,
        ...(description ? { description } : {}),
        color: COLORS.figure,
        fields: page.items.map((f, i) => field(f, page.offset + i + 1, room)),
        footer: { text: footer },
      },
    ],
    buttons: [
      ...navRow(page, (p) => ({ kind: 'figure', query: at.query, zone: at.zone, year: at.year, page: p })),
      ...sourceRow(
        page.items.map((f) => f.citation),
        page.offset,
      ),
    ],
    ephemeral: false,
    results: answer.results.length,
  };
}

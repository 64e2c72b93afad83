import { outcome } from './outcome.js';
import type { APIEmbedField } from 'discord.js';
import { bySentence, type SentenceGroup } from '../../search/groups.js';
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
  /** false: the 图表 toggle hid the chart. */
  chart?: boolean;
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

/** One field per evidence sentence: its figures in the name, their zone and year, the sentence with every figure in bold, the citation. */
function field(group: SentenceGroup, room: number): APIEmbedField {
  const name = escapeAndTruncate(group.figures.map(({ figure: f, n }) => `${ordinal(n)} ${figureValue(f)} · ${f.label}`).join('　'), LIMITS.fieldName);
  const metas = group.figures.map(({ figure: f }) => [...zoneAndYear(f), ...f.qualifiers, ROLE[f.role]].filter(Boolean).join(' · '));
  const head = escapeAndTruncate(new Set(metas).size === 1 ? metas[0]! : group.figures.map(({ n }, i) => `${ordinal(n)} ${metas[i]}`).join('\n'), 400);
  const cite = citation(group.citation);
  const max = Math.min(LIMITS.fieldValue, room - name.length);
  const spans = group.figures.map(({ figure }) => figure.span).sort((a, b) => a[0] - b[0]);
  const sentence = highlight(group.sentence, spans, Math.max(20, max - head.length - cite.length - 2));
  return { name, value: `${head}\n${sentence}\n${cite}` };
}

/**
 * One page of a /figure answer: one field per evidence sentence (its figures' values and
 * labels; zone, year and qualifiers; the sentence with every figure in bold; the citation), with
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
    return { embeds: [{ title, description: emptyBody(at.query, answer.suggestions, answer.notes, tryThese), color: COLORS.notice }], buttons: [], ephemeral: false, results: 0, usage: { ...outcome(answer), votable: false } };
  }
  const page = pageOf(answer.results, at.page);
  const description = notesBlock(answer.notes, answer.suggestions, 1000);
  const footer = pageFooter(page, answer.results.length);
  const groups = bySentence(page.items, page.offset + 1);
  // The 6000-character message total is shared by the fields; split what is left evenly.
  const room = Math.floor((LIMITS.embedTotal - title.length - description.length - footer.length) / groups.length);
  return {
    embeds: [
      {
        title,
        ...(description ? { description } : {}),
        color: COLORS.figure,
        fields: groups.map((g) => field(g, room)),
        footer: { text: footer },
      },
    ],
    buttons: [
      ...navRow(page, (p) => ({ kind: 'figure', query: at.query, zone: at.zone, year: at.year, page: p, ...(at.chart === false ? { chart: false } : {}) })),
      ...sourceRow(
        page.items.map((f) => f.citation),
        page.offset,
      ),
    ],
    ephemeral: false,
    results: answer.results.length,
    usage: { ...outcome(answer), votable: true },
  };
}

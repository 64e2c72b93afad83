import { outcome } from './outcome.js';
import type { CompareAnswer } from '../../search/types.js';
import type { ReplyView } from '../types.js';
import { citation } from './citation.js';
import { figureValue } from './figure.js';
import { COLORS, LIMITS } from './limits.js';
import { escapeAndTruncate } from './markdown.js';
import { notesBlock } from './notes.js';
import { codeTable } from './table.js';

/**
 * /compare: one row per zone asked for — its own figure (value, label, year) or “未找到 / not
 * found”, never a zero — then each figure's citation. The chart is attached by the command.
 *
 * @example
 * renderCompare(service.compare('固定资产投资', ['梅河口', '长春经开区'])).embeds[0].title; // '对比 / Compare · 固定资产投资'
 */
export function renderCompare(answer: CompareAnswer): ReplyView {
  const rows = answer.rows.map((r) => [r.zone, r.figure ? figureValue(r.figure) : '未找到 / not found', r.figure?.label ?? '', r.figure?.year ?? '']);
  const found = answer.rows.filter((r) => r.figure);
  const sources = found.map((r) => `${escapeAndTruncate(r.zone, 40)}：${citation(r.figure!.citation)}`).join('\n');
  const notes = notesBlock(answer.notes, [], 800);
  return {
    embeds: [
      {
        title: `对比 / Compare · ${escapeAndTruncate(answer.metric, 100)}${answer.year ? ` · ${escapeAndTruncate(answer.year, 20)}` : ''}`,
        ...(notes ? { description: notes } : {}),
        color: found.length ? COLORS.figure : COLORS.notice,
        fields: [
          { name: '地区 / Zones', value: codeTable(['地区 / Zone', '数值 / Value', '指标', '年份'], rows, [16, 18, 16, 10], LIMITS.fieldValue) },
          ...(sources ? [{ name: '出处 / Sources', value: escapeAndTruncate(sources, LIMITS.fieldValue) }] : []),
        ],
      },
    ],
    buttons: [],
    ephemeral: false,
    results: found.length,
    usage: { ...outcome(answer), votable: found.length > 0 },
  };
}

import { clipWidth, displayWidth } from './text.js';

/** Backticks would close the code block early; a look-alike keeps the text readable. */
const noFence = (cell: string) => cell.replace(/`/g, 'ˋ').replace(/[\r\n]+/g, ' ');

const pad = (cell: string, width: number) => cell + ' '.repeat(Math.max(0, width - displayWidth(cell)));

/**
 * A compact monospace table in a code block, at most `max` characters including the fences.
 * Columns are aligned by display width (CJK counts two); cells wider than `maxWidths` are
 * clipped; rows beyond `maxRows` or that do not fit are dropped whole and counted in a last
 * line (`… +12`).
 *
 * @example
 * codeTable(['数值', '指标'], [['141.5亿元', '招商引资到位资金']], [12, 16], 1024);
 * // '```\n数值       指标\n141.5亿元  招商引资到位资金\n```'
 */
export function codeTable(header: string[], allRows: string[][], maxWidths: number[], max: number, maxRows = Infinity): string {
  const rows = allRows.slice(0, maxRows);
  const dropped = allRows.length - rows.length;
  const cells = [header, ...rows].map((row) => row.map((cell, c) => clipWidth(noFence(cell), maxWidths[c] ?? 20)));
  const widths = header.map((_, c) => Math.max(...cells.map((row) => displayWidth(row[c] ?? ''))));
  const line = (row: string[]) => row.map((cell, c) => (c === row.length - 1 ? cell : pad(cell, widths[c]!))).join('  ').trimEnd();
  const fence = '```';
  const lines = [line(cells[0]!)];
  let length = fence.length * 2 + 2 + lines[0]!.length;
  const more = (left: number) => `… +${left}`;
  for (let i = 1; i < cells.length; i++) {
    const next = line(cells[i]!);
    const left = cells.length - i - 1 + dropped;
    // Keep room for the “… +n” line in case a later row does not fit.
    const reserve = left > 0 ? more(left).length + 1 : 0;
    if (length + next.length + 1 + reserve > max) {
      lines.push(more(cells.length - i + dropped));
      break;
    }
    lines.push(next);
    length += next.length + 1;
    if (i === cells.length - 1 && dropped > 0) lines.push(more(dropped));
  }
  return `${fence}\n${lines.join('\n')}\n${fence}`;
}

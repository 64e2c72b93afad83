import type { ReindexAnswer } from '../../search/types.js';
import type { ReplyView } from '../types.js';
import { duration } from './duration.js';
import { COLORS, LIMITS } from './limits.js';
import { escapeAndTruncate } from './markdown.js';

const files = (names: string[]) => (names.length ? escapeAndTruncate(names.join('\n'), LIMITS.fieldValue) : '—');

/**
 * The outcome of a reindex: which files were added, changed or removed, the new totals, how
 * long it took and which files were skipped and why.
 *
 * @example
 * renderReindex(await service.reindex()).embeds[0].title; // '索引已更新 / Index updated' (or '索引未变 / Index unchanged')
 */
export function renderReindex(r: ReindexAnswer): ReplyView {
  const unchanged = r.added.length + r.changed.length + r.removed.length === 0;
  const fields = [
    { name: `新增 / Added (${r.added.length})`, value: files(r.added), inline: true },
    { name: `修改 / Changed (${r.changed.length})`, value: files(r.changed), inline: true },
    { name: `删除 / Removed (${r.removed.length})`, value: files(r.removed), inline: true },
  ];
  if (r.skipped.length) {
    fields.push({ name: `跳过 / Skipped (${r.skipped.length})`, value: escapeAndTruncate(r.skipped.map((s) => `${s.doc}: ${s.reason}`).join('\n'), LIMITS.fieldValue), inline: false });
  }
  const description = [
    unchanged ? '文件没有变化。/ No file changed.' : null,
    `段落 / Passages: ${r.passages} · 数字 / Figures: ${r.figures} · 地区 / Zones: ${r.zones}`,
    `用时 / Took: ${duration(r.ms)}`,
  ]
    .filter(Boolean)
    .join('\n');
  return {
    embeds: [{ title: unchanged ? '索引未变 / Index unchanged' : '索引已更新 / Index updated', description, color: COLORS.stats, fields }],
    buttons: [],
    ephemeral: true,
    results: r.added.length + r.changed.length + r.removed.length,
  };
}

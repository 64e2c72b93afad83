import type { Catalog, LibraryChange, Refusal } from '../../library/index.js';
import type { ReplyView } from '../types.js';
import { duration } from './duration.js';
import { COLORS, LIMITS } from './limits.js';
import { escapeAndTruncate } from './markdown.js';
import { codeTable } from './table.js';
import { truncateLines } from './text.js';

const TITLES: Record<LibraryChange['action'], string> = {
  add: '已添加 / Added',
  replace: '已替换 / Replaced',
  remove: '已删除 / Removed',
  restore: '已恢复 / Restored',
};

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * The outcome of /docs add, remove or restore: a refusal with its reason (both languages, and
 * the code admins can search the audit trail for), or what changed, what the new document
 * brought (passages, its first figures with their labels, the zones it names) and the time
 * it took. Only the admin sees it.
 *
 * @example
 * renderDocChange(await addUpload(ctx, source, {})).embeds[0].title; // '已添加 / Added · 2024年统计公报.docx'
 */
export function renderDocChange(result: LibraryChange | Refusal): ReplyView {
  if (!result.ok) {
    return {
      embeds: [{ title: '未完成 / Not done', description: `${escapeAndTruncate(result.reasonZh, 500)}\n${escapeAndTruncate(result.reason, 500)}\n\`${result.code}\``, color: COLORS.error }],
      buttons: [],
      ephemeral: true,
    };
  }
  const lines: string[] = [];
  if (result.requestedName) lines.push(`文件名已改为 / Saved as **${escapeAndTruncate(result.name, 120)}** (sent as ${escapeAndTruncate(result.requestedName, 120)})`);
  if (result.reindex) {
    lines.push(`索引 / Index: 段落 / Passages ${result.reindex.passages} · 数字 / Figures ${result.reindex.figures} · 地区 / Zones ${result.reindex.zones}`);
  } else {
    lines.push(`⚠️ 文件已保存，但重建索引失败，旧索引继续使用；请稍后 /reindex。/ The file is saved but the reindex failed; the old index serves. Run /reindex later.\n${escapeAndTruncate(result.reindexError ?? '', 300)}`);
  }
  lines.push(`用时 / Took: ${duration(result.ms)}`);
  const fields = [];
  const doc = result.document;
  if (doc) {
    fields.push({ name: '这份文件 / This document', value: `段落 / Passages ${doc.passages} · 数字 / Figures ${doc.figures} · ${size(doc.bytes)}` });
    if (doc.firstFigures.length) {
      const figures = doc.firstFigures.map((f) => `${f.value}${f.unit} · ${f.label}${f.zone ? ` · ${f.zone}` : ''}${f.year ? ` · ${f.year}` : ''}`);
      fields.push({ name: '前几个数字 / First figures', value: escapeAndTruncate(figures.join('\n'), LIMITS.fieldValue) });
    }
    if (doc.zones.length) fields.push({ name: '提到的地区 / Zones it names', value: escapeAndTruncate(doc.zones.slice(0, 15).join('、'), LIMITS.fieldValue) });
    if (doc.passages === 0) fields.push({ name: '⚠️', value: '没有读出任何段落。/ No passage was read from it.' });
  }
  return {
    embeds: [{ title: `${TITLES[result.action]} · ${escapeAndTruncate(result.name, 200)}`, description: lines.join('\n'), color: result.reindex ? COLORS.stats : COLORS.notice, fields }],
    buttons: [],
    ephemeral: true,
  };
}

/** Documents per page of /docs list. */
export const DOCS_PAGE = 15;

/**
 * /docs list: every document with its size, passages and figures (— when the index skipped
 * it), who added it from chat and when; the documents that can be restored; the latest
 * audited changes. Paged with the `page` option.
 *
 * @example
 * renderDocList(await catalog(ctx), 1).embeds[0].title; // '资料库 / Documents (5)'
 */
export function renderDocList(c: Catalog, page: number): ReplyView {
  const pages = Math.max(1, Math.ceil(c.documents.length / DOCS_PAGE));
  const at = Math.min(Math.max(1, page), pages);
  const shown = c.documents.slice((at - 1) * DOCS_PAGE, at * DOCS_PAGE);
  const rows = shown.map((d) => [d.name, size(d.size), d.passages === null ? '—' : String(d.passages), d.figures === null ? '—' : String(d.figures), d.addedAt ? d.addedAt.slice(0, 10) : '']);
  const fields = [{ name: `第 ${at}/${pages} 页 / Page ${at} of ${pages}`, value: codeTable(['文件 / File', '大小', '段落', '数字', '添加'], rows, [28, 7, 5, 5, 10], LIMITS.fieldValue) }];
  const added = shown.filter((d) => d.addedBy);
  if (added.length) {
    // A user mention shows the name without pinging (replies allow no mentions); names are escaped, mentions not.
    const by = (id: string) => (/^\d{17,20}$/.test(id) ? `<@${id}>` : escapeAndTruncate(id, 40));
    const lines = added.map((d) => `${escapeAndTruncate(d.name, 80)} · ${by(d.addedBy!)} · ${d.addedAt?.slice(0, 16).replace('T', ' ') ?? ''}`);
    fields.push({ name: '从 Discord 添加 / Added from Discord', value: truncateLines(lines.join('\n'), LIMITS.fieldValue) });
  }
  if (c.removed.length) {
    fields.push({ name: `可恢复 / Can be restored (${c.removed.length})`, value: escapeAndTruncate(c.removed.slice(0, 10).map((r) => `${r.name} · ${r.removedAt.slice(0, 16).replace('T', ' ')}`).join('\n'), LIMITS.fieldValue) });
  }
  if (c.recent.length) {
    fields.push({ name: '最近的变更 / Recent changes', value: escapeAndTruncate(c.recent.map((e) => `${e.time.slice(0, 16).replace('T', ' ')} ${e.action} ${e.file} · ${e.result}${e.code ? ` (${e.code})` : ''}`).join('\n'), LIMITS.fieldValue) });
  }
  return {
    embeds: [{ title: `资料库 / Documents (${c.documents.length})`, description: pages > 1 ? `下一页 / Next page: \`/docs list page:${Math.min(pages, at + 1)}\`` : undefined, color: COLORS.stats, fields }],
    buttons: [],
    ephemeral: false,
    results: c.documents.length,
  };
}

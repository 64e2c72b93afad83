import type { StatsAnswer } from '../../search/types.js';
import type { ReplyView } from '../types.js';
import { duration } from './duration.js';
import { COLORS, LIMITS } from './limits.js';
import { escapeAndTruncate } from './markdown.js';
import { codeTable } from './table.js';
import { usageEmbed, type UsageView } from './usage.js';
import type { AuditEntry } from '../../library/index.js';

const ORIGIN: Record<StatsAnswer['loadedFrom'], string> = {
  disk: '从 index/ 加载 / loaded from index/',
  build: '本次启动时构建 / built at start-up',
};

/**
 * What the index holds and how old it is: counts, one table row per document, skipped files
 * with their reasons and the library versions the index was built with; for an admin, also
 * usage memory (then only the admin sees the reply).
 *
 * @example
 * renderStats(service.stats()).embeds[0].title; // '索引统计 / Index stats'
 */
export function renderStats(s: StatsAnswer, usage: UsageView | null = null, changes: AuditEntry[] = []): ReplyView {
  const description = [
    `文档 / Documents: ${s.docs.length} · 段落 / Passages: ${s.passages} · 数字 / Figures: ${s.figures} · 地区 / Zones: ${s.zones}`,
    `建立于 / Built: ${s.builtAt} · 已有 / age: ${duration(s.indexAgeMs)} · 用时 / took: ${duration(s.buildMs)}`,
    ORIGIN[s.loadedFrom],
  ].join('\n');
  const rows = s.docs.map((d) => [d.doc, `${Math.round(d.bytes / 1024)} KB`, String(d.passages), String(d.figures)]);
  const fields = [{ name: '文档 / Documents', value: codeTable(['文件 / File', '大小', '段落', '数字'], rows, [30, 8, 6, 6], LIMITS.fieldValue) }];
  if (s.skipped.length) {
    const skipped = s.skipped.map((f) => `${f.doc}: ${f.reason}`).join('\n');
    fields.push({ name: `跳过的文件 / Skipped files (${s.skipped.length})`, value: escapeAndTruncate(skipped, LIMITS.fieldValue) });
  }
  if (changes.length) {
    const lines = changes.map((e) => `${e.time.slice(0, 16).replace('T', ' ')} ${e.action} ${e.file} · ${e.result}${e.code ? ` (${e.code})` : ''}`);
    fields.push({ name: '最近的资料变更 / Recent corpus changes', value: escapeAndTruncate(lines.join('\n'), LIMITS.fieldValue) });
  }
  const versions = Object.entries(s.versions).map(([k, v]) => `${k} ${v}`).join(' · ');
  const admin = usage !== null || changes.length > 0;
  const corpus = { title: '索引统计 / Index stats', description, color: COLORS.stats, fields, footer: { text: versions } };
  return {
    embeds: usage ? [corpus, usageEmbed(usage)] : [corpus],
    buttons: [],
    // What people asked and who changed what are for the admin who looks, not for the channel.
    ephemeral: admin,
    results: s.docs.length,
  };
}

import type { LibraryProgress } from '../../library/index.js';
import type { ReplyView } from '../types.js';
import { COLORS } from './limits.js';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const PHASES: Record<LibraryProgress['phase'], (p: LibraryProgress) => string> = {
  downloading: (p) => `下载中 / Downloading${p.total ? ` (${mb(p.total)})` : ''}…`,
  checking: () => '检查文件 / Checking the file…',
  reading: () => '读取资料 / Reading the documents…',
  parsing: (p) => `解析 / Parsing ${p.done}/${p.total} ${bar(p.done, p.total)}`,
  indexing: () => '建立索引 / Indexing…',
};

function bar(done: number, total: number, width = 20): string {
  const filled = total ? Math.round((done / total) * width) : 0;
  return `\`${'█'.repeat(filled)}${'░'.repeat(width - filled)}\``;
}

/**
 * An interim view of slow corpus work (an upload, a reindex): the phase and, while files are
 * parsed, how many of them are done.
 *
 * @example
 * renderProgress({ phase: 'parsing', done: 3, total: 40 }, '重建索引 / Reindex').embeds[0].description;
 * // '解析 / Parsing 3/40 `██░░…`'
 */
export function renderProgress(progress: LibraryProgress, title: string): ReplyView {
  return { embeds: [{ title: `${title} · 进行中 / in progress`, description: PHASES[progress.phase](progress), color: COLORS.notice }], buttons: [], ephemeral: true };
}

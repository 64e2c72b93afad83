import { formatCitation, formatLocation } from '../search/citation.js';
import { bySentence } from '../search/groups.js';
import { answerFacts, zoneAndYear } from '../search/provenance.js';
import type { Answer, AskResult, CompareAnswer, FigureResult, Range } from '../search/types.js';

export interface Style {
  mark(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export const ANSI: Style = {
  mark: (t) => `\x1b[1;33m${t}\x1b[0m`,
  dim: (t) => `\x1b[2m${t}\x1b[0m`,
  bold: (t) => `\x1b[1m${t}\x1b[0m`,
};
export const PLAIN: Style = { mark: (t) => `【${t}】`, dim: (t) => t, bold: (t) => t };

/** Applies highlight ranges to text. */
export function markRanges(text: string, ranges: Range[], style: Style): string {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += text.slice(at, start) + style.mark(text.slice(start, end));
    at = end;
  }
  return out + text.slice(at);
}

export function figureValue(f: FigureResult): string {
  const approx = f.qualifiers.filter((q) => /^(约|近|超|超过|以上|余|多|左右)$/.test(q));
  return `${f.value}${f.unit}${approx.length ? `（${approx.join('、')}）` : ''}`;
}

/** Figures grouped by their evidence sentence: each figure's line, then the sentence once with all of them marked. */
function figureLines(results: readonly FigureResult[], style: Style): string[] {
  return bySentence(results).flatMap((g) => [
    ...g.figures.map(({ figure: f, n }) => {
      const meta = [f.label, ...zoneAndYear(f), f.role === 'change' ? '变化' : null].filter(Boolean).join(' · ');
      return `${String(n).padStart(2)}. ${style.bold(figureValue(f))}  ${meta}`;
    }),
    `    ${markRanges(g.sentence, g.figures.map(({ figure }) => figure.span).sort((a, b) => a[0] - b[0]), style)}`,
    `    ${style.dim(formatCitation(g.citation))}`,
  ]);
}

function snippet(r: AskResult, i: number, style: Style): string {
  return [`${String(i + 1).padStart(2)}. ${r.title ? style.dim(`［${r.title}］`) : ''}${markRanges(r.text, r.highlights, style)}`, `    ${style.dim(formatCitation(r.citation))}`].join('\n');
}

/** Terminal columns a string takes: East Asian wide and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return width;
}

const NOT_FOUND = '未找到 / not found';

/**
 * A comparison as a table: zone, value and unit, label, year, citation; a zone without a
 * figure says 未找到. A figure of an entry inside the zone asked for names it (`珠海市 › 珠海高新区`).
 */
function compareTable(answer: CompareAnswer, style: Style): string[] {
  const header = ['地区 / Zone', '数值 / Value', '指标 / Label', '年份 / Year', '出处 / Source'];
  const cells = answer.rows.map(({ zone, figure: f }) => {
    if (!f) return { cells: [zone, NOT_FOUND, '—', '—', '—'], found: false };
    const [where, year] = zoneAndYear(f);
    return { cells: [f.zone === zone ? where : `${zone} › ${where}`, figureValue(f), f.role === 'change' ? `${f.label} · 变化` : f.label, year, formatCitation(f.citation)], found: true };
  });
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r.cells[i]!))));
  // Padded before styling: escape codes take no columns.
  const pad = (text: string, i: number) => (i === header.length - 1 ? text : text + ' '.repeat(widths[i]! - displayWidth(text)));
  const line = (row: string[], decorate: (text: string, i: number) => string) => row.map((c, i) => decorate(pad(c, i), i)).join('  ').trimEnd();
  return [
    line(header, (t) => style.dim(t)),
    ...cells.map((r) => line(r.cells, (t, i) => (i === 1 ? (r.found ? style.bold(t) : style.dim(t)) : i === 4 ? style.dim(t) : t))),
  ];
}

function footer(suggestions: string[], notes: string[]): string[] {
  const out = notes.map((n) => `※ ${n}`);
  if (suggestions.length) out.push(`你是不是要找 / Did you mean: ${suggestions.join('、')}`);
  return out;
}

/**
 * Renders any answer as readable terminal text.
 *
 * @example
 * formatAnswer(service.figure('招商引资'), PLAIN); // ' 1. 141.5亿元  招商引资到位资金 · 梅河口高新区 · 2020\n …'
 */
export function formatAnswer(answer: Answer, style: Style = PLAIN): string {
  switch (answer.command) {
    case 'figure': {
      const head = `数字 / Figures: ${answer.query}${answer.zone ? ` · ${answer.zone}` : ''}${answer.year ? ` · ${answer.year}` : ''}`;
      return [head, ...figureLines(answer.results, style), ...footer(answer.suggestions, answer.notes)].join('\n');
    }
    case 'compare':
      return [`对比 / Compare: ${answer.metric}${answer.year ? ` · ${answer.year}` : ''}`, ...compareTable(answer, style), ...footer([], answer.notes)].join('\n');
    case 'ask':
      if (!answer.answer) return [`问答 / Ask: ${answer.query}`, ...footer(answer.suggestions, answer.notes), ...answer.results.map((r, i) => snippet(r, i, style))].join('\n');
      return [
        `问答 / Ask: ${answer.query}`,
        `答 / Answer: ${style.bold(answer.answer.text)}${answerFacts(answer.answer).map((f) => ` · ${f}`).join('')}  ${style.dim(formatCitation(answer.answer.citation))}`,
        ...answer.results.map((r, i) => snippet(r, i, style)),
        ...footer(answer.suggestions, answer.notes),
      ].join('\n');
    case 'zone': {
      const z = answer.zone;
      const candidates = answer.candidates.length ? [`候选 / Candidates: ${answer.candidates.map((c) => `${c.name}（${c.kind}）`).join('、')}`] : [];
      if (!z) return [`地区 / Zone: ${answer.query}`, ...candidates, ...footer([], answer.notes)].join('\n');
      return [
        `${style.bold(z.name)}（${z.kind} · ${z.mentions}处提及）`,
        z.aliases.length ? `别名 / Aliases: ${z.aliases.join('、')}` : '',
        z.related.length ? `相关 / Related: ${z.related.join('、')}` : '',
        `文档 / Documents: ${z.docs.map((d) => `${d.doc}（${d.passages}段）`).join('、')}`,
        `主要数字 / Key figures (${z.figures.length}):`,
        ...figureLines(z.figures.slice(0, 10), style),
        z.insideFigures.length ? `区内 / Inside ${z.name} (${z.insideFigures.length}):` : '',
        ...figureLines(z.insideFigures.slice(0, 5), style),
        '段落 / Passages:',
        ...z.snippets.map((r, i) => snippet(r, i, style)),
        ...footer([], answer.notes),
      ]
        .filter((l) => l !== '')
        .join('\n');
    }
    case 'source': {
      const p = answer.passage;
      const cited = answer.citation.title ? formatCitation(answer.citation) + ' ' : '';
      return [`${style.bold(p.id)}${p.title ? ` ［${p.title}］` : ''}`, p.text, style.dim(cited + formatLocation(answer.citation)), style.dim(`上一段 / prev: ${p.prev ?? '—'} · 下一段 / next: ${p.next ?? '—'}`)].join('\n');
    }
    case 'stats':
      return [
        `文档 / Documents: ${answer.docs.length} · 段落 / Passages: ${answer.passages} · 数字 / Figures: ${answer.figures} · 地区 / Zones: ${answer.zones}`,
        ...answer.docs.map((d) => `  ${d.doc}  ${d.bytes} B · ${d.passages} 段 · ${d.figures} 数字`),
        `构建于 / Built: ${answer.builtAt}（${answer.buildMs} ms，来源 ${answer.loadedFrom}）`,
        answer.skipped.length ? `跳过 / Skipped: ${answer.skipped.map((s) => `${s.doc}（${s.reason}）`).join('、')}` : '',
        `版本 / Versions: ${Object.entries(answer.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      ]
        .filter((l) => l !== '')
        .join('\n');
    case 'reindex':
      return [
        `${answer.added.length + answer.changed.length + answer.removed.length ? '索引已更新 / Index updated' : '文件没有变化，索引未变 / No file changed, index unchanged'} (${answer.ms} ms): ${answer.passages} 段落, ${answer.figures} 数字, ${answer.zones} 地区`,
        `新增 / Added: ${answer.added.join('、') || '—'} · 修改 / Changed: ${answer.changed.join('、') || '—'} · 删除 / Removed: ${answer.removed.join('、') || '—'}`,
        answer.skipped.length ? `跳过 / Skipped: ${answer.skipped.map((s) => `${s.doc}（${s.reason}）`).join('、')}` : '',
      ]
        .filter((l) => l !== '')
        .join('\n');
  }
}

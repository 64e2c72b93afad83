import { outcome } from './outcome.js';
import { zoneAndYear } from '../../search/provenance.js';
import type { APIEmbedField } from 'discord.js';
import type { ZoneAnswer, ZoneProfile } from '../../search/types.js';
import type { ReplyView } from '../types.js';
import { citation } from './citation.js';
import { figureValue } from './figure.js';
import { COLORS, LIMITS } from './limits.js';
import { escapeAndTruncate, highlight } from './markdown.js';
import { emptyBody, notesBlock } from './notes.js';
import { ordinal, sourceRow } from './paging.js';
import { codeTable } from './table.js';
import { displayWidth } from './text.js';

/** Key figures shown in the table; the rest are one /figure away. */
const TABLE_ROWS = 12;
/** Snippets shown under the table. */
const SNIPPETS = 3;

function list(label: string, items: string[], max: number): string | null {
  if (items.length === 0) return null;
  return `${label}: ${escapeAndTruncate(items.join('、'), max)}`;
}

function describe(z: ZoneProfile): string {
  return [
    `提及 / Mentions: ${z.mentions} 段 / passages`,
    list('别名 / Aliases', z.aliases, 300),
    list('相关 / Related', z.related, 300),
    list('文档 / Documents', z.docs.map((d) => `${d.doc}（${d.passages}段）`), 600),
  ]
    .filter(Boolean)
    .join('\n');
}

function figureTable(z: ZoneProfile): APIEmbedField | null {
  if (z.figures.length === 0) return null;
  const rows = z.figures.map((f) => [figureValue(f), f.label, zoneAndYear(f)[1]]);
  const table = codeTable(['数值', '指标 / Metric', '年份'], rows, [valueWidth(rows), 24, 14], LIMITS.fieldValue, TABLE_ROWS);
  return { name: `主要数字 / Key figures (${z.figures.length})`, value: table };
}

/** The value column is as wide as its widest value: a number is never cut (`2178.89平方公…`). */
function valueWidth(rows: string[][]): number {
  return Math.max(4, ...rows.slice(0, TABLE_ROWS).map((r) => displayWidth(r[0]!)));
}

/** Figures of what lies inside the place, apart from its own and with their zone. */
function insideTable(z: ZoneProfile): APIEmbedField | null {
  if (z.insideFigures.length === 0) return null;
  const rows = z.insideFigures.map((f) => [figureValue(f), f.label, f.zone ?? '—']);
  const table = codeTable(['数值', '指标 / Metric', '地区 / Zone'], rows, [valueWidth(rows), 20, 14], LIMITS.fieldValue, TABLE_ROWS / 2);
  return { name: `区内 / Inside · ${escapeAndTruncate(z.name, 60)} (${z.insideFigures.length})`, value: table };
}

function snippetFields(z: ZoneProfile, room: number): APIEmbedField[] {
  const shown = z.snippets.slice(0, SNIPPETS);
  const each = Math.min(LIMITS.fieldValue, Math.floor(room / Math.max(1, shown.length)) - 40);
  return shown.map((r, i) => {
    const cite = citation(r.citation);
    const name = `${ordinal(i + 1)} ${r.title ? escapeAndTruncate(r.title, 100) : '段落 / Passage'}`;
    return { name, value: `${highlight(r.text, r.highlights, Math.max(20, each - cite.length - 1))}\n${cite}` };
  });
}

/**
 * A zone profile: name and kind, aliases, related entries, documents, key figures as a
 * compact table and the top snippets with citations. An unknown or ambiguous name lists the
 * candidates instead.
 *
 * @example
 * renderZone(service.zone('梅河口')).embeds[0].title; // '梅河口高新区（高新区）'
 */
export function renderZone(answer: ZoneAnswer): ReplyView {
  const z = answer.zone;
  if (!z) {
    const names = answer.candidates.map((c) => `${c.name}（${c.kind}）`);
    const tryThese = answer.candidates.slice(0, 3).map((c) => `/zone ${c.name}`);
    const body = emptyBody(answer.query, names, answer.notes, tryThese.length ? tryThese : ['/stats', '/help']);
    return {
      embeds: [{ title: `地区 / Zone · ${escapeAndTruncate(answer.query, 200)}`, description: body, color: COLORS.notice }],
      buttons: [],
      ephemeral: false,
      results: 0,
      usage: { ...outcome(answer), votable: false },
    };
  }
  const title = escapeAndTruncate(`${z.name}（${z.kind}）`, LIMITS.title);
  const notes = notesBlock(answer.notes, [], 500);
  const description = [describe(z), notes].filter(Boolean).join('\n\n');
  const tables = [figureTable(z), insideTable(z)].filter((t): t is APIEmbedField => t !== null);
  const used = title.length + description.length + tables.reduce((n, t) => n + t.name.length + t.value.length, 0);
  const snippets = snippetFields(z, LIMITS.embedTotal - used - 200);
  return {
    embeds: [{ title, description, color: COLORS.zone, fields: [...tables, ...snippets] }],
    buttons: sourceRow(
      z.snippets.slice(0, SNIPPETS).map((r) => r.citation),
      0,
    ),
    ephemeral: false,
    results: 1,
    usage: { ...outcome(answer), votable: false },
  };
}

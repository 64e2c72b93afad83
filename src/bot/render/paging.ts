import type { Citation } from '../../search/types.js';
import type { ButtonAction, ButtonView } from '../types.js';
import { LIMITS, PAGE_SIZE } from './limits.js';

export interface Page<T> {
  items: T[];
  /** Clamped page index (a stale button may ask for a page that no longer exists). */
  page: number;
  pages: number;
  /** Index of `items[0]` in the whole list, for numbering. */
  offset: number;
}

/**
 * One page of a result list.
 *
 * @example
 * pageOf([1, 2, 3, 4, 5, 6, 7], 1); // { items: [6, 7], page: 1, pages: 2, offset: 5 }
 */
export function pageOf<T>(all: readonly T[], page: number, size = PAGE_SIZE): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const at = Math.min(Math.max(0, Math.trunc(page) || 0), pages - 1);
  return { items: all.slice(at * size, at * size + size), page: at, pages, offset: at * size };
}

/**
 * 上一页 / 下一页 buttons, or no row at all for a single page. The disabled end buttons still
 * carry distinct actions because Discord rejects duplicate custom ids in one message.
 *
 * @example
 * navRow({ page: 0, pages: 2 }, (page) => ({ kind: 'ask', query: 'q', page }));
 * // [[{ label: '◀ 上一页', disabled: true, … }, { label: '下一页 ▶', … }]]
 */
export function navRow(at: { page: number; pages: number }, action: (page: number) => ButtonAction): ButtonView[][] {
  if (at.pages <= 1) return [];
  return [
    [
      { label: '◀ 上一页', action: action(Math.max(0, at.page - 1)), style: 'secondary', disabled: at.page === 0, nav: 'prev' },
      { label: '下一页 ▶', action: action(Math.min(at.pages - 1, at.page + 1)), style: 'secondary', disabled: at.page === at.pages - 1, nav: 'next' },
    ],
  ];
}

/**
 * One “原文” button per distinct passage on the page, labelled with the result numbers it
 * serves (two figures from one sentence share a button: ids must be unique).
 *
 * @example
 * sourceRow([c1, c1, c2], 0); // [[{ label: '原文 1、2', … }, { label: '原文 3', … }]]
 */
export function sourceRow(citations: readonly Citation[], offset: number): ButtonView[][] {
  const byPassage = new Map<string, number[]>();
  citations.forEach((c, i) => byPassage.set(c.passage, [...(byPassage.get(c.passage) ?? []), offset + i + 1]));
  const buttons: ButtonView[] = [...byPassage].slice(0, LIMITS.buttonsPerRow).map(([passage, numbers]) => ({
    label: `原文 ${numbers.join('、')}`,
    action: { kind: 'source', passage, open: 'new' },
    style: 'primary',
  }));
  return buttons.length ? [buttons] : [];
}

/**
 * The footer line of a paged answer.
 *
 * @example
 * pageFooter({ page: 0, pages: 2 }, 10); // '第 1/2 页 · Page 1 of 2 · 共 10 条 / 10 results'
 */
export function pageFooter(at: { page: number; pages: number }, total: number): string {
  const where = at.pages > 1 ? `第 ${at.page + 1}/${at.pages} 页 · Page ${at.page + 1} of ${at.pages} · ` : '';
  return `${where}共 ${total} 条 / ${total} result${total === 1 ? '' : 's'}`;
}

/**
 * A result number that reads well next to CJK text and is not markdown (`1.` at a line
 * start would become a Discord list; `**` is reserved for highlights).
 *
 * @example
 * ordinal(3); // '③'
 * ordinal(21); // '(21)'
 */
export function ordinal(n: number): string {
  return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `(${n})`;
}

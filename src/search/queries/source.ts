import { UserError } from '../../errors.js';
import type { Snapshot } from '../snapshot.js';
import type { SourceAnswer } from '../types.js';
import { citationOf } from './common.js';

/**
 * The full passage behind a citation, with its neighbours for paging. Accepts the id as
 * printed (`000_2948f0920b1045a6.txt#7`), with the file name shortened to a unique prefix
 * (`000#7`), or a whole citation as the answers print it (`〔000_….txt · ¶7 · L 34–36〕`,
 * `〔加强创新链和产业链对接 成都高新区签约1… · 2021年 · ¶22〕`).
 *
 * @example
 * source(snapshot, '000#7').passage.lines; // [34, 36]
 */
export function source(snapshot: Snapshot, id: string): SourceAnswer {
  // File names may hold full-width characters: look the id up as typed before folding it.
  const typed = (id ?? '').trim();
  const query = typed.normalize('NFKC');
  const passage = snapshot.passageById.get(typed) ?? snapshot.passageById.get(query) ?? byPrefix(snapshot, typed) ?? byPrefix(snapshot, query);
  if (!passage) {
    throw new UserError(
      'SOURCE_NOT_FOUND',
      `search/source: no passage "${query.slice(0, 100)}"`,
      `没有找到段落“${query.slice(0, 100)}”。段落编号形如 000_2948f0920b1045a6.txt#7（见引用）。/ No such passage.`,
    );
  }
  // Passages are numbered from 1 without gaps within a file, so neighbours are id lookups.
  const neighbour = (n: number) => (snapshot.passageById.has(`${passage.doc}#${n}`) ? `${passage.doc}#${n}` : null);
  return {
    command: 'source',
    query,
    passage: {
      id: passage.id,
      doc: passage.doc,
      title: passage.title,
      text: passage.text,
      lines: passage.lines,
      prev: neighbour(passage.n - 1),
      next: neighbour(passage.n + 1),
    },
    citation: citationOf(passage),
  };
}

// `000#7`, `000_x.txt#7`, or a citation as printed: `〔004_x.txt · ¶5 · L 8〕`, `〔title · date · ¶22〕`.
const PASSAGE_REF = /^[〔[]?\s*(.+?)\s*(?:·\s*)?[#＃¶]\s*(\d+)\s*(?:·[^〕\]]*)?[〕\]]?$/;

function byPrefix(snapshot: Snapshot, query: string) {
  const match = PASSAGE_REF.exec(query);
  if (!match) return undefined;
  const n = Number(match[2]);
  const docs = snapshot.model.docs.filter((d) => d.doc.startsWith(match[1]!));
  if (docs.length === 1) return snapshot.passageById.get(`${docs[0]!.doc}#${n}`);
  // `〔加强创新链和产业链对接 成都高新区签约1… · 2021年 · ¶22〕`: the article's title, maybe cut.
  const title = match[1]!.split('·')[0]!.trim().replace(/…$/, '');
  if (title.length < 2) return undefined;
  const found = snapshot.model.passages.filter((p) => p.n === n && p.citation.title?.startsWith(title));
  return found.length === 1 ? found[0] : undefined;
}

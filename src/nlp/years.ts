/**
 * Years of figures in context: the year an article speaks from (its title, dateline or
 * opening), relative time words (`去年`, `全年`, `上年`) and parts of a year (`今年上半年`)
 * resolved against it or against the year the text is talking about.
 */

const YEAR = /((?:19|20)\d{2})年/g;

/** What a relative word is resolved against. */
export interface YearContext {
  /** When the article was written (`2026` for a report dated 2026年1月27日). */
  articleYear: number | null;
  /** The year the section speaks of (its heading's), else the article's. */
  sectionYear: number | null;
  /** The last year the passage stated, if any. */
  lastYear: string | null;
}

// `2023年国民经济和社会发展统计公报`, `二〇二三年…`: the year a report is about; a dateline
// (`2024年4月15日`, `2022 09/21`, `2022-09-21`) is when it was published, a later year for a bulletin.
const TITLE_YEAR = /((?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})年(?:度)?(?:国民经济和社会发展统计公报|统计公报|政府工作报告|工作报告|全区工作会议)/;
// (A web page's `2022` / `09/21` on two lines reads `202209/21` once its lines are joined.)
const DATELINE = /((?:19|20)\d{2})(?:年\d{1,2}月|\s*[01]\d\/[0-3]\d|-\d{1,2}-\d{1,2})/;
const CHINESE_DIGIT: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/**
 * The year an article speaks from, for `今年`/`全年`, from its title, headings and first
 * passages: the year its title names (`子洲县二〇二三年…统计公报`), else its dateline's, else
 * the latest year its opening names.
 *
 * @example
 * yearOfArticle(['子洲县二〇二三年国民经济和社会发展统计公报 子洲县统计局 2024年4月15日']); // 2023
 */
export function yearOfArticle(texts: string[]): number | null {
  const opening = texts.join('');
  const title = TITLE_YEAR.exec(opening)?.[1];
  if (title) return Number([...title].map((c) => CHINESE_DIGIT[c] ?? c).join(''));
  const dated = DATELINE.exec(opening);
  if (dated) return Number(dated[1]);
  const years = [...opening.matchAll(YEAR)].map((m) => Number(m[1]));
  return years.length ? Math.max(...years) : null;
}

// Relative time words (the ones the figure extractor reports as a figure's `year`) and their
// offset from the year the article was written; `全年` and `本年度` are the year being talked about.
export const RELATIVE: Record<string, number> = { 前年: -2, 去年: -1, 上年度: -1, 过去一年: -1, 过去的一年: -1, 今年: 0, 明年: 1, 全年: 0, 本年度: 0, 上年: -1 };
export const RELATIVE_WORD = new RegExp(Object.keys(RELATIVE).filter((w) => w !== '上年').join('|'), 'g');
// Relative to the year the text is talking about, not to when it was written (`上年` in a
// `由上年729万人增加到732万人` under `2025年工作总结` is 2024).
const IN_CONTEXT = new Set(['全年', '本年度', '上年']);
// A top-level heading (`一、2025年工作回顾`, `二、2026年工作安排`) dates what follows it.
export const TOP_HEADING = /^[一二三四五六七八九十]+、/;

// A part of a year (`上半年`, `今年前三季度`) is dated by its relative word, else by the year
// the text is talking about.
const PART_OF_YEAR = /^(前年|去年|今年|明年)?(前三季度|上半年|下半年|第?[一二三四]季度)$/;

/**
 * `上半年` → `2022年上半年` when the passage's or section's year is known, `今年上半年` against
 * the article's year; any other year as stated.
 */
export function withYear(stated: string | null, years: YearContext): string | null {
  const part = stated === null ? null : PART_OF_YEAR.exec(stated);
  if (!part) return stated;
  const year = part[1] ? resolveRelative(part[1], years) : years.lastYear && /^\d{4}$/.test(years.lastYear) ? years.lastYear : years.sectionYear;
  return year === null ? stated : `${year}年${part[2]}`;
}

/**
 * The year a relative time word means. `去年`, `今年`, `过去一年` count from the year the
 * article was written (a 2026 work report's 去年 is 2025, even under `一、2025年工作回顾`);
 * `全年` is the year the text is talking about: the passage's last stated year
 * (`回顾2021年…全年实现…`), else the section's, else the article's.
 *
 * @example
 * resolveRelative('去年', { articleYear: 2026, sectionYear: 2025, lastYear: null }); // '2025'
 * resolveRelative('全年', { articleYear: 2026, sectionYear: 2025, lastYear: null }); // '2025'
 */
export function resolveRelative(word: string, years: YearContext): string | null {
  if (IN_CONTEXT.has(word)) {
    const context = years.lastYear && /^\d{4}$/.test(years.lastYear) ? Number(years.lastYear) : years.sectionYear;
    return context === null ? null : String(context + RELATIVE[word]!);
  }
  return years.articleYear === null ? null : String(years.articleYear + RELATIVE[word]!);
}


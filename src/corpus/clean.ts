/**
 * Line-level repair of PDF/DOCX extraction damage. Everything here is pure and works on one
 * line or one junction of two lines, so a passage's text can always be recomputed from the
 * source lines it cites (the line-map test relies on that).
 */

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
/** CJK punctuation and full-width forms: spaces next to these are extraction noise. */
const CJK_PUNCT = '\\u3000-\\u303f\\uff00-\\uffef\\u2018-\\u201f\\u2026\\u2014\\u00b7';
const WIDE = `[${CJK}${CJK_PUNCT}]`;
const WIDE_RE = new RegExp(WIDE);

// A space with a wide character on either side goes; so does one between a digit and a
// wide character. Spaces between Latin words stay.
const SPACE_NEXT_TO_WIDE = new RegExp(`(?<=${WIDE})\\s+|\\s+(?=${WIDE})`, 'g');
const INVISIBLE = /[\u200b-\u200f\u2028\u2029\u2060-\u2064\ufeff\u00ad]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;
const BOOKMARK = /\[bookmark:[^\]]*\]/g;

/**
 * Drops zero-width and other invisible characters, and turns control characters into spaces
 * (a stray tab or bell must not glue two words together).
 *
 * @example
 * stripInvisible('梅\u200b河口\u0007高新区'); // '梅河口 高新区'
 */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '').replace(CONTROL, ' ');
}

/**
 * Cleans one source line: drops `[bookmark: …]` artefacts, invisible and control characters,
 * spaces that extraction put around CJK characters, and outer whitespace; a byline or a photo
 * caption standing on its own line (`本报记者 王秋月`, `…科研人员正在忙生产`) cleans to nothing.
 *
 * @example
 * cleanLine('本报记者 王秋月'); // ''
 * cleanLine('来 的 2.54 平 方 公 里 拓 展 到'); // '来的2.54平方公里拓展到'
 * cleanLine('CEO 邓 飚 and Open Source'); // 'CEO邓飚and Open Source'
 */
export function cleanLine(raw: string): string {
  const line = stripInvisible(raw).replace(BOOKMARK, '').replace(SPACE_NEXT_TO_WIDE, '').replace(/\s+/g, ' ').trim();
  return BYLINE_LINE.test(line) || CAPTION_LINE.test(line) ? '' : line;
}

// `本报记者 王秋月`, `记者 张三 李四`: a byline on its own line (names only, once the spaces
// around CJK are gone); `…科研人员正在忙生产`, `图为…`: a photo caption between paragraphs.
// Neither is text nor a heading.
const BYLINE_LINE = /^(?:本报)?(?:记者|通讯员) ?[\u4e00-\u9fff]{2,9}$/;
const CAPTION_LINE = /^[^。；！？，,;：:]{4,40}(?:正在[^。；！？，,;]*|摄[）)]?|图为[^。；！？]*)$/;

/**
 * The text that goes between two consecutive cleaned lines of one paragraph: nothing when
 * either side is CJK or a digit run broken across lines (`9000万` / `元`), a space between
 * two Latin words.
 *
 * @example
 * lineJoiner('总投资8亿美元', '的项目'); // ''
 * lineJoiner('Open', 'Source'); // ' '
 */
export function lineJoiner(left: string, right: string): string {
  const a = left.at(-1) ?? '';
  const b = right[0] ?? '';
  if (!a || !b) return '';
  if (WIDE_RE.test(a) || WIDE_RE.test(b)) return '';
  if (/[0-9.%]/.test(a) && /[0-9.%]/.test(b)) return '';
  if (a === '-' ) return '';
  return ' ';
}

/** Sentence-final punctuation (optionally followed by closing quotes/brackets). */
export const TERMINAL = /[。！？!?；;…][”’」』）)]*$/;

/** True when a cleaned line ends a sentence. */
export function endsSentence(line: string): boolean {
  return TERMINAL.test(line);
}

/** Structured headings of plans and reports: `一、…`, `（一）…`, `专栏1 …`, `第二章 …`. */
export const NUMBERED_HEADING = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|专栏\s*\d+|第[一二三四五六七八九十百]+[章节篇部分])/;

/** A line that opens a news article (`本报讯 …`). */
export const ARTICLE_OPENER = /^本报(?:讯|记者)/;

/** True when a line carries clause punctuation, which headlines do not. */
export function hasClausePunctuation(line: string): boolean {
  return /[，。；！？,;!?：:]/.test(line.replace(/[”’」』）)]*$/, ''));
}

import type { ZoneMention } from './zones.js';

/**
 * Companies in the text and the figures they own: a sentence whose subject is a company, or a
 * company speaking of itself, makes its figures the company's, not the place's.
 */

// `凯里盛运环保电力有限公司`, `吉林省中科精研健康产业集团`: a company named in the text. Its name
// starts after the last boundary before its suffix (punctuation, or a word that opens a noun
// phrase); that word says whether it acts or is acted on: `引进…集团`, `与一汽进出口公司合作`.
const COMPANY_SUFFIX = /股份有限公司|有限责任公司|有限公司|集团|公司/g;
const NAME_BOUNDARY = /[^\u4e00-\u9fff（）()]|与|和|同|及|引进|引入|扶持|支持|做强|做大|推动|组建|来到|的|是|为|使|在/g;
const ACTED_ON = /^(?:与|和|同|及|引进|引入|扶持|支持|做强|做大|推动|组建|来到)$/;
// Not a particular company: `跨国公司`, `上市公司`; or the company speaking: `去年公司产值…`, `该公司`.
const GENERIC_COMPANY = /^(?:跨国|上市|国有|民营|外资|龙头|骨干|一家|这家|多家|相关|该|本|我|其|去年|今年|目前)?(?:公司|集团|企业)$/;
// Cheap test first: most sentences name no company and no company speaks in them.
const COMPANY_HINT = /公司|集团|我们|我司|企业/;
const COMPANY_SELF = /(?:^|[，,：:“"])(?:去年|今年|目前)?(?:公司|我们|我司|本公司|该公司|使该公司|企业)(?!所|群|数|总)/;

/** Companies named in `text`: name, where it ends, and the boundary word before it. */
function companiesIn(text: string): { name: string; end: number; after: string }[] {
  return [...text.matchAll(COMPANY_SUFFIX)].flatMap((suffix) => {
    const end = suffix.index + suffix[0].length;
    const from = Math.max(0, suffix.index - 14);
    const boundary = [...text.slice(from, suffix.index).matchAll(NAME_BOUNDARY)].filter((b) => from + b.index + b[0].length <= suffix.index - 1).at(-1);
    const start = boundary ? from + boundary.index + boundary[0].length : from;
    const name = text.slice(start, end);
    return GENERIC_COMPANY.test(name) ? [] : [{ name, end, after: boundary?.[0] ?? '' }];
  });
}

/**
 * The company a figure belongs to: one its sentence names as a subject after the last place
 * before the figure (`凯里盛运环保电力有限公司二期项目…总发电量4.5亿度`), not one in a list
 * (`江楠集团等一批企业`) or acted on; or the passage's company speaking of itself (`去年公司产值…`,
 * `“我们实现5.4亿元的销售”`). Such figures keep the place they lie in as their zone but are
 * the company's own, not the place's headline facts.
 *
 * @example
 * companyOwning('凯里盛运环保电力有限公司二期项目总发电量4.5亿度', 0, 19, []); // '凯里盛运环保电力有限公司'
 * companyOwning('成功引进江楠集团等一批企业，招商引资141.5亿元', 0, 20, []); // null
 */
export function companyOwning(text: string, sentenceStart: number, figureAt: number, mentions: ZoneMention[]): string | null {
  const before = text.slice(sentenceStart, sentenceStart + figureAt);
  if (!COMPANY_HINT.test(before)) return null;
  const companies = companiesIn(before);
  // A place inside a company's name (`凯里盛运…有限公司`) is part of the name.
  const inName = (m: ZoneMention) => companies.some((c) => m.start - sentenceStart >= c.end - c.name.length && m.end - sentenceStart <= c.end);
  const lastPlace = Math.max(-1, ...mentions.filter((m) => !inName(m)).map((m) => m.end - sentenceStart).filter((end) => end <= figureAt));
  const subject = companies
    .filter((c) => c.end - c.name.length >= lastPlace && !ACTED_ON.test(c.after) && !/^[、等和及与]/.test(before.slice(c.end, c.end + 1)))
    .at(-1);
  if (subject) return subject.name;
  const clauseStart = Math.max(...['，', '；', '。', ','].map((p) => before.lastIndexOf(p)));
  if (!COMPANY_SELF.test(before.slice(Math.max(0, clauseStart)))) return null;
  return companiesIn(text.slice(0, sentenceStart + figureAt)).at(-1)?.name ?? null;
}


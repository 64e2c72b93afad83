/**
 * Newspaper pages print a block of headlines after the bodies they belong to, several
 * articles' headlines stacked together (`聚焦“三大”…` / `珠海高新区打造…` / `中国（黑龙江）自贸区
 * 哈尔滨片区` / `启动重点项目审批…` / `成都高新区签约14个项目`), with bylines and photo captions
 * among them. This module gives each article the headline lines that are about it.
 */

// `潘逸青 薛琳`: names of reporters; `▶ 娄筱筱`: a photo credit (the caption follows it).
const BYLINE = /^[\u4e00-\u9fff]{2,3}(?:\s+[\u4e00-\u9fff]{2,3})*$/;
const PHOTO_CREDIT = /^[▶▲►●]/;
/** Share of a headline line's character pairs an article must contain to claim it. */
const MIN_OVERLAP = 0.5;

const pairs = (text: string) => {
  const chars = [...text.replace(/[\s“”"‘’（）()《》、，。：；！？·—]/g, '')];
  return chars.slice(1).map((c, i) => chars[i]! + c);
};

/**
 * Splits a headline block among articles: each headline line goes to the article whose text
 * holds most of its character pairs (at least half); bylines, photo credits and the caption
 * after a credit go nowhere. Returns one title per article (null when none claimed a line).
 *
 * @example
 * assignHeadlines(['加强创新链和产业链对接', '成都高新区签约14个项目'], ['……14个项目在成都高新区签约……加强创新链和产业链对接……']);
 * // ['加强创新链和产业链对接 成都高新区签约14个项目']
 */
export function assignHeadlines(lines: string[], articleTexts: string[]): (string | null)[] {
  const claimed: string[][] = articleTexts.map(() => []);
  const compact = articleTexts.map((t) => t.replace(/\s/g, ''));
  let caption = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (PHOTO_CREDIT.test(line)) {
      caption = true;
      continue;
    }
    if (caption || BYLINE.test(line) || line === '') {
      caption = false;
      continue;
    }
    const wanted = pairs(line);
    if (wanted.length === 0) continue;
    let best = -1;
    let bestShare = 0;
    compact.forEach((text, i) => {
      const share = wanted.filter((p) => text.includes(p)).length / wanted.length;
      if (share > bestShare) [best, bestShare] = [i, share];
    });
    if (best >= 0 && bestShare >= MIN_OVERLAP) claimed[best]!.push(line);
  }
  return claimed.map((c) => (c.length > 0 ? c.join(' ') : null));
}

// Parts of a title block that are not the title: a chart or table caption (`图3 …`, `表2 …`),
// a dateline in brackets or after a dash (`（2026年1月27日在…会议上）`), the speaker
// (`省长 李炳军`, `自治区人民政府主席张雨浦`), a byline (`大象新闻记者章衡苏杭孙暘`).
const NOT_TITLE = [
  /^[图表]\s?\d/,
  /^[（(].*[）)]$/,
  /^——/,
  /(?:省长|市长|县长|区长|州长|主席|书记|主任)\s?[\u4e00-\u9fff]{2,3}$/,
  /(?:记者|通讯员)\s?[\u4e00-\u9fff]{2,9}$/,
];

/**
 * A title block made readable: its lines (joined with spaces) without captions, datelines,
 * speakers and bylines, a part printed twice once (`经济概述 经济概述`, `XX中心XX中心`), a
 * part that another one continues dropped (`子洲县二〇` before `子洲县二〇二三年…`). Null when
 * nothing is left.
 *
 * @example
 * cleanTitle('政府工作报告 （2026年1月27日在贵州省第十四届人民代表大会第四次会议上） 省长 李炳军'); // '政府工作报告'
 * cleanTitle('大象新闻记者章衡苏杭孙暘'); // null
 */
export function cleanTitle(title: string | null): string | null {
  if (title === null) return null;
  const all = title.split(' ').filter((p) => p !== '');
  // `图3 2020-2024年全市居民消费价格…`: what follows a bare chart number is its caption.
  const parts = all
    .filter((p, i) => !NOT_TITLE.some((re) => re.test(p)) && !/^[图表]\d+$/.test(all[i - 1] ?? ''))
    .map((p) => (p.length % 2 === 0 && p.slice(0, p.length / 2) === p.slice(p.length / 2) ? p.slice(0, p.length / 2) : p));
  const kept = parts.filter((p, i) => parts.indexOf(p) === i && !parts.some((q) => q !== p && q.startsWith(p)));
  return kept.length > 0 ? kept.join(' ') : null;
}

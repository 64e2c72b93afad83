import { jieba } from './jieba.js';
import type { ZoneKind } from '../search/types.js';

/**
 * Recognises development zones and places in cleaned text. A zone is a place name followed
 * by a zone suffix (`梅河口` + `高新区`); the suffix's long and short forms map to one
 * canonical form so `长春经济技术开发区` and `长春经开区` are one zone. Place names come from
 * jieba's part-of-speech tags (`ns`, or an unknown word), so zones not seen before are found too.
 */

export interface ZoneMention {
  /** Canonical name before corpus-level merging (`长春经开区`). */
  name: string;
  /** The place part (`长春`), '' for a bare `经开区`. */
  place: string;
  kind: ZoneKind;
  /** Text as printed. */
  surface: string;
  /** The place is a word jieba did not know (`梅河`): trusted only when the corpus repeats it. */
  weak: boolean;
  start: number;
  end: number;
}

const SUFFIXES: [RegExp, string, ZoneKind][] = [
  [/^(?:高新技术产业开发区|高新技术开发区|高新区)/, '高新区', '高新区'],
  [/^(?:经济技术开发区|经济开发区|经开区)/, '经开区', '经开区'],
  [/^(?:综合保税区|综保区)/, '综保区', '综保区'],
  [/^(?:自由贸易试验区|自贸试验区|自贸区)/, '自贸区', '自贸区'],
  [/^开发区/, '开发区', '开发区'],
  [/^新区/, '新区', '新区'],
];
const SUFFIX_START = /高新技术产业开发区|高新技术开发区|高新区|经济技术开发区|经济开发区|经开区|综合保税区|综保区|自由贸易试验区|自贸试验区|自贸区|开发区|新区/g;

// Words jieba tags as places that name no particular zone (`全省开发区`, `国家高新区`).
const NOT_PLACES = new Set(['中国', '全国', '全省', '全市', '国家', '省级', '东北', '园区', '本区', '全区', '各', '该', '省', '市', '县']);
const CITY = /^(.{2,6}?)(市|县)$/;
const PROVINCE = /(省|自治区)$/;
/** Characters of context jieba sees before a 市/县 when tagging a city name. */
const CITY_WINDOW = 8;

/**
 * A place name without its administrative suffix: `梅河口市高新区` is `梅河口高新区`, and a
 * user's `榆树市` means the place `榆树`.
 *
 * @example
 * placeStem('梅河口市'); // '梅河口'
 */
export function placeStem(place: string): string {
  return place.replace(/(.{2,})[市县]$/, '$1');
}

export function isPlaceWord(word: string, tag: string): boolean {
  if (NOT_PLACES.has(word) || PROVINCE.test(word) || word.length < 2) return false;
  if (!/^[\u3400-\u9fff]+$/.test(word)) return false;
  return tag === 'ns' || tag === 'x' || tag === 'nz' || tag === 'j';
}

/**
 * Finds zone mentions and city/county mentions (`延吉市`) in one text.
 *
 * @example
 * findZoneMentions('在成都高新区签约').map((m) => m.name); // ['成都高新区']
 * findZoneMentions('中国（黑龙江）自贸试验区哈尔滨片区')[0].name; // '黑龙江自贸区哈尔滨片区'
 */
export function findZoneMentions(text: string): ZoneMention[] {
  const mentions: ZoneMention[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);

  for (const match of text.matchAll(SUFFIX_START)) {
    const at = match.index;
    const entry = SUFFIXES.find(([re]) => re.test(text.slice(at)))!;
    const suffixText = match[0];
    let end = at + suffixText.length;
    let start = at;
    let place = '';
    let weak = false;
    // `中国（黑龙江）自贸试验区`: the province sits in brackets before the suffix.
    const bracket = /中国[（(]([\u4e00-\u9fff]{2,4})[）)]$/.exec(text.slice(Math.max(0, at - 10), at));
    if (bracket) {
      place = bracket[1]!;
      start = at - bracket[0].length;
    } else {
      const before = jieba.tag(text.slice(Math.max(0, at - 8), at));
      const parts: string[] = [];
      for (let i = before.length - 1; i >= 0 && parts.length < 2; i--) {
        const { word, tag } = before[i]!;
        // Only the word next to the suffix may be unknown to jieba; further left, only places.
        if (!isPlaceWord(word, tag) || (parts.length > 0 && tag !== 'ns')) break;
        if (tag !== 'ns') weak = true;
        parts.unshift(word);
      }
      place = parts.join('');
      start = at - place.length;
      place = placeStem(place);
    }
    let name = place + entry[1];
    // A 片区 (sub-area) of a free-trade zone: `…自贸试验区哈尔滨片区`.
    const area = /^([\u4e00-\u9fff]{2,4}?)片区/.exec(text.slice(end));
    if (entry[2] === '自贸区' && area) {
      name += `${area[1]}片区`;
      end += area[0].length;
    }
    if (!free(start, end)) continue;
    taken.push([start, end]);
    mentions.push({ name, place, kind: entry[2], surface: text.slice(start, end), start, end, weak });
  }

  // Cities and counties (`延吉市`, `榆树市`), outside zone names. jieba tags only a short
  // window ending at each 市/县: tagging whole passages cost more than all other zone work.
  for (const match of text.matchAll(/[市县]/g)) {
    const end = match.index + 1;
    const from = Math.max(0, end - CITY_WINDOW);
    const last = jieba.tag(text.slice(from, end)).at(-1);
    if (!last || last.tag !== 'ns') continue;
    const city = CITY.exec(last.word);
    const start = end - last.word.length;
    if (city && !NOT_PLACES.has(city[1]!) && !last.word.endsWith('城市') && free(start, end)) {
      const kind = city[2] === '县' ? '县市' : '城市';
      mentions.push({ name: last.word, place: city[1]!, kind, surface: last.word, start, end, weak: false });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

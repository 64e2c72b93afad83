import { chainOf, gazetteer, type Place } from '../places/gazetteer.js';
import { spotPlaces, type PlaceHit } from '../places/spot.js';
import { jieba } from './jieba.js';
import type { ZoneKind } from '../search/types.js';

/**
 * Recognises development zones and administrative places in cleaned text.
 *
 * - A zone is a place followed by a zone suffix in any of its common forms (`梅河口` +
 *   `高新区`, `武汉东湖` + `新技术开发区`, `杭州` + `国家高新区`, `中国（黑龙江）` +
 *   `自贸试验区`); long and short suffixes fold to one canonical form. The place is a
 *   gazetteer name or a word jieba tags as a place, so zones not seen before are found too.
 * - A place is a name from the gazetteer (`甘肃省`, `黔东南苗族侗族自治州`, `长兴县`); its short
 *   forms (`长兴`, `黔东南`) count where the document also names the place in full.
 * - `全省`, `我市`, `本县`… are mentions of the document's own place of that level (`self`).
 */

export interface ZoneMention {
  /** Canonical name before corpus-level merging (`长春经开区`, `甘肃省`). */
  name: string;
  /** The place part (`长春`, `甘肃`), '' for a bare `经开区` or a `全省`. */
  place: string;
  kind: ZoneKind;
  /** Text as printed. */
  surface: string;
  /** The place is a word jieba did not know (`梅河`): trusted only when the corpus repeats it. */
  weak: boolean;
  start: number;
  end: number;
  /** GB/T 2260 code of the place, or of the place a zone lies in, when the gazetteer knows it. */
  code?: string;
  /** More names the entry answers to (`东湖高新区`, `黔东南州`, `黔东南`). */
  aliases?: string[];
  /** `全省`/`我市`/`本县`: the document's own place of that kind, not a named one. */
  self?: boolean;
  /**
   * Named by a qualifier alone (`火炬开发区`, `高新综保区`): a zone only as another name of one the
   * corpus names with its place (`中山火炬开发区`).
   */
  qualifierOnly?: boolean;
}

interface Suffix {
  forms: string[];
  /** Canonical suffix, or null to keep the printed one (`苏州工业园区`). */
  canonical: string | null;
  kind: ZoneKind;
}

// The common forms of zone names in Chinese official prose (national and provincial lists of
// development zones use all of these).
const SUFFIXES: Suffix[] = [
  {
    forms: ['国家高新技术产业开发区', '高新技术产业开发区', '高新技术产业园区', '高新技术开发区', '火炬高技术产业开发区', '高技术产业开发区', '新技术产业开发区', '新技术开发区', '国家高新区', '高新区'],
    canonical: '高新区',
    kind: '高新区',
  },
  { forms: ['国家级经济技术开发区', '经济技术开发区', '经济开发区', '经开区'], canonical: '经开区', kind: '经开区' },
  { forms: ['综合保税区', '综保区'], canonical: '综保区', kind: '综保区' },
  { forms: ['保税港区', '保税区'], canonical: '保税区', kind: '综保区' },
  { forms: ['自由贸易试验区', '自贸试验区', '自贸区'], canonical: '自贸区', kind: '自贸区' },
  {
    forms: ['工业园区', '产业园区', '工业园', '产业园', '科技园', '科学城', '航空港经济综合实验区', '航空港区', '航空港', '临空经济示范区', '产业合作区', '合作区', '经济区'],
    canonical: null,
    kind: '园区',
  },
  { forms: ['开发区'], canonical: '开发区', kind: '开发区' },
  { forms: ['新区'], canonical: '新区', kind: '新区' },
];
const SUFFIX_OF = new Map(SUFFIXES.flatMap((s) => s.forms.map((f) => [f, s] as const)));
const SUFFIX_START = new RegExp([...SUFFIX_OF.keys()].sort((a, b) => b.length - a.length).join('|'), 'g');

/** Canonical suffixes a user may type alone (`经开区`): a zone kind, not a name. */
export const CANONICAL_SUFFIXES: ReadonlySet<string> = new Set(SUFFIXES.flatMap((s) => (s.canonical ? [s.canonical] : [])));
/** Any zone suffix at the end of a name, to find the place a name starts with. */
export const ZONE_SUFFIX_END = new RegExp(`(?:${[...SUFFIX_OF.keys(), ...CANONICAL_SUFFIXES].sort((a, b) => b.length - a.length).join('|')})$`);

/** The long suffix forms, folded to canonical ones: what `foldZoneSuffix` applies to user input. */
export const LONG_FORMS: [RegExp, string][] = SUFFIXES.filter((s) => s.canonical && s.forms.length > 1).map((s) => [
  new RegExp(s.forms.filter((f) => f !== s.canonical).sort((a, b) => b.length - a.length).join('|'), 'g'),
  s.canonical!,
]);

// `全省`, `我市`, `本县`, `全州`: the document's own place. `全区`/`我区` are left out: in zone
// reports they mean the zone, in city reports a district; the article subject covers both.
const SELF = /(?:全|我|本)(省|市|县|州)/g;
const SELF_KIND: Record<string, ZoneKind> = { 省: '省份', 市: '城市', 县: '县市', 州: '城市' };

// Words jieba tags as places that name no particular zone (`全省开发区`, `国家高新区`).
const NOT_PLACES = new Set(['中国', '全国', '全省', '全市', '国家', '省级', '东北', '园区', '本区', '全区', '各', '该', '省', '市', '县', '西部', '东部', '中部']);
const LEVEL_KIND: Record<Place['level'], ZoneKind> = { province: '省份', prefecture: '城市', county: '县市' };

/**
 * A place name without its administrative suffix: `梅河口市高新区` is `梅河口高新区`, a user's
 * `榆树市` means the place `榆树`, and `黔东南苗族侗族自治州` is `黔东南`.
 *
 * @example
 * placeStem('梅河口市'); // '梅河口'
 * placeStem('甘肃省'); // '甘肃'
 */
export function placeStem(place: string): string {
  const known = gazetteer().byName.get(place)?.find((p) => p.name === place);
  if (known && known.short.length > 0) return known.short.at(-1)!;
  return place.replace(/(.{2,})[市县]$/, '$1');
}

/** Whether a jieba word can be (part of) a place name before a zone suffix: a gazetteer name or a place-like tag. */
function isPlaceWord(word: string, tag: string): boolean {
  if (NOT_PLACES.has(word) || word.length < 2) return false;
  if (!/^[\u3400-\u9fff]+$/.test(word)) return false;
  if (gazetteer().byName.has(word)) return true;
  if (/(省|自治区)$/.test(word)) return false;
  return tag === 'ns' || tag === 'x' || tag === 'nz' || tag === 'j';
}

/**
 * Of the places a name may mean, the one the document's context points to: a place the
 * document names in full, or one inside such a place; else the highest level.
 */
function choosePlace(places: Place[], known: ReadonlySet<string>): Place | undefined {
  const inContext = (p: Place) => chainOf(gazetteer(), p.code).some((q) => known.has(q.code));
  return places.find((p) => known.has(p.code)) ?? places.find(inContext) ?? places[0];
}

/**
 * Codes of the places a document names: in full (`长兴县`) anywhere, or by a short name that
 * stands alone as a place word (`宁远`) when the document speaks of itself at that level
 * (`全县`) and names no such place in full. Context for short names and ambiguity.
 *
 * @example
 * placesNamed(['长兴县统计公报']); // Set { '330522' }
 * placesNamed(['全县实现地区生产总值…', '宁远发展史上极具挑战的一年']); // Set { '431126' }
 */
export function placesNamed(texts: string[]): Set<string> {
  const g = gazetteer();
  const codes = new Set<string>();
  const selfLevels = new Set<string>();
  const shortHits: { text: string; hit: PlaceHit }[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(SELF)) selfLevels.add(m[1]!);
    for (const hit of spotPlaces(text)) {
      if (fullName(text, hit)) for (const p of hit.places) if (p.name === hit.surface) codes.add(p.code);
      if (!hit.full) shortHits.push({ text, hit });
    }
  }
  const namedAt = (suffix: string) => [...codes].some((c) => g.byCode.get(c)!.name.endsWith(suffix));
  for (const level of selfLevels) {
    if (namedAt(level)) continue;
    // A name of its own, not a word like `合作` (jieba may take a county for a person: `宁远`/nrfg).
    const alone = (text: string, hit: PlaceHit) => {
      const words = wordsAround(text, hit.start, hit.end);
      return words.length === 1 && /^(?:ns|nr\w*|nz|x)$/.test(words[0]!.tag);
    };
    const own = new Set(shortHits.flatMap(({ text, hit }) => (alone(text, hit) ? hit.places.filter((p) => p.name.endsWith(level)) : [])));
    if (own.size === 1) codes.add([...own][0]!.code);
  }
  return codes;
}

// `南部县区`, `和县乡村`, `示范县市`, `合作市场`: the name's administrative character begins
// another word (`长兴县城`, `苏州市级` still name the place).
const SUFFIX_IN_WORD = /^(?:县[区乡市]|市场|区县)/;

/**
 * A full official name, not part of other words: no word runs into its start (not `南部县` in
 * `中南部县城`), its last character does not begin another word (not `南部县` in `南部县区`),
 * and a two-character one is a place word of its own (not `范县` in `示范县市`).
 */
function fullName(text: string, hit: PlaceHit): boolean {
  if (!hit.full || SUFFIX_IN_WORD.test(text.slice(hit.end - 1, hit.end + 1))) return false;
  if (hit.surface.length > 3) return true;
  if (hit.surface.length === 3) return startsWord(text, hit.start);
  return standsAlone(text, hit);
}

/** Whether jieba reads the hit as one place word of its own (`泸州` in `泸州经济总量`, not in `泸州老窖`). */
function standsAlone(text: string, hit: PlaceHit): boolean {
  const words = wordsAround(text, hit.start, hit.end);
  return words.length === 1 && words[0]!.tag === 'ns';
}

/** How often a province's own report speaks of 全省/我省 (全区/我区 for an autonomous region). */
const OWN_REPORT_SELF_MENTIONS = 12;

/**
 * The province a document is the report of, or null: it names the province in full and speaks
 * of itself at that level (`全省`, `全区` for an autonomous region) at least 12 times and more
 * often than of a city (`全市`). Government work reports do; zone news and city bulletins do not.
 *
 * @example
 * reportProvince(sichuanReportPassages, placesNamed(sichuanReportPassages)); // '510000'
 */
export function reportProvince(texts: string[], known: ReadonlySet<string>): string | null {
  const g = gazetteer();
  const provinces = [...known].map((c) => g.byCode.get(c)!).filter((p) => p.level === 'province');
  const count = (re: RegExp) => texts.reduce((n, t) => n + (t.match(re)?.length ?? 0), 0);
  const cities = count(/[全我本]市/g);
  for (const province of provinces) {
    const self = count(province.name.endsWith('自治区') ? /[全我本]区/g : /[全我本]省/g);
    if (self >= OWN_REPORT_SELF_MENTIONS && self > cities) return province.code;
  }
  return null;
}

/** Whether jieba, reading the text before it, starts a word at `start`. */
function startsWord(text: string, start: number): boolean {
  let at = Math.max(0, start - 8);
  for (const word of jieba.cut(text.slice(at, start + 2), true)) {
    if (at >= start) return at === start;
    at += word.length;
  }
  return at === start;
}

/**
 * jieba's words covering exactly [start, end) when reading the text around it, or [] when a
 * word crosses either end.
 */
function wordsAround(text: string, start: number, end: number): { word: string; tag: string }[] {
  const from = Math.max(0, start - 8);
  let at = from;
  const inside: { word: string; tag: string }[] = [];
  for (const token of jieba.tag(text.slice(from, Math.min(text.length, end + 8)))) {
    const next = at + token.word.length;
    if ((at < start && next > start) || (at < end && next > end)) return [];
    if (at >= start) inside.push(token);
    at = next;
    if (at >= end) break;
  }
  return at >= end ? inside : [];
}

/** The zone's place before a suffix at `at`: bracketed (`中国（黑龙江）`), gazetteer or jieba words. */
interface PlaceBefore {
  place: string;
  start: number;
  weak: boolean;
  code?: string;
  /** A region inside the place that the zone also goes by (`东湖` of `武汉东湖`). */
  inner?: string;
  /** Words between the place and the zone's kind (`高新` in `成都高新综合保税区`). */
  qualifier?: string;
  qualifierOnly?: boolean;
}

function placeBefore(text: string, at: number, known: ReadonlySet<string>): PlaceBefore {
  const bracket = /(?:([\u4e00-\u9fff]{2,4}))?[（(]([\u4e00-\u9fff]{2,4})[）)]$/.exec(text.slice(Math.max(0, at - 12), at));
  const g = gazetteer();
  if (bracket) {
    // Of the words before the bracket only the last can be part of the name, a place or a
    // region (`西部（成都）科学城`); `中国（黑龙江）` is the country's prefix and stays outside it.
    const last = bracket[1] ? (jieba.cut(bracket[1], true).at(-1) ?? '') : '';
    const outer = last !== '中国' && (isPlaceWord(last, jieba.tag(last)[0]?.tag ?? '') || /^[东西南北中]部$/.test(last)) ? last : '';
    const inner = bracket[2]!;
    const bracketAt = at - bracket[0].length + (bracket[1]?.length ?? 0);
    const start = bracketAt - (last === '中国' ? last.length : outer.length);
    return { place: outer + inner, start, weak: false, code: choosePlace(g.byName.get(inner) ?? [], known)?.code, inner: outer ? inner : undefined };
  }
  const before = jieba.tag(text.slice(Math.max(0, at - 8), at));
  const parts: { word: string; tag: string; places: Place[] }[] = [];
  for (let i = before.length - 1; i >= 0 && parts.length < 2; i--) {
    const { word, tag } = before[i]!;
    const places = g.byName.get(word) ?? [];
    // Only the word next to the suffix may be unknown; further left, only places.
    if (!isPlaceWord(word, tag) || (parts.length > 0 && tag !== 'ns' && places.length === 0)) break;
    parts.unshift({ word, tag, places });
  }
  const place = parts.map((p) => p.word).join('');
  if (!place) return qualifiedPlace(text, at, known) ?? { place, start: at, weak: false };
  const weak = parts.some((p) => p.tag !== 'ns' && p.places.length === 0);
  const [outer, inner] = parts;
  // `武汉东湖`: 东湖 is a district of 武汉 only if the gazetteer says so; else a sub-area of 武汉,
  // which also goes by its own name (`东湖高新区`).
  const district = inner?.places.find((p) => outer!.places.some((o) => p.parent === o.code));
  const code = district?.code ?? (outer ? choosePlace(outer.places, known)?.code : undefined);
  return { place, start: at - place.length, weak, code, inner: inner && outer!.places.length > 0 ? inner.word : undefined };
}

// Words that qualify a zone's name between its place and its kind: `成都高新综合保税区`,
// `中山火炬开发区`, `成都国际铁路港综合保税区`. Nouns and names (jieba tags 高新 as an adverb),
// never verbs (`四川支持综合保税区`) or words that rank or count zones (`主要`, `省级`).
const QUALIFIER_TAGS = /^(?:n|nz|j|d|s|ns|nt|x)$/;
const NOT_QUALIFIERS = /^(?:主要|重点|重要|其他|其它|所有|各类|各级|现有|全部|新建|相关|周边|沿线|区域|地区|城市|农村|乡镇|全国|全省|全市|国家|园区|企业|产业|项目|经济|发展|建设)$|级$/;
const MAX_QUALIFIER = 6;

/**
 * A zone name with a qualifier between its place and its kind: the place is a gazetteer name
 * right before one to three qualifier words (`成都` + `高新` + `综合保税区`). Without a place
 * before it, a single qualifier of two or more characters (`火炬开发区`) is returned as a
 * qualifier-only name, which the registry keeps only as another name of a zone named in full.
 */
function qualifiedPlace(text: string, at: number, known: ReadonlySet<string>): PlaceBefore | null {
  // The kind must start a word: `新区` in `潍坊中央创新区` ends the word `创新`.
  if (!startsWord(text, at)) return null;
  const words = jieba.tag(text.slice(Math.max(0, at - 14), at));
  const g = gazetteer();
  let qualifier = '';
  for (let i = words.length - 1; i >= 0; i--) {
    const { word, tag } = words[i]!;
    const places = g.byName.get(word);
    if (qualifier && places && /^[\u4e00-\u9fff]{2,}$/.test(word) && !NOT_PLACES.has(word)) {
      return { place: word, start: at - qualifier.length - word.length, weak: false, code: choosePlace(places, known)?.code, qualifier };
    }
    const fits = /^[\u4e00-\u9fff]+$/.test(word) && QUALIFIER_TAGS.test(tag) && !NOT_QUALIFIERS.test(word) && !NOT_PLACES.has(word) && !places;
    if (!fits || qualifier.length + word.length > MAX_QUALIFIER || words.length - i > 3) break;
    qualifier = word + qualifier;
  }
  const single = words.at(-1);
  if (single && qualifier === single.word && qualifier.length >= 2) {
    return { place: '', start: at - qualifier.length, weak: true, qualifier, qualifierOnly: true };
  }
  return null;
}

/**
 * Finds zone mentions, place mentions and self-references (`全省`) in one text. `known` holds
 * the codes of places the document names in full (see `placesNamed`).
 *
 * @example
 * findZoneMentions('在成都高新区签约').map((m) => m.name); // ['成都高新区']
 * findZoneMentions('中国（黑龙江）自贸试验区哈尔滨片区')[0].name; // '黑龙江自贸区哈尔滨片区'
 * findZoneMentions('武汉东湖新技术开发区')[0].aliases; // ['东湖高新区']
 * findZoneMentions('长兴县地区生产总值')[0]; // { name: '长兴县', kind: '县市', place: '长兴', code: '330522', … }
 */
export function findZoneMentions(text: string, documentKnown: ReadonlySet<string> = new Set(), ownProvince: string | null = null): ZoneMention[] {
  const mentions: ZoneMention[] = [];
  // Places named earlier in the same text are context too (`吉林省长春市朝阳区`).
  const known = new Set(documentKnown);
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);

  for (const match of text.matchAll(SUFFIX_START)) {
    const at = match.index;
    const suffix = SUFFIX_OF.get(match[0])!;
    let end = at + match[0].length;
    const found = placeBefore(text, at, known);
    const place = found.qualifierOnly ? (found.qualifier ?? '') : found.place ? placeStem(found.place) : '';
    // A bare park word (`产业园`) names nothing: only a named one is a zone.
    if (!place && suffix.kind === '园区') continue;
    const canonicalSuffix = suffix.canonical ?? match[0];
    let name = (found.qualifier && !found.qualifierOnly ? place + found.qualifier : place) + canonicalSuffix;
    const aliases: string[] = [];
    if (found.inner) aliases.push(found.inner + canonicalSuffix);
    // `成都高新综保区` also goes by its qualified name alone (`高新综保区`), as its own text says.
    if (found.qualifier && !found.qualifierOnly) aliases.push(found.qualifier + canonicalSuffix);
    // A 片区 (sub-area) of a free-trade zone: `…自贸试验区哈尔滨片区`.
    const area = /^([\u4e00-\u9fff]{2,4}?)片区/.exec(text.slice(end));
    if (suffix.kind === '自贸区' && area) {
      name += `${area[1]}片区`;
      aliases.push(`${area[1]}片区`);
      end += area[0].length;
    }
    // A nickname in brackets right after the name: `武汉东湖新技术开发区（中国光谷）`.
    const nickname = /^[（(](?:中国)?([\u4e00-\u9fff]{2,6})[）)]/.exec(text.slice(end));
    if (nickname && place) aliases.push(nickname[1]!);
    const start = found.place ? found.start : at;
    if (!free(start, end)) continue;
    taken.push([start, end]);
    mentions.push({
      name,
      place,
      kind: suffix.kind,
      surface: text.slice(start, end),
      start,
      end,
      weak: found.weak,
      ...(found.code ? { code: found.code } : {}),
      ...(aliases.length ? { aliases } : {}),
      ...(found.qualifierOnly ? { qualifierOnly: true } : {}),
    });
  }

  for (const hit of spotPlaces(text, taken)) {
    const place = hit.full
      ? fullName(text, hit) && choosePlace(hit.places.filter((p) => p.name === hit.surface), known)
      : // A short name (`长兴`, `北京`) only where the document names the place in full: elsewhere
        // it is as often part of a company, a street or a route (`北京天衡`, `贵州路`, `长春至天津`).
        // A province's own report names its cities by short name alone (`泸州经济总量突破3000亿元`):
        // there a city of that province counts where it stands as a place word.
        (hit.places.find((p) => known.has(p.code)) ?? hit.places.find((p) => ownProvince !== null && p.level === 'prefecture' && p.parent === ownProvince && standsAlone(text, hit)));
    if (!place) continue;
    known.add(place.code);
    taken.push([hit.start, hit.end]);
    mentions.push({ name: place.name, place: placeStem(place.name), kind: LEVEL_KIND[place.level], surface: hit.surface, start: hit.start, end: hit.end, weak: false, code: place.code, aliases: place.short });
  }

  for (const match of text.matchAll(SELF)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!free(start, end)) continue;
    mentions.push({ name: match[0], place: '', kind: SELF_KIND[match[1]!]!, surface: match[0], start, end, weak: false, self: true });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/**
 * A document's mentions (one array per passage) without the qualifier-only names (`火炬开发区`)
 * that the same document never names in full (`中山火炬开发区`): another document's zone of that
 * description is not this one's.
 *
 * @example
 * withQualifiedNames([findZoneMentions('中山火炬开发区召开大会'), findZoneMentions('火炬开发区全年…')]); // keeps both
 * withQualifiedNames([findZoneMentions('随着电商产业园的投入使用')]); // [[]]: a bare park word
 */
export function withQualifiedNames(mentions: ZoneMention[][]): ZoneMention[][] {
  const full = mentions.flat().filter((m) => !m.qualifierOnly && m.place !== '');
  const named = (m: ZoneMention) => full.some((f) => f.kind === m.kind && f.name !== m.name && f.name.endsWith(m.name));
  // Unnamed, it is a bare kind (`开发区`), as it was before qualifiers were read.
  const bare = (m: ZoneMention): ZoneMention => {
    const { qualifierOnly: _, ...rest } = m;
    return { ...rest, name: m.name.slice(m.place.length), place: '', weak: false };
  };
  // (A bare park word names nothing, as in findZoneMentions.)
  return mentions.map((ms) => ms.flatMap((m) => (!m.qualifierOnly || named(m) ? [m] : m.kind === '园区' ? [] : [bare(m)])));
}

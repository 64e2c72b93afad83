import { pinyin } from 'pinyin-pro';
import { chainOf, gazetteer } from '../places/gazetteer.js';
import type { ZoneKind, ZoneSummary } from '../search/types.js';
import { normalizeQuery } from './normalize.js';
import { CANONICAL_SUFFIXES, LONG_FORMS, ZONE_SUFFIX_END, placeStem, type ZoneMention } from './zones.js';

/** A zone or place known to the corpus, with every name users may call it by. */
export interface ZoneEntry {
  name: string;
  kind: ZoneKind;
  place: string;
  aliases: string[];
  mentions: number;
  /** Pinyin of the name without tones or spaces (`meihekougaoxinqu`) and its initials (`mhkgxq`). */
  pinyin: string;
  initials: string;
  /** GB/T 2260 code of the place (or of the place a zone lies in), when the gazetteer knows it. */
  code?: string;
  /**
   * Full names of the administrative places this entry lies in, innermost first: a zone lies
   * in its place (`梅河口高新区` › `梅河口市`, `通化市`, `吉林省`), a place in its parents.
   */
  within: string[];
}

export interface ZoneRegistry {
  entries: ZoneEntry[];
  /** Canonical name for every canonical name and alias. */
  byName: Map<string, string>;
  /**
   * Every string that names an entry in running text: names and aliases longest first, then
   * place names (for the most mentioned entry of that place), for scanning questions.
   */
  spotting: { text: string; entry: ZoneEntry }[];
}

/** Indexes entries by name and alias (names win over another entry's alias). */
export function registryOf(entries: ZoneEntry[]): ZoneRegistry {
  const byName = new Map<string, string>();
  for (const e of entries) byName.set(e.name, e.name);
  for (const e of entries) for (const alias of e.aliases) if (!byName.has(alias)) byName.set(alias, e.name);
  const byNameEntry = new Map(entries.map((e) => [e.name, e]));
  const names = [...byName].map(([text, name]) => ({ text, entry: byNameEntry.get(name)! }));
  // Entries come most mentioned first, so the first entry of a place is its primary one.
  const places = new Map<string, ZoneEntry>();
  for (const e of entries) if (e.place.length >= 2 && !places.has(e.place)) places.set(e.place, e);
  const longestFirst = (a: { text: string }, b: { text: string }) => b.text.length - a.text.length;
  const spotting = [...names.sort(longestFirst), ...[...places].map(([text, entry]) => ({ text, entry })).sort(longestFirst)];
  return { entries, byName, spotting };
}

/** Folds long zone suffixes to their short canonical forms (`经济技术开发区` → `经开区`). */
export function foldZoneSuffix(name: string): string {
  return LONG_FORMS.reduce((s, [re, short]) => s.replace(re, short), normalizeQuery(name).replace(/[\s（）()]/g, ''));
}

const PLACE_KINDS: ReadonlySet<ZoneKind> = new Set(['省份', '城市', '县市']);

/** Whether an entry is an administrative place (a province, city or county), not a zone. */
export function isPlaceKind(kind: ZoneKind): boolean {
  return PLACE_KINDS.has(kind);
}

/** The containing places of a mention's code: a zone lies in its place, a place in its parents. */
function withinOf(code: string | undefined, kind: ZoneKind): string[] {
  if (!code) return [];
  const chain = chainOf(gazetteer(), code).map((p) => p.name);
  return isPlaceKind(kind) ? chain.slice(1) : chain;
}

/**
 * Builds the corpus's zone list from all mentions: bare suffixes (`经开区`) are not zones,
 * unknown place words must recur, and a name that ends another name of the same kind
 * (`兴隆综保区` in `长春兴隆综保区`) becomes its alias.
 *
 * @example
 * const registry = buildZoneRegistry(mentions);
 * registry.byName.get('兴隆综保区'); // '长春兴隆综保区'
 */
export function buildZoneRegistry(mentions: ZoneMention[]): ZoneRegistry {
  const grouped = new Map<string, { kind: ZoneKind; place: string; surfaces: Set<string>; count: number; weak: boolean; qualifierOnly: boolean; codes: Map<string, number> }>();
  for (const m of mentions) {
    if (m.place === '') continue;
    const g = grouped.get(m.name) ?? { kind: m.kind, place: m.place, surfaces: new Set(), count: 0, weak: true, qualifierOnly: true, codes: new Map() };
    g.qualifierOnly &&= m.qualifierOnly === true;
    g.surfaces.add(m.surface);
    for (const alias of m.aliases ?? []) g.surfaces.add(alias);
    if (m.code) g.codes.set(m.code, (g.codes.get(m.code) ?? 0) + 1);
    g.count++;
    g.weak &&= m.weak;
    grouped.set(m.name, g);
  }
  for (const [name, g] of grouped) if (g.weak && g.count < 2) grouped.delete(name);

  // Fold `兴隆综保区` into `长春兴隆综保区` when exactly one longer name of that kind ends with it.
  const names = [...grouped.keys()];
  for (const short of names) {
    const longer = names.filter((n) => n !== short && n.endsWith(short) && grouped.has(n) && grouped.get(n)!.kind === grouped.get(short)?.kind);
    if (longer.length !== 1) continue;
    const into = grouped.get(longer[0]!)!;
    const from = grouped.get(short)!;
    from.surfaces.forEach((s) => into.surfaces.add(s));
    from.codes.forEach((n, c) => into.codes.set(c, (into.codes.get(c) ?? 0) + n));
    into.surfaces.add(short);
    into.count += from.count;
    grouped.delete(short);
  }
  // `火炬开发区` that no zone named in full (`中山火炬开发区`) took in is a description, not a name.
  for (const [name, g] of grouped) if (g.qualifierOnly) grouped.delete(name);

  const entries: ZoneEntry[] = [];
  for (const [name, g] of grouped) {
    const aliases = new Set([...g.surfaces].filter((s) => s !== name));
    for (const s of g.surfaces) aliases.add(foldZoneSuffix(s));
    // `哈尔滨片区` for `黑龙江自贸区哈尔滨片区`.
    const area = /自贸区(.+片区)$/.exec(name);
    if (area) aliases.add(area[1]!);
    aliases.delete(name);
    const syllables = pinyin(name, { toneType: 'none', type: 'array' });
    const code = [...g.codes].sort((a, b) => b[1] - a[1])[0]?.[0];
    entries.push({
      ...(code ? { code } : {}),
      within: withinOf(code, g.kind),
      name,
      kind: g.kind,
      place: g.place,
      aliases: [...aliases],
      mentions: g.count,
      pinyin: syllables.join(''),
      initials: syllables.map((s) => s[0] ?? '').join(''),
    });
  }
  entries.sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  return registryOf(entries);
}

/**
 * Whether `inner` lies inside `outer`: by the gazetteer's parent chain, or, for a zone the
 * gazetteer cannot place, by being named after the place (`唐家湾高新区` in a `唐家湾` place).
 *
 * @example
 * contains(changchunCity, changchunJingkaiqu); // true
 * contains(changchunXinqu, changchunJingkaiqu); // false: siblings
 */
export function contains(outer: ZoneEntry, inner: ZoneEntry): boolean {
  if (outer === inner) return false;
  if (inner.within.includes(outer.name)) return true;
  return isPlaceKind(outer.kind) && !isPlaceKind(inner.kind) && inner.within.length === 0 && inner.place === outer.place;
}

/**
 * An entry's relatives: the places it lies in and what lies inside it. Siblings under one city
 * (`长春新区`, `长春经开区`) are not relatives.
 */
export function relatedZones(registry: ZoneRegistry, entry: ZoneEntry): ZoneEntry[] {
  return registry.entries.filter((e) => contains(e, entry) || contains(entry, e));
}

/**
 * An entry and everything inside it, as canonical names: what a user means by a place
 * (`梅河口` → 梅河口市 and 梅河口高新区; `长春新区` → only 长春新区).
 *
 * @example
 * familyNames(registry, changchunCity); // Set { '长春市', '长春经开区', '长春新区', … }
 */
export function familyNames(registry: ZoneRegistry, entry: ZoneEntry): Set<string> {
  return new Set([entry.name, ...registry.entries.filter((e) => contains(entry, e)).map((e) => e.name)]);
}

export interface ZoneResolution {
  /** The zone the input means, or null when unknown or ambiguous. */
  zone: ZoneEntry | null;
  /** Other matches of the same strength (ambiguous), the entries inside `place`, or the closest names (unknown). */
  candidates: ZoneEntry[];
  /** How the input matched, for notes and tests. */
  via: 'name' | 'alias' | 'place' | 'kind' | 'prefix' | 'pinyin' | 'fuzzy' | 'gazetteer' | 'none';
  /**
   * A real place the input names that no document talks about as such (`上海`, `江苏`): the
   * answer says so; `candidates` are then the corpus entries inside it, if any.
   */
  place?: { name: string; code: string };
}


/** How many times more often a zone of a kind must be named than the next to be what the bare kind means. */
const DOMINANT_MENTIONS = 5;

/**
 * Resolves what a user typed to a zone: exact name or alias (suffix forms and traditional
 * characters folded), a bare zone kind (`经开区`: the zone of that kind, if only one or named far more than the others), a place
 * name (`梅河口` → the place, whose family holds its zones), prefix, pinyin or initials, then
 * a real place from the gazetteer the documents do not cover (never swapped for another), then
 * a typo of a known name that keeps its place stem (`梅和口` → 梅河口, never `上海` → 珠海).
 *
 * @example
 * resolveZone(registry, '長春經開區').zone?.name; // '长春经开区'
 * resolveZone(registry, 'meihekou').zone?.name; // '梅河口高新区'
 * resolveZone(registry, '上海'); // { zone: null, via: 'gazetteer', place: { name: '上海市', … } }
 */
export function resolveZone(registry: ZoneRegistry, input: string): ZoneResolution {
  const query = foldZoneSuffix(input);
  if (!query) return { zone: null, candidates: registry.entries.slice(0, 5), via: 'none' };
  const entry = (name: string) => registry.entries.find((e) => e.name === name)!;

  const exact = registry.byName.get(query);
  if (exact) {
    const found = entry(exact);
    // A place comes with what lies inside it, as the choices a user may have meant.
    return { zone: found, candidates: registry.entries.filter((e) => contains(found, e)), via: exact === query ? 'name' : 'alias' };
  }

  if (CANONICAL_SUFFIXES.has(query)) {
    const ofKind = registry.entries.filter((e) => e.name.endsWith(query));
    if (ofKind.length === 1) return { zone: ofKind[0]!, candidates: [], via: 'kind' };
    // The one the documents talk about, when the others are named in passing (a list of zones).
    const [top, next] = [...ofKind].sort((a, b) => b.mentions - a.mentions);
    if (top && next && top.mentions >= DOMINANT_MENTIONS * next.mentions) return { zone: top, candidates: ofKind.filter((e) => e !== top), via: 'kind' };
    if (ofKind.length > 1) return { zone: null, candidates: ofKind, via: 'kind' };
  }

  const stem = placeStem(query.replace(ZONE_SUFFIX_END, '') || query);
  const byPlace = registry.entries.filter((e) => e.place === placeStem(query));
  if (byPlace.length > 0) {
    // A bare place means the place itself, whose family holds its zones.
    const own = byPlace.find((e) => isPlaceKind(e.kind));
    return own ? { zone: own, candidates: byPlace.filter((e) => e !== own), via: 'place' } : pick(byPlace, 'place');
  }

  const prefixed = registry.entries.filter((e) => e.name.startsWith(query) || e.aliases.some((a) => a.startsWith(query)));
  if (prefixed.length > 0) return pick(prefixed, 'prefix');

  // The zone's own name with another kind (`中山火炬高新区` for `中山火炬开发区`), when the name has
  // more than its place (the qualifier 火炬): `长春高新区` never becomes `长春经开区`.
  const named = query.replace(ZONE_SUFFIX_END, '');
  if (named !== query) {
    const otherKind = registry.entries.filter((e) => !isPlaceKind(e.kind) && e.name.replace(ZONE_SUFFIX_END, '') === named && named.length > e.place.length);
    if (otherKind.length > 0) return pick(otherKind, 'fuzzy');
  }

  const latin = query.toLowerCase().replace(/[^a-z]/g, '');
  if (latin.length >= 2 && latin === query.toLowerCase().replace(/\s/g, '')) {
    const byPinyin = registry.entries.filter((e) => e.pinyin.startsWith(latin) || e.initials.startsWith(latin));
    if (byPinyin.length > 0) return pick(byPinyin, 'pinyin');
  }

  // A real place the corpus has no entry for: say so, with what lies inside it.
  const real = gazetteer().byName.get(query)?.[0] ?? gazetteer().byName.get(stem)?.[0];
  if (real) {
    const inside = registry.entries.filter((e) => e.within.includes(real.name));
    return { zone: null, candidates: inside, via: 'gazetteer', place: { name: real.name, code: real.code } };
  }

  const scored = registry.entries
    .map((e) => ({ e, d: Math.min(...[e.name, e.place, ...e.aliases].map((n) => editDistance(query, n))) }))
    .sort((a, b) => a.d - b.d || b.e.mentions - a.e.mentions);
  const best = scored[0];
  // A typo keeps the place: typed whole (`江阴高心区`) or one character off (`榆数`). A real
  // place the corpus lacks (`上海`, `珲春`) was answered above and never becomes another one.
  const keepsStem = (e: ZoneEntry) => e.place.length >= 2 && (query.startsWith(e.place) || editDistance(stem, e.place) <= 1);
  if (best && best.d <= Math.max(1, Math.floor(query.length / 4))) {
    const typos = scored.filter((s) => s.d === best.d && keepsStem(s.e)).map((s) => s.e);
    if (typos.length > 0) return pick(typos, 'fuzzy');
  }
  return { zone: null, candidates: scored.slice(0, 5).map((s) => s.e), via: 'none' };
}

/**
 * One place family → its most mentioned entry, the rest as candidates. Entries from several
 * unrelated places → ambiguous.
 */
function pick(matches: ZoneEntry[], via: ZoneResolution['via']): ZoneResolution {
  const sorted = [...matches].sort((a, b) => b.mentions - a.mentions);
  const first = sorted[0]!;
  const samePlace = sorted.every((e) => e.place.startsWith(first.place) || first.place.startsWith(e.place));
  // One place's entries: the place itself, whose family holds its zones (`weifang` → 潍坊市).
  const own = sorted.find((e) => isPlaceKind(e.kind) && e.place === first.place);
  if (samePlace && own) return { zone: own, candidates: sorted.filter((e) => e !== own), via };
  if (sorted.length === 1 || samePlace) return { zone: first, candidates: sorted.slice(1), via };
  return { zone: null, candidates: sorted, via };
}

export function summarize(entry: ZoneEntry): ZoneSummary {
  return { name: entry.name, kind: entry.kind, mentions: entry.mentions };
}

/** Levenshtein distance over code points; inputs here are short names. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[y.length]!;
}

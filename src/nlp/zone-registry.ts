import { pinyin } from 'pinyin-pro';
import type { ZoneKind, ZoneSummary } from '../search/types.js';
import { normalizeQuery } from './normalize.js';
import { placeStem, type ZoneMention } from './zones.js';

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

const LONG_FORMS: [RegExp, string][] = [
  [/高新技术产业开发区|高新技术开发区/g, '高新区'],
  [/经济技术开发区|经济开发区/g, '经开区'],
  [/综合保税区/g, '综保区'],
  [/自由贸易试验区|自贸试验区/g, '自贸区'],
];

/** Folds long zone suffixes to their short canonical forms (`经济技术开发区` → `经开区`). */
export function foldZoneSuffix(name: string): string {
  return LONG_FORMS.reduce((s, [re, short]) => s.replace(re, short), normalizeQuery(name).replace(/[\s（）()]/g, ''));
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
  const grouped = new Map<string, { kind: ZoneKind; place: string; surfaces: Set<string>; count: number; weak: boolean }>();
  for (const m of mentions) {
    if (m.place === '') continue;
    const g = grouped.get(m.name) ?? { kind: m.kind, place: m.place, surfaces: new Set(), count: 0, weak: true };
    g.surfaces.add(m.surface);
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
    into.surfaces.add(short);
    into.count += from.count;
    grouped.delete(short);
  }

  const entries: ZoneEntry[] = [];
  for (const [name, g] of grouped) {
    const aliases = new Set([...g.surfaces].filter((s) => s !== name));
    for (const s of g.surfaces) aliases.add(foldZoneSuffix(s));
    // `哈尔滨片区` for `黑龙江自贸区哈尔滨片区`.
    const area = /自贸区(.+片区)$/.exec(name);
    if (area) aliases.add(area[1]!);
    aliases.delete(name);
    const syllables = pinyin(name, { toneType: 'none', type: 'array' });
    entries.push({
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

/** Entries of the same place family: same place, or one place a prefix of the other (`长春` / `长春兴隆`). */
export function relatedZones(registry: ZoneRegistry, entry: ZoneEntry): ZoneEntry[] {
  return registry.entries.filter(
    (e) => e !== entry && (e.place === entry.place || (e.place.length >= 2 && entry.place.length >= 2 && (e.place.startsWith(entry.place) || entry.place.startsWith(e.place)))),
  );
}

export interface ZoneResolution {
  /** The zone the input means, or null when unknown or ambiguous. */
  zone: ZoneEntry | null;
  /** Other matches of the same strength (ambiguous) or the closest names (unknown). */
  candidates: ZoneEntry[];
  /** How the input matched, for notes and tests. */
  via: 'name' | 'alias' | 'place' | 'prefix' | 'pinyin' | 'fuzzy' | 'none';
}

/**
 * Resolves what a user typed to a zone: exact name or alias (suffix forms and traditional
 * characters folded), place name (`梅河口` → the most mentioned of its family), prefix,
 * pinyin or initials, then edit distance. Several equally good matches from different
 * places make the input ambiguous and come back as candidates; unknown input comes back with
 * the five closest names (the most mentioned ones for empty input), for did-you-mean.
 *
 * @example
 * resolveZone(registry, '長春經開區').zone?.name; // '长春经开区'
 * resolveZone(registry, 'meihekou').zone?.name; // '梅河口高新区'
 */
export function resolveZone(registry: ZoneRegistry, input: string): ZoneResolution {
  const query = foldZoneSuffix(input);
  if (!query) return { zone: null, candidates: registry.entries.slice(0, 5), via: 'none' };
  const entry = (name: string) => registry.entries.find((e) => e.name === name)!;

  const exact = registry.byName.get(query);
  if (exact) return { zone: entry(exact), candidates: [], via: exact === query ? 'name' : 'alias' };

  const place = placeStem(query);
  const byPlace = registry.entries.filter((e) => e.place === place);
  if (byPlace.length > 0) return pick(byPlace, 'place');

  const prefixed = registry.entries.filter((e) => e.name.startsWith(query) || e.aliases.some((a) => a.startsWith(query)));
  if (prefixed.length > 0) return pick(prefixed, 'prefix');

  const latin = query.toLowerCase().replace(/[^a-z]/g, '');
  if (latin.length >= 2 && latin === query.toLowerCase().replace(/\s/g, '')) {
    const byPinyin = registry.entries.filter((e) => e.pinyin.startsWith(latin) || e.initials.startsWith(latin));
    if (byPinyin.length > 0) return pick(byPinyin, 'pinyin');
  }

  const scored = registry.entries
    .map((e) => ({ e, d: Math.min(...[e.name, e.place, ...e.aliases].map((n) => editDistance(query, n))) }))
    .sort((a, b) => a.d - b.d || b.e.mentions - a.e.mentions);
  const best = scored[0];
  if (best && best.d <= Math.max(1, Math.floor(query.length / 4))) {
    return pick(scored.filter((s) => s.d === best.d).map((s) => s.e), 'fuzzy');
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

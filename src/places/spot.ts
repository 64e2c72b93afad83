import { gazetteer, type Gazetteer, type Place } from './gazetteer.js';

/** A gazetteer name found in running text. */
export interface PlaceHit {
  start: number;
  end: number;
  surface: string;
  /** The places the surface may mean, higher levels first. */
  places: Place[];
  /** The surface is a full official name (`长兴县`), not a short one (`长兴`). */
  full: boolean;
}

interface Index {
  /** First two characters → names starting with them, longest first. */
  byPrefix: Map<string, string[]>;
  full: Set<string>;
}

// Two-character district names (`城区`, `郊区`, `矿区`, `东区`) are ordinary words in running text.
const GENERIC_FULL = /^.区$/;

let index: Index | null = null;

function indexOf(g: Gazetteer): Index {
  if (index) return index;
  const byPrefix = new Map<string, string[]>();
  const full = new Set(g.places.map((p) => p.name));
  for (const name of g.byName.keys()) {
    if (name.length < 2 || (full.has(name) && GENERIC_FULL.test(name))) continue;
    const key = name.slice(0, 2);
    (byPrefix.get(key) ?? byPrefix.set(key, []).get(key)!).push(name);
  }
  for (const list of byPrefix.values()) list.sort((a, b) => b.length - a.length);
  index = { byPrefix, full };
  return index;
}

/**
 * Every gazetteer name in `text`, left to right, longest match first, never overlapping and
 * never inside a span of `taken`. Short names come back as candidates (`full: false`): whether
 * `长兴` is the county or part of another word is the caller's decision.
 *
 * @example
 * spotPlaces('甘肃省地区生产总值增长4.5%')[0]; // { surface: '甘肃省', full: true, places: [甘肃省], … }
 */
export function spotPlaces(text: string, taken: [number, number][] = []): PlaceHit[] {
  const g = gazetteer();
  const { byPrefix, full } = indexOf(g);
  const hits: PlaceHit[] = [];
  let i = 0;
  while (i < text.length - 1) {
    const candidates = byPrefix.get(text.slice(i, i + 2));
    const name = candidates?.find((n) => text.startsWith(n, i));
    const end = name ? i + name.length : 0;
    if (name && taken.every(([a, b]) => end <= a || i >= b)) {
      hits.push({ start: i, end, surface: name, places: g.byName.get(name)!, full: full.has(name) });
      i = end;
    } else i++;
  }
  return hits;
}

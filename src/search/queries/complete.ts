import { foldZoneSuffix } from '../../nlp/zone-registry.js';
import type { Snapshot } from '../snapshot.js';
import type { Suggestion } from '../types.js';

export const MAX_CHOICES = 25;
const MAX_NAME = 100;

/**
 * Zone names for autocomplete: exact, prefix (of name, alias or place), contained, pinyin or
 * initials prefix; traditional characters and long suffixes are folded first.
 *
 * @example
 * completeZone(snapshot, '梅河').map((s) => s.value); // ['梅河口市', '梅河口高新区', '梅河新区']
 */
export function completeZone(snapshot: Snapshot, input: string, limit = MAX_CHOICES): Suggestion[] {
  const query = foldZoneSuffix(input ?? '').slice(0, 50);
  const latin = query.toLowerCase().replace(/[^a-z]/g, '');
  const ranked = snapshot.registry.entries
    .map((e) => {
      const names = [e.name, ...e.aliases];
      let rank = 9;
      if (!query) rank = 4;
      else if (names.includes(query)) rank = 0;
      else if (names.some((n) => n.startsWith(query)) || e.place.startsWith(query)) rank = 1;
      else if (names.some((n) => n.includes(query))) rank = 2;
      else if (latin.length >= 1 && (e.pinyin.startsWith(latin) || e.initials.startsWith(latin))) rank = 3;
      return { e, rank };
    })
    .filter((r) => r.rank < 9)
    .sort((a, b) => a.rank - b.rank || b.e.mentions - a.e.mentions);
  return ranked.slice(0, Math.min(limit, MAX_CHOICES)).map(({ e }) => ({
    name: `${e.name}（${e.kind} · ${e.mentions}处）`.slice(0, MAX_NAME),
    value: e.name.slice(0, MAX_NAME),
  }));
}

/**
 * Metric labels for autocomplete, most frequent first among those containing the input.
 *
 * @example
 * completeMetric(snapshot, '招商')[0].value; // '招商引资到位资金'
 */
export function completeMetric(snapshot: Snapshot, input: string, limit = MAX_CHOICES): Suggestion[] {
  const query = foldZoneSuffix(input ?? '').slice(0, 50);
  return snapshot.labels
    .filter((l) => l.label.includes(query))
    .sort((a, b) => Number(b.label.startsWith(query)) - Number(a.label.startsWith(query)) || b.count - a.count || a.label.length - b.label.length)
    .slice(0, Math.min(limit, MAX_CHOICES))
    .map(({ label, count }) => ({ name: `${label}（${count}）`.slice(0, MAX_NAME), value: label.slice(0, MAX_NAME) }));
}

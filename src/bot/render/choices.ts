import type { Suggestion } from '../../search/types.js';
import type { Choice } from '../types.js';
import { LIMITS } from './limits.js';
import { truncate } from './text.js';

/**
 * Autocomplete suggestions as Discord accepts them: at most 25, names cut to 100 characters,
 * and choices whose value would not fit (or is empty, or repeats) dropped, because a cut value
 * would submit something else than what was chosen.
 *
 * @example
 * renderChoices([{ name: '梅河口高新区（高新区）', value: '梅河口高新区' }]); // same, checked
 */
export function renderChoices(suggestions: readonly Suggestion[]): Choice[] {
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const s of suggestions) {
    const value = s.value.trim();
    if (!value || value.length > LIMITS.choiceValue || seen.has(value)) continue;
    seen.add(value);
    out.push({ name: truncate(s.name.trim() || value, LIMITS.choiceName), value });
    if (out.length === LIMITS.choices) break;
  }
  return out;
}

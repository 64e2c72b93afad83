import * as OpenCC from 'opencc-js';
import { stripInvisible } from '../corpus/clean.js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/**
 * Normalises document text before tokenising: NFKC folds full-width digits, letters and
 * punctuation (`１４１．５` → `141.5`), invisible characters go, Latin is lower-cased.
 *
 * @example
 * normalizeText('ＧＤＰ增长１４１．５％'); // 'gdp增长141.5%'
 */
export function normalizeText(text: string): string {
  return stripInvisible(text.normalize('NFKC')).toLowerCase();
}

/**
 * Normalises what a user typed: everything `normalizeText` does, plus traditional to
 * simplified characters (the documents are simplified), so `招商引資` finds `招商引资`.
 *
 * @example
 * normalizeQuery('長春經開區\u3000新增市場主體'); // '长春经开区 新增市场主体'
 */
export function normalizeQuery(text: string): string {
  return toSimplified(normalizeText(text)).replace(/\s+/g, ' ').trim();
}

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { readSeeds } from '../../src/corpus/load.js';
import { splitPassages, type Passage } from '../../src/corpus/passages.js';
import type { Answerer, System } from './system.js';

/**
 * The reference point: what a plain full-text index over the same passages costs. Lucene's
 * CJKAnalyzer approach, on MiniSearch: overlapping CJK character bigrams plus Latin words and
 * numbers, no dictionary, no zones, no figures. It has no figure, zone or autocomplete logic,
 * so those operations are bigram searches over the passages too (autocomplete as a prefix
 * search); only the cost is comparable there, not the answer.
 */

const FILE = 'baseline.json';
const LIMIT = 10;
const COMPLETE_LIMIT = 25;

interface Persisted {
  passages: Passage[];
  index: AsPlainObject;
}

// Own tokenizer rather than src/nlp's `bigrams`: importing that module loads jieba and OpenCC,
// which the baseline does not use and whose load time would count in its cold start.
const RUNS = /([\u3400-\u9fff\uf900-\ufaff]+)|([a-z0-9]+(?:\.[0-9]+)*%?)/g;

/**
 * CJKAnalyzer-style terms: overlapping CJK bigrams (a lone CJK character as a unigram),
 * Latin words and numbers as whole tokens, width-folded (NFKC) and lower-cased.
 *
 * @example
 * cjkTerms('招商引资141.5亿元'); // ['招商', '商引', '引资', '141.5', '亿元']
 */
export function cjkTerms(text: string): string[] {
  const terms: string[] = [];
  for (const [, cjk, word] of text.normalize('NFKC').toLowerCase().matchAll(RUNS)) {
    if (word !== undefined) terms.push(word);
    else if (cjk !== undefined) {
      if (cjk.length === 1) terms.push(cjk);
      for (let i = 0; i + 1 < cjk.length; i++) terms.push(cjk.slice(i, i + 2));
    }
  }
  return terms;
}

const OPTIONS: Options<Passage> = {
  idField: 'id',
  fields: ['text'],
  tokenize: cjkTerms,
  processTerm: (term) => term,
};

/**
 * Reads the seeds, splits them with our cleaner (same passages as ours) and builds the index.
 *
 * @example
 * const { index, passages } = await buildBaseline('seeds');
 * index.search('梅河口 多远')[0].id; // '004_578be0ae33821603.txt#…'
 */
export async function buildBaseline(corpusDir: string, phases: Record<string, number> = {}): Promise<{ index: MiniSearch<Passage>; passages: Passage[] }> {
  let at = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    phases[name] = now - at;
    at = now;
  };
  const { files } = await readSeeds(corpusDir);
  lap('read');
  const passages = files.flatMap((f) => splitPassages(f.name, f.text));
  lap('passages');
  const index = new MiniSearch<Passage>(OPTIONS);
  index.addAll(passages);
  lap('index');
  return { index, passages };
}

/** The baseline answers every operation with passages. */
export interface BaselineAnswerer extends Answerer {
  ask(question: string): Passage[];
}

/**
 * The baseline's answers: the top passages for the query text.
 *
 * @example
 * baselineAnswerer(index, passages).ask('梅河口离长春有多远？'); // Passage[]
 */
export function baselineAnswerer(index: MiniSearch<Passage>, passages: Passage[]): BaselineAnswerer {
  const byId = new Map(passages.map((p) => [p.id, p]));
  const top = (text: string, limit = LIMIT, prefix = false) =>
    index.search(text, { prefix }).slice(0, limit).map((hit) => byId.get(hit.id as string)!);
  return {
    ask: (question) => top(question),
    figure: ({ metric, zone, year }) => top([zone, year, metric].filter(Boolean).join(' ')),
    zone: (name) => top(name),
    complete: ({ prefix }) => top(prefix, COMPLETE_LIMIT, true),
  };
}

export const baseline: System = {
  async build(corpusDir, indexDir) {
    const phases: Record<string, number> = {};
    const started = performance.now();
    const { index, passages } = await buildBaseline(corpusDir, phases);
    const persistStarted = performance.now();
    await mkdir(indexDir, { recursive: true });
    await writeFile(join(indexDir, FILE), JSON.stringify({ passages, index: index.toJSON() } satisfies Persisted));
    phases.persist = performance.now() - persistStarted;
    phases.total = performance.now() - started;
    return { phases, counts: { passages: passages.length, terms: index.termCount }, built: { index, passages } };
  },

  async open(corpusDir, indexDir) {
    // Read the corpus like ours does on start (it hashes the seeds to check the index is current).
    await readSeeds(corpusDir);
    const data = JSON.parse(await readFile(join(indexDir, FILE), 'utf8')) as Persisted;
    return baselineAnswerer(MiniSearch.loadJS<Passage>(data.index, OPTIONS), data.passages);
  },
};

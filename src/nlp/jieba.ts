import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodejieba from 'nodejieba';

/**
 * The process-wide jieba, loaded once with the zone suffixes added. Every module that
 * segments or tags imports it from here, so none can reach jieba before the words are in.
 *
 * nodejieba's default `load()` is most of a cold start (~0.8 s, ~250 MB RSS), and part of it
 * builds what only keyword extraction uses; we never call `extract` or `textRankExtract`. It
 * reads `idf.utf8` (6 MB, 259k lines into a hash map) and `stop_words.utf8` for the keyword
 * extractor: both are given one-line stand-ins (~140 ms, ~19 MB).
 *
 * `cut`, `cutForSearch` and `tag` use only the Jieba instance, built from nodejieba's own main
 * dictionary, HMM model and user dictionary as before, so segmentation and tags do not change
 * (checked token for token over the seeds and gold questions). The stand-ins live in a fresh
 * temporary directory, not next to this module, so the paths work from `src/` under tsx and
 * from compiled JS alike; jieba reads them inside `load` and keeps nothing open, so the
 * directory is removed right after. Anything unexpected falls back to the default load.
 */
function loadJieba(): void {
  let dir: string | null = null;
  try {
    dir = mkdtempSync(join(tmpdir(), 'zone-jieba-'));
    // The keyword extractors want a non-empty table and a positive average IDF: one entry each.
    const idfDict = writeTo(dir, 'idf.utf8', '_ 1\n');
    const stopWordDict = writeTo(dir, 'stop_words.utf8', '_\n');
    nodejieba.load({ idfDict, stopWordDict });
  } catch {
    nodejieba.load();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

function writeTo(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/**
 * Zone suffixes jieba's dictionary lacks (it cuts 经开区 into single characters). Added once, at
 * load, so jieba behaves the same in every build and process (zone recognition relies on its
 * tags). Metric terms are not listed here: they come from the corpus (see WordSet in tokenizer).
 */
export const DOMAIN_WORDS = ['经开区', '综保区', '自贸区', '高新区', '片区'];

loadJieba();
for (const word of DOMAIN_WORDS) nodejieba.insertWord(word);

/** nodejieba after `load` and the zone suffixes. Its keyword extractors have stand-in tables: don't use them. */
export const jieba: Pick<typeof nodejieba, 'cut' | 'cutForSearch' | 'tag'> = nodejieba;

import { existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import nodejieba from 'nodejieba';

/**
 * The process-wide jieba, loaded once with the zone suffixes added. Every module that
 * segments or tags imports it from here, so none can reach jieba before the words are in.
 *
 * nodejieba's default `load()` is most of a cold start (~0.8 s, ~250 MB RSS), and half of it
 * builds things only keyword extraction uses; we never call `extract` or `textRankExtract`:
 *
 * - it reads `idf.utf8` (6 MB, 259k lines into a hash map) and `stop_words.utf8` for the
 *   keyword extractor. Both are given one-line stand-ins (~140 ms, ~19 MB).
 * - it builds a second copy of the main dictionary's trie and the HMM model for its
 *   TextRank extractor (`new TextRankExtractor(dictPath, …)` right after `new Jieba(dictPath,
 *   …)` in its native `load`, same path, no option to share). See `oneDictionary` (~300 ms,
 *   ~107 MB).
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
  let helper: OneDictionary | null = null;
  try {
    dir = mkdtempSync(join(tmpdir(), 'zone-jieba-'));
    // The keyword extractors want a non-empty table and a positive average IDF: one entry each.
    const idfDict = writeTo(dir, 'idf.utf8', '_ 1\n');
    const stopWordDict = writeTo(dir, 'stop_words.utf8', '_\n');
    helper = oneDictionary(dir);
    nodejieba.load({ ...(helper ? { dict: helper.dict } : {}), idfDict, stopWordDict });
  } catch {
    nodejieba.load();
  } finally {
    helper?.stop();
    // A helper caught mid-swap could still be writing into the directory; a leftover is harmless.
    try {
      if (dir) rmSync(dir, { recursive: true, force: true });
    } catch {
      // left for the OS to clean
    }
  }
  // Never expected to fire; it guards the one thing that would change segmentation: the
  // segmenter itself getting the stand-in dictionary (only possible if a nodejieba release
  // reversed its load order). With the real dictionary this is one word, not seven characters.
  if (nodejieba.cut('中华人民共和国', false).length !== 1) {
    process.emitWarning('jieba: main dictionary missing after load, loading the defaults', { code: 'ZONE_JIEBA_RELOAD' });
    nodejieba.load();
  }
}

function writeTo(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

interface OneDictionary {
  /** Path to pass as `dict`: a symlink to nodejieba's dictionary until the segmenter has it open. */
  dict: string;
  /** Ends the watcher; call once `load` has returned. */
  stop(): void;
}

/**
 * Lets nodejieba's native `load` read the main dictionary once instead of twice. `dict` is a
 * symlink to the real dictionary; a helper thread (plain JS, no tsx) polls this process's
 * open files and, once the real dictionary is open (the Jieba instance's trie opens it first
 * and keeps reading it for ~300 ms), points the symlink at a one-word stand-in, which the
 * TextRank extractor then opens. A file already open keeps its contents, so the segmenter
 * always reads the whole dictionary. Worst cases: the helper is late or does not start (the
 * extractor reads the real dictionary: the old cost, same output), or a nodejieba release
 * opens in the other order (caught by the check in `loadJieba`). Linux only (`/proc/self/fd`);
 * elsewhere returns null and `load` reads the dictionary twice as before.
 */
function oneDictionary(dir: string): OneDictionary | null {
  const real = (nodejieba as unknown as { DEFAULT_DICT?: unknown }).DEFAULT_DICT;
  if (typeof real !== 'string' || !existsSync('/proc/self/fd')) return null;
  const dict = join(dir, 'jieba.dict.utf8');
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    const target = realpathSync(real);
    const standIn = writeTo(dir, 'stand-in.dict.utf8', '_ 1 x\n');
    symlinkSync(target, dict);
    worker = new Worker(SWAP_WHEN_OPEN, { eval: true, execArgv: [], workerData: { target, dict, standIn, flag } });
  } catch {
    // No symlink or no thread: load from the real path, as nodejieba would.
    return null;
  }
  worker.unref();
  worker.on('error', () => {});
  return {
    dict,
    stop() {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      void worker.terminate();
    },
  };
}

// The helper thread. Polls every millisecond until told to stop (or 30 s pass); swaps the
// symlink atomically (rename over it), so the extractor opens one file or the other, whole.
const SWAP_WHEN_OPEN = `
const { readdirSync, readlinkSync, renameSync, symlinkSync } = require('node:fs');
const { target, dict, standIn, flag } = require('node:worker_threads').workerData;
const deadline = Date.now() + 30000;
const isOpen = () => readdirSync('/proc/self/fd').some((fd) => { try { return readlinkSync('/proc/self/fd/' + fd) === target; } catch { return false; } });
while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) {
  if (isOpen()) {
    symlinkSync(standIn, dict + '.next');
    renameSync(dict + '.next', dict);
    break;
  }
  Atomics.wait(flag, 0, 0, 1);
}
`;

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

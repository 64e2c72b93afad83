import { existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import nodejieba from 'nodejieba';

/**
 * The process-wide jieba: nodejieba loaded once, on first use or by `loadJieba()`, with the
 * zone suffixes added. Every module that segments or tags goes through `jieba`, so none can
 * reach nodejieba before the words are in.
 *
 * nodejieba's default `load()` is most of a cold start (~0.8 s, ~250 MB RSS), and half of it
 * builds things only keyword extraction uses; we never call `extract` or `textRankExtract`:
 *
 * - it reads `idf.utf8` (6 MB, 259k lines into a hash map) and `stop_words.utf8` for the
 *   keyword extractor. Both are given one-line stand-ins (~140 ms, ~19 MB).
 * - it builds a second copy of the main dictionary's trie and the HMM model for its
 *   TextRank extractor (`new TextRankExtractor(dictPath, …)` right after `new Jieba(dictPath,
 *   …)` in its native `load`, same path, no option to share). See `DictionaryHelper`
 *   (~300 ms, ~107 MB).
 *
 * `cut`, `cutForSearch` and `tag` use only the Jieba instance, built from nodejieba's own main
 * dictionary, HMM model and user dictionary as before, so segmentation and tags do not change
 * (checked token for token over the seeds and gold questions; test/jieba.test.ts). The
 * stand-ins live in a fresh temporary directory, not next to this module, so the paths work
 * from `src/` under tsx and from compiled JS alike; jieba reads them inside `load` and keeps
 * nothing open, so the directory is removed right after. Anything unexpected falls back to
 * nodejieba's default load.
 */

/**
 * Zone suffixes jieba's dictionary lacks (it cuts 经开区 into single characters). Added once, at
 * load, so jieba behaves the same in every build and process (zone recognition relies on its
 * tags). Metric terms are not listed here: they come from the corpus (see WordSet in tokenizer).
 */
export const DOMAIN_WORDS = ['经开区', '综保区', '自贸区', '高新区', '片区'];

/** How long a load waits for a helper thread that has not started yet (it usually has, by far). */
const HELPER_START_WAIT_MS = 200;

let loaded = false;

/**
 * Loads jieba now if it is not loaded yet (~0.4 s). Segmenting or tagging loads it anyway;
 * `openEngine` calls this so the engine is ready, not its first question.
 *
 * @example
 * loadJieba();
 */
export function loadJieba(): void {
  if (loaded) return;
  let dir: string | null = null;
  try {
    dir = mkdtempSync(join(tmpdir(), 'zone-jieba-'));
    // The keyword extractors want a non-empty table and a positive average IDF: one entry each.
    const idfDict = writeTo(dir, 'idf.utf8', '_ 1\n');
    const stopWordDict = writeTo(dir, 'stop_words.utf8', '_\n');
    const dict = helper?.watch(dir) ?? null;
    nodejieba.load({ ...(dict ? { dict } : {}), idfDict, stopWordDict });
  } catch {
    nodejieba.load();
  } finally {
    helper?.stop();
    helper = null;
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
  for (const word of DOMAIN_WORDS) nodejieba.insertWord(word);
  loaded = true;
}

/** nodejieba, loaded on first call. Its keyword extractors would have stand-in tables, so they are not offered. */
export const jieba: Pick<typeof nodejieba, 'cut' | 'cutForSearch' | 'tag'> = {
  cut: (sentence, strict) => (loadJieba(), nodejieba.cut(sentence, strict)),
  cutForSearch: (sentence, strict) => (loadJieba(), nodejieba.cutForSearch(sentence, strict)),
  tag: (sentence) => (loadJieba(), nodejieba.tag(sentence)),
};

function writeTo(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// Helper thread states (slot 0, set by the helper) and commands (slot 1, set by `loadJieba`).
const STARTED = 1;
const FAILED = -1;
const GO = 1;
const STOP = 2;

/**
 * Lets nodejieba's native `load` read the main dictionary once instead of twice. The `dict`
 * passed to `load` is a symlink to the real dictionary; a helper thread (plain JS, no tsx)
 * polls this process's open files and, once the real dictionary is open (the Jieba instance's
 * trie reads it first, for ~100 ms), points the symlink at a one-word stand-in, which the
 * TextRank extractor opens next. A file already open keeps its contents, so the segmenter
 * always reads the whole dictionary.
 *
 * The thread is started when this module is imported, so it is running long before the load
 * (starting one takes ~25 ms, sometimes over 150 ms on a busy machine: longer than the window);
 * it only waits until then. Worst cases: the helper is late or did not start (the extractor
 * reads the real dictionary: the old cost, same output), or a nodejieba release opens in the
 * other order (caught by the check in `loadJieba`). Linux only (`/proc/self/fd`); elsewhere
 * there is no helper and `load` reads the dictionary twice as before.
 */
class DictionaryHelper {
  /** Set when the thread failed or ended; it is not waited for then. */
  private gone = false;

  private constructor(
    private readonly worker: Worker,
    private readonly target: string,
    private readonly state: Int32Array,
  ) {
    // Never keeps the process alive; a failure only means no swap.
    worker.unref();
    worker.on('error', () => (this.gone = true));
    worker.on('exit', () => (this.gone = true));
  }

  /** Starts the helper thread, or returns null where it cannot work. */
  static start(): DictionaryHelper | null {
    const real = (nodejieba as unknown as { DEFAULT_DICT?: unknown }).DEFAULT_DICT;
    if (typeof real !== 'string' || !existsSync('/proc/self/fd')) return null;
    try {
      const target = realpathSync(real);
      const state = new Int32Array(new SharedArrayBuffer(8));
      return new DictionaryHelper(new Worker(HELPER, { eval: true, execArgv: [], workerData: { target, state } }), target, state);
    } catch {
      return null;
    }
  }

  /**
   * Makes the symlink and the stand-in in `dir` and sets the helper watching; returns the path
   * to pass as `dict`, or null if the helper is not running (then load from the real path).
   */
  watch(dir: string): string | null {
    if (this.gone) return null;
    if (Atomics.load(this.state, 0) !== STARTED) Atomics.wait(this.state, 0, 0, HELPER_START_WAIT_MS);
    if (Atomics.load(this.state, 0) !== STARTED) return null;
    const dict = join(dir, 'jieba.dict.utf8');
    const standIn = writeTo(dir, 'stand-in.dict.utf8', '_ 1 x\n');
    symlinkSync(this.target, dict);
    this.worker.postMessage({ dict, standIn });
    Atomics.store(this.state, 1, GO);
    Atomics.notify(this.state, 1);
    return dict;
  }

  /** Ends the helper; call once `load` has returned. */
  stop(): void {
    Atomics.store(this.state, 1, STOP);
    Atomics.notify(this.state, 1);
    void this.worker.terminate();
  }
}

// The helper thread: says it has started, sleeps until told to go, then polls every
// millisecond until the real dictionary is open or it is told to stop. The swap is atomic
// (rename over the symlink), so the extractor opens one file or the other, whole.
const HELPER = `
const { readdirSync, readlinkSync, renameSync, symlinkSync } = require('node:fs');
const { parentPort, receiveMessageOnPort, workerData } = require('node:worker_threads');
const { target, state } = workerData;
try {
  Atomics.store(state, 0, ${STARTED});
  Atomics.notify(state, 0);
  Atomics.wait(state, 1, 0);
  if (Atomics.load(state, 1) === ${GO}) {
    const { dict, standIn } = receiveMessageOnPort(parentPort).message;
    const isOpen = () => readdirSync('/proc/self/fd').some((fd) => { try { return readlinkSync('/proc/self/fd/' + fd) === target; } catch { return false; } });
    while (Atomics.load(state, 1) === ${GO}) {
      if (isOpen()) {
        symlinkSync(standIn, dict + '.next');
        renameSync(dict + '.next', dict);
        break;
      }
      Atomics.wait(state, 1, ${GO}, 1);
    }
  }
} catch {
  // Wakes a load still waiting for the start; without a swap it reads the dictionary twice.
  Atomics.store(state, 0, ${FAILED});
  Atomics.notify(state, 0);
}
`;

let helper: DictionaryHelper | null = DictionaryHelper.start();

import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import type { AsPlainObject } from 'minisearch';
import { jsonPieces } from './json-pieces.js';
import { lexiconOf, loadFigureIndex, loadPassageIndex, type Indexes } from './indexes.js';
import type { CorpusModel } from './model.js';
import { VERSIONS } from './versions.js';

/**
 * `index/` holds one data file named by its content hash and a manifest pointing at it.
 * Both are written to a temporary name and renamed, data first, so a crash at any moment
 * leaves the manifest pointing at a complete file; the manifest's checksum catches a data
 * file damaged afterwards.
 */

export const MANIFEST = 'manifest.json';

export interface Manifest {
  format: number;
  versions: Record<string, string>;
  data: string;
  sha256: string;
  builtAt: string;
  buildMs: number;
  files: { doc: string; sha256: string; bytes: number }[];
  counts: { docs: number; passages: number; figures: number; zones: number };
  /** Byte range of each part in the data file, so a load reads and parses one part at a time. */
  parts: Record<Part, [start: number, end: number]>;
}

/**
 * The data file is one JSON object, `{"model":…,"passages":…,"figures":…}`: the corpus model and
 * MiniSearch's plain objects (not its JSON strings: nesting JSON in JSON made loading parse the
 * index twice, 270 ms of a 2.5 s cold start at 100× the seeds).
 */
const PARTS = ['model', 'passages', 'figures'] as const;
type Part = (typeof PARTS)[number];

/**
 * Writes model and indexes atomically and removes data files older than the previous
 * generation. The caller holds the build lock (`lock.ts`): only one process may save into `dir`.
 *
 * @example
 * await saveIndex('index', model, indexes); // index/manifest.json + index/index-3f2a….json
 */
export async function saveIndex(dir: string, model: CorpusModel, indexes: Indexes): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  // The generation served until this save: replicas may still be loading it, so it stays.
  const previous = (await readManifest(dir))?.data;
  const hash = createHash('sha256');
  const parts = {} as Manifest['parts'];
  const temp = await writeTemp(join(dir, 'index'), dataParts(model, indexes, hash, parts));
  const checksum = hash.digest('hex');
  const data = `index-${checksum.slice(0, 16)}.json`;
  await rename(temp, join(dir, data));
  const manifest: Manifest = {
    format: VERSIONS.format,
    versions: { ...VERSIONS.libraries },
    data,
    sha256: checksum,
    builtAt: model.builtAt,
    buildMs: model.buildMs,
    files: model.docs.map((d) => ({ doc: d.doc, sha256: d.sha256, bytes: d.bytes })),
    counts: { docs: model.docs.length, passages: model.passages.length, figures: model.figures.length, zones: model.zones.length },
    parts,
  };
  await rename(await writeTemp(join(dir, MANIFEST), JSON.stringify(manifest, null, 2)), join(dir, MANIFEST));
  await removeStale(dir, new Set([data, ...(previous ? [previous] : [])]));
  return manifest;
}

/**
 * The data file in small pieces (see `jsonPieces`), hashed as it goes, recording each part's
 * byte range. Writing it as one string, with both indexes' plain objects alive at once, had put
 * 300 MB on the build's peak memory at 100× the seeds.
 */
function* dataParts(model: CorpusModel, indexes: Indexes, hash: Hash, ranges: Manifest['parts']): Generator<string> {
  const content: Record<Part, unknown> = { model, passages: indexes.passages, figures: indexes.figures };
  let at = 0;
  const emit = (text: string) => {
    hash.update(text);
    at += Buffer.byteLength(text);
    return text;
  };
  for (const [i, part] of PARTS.entries()) {
    yield emit(`${i === 0 ? '{' : ','}"${part}":`);
    const start = at;
    for (const piece of jsonPieces(content[part])) yield emit(piece);
    ranges[part] = [start, at];
  }
  yield emit('}');
}

/**
 * Removes data files of generations before the previous one, and temp files a killed process
 * left behind. The previous generation is kept because a replica that read the old manifest just
 * before ours was renamed into place may not have opened its data file yet (once opened, a
 * deleted file stays readable on POSIX; a replica that finds it gone reads the manifest again).
 * Runs under the build lock, so no other writer's temp file is in flight in this directory.
 */
async function removeStale(dir: string, keep: Set<string>): Promise<void> {
  for (const name of await readdir(dir)) {
    if ((/^index-[0-9a-f]+\.json$/.test(name) && !keep.has(name)) || name.endsWith('.tmp')) await rm(join(dir, name), { force: true });
  }
}

/** Writes a temporary file beside `path` (renamed into place by the caller) and returns its name. */
async function writeTemp(path: string, content: string | Iterable<string>): Promise<string> {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, content);
  return temp;
}

/** Reads the manifest, or null when there is none or it cannot be parsed. */
export async function readManifest(dir: string): Promise<Manifest | null> {
  try {
    return parseManifest(await readFile(join(dir, MANIFEST), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * A manifest from its text, or null when it is not one (torn, or not JSON). The data file's
 * checksum is verified later, by `loadIndex`.
 *
 * @example
 * parseManifest(await readFile('index/manifest.json', 'utf8'))?.data; // 'index-3f2a….json'
 */
export function parseManifest(text: string): Manifest | null {
  try {
    const manifest = JSON.parse(text) as Manifest;
    return manifest && typeof manifest.data === 'string' && typeof manifest.sha256 === 'string' && Array.isArray(manifest.files) ? manifest : null;
  } catch {
    return null;
  }
}

/**
 * Loads the persisted index after checking format, library versions and checksum.
 * Throws `INDEX_CORRUPT` on any mismatch; the caller rebuilds from the seeds.
 */
export async function loadIndex(dir: string, manifest: Manifest): Promise<{ model: CorpusModel; indexes: Indexes }> {
  if (manifest.format !== VERSIONS.format || JSON.stringify(manifest.versions) !== JSON.stringify(VERSIONS.libraries)) {
    throw new AppError('INDEX_CORRUPT', `search/persist: index in "${dir}" was built by another version (format ${manifest.format})`);
  }
  if (!/^index-[0-9a-f]+\.json$/.test(manifest.data)) {
    throw new AppError('INDEX_CORRUPT', `search/persist: manifest names an unexpected data file "${manifest.data}"`);
  }
  const path = join(dir, manifest.data);
  const ranges = PARTS.map((part) => manifest.parts?.[part]);
  if (!ranges.every((r, i) => Array.isArray(r) && Number.isSafeInteger(r[0]) && Number.isSafeInteger(r[1]) && r[0] <= r[1] && (i === 0 || r[0] >= ranges[i - 1]![1]))) {
    throw new AppError('INDEX_CORRUPT', `search/persist: manifest gives no usable part ranges for "${manifest.data}"`);
  }
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, 'r');
    const file = handle;
    const hash = createHash('sha256');
    let at = 0;
    /** The bytes up to `end`, hashed in file order; only the current part is held. */
    const readTo = async (end: number): Promise<Buffer> => {
      const bytes = Buffer.alloc(end - at);
      const { bytesRead } = await file.read(bytes, 0, bytes.length, at);
      if (bytesRead !== bytes.length) throw new AppError('INDEX_CORRUPT', `search/persist: "${manifest.data}" is shorter than its manifest says`);
      hash.update(bytes);
      at = end;
      return bytes;
    };
    // One part at a time, each turned into its final form before the next is read: the whole
    // file as one string plus every part's plain objects had put ~90 MB on the serving peak at 100×.
    const parse = async ([start, end]: [number, number]) => {
      await readTo(start);
      return JSON.parse((await readTo(end)).toString('utf8')) as unknown;
    };
    const model = (await parse(ranges[0]!)) as CorpusModel;
    const lexicon = lexiconOf(model.userWords);
    const passages = loadPassageIndex((await parse(ranges[1]!)) as AsPlainObject, lexicon);
    const figures = loadFigureIndex((await parse(ranges[2]!)) as AsPlainObject, lexicon);
    await readTo((await file.stat()).size);
    // Parsed before the checksum is known, but nothing parsed is returned unless it matches.
    if (hash.digest('hex') !== manifest.sha256) throw new AppError('INDEX_CORRUPT', `search/persist: checksum mismatch for "${manifest.data}"`);
    return { model, indexes: { passages, figures, lexicon } };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('INDEX_CORRUPT', `search/persist: cannot read or parse "${manifest.data}"`, { cause: error });
  } finally {
    await handle?.close();
  }
}

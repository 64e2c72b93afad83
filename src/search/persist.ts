import { createHash, type Hash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from '../corpus/load.js';
import { AppError } from '../errors.js';
import type { AsPlainObject } from 'minisearch';
import { loadIndexes, type Indexes } from './indexes.js';
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
}

interface DataFile {
  model: CorpusModel;
  // MiniSearch's plain objects, not its JSON strings: nesting JSON in JSON made loading parse
  // the index twice (270 ms of a 2.5 s cold start at 100× the seeds).
  passages: AsPlainObject;
  figures: AsPlainObject;
}

/**
 * Writes model and indexes atomically and removes older data files.
 *
 * @example
 * await saveIndex('index', model, indexes); // index/manifest.json + index/index-3f2a….json
 */
export async function saveIndex(dir: string, model: CorpusModel, indexes: Indexes): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  const hash = createHash('sha256');
  const temp = await writeTemp(join(dir, 'index'), dataParts(model, indexes, hash));
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
  };
  await rename(await writeTemp(join(dir, MANIFEST), JSON.stringify(manifest, null, 2)), join(dir, MANIFEST));
  await removeStale(dir, data);
  return manifest;
}

/**
 * The data file as a `DataFile` JSON object, one part at a time, hashed as it goes. Each part
 * is made only when the writer asks for it and dropped once written: one string of the whole
 * file (40 M characters at 100× the seeds) plus both indexes' plain objects at once had put
 * 300 MB on the build's peak memory.
 */
function* dataParts(model: CorpusModel, indexes: Indexes, hash: Hash): Generator<string> {
  const parts: (() => string)[] = [
    () => '{"model":',
    () => JSON.stringify(model),
    () => ',"passages":',
    () => JSON.stringify(indexes.passages),
    () => ',"figures":',
    () => JSON.stringify(indexes.figures),
    () => '}',
  ];
  for (const part of parts) {
    const text = part();
    hash.update(text);
    yield text;
  }
}

/**
 * Removes data files the manifest no longer names and temp files a killed process left
 * behind. Only called right after this process wrote the manifest, so no other writer's
 * temp file is in flight in this directory.
 */
async function removeStale(dir: string, keep: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if ((/^index-[0-9a-f]+\.json$/.test(name) && name !== keep) || name.endsWith('.tmp')) await rm(join(dir, name), { force: true });
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
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest;
    return typeof manifest.data === 'string' && Array.isArray(manifest.files) ? manifest : null;
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
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, manifest.data));
  } catch (error) {
    throw new AppError('INDEX_CORRUPT', `search/persist: cannot read "${manifest.data}"`, { cause: error });
  }
  // The bytes are hashed as read: hashing the decoded text would encode it all over again.
  if (sha256(bytes) !== manifest.sha256) {
    throw new AppError('INDEX_CORRUPT', `search/persist: checksum mismatch for "${manifest.data}"`);
  }
  try {
    const data = JSON.parse(bytes.toString('utf8')) as DataFile;
    return { model: data.model, indexes: loadIndexes(data, data.model.userWords) };
  } catch (error) {
    throw new AppError('INDEX_CORRUPT', `search/persist: cannot parse "${manifest.data}"`, { cause: error });
  }
}

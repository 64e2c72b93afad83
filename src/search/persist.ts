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
  const body = JSON.stringify({ model, passages: indexes.passages.toJSON(), figures: indexes.figures.toJSON() } satisfies DataFile);
  const checksum = sha256(body);
  const data = `index-${checksum.slice(0, 16)}.json`;
  await writeAtomic(join(dir, data), body);
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
  await writeAtomic(join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
  await removeStale(dir, data);
  return manifest;
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

async function writeAtomic(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, content);
  await rename(temp, path);
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
  let body: string;
  try {
    body = await readFile(join(dir, manifest.data), 'utf8');
  } catch (error) {
    throw new AppError('INDEX_CORRUPT', `search/persist: cannot read "${manifest.data}"`, { cause: error });
  }
  if (sha256(body) !== manifest.sha256) {
    throw new AppError('INDEX_CORRUPT', `search/persist: checksum mismatch for "${manifest.data}"`);
  }
  try {
    const data = JSON.parse(body) as DataFile;
    return { model: data.model, indexes: loadIndexes(data, data.model.userWords) };
  } catch (error) {
    throw new AppError('INDEX_CORRUPT', `search/persist: cannot parse "${manifest.data}"`, { cause: error });
  }
}

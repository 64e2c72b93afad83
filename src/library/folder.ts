import { randomBytes } from 'node:crypto';
import { open, readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatOf } from '../corpus/formats/extract.js';
import { sha256 } from '../corpus/load.js';
import { AppError } from '../errors.js';

/**
 * The seeds folder as the library sees it: the documents are its plain files (as for
 * `readSeeds`, which ignores names starting with a dot), and the library's own entries are
 * dot names the loader never reads: `.removed/` and `.upload-<hex>.tmp`.
 */

/** Where removed and replaced documents are kept, one folder per removal. */
export const REMOVED_DIR = '.removed';
/** Temp files of uploads in flight; anything matching this that is old is a crash's leftover. */
export const UPLOAD_TEMP = /^\.upload-[0-9a-f]+\.tmp$/;

export interface SeedEntry {
  name: string;
  size: number;
  mtime: Date;
}

/**
 * The documents of the seeds folder (plain files not starting with a dot, links followed, as
 * `readSeeds` sees them), sorted by name. Throws `SEEDS_UNREADABLE` when the folder cannot be read.
 *
 * @example
 * (await seedEntries('seeds')).map((e) => e.name); // ['000_2948f0920b1045a6.txt', …]
 */
export async function seedEntries(seedsDir: string): Promise<SeedEntry[]> {
  let names: string[];
  try {
    names = (await readdir(seedsDir)).sort();
  } catch (error) {
    throw new AppError('SEEDS_UNREADABLE', `library: cannot read seeds directory "${seedsDir}"`, { cause: error });
  }
  const entries: SeedEntry[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const info = await stat(join(seedsDir, name)).catch(() => null);
    if (info?.isFile()) entries.push({ name, size: info.size, mtime: info.mtime });
  }
  return entries;
}

/**
 * The document with exactly these bytes, if any (among files with an indexed extension). Only
 * files of the same size are read, so a check costs nothing in the usual case.
 *
 * @example
 * await findDuplicate('seeds', entries, hash, bytes.length); // '000_2948f0920b1045a6.txt' or null
 */
export async function findDuplicate(seedsDir: string, entries: SeedEntry[], hash: string, size: number): Promise<string | null> {
  for (const entry of entries) {
    // Only files the loader reads can be what it dedupes against (a `.zip` of the same bytes is not).
    if (entry.size !== size || !formatOf(entry.name)) continue;
    const bytes = await readFile(join(seedsDir, entry.name)).catch(() => null);
    if (bytes && sha256(bytes) === hash) return entry.name;
  }
  return null;
}

/**
 * Whether two names are the same file on a case-insensitive or normalising filesystem
 * (Windows, macOS), where `Report.txt` would overwrite `report.txt`.
 *
 * @example
 * sameName('Report.TXT', 'report.txt'); // true
 */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** The key two names share when they are one file on a case-insensitive filesystem. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** The entry a name refers to: the exact name first, else the one it equals ignoring case. */
export function findEntry<T extends { name: string }>(entries: T[], name: string): T | undefined {
  return entries.find((e) => e.name === name) ?? entries.find((e) => sameName(e.name, name));
}

/**
 * A timestamp usable as a folder name everywhere (no `:`), sorting in time order.
 *
 * @example
 * stampOf(new Date('2025-03-01T08:05:09.120Z')); // '2025-03-01T08-05-09.120Z'
 */
export function stampOf(date: Date): string {
  return date.toISOString().replace(/:/g, '-');
}

/** The time a removal folder's name stands for (`2025-03-01T08-05-09.120Z-2` → its ISO time), or null. */
export function timeOfStamp(stamp: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2}(?:\.\d+)?)Z(?:-\d+)?$/.exec(stamp);
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A fresh temp name for an upload. */
export function uploadTempName(): string {
  return `.upload-${randomBytes(8).toString('hex')}.tmp`;
}

/**
 * Flushes a directory's entries (a rename or link is durable only then). Some platforms and
 * filesystems cannot open a directory for that; the rename is still atomic there.
 */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // EISDIR/EPERM/EINVAL on Windows and some network filesystems: durability is best effort there.
  }
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs changes to one seeds folder one at a time within this process, so two admins adding
 * the same file at once cannot both pass the duplicate check.
 *
 * @example
 * await serialized('seeds', () => addLocked(…));
 */
export function serialized<T>(seedsDir: string, task: () => Promise<T>): Promise<T> {
  const key = resolve(seedsDir);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

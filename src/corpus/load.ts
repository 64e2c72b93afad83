import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, describeError } from '../errors.js';
import { extract, formatOf, unsupported } from './formats/extract.js';
import { SeedUnreadable } from './formats/unreadable.js';

/** One document of `seeds/` as read from disk. */
export interface SeedFile {
  /** File name, as citations show it. */
  name: string;
  /** Extracted text (decoded, BOM stripped); for DOCX one paragraph per line, for PDF one text line per line. */
  text: string;
  format: SeedFormat;
  /** For paged formats (PDF): the 1-based page of each line of `text`. */
  pageOfLine?: number[];
  bytes: number;
  sha256: string;
}

export interface SeedScan {
  files: SeedFile[];
  skipped: SkippedSeed[];
}

/** A file of the seeds directory that was not indexed, and why (`duplicate of 000_x.txt`). */
export interface SkippedSeed {
  doc: string;
  reason: string;
}

export type SeedFormat = 'text' | 'markdown' | 'docx' | 'pdf';

/**
 * Files larger than this are skipped without being read: the seeds are news pages, plans and
 * reports, not data dumps (20 MB of PDF is hundreds of pages), and extraction holds a file in memory.
 */
export const MAX_SEED_BYTES = 20 * 1024 * 1024;

const MAX_REASON = 200;

/**
 * Reads every supported document in `dir` (sorted by name): `.txt` and `.md` in UTF-8,
 * UTF-16 or GB18030 (detected from the bytes), `.docx` and `.pdf` with a text layer.
 * Everything else (unsupported, empty, too large, binary, encrypted, corrupt, a byte-for-byte
 * duplicate of an earlier file) is skipped with a reason instead of failing the load; one
 * file never throws out of here.
 *
 * @example
 * const { files, skipped } = await readSeeds('seeds');
 * files[0].name; // '000_2948f0920b1045a6.txt'
 * skipped; // [{ doc: '副本 000.txt', reason: 'duplicate of 000_2948f0920b1045a6.txt' }]
 */
export async function readSeeds(dir: string): Promise<SeedScan> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    throw new AppError('SEEDS_UNREADABLE', `corpus/load: cannot read seeds directory "${dir}"`, { cause: error });
  }
  const files: SeedFile[] = [];
  const skipped: SeedScan['skipped'] = [];
  const nameOfHash = new Map<string, string>();
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const outcome = await readSeed(join(dir, name), name, nameOfHash);
    if (outcome === null) continue;
    if ('reason' in outcome) skipped.push(outcome);
    else {
      files.push(outcome);
      nameOfHash.set(outcome.sha256, name);
    }
  }
  return { files, skipped };
}

/** One file: null for what is not a file (directories, broken links), else the file or why it was skipped. */
async function readSeed(path: string, name: string, nameOfHash: Map<string, string>): Promise<SeedFile | SkippedSeed | null> {
  // Library messages can span lines; a reason is shown in one log line or chat message.
  const skip = (reason: string): SkippedSeed => ({ doc: name, reason: reason.replace(/\s+/g, ' ').trim().slice(0, MAX_REASON) });
  try {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    if (!formatOf(name)) return skip(unsupported(name));
    if (info.size === 0) return skip('empty file');
    if (info.size > MAX_SEED_BYTES) return skip(tooLarge(info.size, MAX_SEED_BYTES));
    const buffer = await readFile(path);
    const hash = sha256(buffer);
    const original = nameOfHash.get(hash);
    if (original !== undefined) return skip(`duplicate of ${original}`);
    const { format, text, pageOfLine } = await extract(name, buffer);
    return { name, text, format, ...(pageOfLine ? { pageOfLine } : {}), bytes: buffer.length, sha256: hash };
  } catch (error) {
    if (error instanceof SeedUnreadable) return skip(error.message);
    return skip(`cannot be read: ${describeError(error).message}`);
  }
}

/** Rounded up, so a file just over the limit does not read as being at it. */
function megabytes(bytes: number): string {
  return String(Math.ceil((bytes / 1024 / 1024) * 10) / 10);
}

/**
 * The skip reason for a file over a size limit, in one wording for the loader and for uploads
 * (the library maps it to its code and its Chinese); `size` null when the transfer was cut off
 * past the limit and the real size is unknown.
 *
 * @example
 * tooLarge(25 * 1024 * 1024, 20 * 1024 * 1024); // 'too large: 25 MB (limit 20 MB)'
 */
export function tooLarge(size: number | null, limit: number): string {
  return `too large: ${size === null ? 'over ' : ''}${megabytes(size ?? limit)} MB (limit ${megabytes(limit)} MB)`;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

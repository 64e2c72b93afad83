import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.js';

/** One document of `seeds/` as read from disk. */
export interface SeedFile {
  /** File name, as citations show it. */
  name: string;
  /** Extracted text; for DOCX one paragraph per line. */
  text: string;
  format: SeedFormat;
  /** For paged formats (PDF): the 1-based page of each line of `text`. */
  pageOfLine?: number[];
  bytes: number;
  sha256: string;
}

export interface SeedScan {
  files: SeedFile[];
  skipped: { doc: string; reason: string }[];
}

export type SeedFormat = 'text' | 'markdown' | 'docx' | 'pdf';

/** Files larger than this are skipped: the seeds are news pages and plans, not data dumps. */
export const MAX_SEED_BYTES = 20 * 1024 * 1024;
const SUPPORTED = /\.(txt|md)$/i;

/**
 * Reads every supported document in `dir` (sorted by name). Unreadable files are skipped
 * and reported with a reason instead of failing the whole load.
 *
 * @example
 * const { files, skipped } = await readSeeds('seeds');
 * files[0].name; // '000_2948f0920b1045a6.txt'
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
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) continue;
    if (!SUPPORTED.test(name)) {
      skipped.push({ doc: name, reason: 'unsupported file type (only .txt and .md are indexed)' });
      continue;
    }
    if (info.size === 0) {
      skipped.push({ doc: name, reason: 'empty file' });
      continue;
    }
    if (info.size > MAX_SEED_BYTES) {
      skipped.push({ doc: name, reason: `larger than ${MAX_SEED_BYTES / 1024 / 1024} MB` });
      continue;
    }
    const buffer = await readFile(path);
    const text = decode(buffer);
    if (text === null) {
      skipped.push({ doc: name, reason: 'not UTF-8 text (binary or unknown encoding)' });
      continue;
    }
    files.push({ name, text, format: /\.md$/i.test(name) ? 'markdown' : 'text', bytes: buffer.length, sha256: sha256(buffer) });
  }
  return { files, skipped };
}

/** UTF-8 (with or without BOM); anything else is refused rather than indexed as mojibake. */
function decode(buffer: Buffer): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    // eslint-disable-next-line no-control-regex
    if (/\u0000/.test(text)) return null;
    return text;
  } catch {
    return null;
  }
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

import { extname } from 'node:path';
import { formatOf } from '../corpus/formats/extract.js';
import { refuse, type Refusal } from './codes.js';

/**
 * File names for documents sent from chat. A name comes from a stranger's client, so it is
 * cleaned until it is an ordinary file name on every platform the seeds folder may be copied
 * to (Linux, Windows, macOS) and still reads as the citation the admin expects: Chinese stays,
 * invisible characters go, and only a path separator is refused outright (no client sends one
 * by accident, and silently dropping the directories would hide an attack from the log).
 */

/** Cap on a whole name in UTF-8 bytes: filesystems allow 255, and citations print it in full. */
export const MAX_NAME_BYTES = 120;

/** Device names Windows reserves whatever the extension (`CON.txt` opens the console there). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Control characters become spaces (a tab or line break in a name separated words). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** Invisible format characters go: bidi overrides and zero-widths can disguise an extension (`报告\u202Etxt.exe`). */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff]/g;
/** Characters Windows forbids in names; harmless here, but the folder may be copied there. */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;

/** A cleaned name in parts: the extension is a lower-case indexed one (`.txt`) or empty. */
export interface NameParts {
  stem: string;
  /** `.txt`, `.md`, `.docx`, `.pdf`, or '' when the name has none of these (then it is all stem). */
  extension: string;
}

/**
 * Cleans a requested name into its parts, or refuses it when it holds a path separator.
 * `sha256` names a file whose name is empty after cleaning (`upload-<12 hex>`).
 *
 * @example
 * cleanFileName('  .梅河口\u0007报告..TXT', hash); // { ok: true, stem: '梅河口 报告', extension: '.txt' }
 * cleanFileName('../../etc/passwd.txt', hash); // { ok: false, code: 'UNSAFE_NAME', … }
 */
export function cleanFileName(requested: string, sha256: string): ({ ok: true } & NameParts) | Refusal {
  if (/[/\\]/.test(requested)) {
    return refuse(
      'UNSAFE_NAME',
      `unsafe file name ${shown(requested)}: path separators (/ or \\) are not allowed`,
      `文件名不安全：${shown(requested)} 含有路径分隔符（/ 或 \\），已拒绝。`,
    );
  }
  const name = requested
    .normalize('NFC')
    .replace(CONTROL, ' ')
    .replace(INVISIBLE, '')
    .replace(WINDOWS_FORBIDDEN, '_')
    .replace(/[ \t]+/g, ' ')
    .replace(/[\s.]+$/, '')
    .trimStart();
  // Measured as if a stem stood before it, so `.txt` is a text file without a stem, not a hidden file.
  const extension = formatOf(`x${name}`) ? extname(`x${name}`).toLowerCase() : '';
  let stem = trimDots(extension ? name.slice(0, -extension.length) : name);
  if (RESERVED.test(stem.split('.')[0]!.trim())) stem = `_${stem}`;
  stem = trimDots(truncateBytes(stem, MAX_NAME_BYTES - Buffer.byteLength(extension)));
  if (stem === '') stem = `upload-${sha256.slice(0, 12)}`;
  return { ok: true, stem, extension };
}

/**
 * The safe final name for a requested one, optionally with another extension (the one the
 * content calls for).
 *
 * @example
 * sanitizeFileName('CON.txt', hash); // { ok: true, name: '_CON.txt' }
 * sanitizeFileName('报告.txt', hash, '.pdf'); // { ok: true, name: '报告.pdf' }
 */
export function sanitizeFileName(requested: string, sha256: string, extension?: string): { ok: true; name: string } | Refusal {
  const parts = cleanFileName(requested, sha256);
  if (!parts.ok) return parts;
  return { ok: true, name: joinName({ stem: parts.stem, extension: extension ?? parts.extension }) };
}

/**
 * Joins parts into a name, shortening the stem again if a new extension is longer.
 *
 * @example
 * joinName({ stem: '报告', extension: '.pdf' }); // '报告.pdf'
 */
export function joinName(parts: NameParts): string {
  const stem = trimDots(truncateBytes(parts.stem, MAX_NAME_BYTES - Buffer.byteLength(parts.extension)));
  return `${stem || 'upload'}${parts.extension}`;
}

/**
 * Whether a name given to remove or restore is a plain entry of the seeds folder: no path,
 * not hidden (the loader ignores dot files, and `.removed` is the library's own).
 *
 * @example
 * isPlainName('梅河口.txt'); // true
 * isPlainName('../index/audit.jsonl'); // false
 */
export function isPlainName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return name !== '' && !/[/\\\u0000]/.test(name) && !name.startsWith('.') && Buffer.byteLength(name) <= 255;
}

/** Leading dots would hide the file from the loader; trailing dots and spaces vanish on Windows. */
function trimDots(text: string): string {
  return text.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
}

/** Cuts at a character boundary (a grapheme, so no emoji or combining mark is split) within `max` UTF-8 bytes. */
function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(text)) {
    bytes += Buffer.byteLength(segment);
    if (bytes > max) break;
    out += segment;
  }
  return out;
}

/** A name as quoted in a reason: escaped and short, since it may be hostile. */
function shown(name: string): string {
  const quoted = JSON.stringify(name);
  return quoted.length > 80 ? `${quoted.slice(0, 77)}…"` : quoted;
}

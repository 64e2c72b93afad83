import { SeedUnreadable } from './unreadable.js';

/**
 * Reads a ZIP's central directory (names and declared sizes) without inflating anything, so
 * a DOCX can be vetted before mammoth unpacks it: the main part must exist and the declared
 * unpacked size must stay sane (a zip bomb would otherwise take the process down with it).
 */

export interface ZipEntry {
  name: string;
  /** Declared unpacked size. */
  size: number;
  encrypted: boolean;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
/** The end record is 22 bytes plus a comment of up to 64 KB. */
const END_SEARCH = 22 + 0xffff;

/**
 * Lists the entries of a ZIP archive. Throws `SeedUnreadable` when the directory is missing
 * or damaged (a truncated download, a file that only starts like a ZIP).
 *
 * @example
 * listZip(docxBytes).map((e) => e.name); // ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', …]
 */
export function listZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - END_SEARCH); i--) {
    if (view.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new SeedUnreadable('no ZIP central directory (truncated?)');
  const count = view.getUint16(end + 10, true);
  const start = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  let at = start;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY) {
      throw new SeedUnreadable('broken ZIP central directory');
    }
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > end) throw new SeedUnreadable('broken ZIP central directory');
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      encrypted: (view.getUint16(at + 8, true) & 1) === 1,
      size: view.getUint32(at + 24, true),
    });
    at = next;
  }
  return entries;
}

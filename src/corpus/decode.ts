import { SeedUnreadable } from './formats/unreadable.js';

/**
 * Text files arrive in whatever encoding the editor chose, whatever the name says. A BOM
 * decides (UTF-8, UTF-16 LE/BE); without one strict UTF-8 goes first, because Chinese text in
 * another encoding almost never happens to be valid UTF-8, then GB18030 (a superset of GBK and
 * GB2312: what Chinese Windows saves as "ANSI"). Decoding that succeeds on binary data is
 * caught by the share of control characters.
 */

export type TextEncoding = 'utf-8' | 'utf-8 with BOM' | 'utf-16le' | 'utf-16be' | 'gb18030';

const BOMS: { bytes: number[]; encoding: TextEncoding; label: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8 with BOM', label: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le', label: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be', label: 'utf-16be' },
];

// Tab, line feed, form feed and carriage return occur in real text; other C0/C1 controls do not.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;
/** More control characters than this share of the text means binary data. */
const MAX_CONTROL_SHARE = 0.02;

/**
 * Decodes the bytes of a text file, detecting the encoding from the bytes. Throws
 * `SeedUnreadable` for binary data and undecodable text rather than returning mojibake.
 *
 * @example
 * decodeText(iconv.encode('梅河口高新区', 'gbk')); // { text: '梅河口高新区', encoding: 'gb18030' }
 * decodeText(Buffer.from([0xff, 0xfe, 0x2d, 0x4e])); // { text: '中', encoding: 'utf-16le' }
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  if (bom) {
    const text = strict(bom.label, bytes.subarray(bom.bytes.length));
    if (text === null) throw new SeedUnreadable(`invalid ${bom.label.toUpperCase()} text (broken bytes after its byte-order mark)`);
    return { text: checkNotBinary(text), encoding: bom.encoding };
  }
  if (bytes.includes(0)) throw new SeedUnreadable('binary data, not text (NUL bytes; UTF-16 text needs a byte-order mark)');
  const utf8 = strict('utf-8', bytes);
  if (utf8 !== null) return { text: checkNotBinary(utf8), encoding: 'utf-8' };
  const gb = strict('gb18030', bytes);
  if (gb !== null) return { text: checkNotBinary(gb), encoding: 'gb18030' };
  throw new SeedUnreadable('not text in a known encoding (tried UTF-8, UTF-16 with BOM, GB18030/GBK)');
}

function strict(label: string, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM keeps a second BOM as text instead of silently eating it; the cleaner drops it.
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function checkNotBinary(text: string): string {
  const controls = text.match(CONTROL)?.length ?? 0;
  if (controls > Math.max(2, text.length * MAX_CONTROL_SHARE)) {
    throw new SeedUnreadable(`binary data, not text (${controls} control characters in ${text.length})`);
  }
  return text;
}

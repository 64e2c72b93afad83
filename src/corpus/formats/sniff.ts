/**
 * What a file's first bytes say it is, whatever its name says. Only containers the loader
 * must tell apart or name in a skip reason are listed.
 */

export type Container = 'PDF' | 'ZIP archive' | 'OLE compound file' | 'PNG image' | 'JPEG image' | 'GIF image' | 'gzip archive' | 'RAR archive' | '7z archive';

const MAGIC: { container: Container; bytes: number[] }[] = [
  { container: 'PDF', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { container: 'ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { container: 'ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] }, // empty archive
  { container: 'OLE compound file', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { container: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { container: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { container: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { container: 'gzip archive', bytes: [0x1f, 0x8b] },
  { container: 'RAR archive', bytes: [0x52, 0x61, 0x72, 0x21] },
  { container: '7z archive', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
];

/**
 * The container format the bytes start with, or null for anything else (text, unknown).
 *
 * @example
 * sniff(Buffer.from('%PDF-1.7\n…')); // 'PDF'
 * sniff(Buffer.from('梅河口')); // null
 */
export function sniff(bytes: Uint8Array): Container | null {
  return MAGIC.find((m) => m.bytes.every((byte, i) => bytes[i] === byte))?.container ?? null;
}

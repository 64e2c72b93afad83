import { extname } from 'node:path';
import type { SeedFormat } from '../load.js';
import { decodeText } from '../decode.js';
import { extractDocx } from './docx.js';
import { extractPdf } from './pdf.js';
import { sniff, type Container } from './sniff.js';
import { SeedUnreadable } from './unreadable.js';

const FORMAT_OF_EXTENSION: Record<string, SeedFormat> = { '.txt': 'text', '.md': 'markdown', '.docx': 'docx', '.pdf': 'pdf' };

/** The extensions `readSeeds` indexes, for skip reasons and docs. */
export const SUPPORTED_EXTENSIONS = Object.keys(FORMAT_OF_EXTENSION);

/** The container each format comes in; text formats must not be any known container. */
const CONTAINER_OF: Record<SeedFormat, Container | null> = { text: null, markdown: null, docx: 'ZIP archive', pdf: 'PDF' };

const NO_TEXT: Record<SeedFormat, string> = {
  text: 'no text (whitespace only)',
  markdown: 'no text (whitespace only)',
  docx: 'DOCX without any text',
  pdf: 'PDF without a text layer (scanned pages? run OCR first)',
};

export interface Extracted {
  format: SeedFormat;
  text: string;
  pageOfLine?: number[];
}

/**
 * The format a file name promises (by extension, case-insensitive), or null when the loader
 * does not index that kind of file.
 *
 * @example
 * formatOf('规划 2021.DOCX'); // 'docx'
 * formatOf('data.xlsx'); // null
 */
export function formatOf(name: string): SeedFormat | null {
  return FORMAT_OF_EXTENSION[extname(name).toLowerCase()] ?? null;
}

/**
 * Extracts the text of one seed file. The bytes must agree with the name: a `.docx` that is
 * really a PDF, or a `.txt` that is a ZIP, is refused with a reason saying what it is.
 * Throws `SeedUnreadable` for every file that cannot be indexed.
 *
 * @example
 * await extract('规划.docx', await readFile('seeds/规划.docx')); // { format: 'docx', text: '一、发展基础\n…' }
 * await extract('a.txt', Buffer.from([0xff, 0xfe, 0x2d, 0x4e])); // { format: 'text', text: '中' }
 */
export async function extract(name: string, bytes: Buffer): Promise<Extracted> {
  const format = formatOf(name);
  if (!format) throw new SeedUnreadable(unsupported(name));
  const container = sniff(bytes);
  if (format === 'docx' && container === 'OLE compound file') {
    throw new SeedUnreadable('password-protected or old-format Word file (OLE container, not DOCX): save it as .docx without a password');
  }
  // A PDF may carry junk before its header: extractPdf looks for the header itself.
  const expected = CONTAINER_OF[format];
  if (container !== expected && !(format === 'pdf' && container === null)) {
    throw new SeedUnreadable(`named ${extname(name)} but the content is ${container ? `a ${container}` : `not a ${expected}`}`);
  }
  const extracted = await extractFormat(format, bytes);
  if (!/\S/.test(extracted.text)) throw new SeedUnreadable(NO_TEXT[format]);
  return extracted;
}

/**
 * The skip reason for a file the loader does not read.
 *
 * @example
 * unsupported('data.xlsx'); // 'unsupported file type .xlsx (indexed: .txt, .md, .docx, .pdf)'
 */
export function unsupported(name: string): string {
  const extension = extname(name);
  return `unsupported file type ${extension === '' ? 'without extension' : extension} (indexed: ${SUPPORTED_EXTENSIONS.join(', ')})`;
}

async function extractFormat(format: SeedFormat, bytes: Buffer): Promise<Extracted> {
  switch (format) {
    case 'text':
    case 'markdown':
      return { format, text: decodeText(bytes).text };
    case 'docx':
      return { format, text: await extractDocx(bytes) };
    case 'pdf':
      return { format, ...(await extractPdf(bytes)) };
  }
}

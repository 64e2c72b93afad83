import { SeedUnreadable } from './unreadable.js';
import { listZip, type ZipEntry } from './zip.js';

/** Far above the XML of any real document (text is small next to the size limit); stops zip bombs. */
export const MAX_DOCX_UNPACKED_BYTES = 200 * 1024 * 1024;
const MAIN_PART = 'word/document.xml';

/**
 * Extracts the text of a DOCX, one paragraph per line, so a citation's line numbers are
 * paragraph numbers (empty paragraphs count, as in the document). Throws `SeedUnreadable`
 * for archives that are not Word documents, are damaged or unpack too large.
 *
 * @example
 * await extractDocx(await readFile('seeds/规划.docx')); // '一、发展基础\n2020年，全区…\n…'
 */
export async function extractDocx(bytes: Buffer): Promise<string> {
  const entries = entriesOf(bytes);
  if (!entries.some((e) => e.name === MAIN_PART)) {
    throw new SeedUnreadable(`not a Word document: ZIP archive without ${MAIN_PART} (${listed(entries.map((e) => e.name))})`);
  }
  if (entries.some((e) => e.encrypted)) throw new SeedUnreadable('DOCX with password-protected parts');
  const unpacked = entries.reduce((sum, e) => sum + e.size, 0);
  if (unpacked > MAX_DOCX_UNPACKED_BYTES) {
    throw new SeedUnreadable(`DOCX unpacks to ${Math.round(unpacked / 1024 / 1024)} MB (limit ${MAX_DOCX_UNPACKED_BYTES / 1024 / 1024} MB)`);
  }
  let raw: string;
  try {
    // Loaded on first use: a corpus without DOCX files never pays for mammoth and its XML stack.
    const { default: mammoth } = await import('mammoth');
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (error) {
    throw new SeedUnreadable(`corrupt DOCX: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  // mammoth ends every paragraph with a blank line; a newline inside one is layout, not structure.
  return raw
    .replace(/\n\n$/, '')
    .split('\n\n')
    .map((paragraph) => paragraph.replace(/\n/g, ' '))
    .join('\n');
}

function entriesOf(bytes: Buffer): ZipEntry[] {
  try {
    return listZip(bytes);
  } catch (error) {
    throw new SeedUnreadable(`corrupt DOCX: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** A few entry names, so the reason shows what the archive is instead. */
function listed(names: string[]): string {
  if (names.length === 0) return 'empty archive';
  return `holds ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`;
}

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy, TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { SeedUnreadable } from './unreadable.js';

/**
 * PDF text layers via pdf.js (legacy build: the one meant for Node). Its bundled CMaps must
 * be passed as a directory: Chinese PDFs set in the standard Adobe fonts (STSong-Light with
 * UniGB-UCS2-H) cannot be decoded without them, and nothing is fetched from the network.
 */

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));
const CMAPS = join(PDFJS_DIR, 'cmaps') + '/';
const STANDARD_FONTS = join(PDFJS_DIR, 'standard_fonts') + '/';

/** Readers accept a header anywhere in the first KB, and need `%%EOF` in the last one. */
const EDGE = 1024;
/** A vertical gap wider than this many line heights between two lines is a paragraph break. */
const PARAGRAPH_GAP = 1.8;

export interface PdfText {
  /** One text line per line, a blank line where the page leaves a paragraph gap. */
  text: string;
  /** The 1-based page of each line of `text`. */
  pageOfLine: number[];
}

/**
 * Extracts the text layer of a PDF line by line with the page of every line. Throws
 * `SeedUnreadable` for encrypted, truncated and corrupt files.
 *
 * @example
 * const { text, pageOfLine } = await extractPdf(await readFile('seeds/公报.pdf'));
 * pageOfLine[text.split('\n').indexOf('二、工业生产')]; // 3
 */
export async function extractPdf(bytes: Uint8Array): Promise<PdfText> {
  if (!Buffer.from(bytes.subarray(0, EDGE)).includes('%PDF-')) throw new SeedUnreadable('not a PDF (no %PDF- header)');
  // pdf.js repairs a cut-off file and returns whatever pages survived: refuse it instead of indexing half a document.
  if (!Buffer.from(bytes.subarray(-EDGE)).includes('%%EOF')) throw new SeedUnreadable('truncated PDF (no %%EOF at the end; download it again)');
  // Loaded on first use, like mammoth: most corpora have no PDF.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // pdf.js takes ownership of the buffer it is given
    cMapUrl: CMAPS,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONTS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const document = await task.promise.catch((error: unknown) => {
      if (error instanceof Error && error.name === 'PasswordException') throw new SeedUnreadable('encrypted PDF (needs a password)', { cause: error });
      throw new SeedUnreadable(`corrupt PDF: ${errorMessage(error)}`, { cause: error });
    });
    const lines: string[] = [];
    const pageOfLine: number[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      for (const line of await readPage(document, n)) {
        lines.push(line);
        pageOfLine.push(n);
      }
    }
    return { text: lines.join('\n'), pageOfLine };
  } finally {
    await task.destroy();
  }
}

async function readPage(document: PDFDocumentProxy, n: number): Promise<string[]> {
  try {
    const page = await document.getPage(n);
    const content = await page.getTextContent();
    page.cleanup();
    return pageLines(content.items.filter((item): item is TextItem => 'str' in item));
  } catch (error) {
    throw new SeedUnreadable(`corrupt PDF: page ${n}: ${errorMessage(error)}`, { cause: error });
  }
}

/**
 * Joins a page's text items into lines: pdf.js marks line ends (`hasEOL`), and an item on
 * another baseline starts a new line even without the mark.
 */
function pageLines(items: TextItem[]): string[] {
  const lines: string[] = [];
  let current = '';
  let baseline = 0;
  let height = 0;
  let previousBaseline: number | null = null;
  const flush = () => {
    if (current.trim() !== '') {
      if (previousBaseline !== null && previousBaseline - baseline > PARAGRAPH_GAP * height) lines.push('');
      lines.push(current);
      previousBaseline = baseline;
    }
    current = '';
  };
  for (const item of items) {
    const y = item.transform[5] ?? 0;
    if (current !== '' && Math.abs(y - baseline) > Math.max(1, item.height / 2)) flush();
    if (current === '') baseline = y;
    current += item.str;
    if (item.height > 0) height = item.height;
    if (item.hasEOL) flush();
  }
  flush();
  return lines;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

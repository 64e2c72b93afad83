import { extract, formatOf, unsupported } from '../corpus/formats/extract.js';
import { sniff } from '../corpus/formats/sniff.js';
import { SeedUnreadable } from '../corpus/formats/unreadable.js';
import { listZip } from '../corpus/formats/zip.js';
import { MAX_SEED_BYTES, sha256, tooLarge, type SeedFormat } from '../corpus/load.js';
import { describeError } from '../errors.js';
import { engineRefusal, refuse, type Refusal } from './codes.js';
import { findDuplicate, findEntry, seedEntries } from './folder.js';
import { cleanFileName, joinName } from './names.js';

/**
 * Vetting a document sent from chat before it touches the seeds folder. Nothing is trusted
 * from the name or a content type: the bytes are sniffed and run through the engine's own
 * extractor, so a file is accepted exactly when `readSeeds` would index it, and refused with
 * the very reason its skip list would give.
 */

export interface InspectOptions {
  /** The upload limit; the engine's own (`MAX_SEED_BYTES`, 20 MB) applies on top. */
  maxBytes: number;
  seedsDir: string;
  /** Accept a name that exists with other content (the upload will replace it). */
  replace?: boolean;
}

/** An upload the engine will index, ready for `addDocument`. */
export interface AcceptedUpload {
  ok: true;
  /** The safe final name (may differ from the requested one: cleaned, extension fixed, existing spelling). */
  name: string;
  requestedName: string;
  format: SeedFormat;
  sha256: string;
  size: number;
  bytes: Buffer;
  /** Characters of extracted text. */
  characters: number;
  /** Set when the extension was changed to the format the content is (`报告.txt` holding a PDF → `报告.pdf`). */
  extensionFixed?: { from: string; to: string };
  /** The document this one replaces (only with `replace: true`). */
  replaces?: string;
}

export type Inspection = AcceptedUpload | Refusal;

const EXTENSION_OF: Record<SeedFormat, string> = { text: '.txt', markdown: '.md', docx: '.docx', pdf: '.pdf' };

/**
 * Checks an upload: a safe name, size, content that the engine reads to non-empty text under
 * the final name, no byte-identical document, no other document of that name (unless
 * `replace`). Reads the seeds folder, never writes. Checks run cheapest first, in the order
 * the loader skips (so a file that is both empty and badly named gets the name's reason).
 *
 * Extensions: a PDF or a Word document (magic bytes and a `word/document.xml` part prove
 * them) under another name is renamed to its format's extension, since the proof leaves no
 * doubt. Text under a `.pdf` or `.docx` name is refused, not renamed: it is typically an HTML
 * error page saved by a failed download, which must not be indexed.
 *
 * @example
 * await inspectUpload(readFileSync('规划.docx'), '规划.docx', { maxBytes: 20e6, seedsDir: 'seeds' });
 * // { ok: true, name: '规划.docx', format: 'docx', sha256: '…', size: 18230, … }
 * await inspectUpload(png, 'photo.txt', { maxBytes: 20e6, seedsDir: 'seeds' });
 * // { ok: false, code: 'CONTENT_MISMATCH', reason: 'named .txt but the content is a PNG image', reasonZh: '…' }
 */
export async function inspectUpload(bytes: Buffer, requestedName: string, options: InspectOptions): Promise<Inspection> {
  const hash = sha256(bytes);
  const parts = cleanFileName(requestedName, hash);
  if (!parts.ok) return parts;
  if (bytes.length === 0) return engineRefusal('empty file');
  const limit = Math.min(options.maxBytes, MAX_SEED_BYTES);
  if (bytes.length > limit) return engineRefusal(tooLarge(bytes.length, limit));

  const named = parts.extension ? formatOf(`x${parts.extension}`) : null;
  const proven = provenFormat(bytes);
  const format = proven ?? named;
  if (!format) return engineRefusal(unsupported(joinName(parts)));
  const extension = proven && proven !== named ? EXTENSION_OF[proven] : parts.extension;
  let name = joinName({ stem: parts.stem, extension });

  const entries = await seedEntries(options.seedsDir);
  const duplicate = await findDuplicate(options.seedsDir, entries, hash, bytes.length);
  if (duplicate !== null) return engineRefusal(`duplicate of ${duplicate}`);

  let characters: number;
  try {
    characters = (await extract(name, bytes)).text.length;
  } catch (error) {
    // As `readSeeds` words it: one line, at most 200 characters.
    const reason = error instanceof SeedUnreadable ? error.message : `cannot be read: ${describeError(error).message}`;
    return engineRefusal(reason.replace(/\s+/g, ' ').trim().slice(0, 200));
  }

  const existing = findEntry(entries, name);
  if (existing && !options.replace) {
    return refuse(
      'NAME_EXISTS',
      `another document named "${existing.name}" is in the seeds (send it with replace to replace it)`,
      `资料库里已有同名文件 ${existing.name}（内容不同）；如要替换，请选择“替换”。`,
    );
  }
  // A replacement keeps the old spelling: on Windows or macOS `Report.txt` and `report.txt` are one file.
  if (existing) name = existing.name;
  return {
    ok: true,
    name,
    requestedName,
    format,
    sha256: hash,
    size: bytes.length,
    bytes,
    characters,
    ...(extension !== parts.extension ? { extensionFixed: { from: parts.extension, to: extension } } : {}),
    ...(existing ? { replaces: existing.name } : {}),
  };
}

/** The format the bytes prove, whatever the name: a PDF header, or a ZIP holding a Word document's main part. */
function provenFormat(bytes: Buffer): 'pdf' | 'docx' | null {
  const container = sniff(bytes);
  if (container === 'PDF') return 'pdf';
  if (container !== 'ZIP archive') return null;
  try {
    return listZip(bytes).some((e) => e.name === 'word/document.xml') ? 'docx' : null;
  } catch {
    return null; // a damaged archive: the extractor says so under the requested name
  }
}

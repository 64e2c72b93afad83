import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tooLarge } from '../corpus/load.js';
import { engineRefusal, refuse, type Refusal } from './codes.js';

/** An attachment that takes longer than this to arrive is given up. */
const DOWNLOAD_TIMEOUT_MS = 60_000;


/**
 * The bytes behind an attachment URL, never more than `maxBytes`: the size the chat announced
 * is checked first, then the body is counted as it streams and the transfer is cut off the
 * moment it passes the limit (a lying `size` or `Content-Length` cannot fill the disk or
 * memory). `file:` URLs (the console's `file:` option) are read the same way.
 *
 * @example
 * await download('https://cdn.discordapp.com/attachments/…/report.docx', { maxBytes: 20 << 20, announced: 81234 }); // Buffer
 */
export async function download(url: string, options: { maxBytes: number; announced?: number; timeoutMs?: number }): Promise<Buffer | Refusal> {
  // The loader's own wording, so chat and the skip list never disagree.
  const refuseSize = (size: number | null) => engineRefusal(tooLarge(size, options.maxBytes));
  if (options.announced !== undefined && options.announced > options.maxBytes) return refuseSize(options.announced);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('DOWNLOAD_FAILED', `not a URL: ${url.slice(0, 100)}`, '附件地址无效。');
  }
  if (parsed.protocol === 'file:') return readCapped(fileURLToPath(parsed), options.maxBytes, refuseSize);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return refuse('DOWNLOAD_FAILED', `unsupported URL scheme ${parsed.protocol}`, '附件地址无效。');
  try {
    const response = await fetch(parsed, { signal: AbortSignal.timeout(options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
    if (!response.ok || !response.body) return refuse('DOWNLOAD_FAILED', `download failed: HTTP ${response.status}`, `附件下载失败（HTTP ${response.status}）。`);
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body.cancel();
      return refuseSize(declared);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > options.maxBytes) {
        await response.body.cancel().catch(() => undefined);
        return refuseSize(null);
      }
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks, size);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return refuse('DOWNLOAD_FAILED', `download failed: ${message}`, '附件下载失败，请重试。');
  }
}

async function readCapped(path: string, maxBytes: number, refuseSize: (size: number | null) => Refusal): Promise<Buffer | Refusal> {
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      if (size > maxBytes) return refuseSize(size);
      return await file.readFile();
    } finally {
      await file.close();
    }
  } catch (error) {
    return refuse('DOWNLOAD_FAILED', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, `无法读取文件 ${path}。`);
  }
}

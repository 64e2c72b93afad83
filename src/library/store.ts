import { constants } from 'node:fs';
import { copyFile, link, mkdir, open, readFile, readdir, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { formatOf } from '../corpus/formats/extract.js';
import { sha256 } from '../corpus/load.js';
import { AppError, describeError } from '../errors.js';
import { appendAudit, type AuditAction, type AuditInput } from './audit.js';
import { engineRefusal, refuse, type Refusal } from './codes.js';
import { REMOVED_DIR, UPLOAD_TEMP, findDuplicate, findEntry, seedEntries, serialized, stampOf, syncDir, timeOfStamp, uploadTempName } from './folder.js';
import type { AcceptedUpload } from './inspect.js';
import { isPlainName } from './names.js';

/**
 * Changing the seeds folder so that a crash at any moment leaves the old set of documents or
 * the new one, never a half file under a document's name:
 *
 * - an upload is written to `.upload-<hex>.tmp` in the same folder (the loader ignores dot
 *   files), flushed, then *linked* to its name: a link fails instead of overwriting when a
 *   file of that name appeared meanwhile, and the name points at complete bytes from the
 *   start. A crash leaves at most the temp file, which `sweepStaleUploads` deletes;
 * - a replacement first links the old file into `.removed/<time>/` (the old set is still
 *   complete in place), then renames the upload over the name (atomic);
 * - a removal is one rename into `.removed/<time>/<name>`; a restore links it back, again
 *   refusing to overwrite.
 *
 * Changes to one folder run one at a time within the process. Every outcome can be recorded
 * in the audit trail (`options.audit`).
 */

/** Where to record outcomes: `<indexDir>/audit.jsonl`, tagged with the guild the request came from. */
export interface AuditTarget {
  indexDir: string;
  guild: string;
}

export interface AddOptions {
  /** Allow replacing a document of the same name (the old one is kept in `.removed/`). */
  replace?: boolean;
  /** The admin's user id or tag, for the audit trail and `listDocuments`. */
  addedBy?: string;
  now?: Date;
  audit?: AuditTarget;
}

export interface ChangeOptions {
  /** The admin's user id or tag, for the audit trail. */
  actor?: string;
  now?: Date;
  audit?: AuditTarget;
}

/** Set on any result when the change happened (or was refused) but the audit line could not be written. */
interface Audited {
  auditError?: string;
}

export type AddResult = (
  | { ok: true; name: string; sha256: string; size: number; addedAt: string; addedBy?: string; replaced?: { name: string; keptAt: string } }
  | Refusal
) &
  Audited;

export type RemoveResult = ({ ok: true; name: string; sha256: string; removedTo: string } | Refusal) & Audited;

export type RestoreResult = ({ ok: true; name: string; sha256: string; restoredFrom: string } | Refusal) & Audited;

export interface RemovedDocument {
  name: string;
  /** ISO time of the removal (or of the replacement that displaced it). */
  removedAt: string;
  /** Path inside the seeds folder: `.removed/<time>/<name>`. */
  path: string;
  size: number;
}

/** Temp files younger than this may belong to an upload in flight in another process. */
export const STALE_UPLOAD_MS = 60_000;

/**
 * Writes an inspected upload into the seeds folder (see the module comment for why a crash
 * cannot leave half a file). The folder is checked again first: a duplicate or a file of the
 * same name may have arrived since `inspectUpload`. Stale temp files are swept on the way.
 *
 * @example
 * const upload = await inspectUpload(bytes, '规划.docx', { maxBytes, seedsDir });
 * if (upload.ok) await addDocument(seedsDir, upload, { addedBy: '1234', audit: { indexDir, guild } });
 * // { ok: true, name: '规划.docx', sha256: '…', size: 18230, addedAt: '2025-…', addedBy: '1234' }
 */
export async function addDocument(seedsDir: string, upload: AcceptedUpload, options: AddOptions = {}): Promise<AddResult> {
  const now = options.now ?? new Date();
  const result: AddResult = await serialized(seedsDir, () => addLocked(seedsDir, upload, options, now));
  const action: AuditAction = (result.ok ? result.replaced : options.replace && upload.replaces) ? 'replace' : 'add';
  return withAudit(result, options.audit, { time: now, actor: options.addedBy ?? 'unknown', action, file: result.ok ? result.name : upload.name, sha256: upload.sha256 });
}

async function addLocked(seedsDir: string, upload: AcceptedUpload, options: AddOptions, now: Date): Promise<AddResult> {
  if (!isPlainName(upload.name) || !formatOf(upload.name) || upload.size !== upload.bytes.length || sha256(upload.bytes) !== upload.sha256) {
    return refuse('INVALID_UPLOAD', `library: upload "${upload.name}" does not match its bytes or is not a plain document name`, '上传的数据不完整或文件名无效，请重新上传。');
  }
  await sweepUnlocked(seedsDir, STALE_UPLOAD_MS);
  const entries = await seedEntries(seedsDir);
  const duplicate = await findDuplicate(seedsDir, entries, upload.sha256, upload.size);
  if (duplicate !== null) return engineRefusal(`duplicate of ${duplicate}`);
  const existing = findEntry(entries, upload.name);
  if (existing && !options.replace) return nameExists(existing.name);
  const name = existing?.name ?? upload.name;
  const target = join(seedsDir, name);
  const temp = join(seedsDir, uploadTempName());
  let keptAt: string | null = null;
  try {
    await writeDurably(temp, upload.bytes);
    if (existing) {
      keptAt = await keepCopy(seedsDir, existing.name, now);
      await rename(temp, target);
    } else if (!(await placeWithoutOverwrite(temp, target))) {
      return nameExists(name);
    }
    await syncDir(seedsDir);
    return {
      ok: true,
      name,
      sha256: upload.sha256,
      size: upload.size,
      addedAt: now.toISOString(),
      ...(options.addedBy !== undefined ? { addedBy: options.addedBy } : {}),
      ...(existing && keptAt ? { replaced: { name: existing.name, keptAt } } : {}),
    };
  } catch (error) {
    // The old file is still in place: its copy in .removed would claim a removal that never happened.
    if (keptAt) await rm(join(seedsDir, keptAt), { force: true }).catch(() => undefined);
    return ioFailed(`write "${name}"`, error);
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

/**
 * Moves a document to `.removed/<time>/<name>`, where `restoreDocument` finds it. The name
 * is matched exactly, else ignoring case.
 *
 * @example
 * await removeDocument('seeds', '规划.docx', { actor: '1234' });
 * // { ok: true, name: '规划.docx', sha256: '…', removedTo: '.removed/2025-03-01T08-05-09.120Z/规划.docx' }
 */
export async function removeDocument(seedsDir: string, name: string, options: ChangeOptions = {}): Promise<RemoveResult> {
  const now = options.now ?? new Date();
  const result: RemoveResult = await serialized(seedsDir, async (): Promise<RemoveResult> => {
    if (!isPlainName(name)) return notFound(name);
    const entry = findEntry(await seedEntries(seedsDir), name);
    if (!entry) return notFound(name);
    try {
      const hash = sha256(await readFile(join(seedsDir, entry.name)));
      const removedTo = await moveToRemoved(seedsDir, entry.name, now);
      return { ok: true, name: entry.name, sha256: hash, removedTo };
    } catch (error) {
      return ioFailed(`remove "${entry.name}"`, error);
    }
  });
  return withAudit(result, options.audit, { time: now, actor: options.actor ?? 'unknown', action: 'remove', file: result.ok ? result.name : name, ...(result.ok ? { sha256: result.sha256 } : {}) });
}

/**
 * Removed and replaced documents, newest first.
 *
 * @example
 * await listRemoved('seeds'); // [{ name: '规划.docx', removedAt: '2025-03-01T08:05:09.120Z', path: '.removed/2025-03-01T08-05-09.120Z/规划.docx', size: 18230 }]
 */
export async function listRemoved(seedsDir: string): Promise<RemovedDocument[]> {
  const root = join(seedsDir, REMOVED_DIR);
  const folders = await readdir(root).catch(() => [] as string[]);
  const removed: RemovedDocument[] = [];
  for (const folder of folders.sort().reverse()) {
    const removedAt = timeOfStamp(folder);
    if (removedAt === null) continue;
    const names = await readdir(join(root, folder)).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const info = await stat(join(root, folder, name)).catch(() => null);
      if (info?.isFile()) removed.push({ name, removedAt, path: `${REMOVED_DIR}/${folder}/${name}`, size: info.size });
    }
  }
  return removed;
}

/**
 * Brings a removed document back: the latest removal of `name` (matched exactly, else
 * ignoring case), or the latest removal of all without a name. Refused when a document of
 * that name is in the seeds again, or the same bytes are there under another name.
 *
 * @example
 * await restoreDocument('seeds', '规划.docx'); // { ok: true, name: '规划.docx', sha256: '…', restoredFrom: '.removed/2025-…/规划.docx' }
 * await restoreDocument('seeds'); // the most recently removed document
 */
export async function restoreDocument(seedsDir: string, name?: string, options: ChangeOptions = {}): Promise<RestoreResult> {
  const now = options.now ?? new Date();
  const result: RestoreResult = await serialized(seedsDir, async (): Promise<RestoreResult> => {
    const removed = await listRemoved(seedsDir);
    const pick = name === undefined ? removed[0] : findEntry(removed, name);
    if (!pick) {
      return name === undefined
        ? refuse('NOT_FOUND', 'no removed documents to restore', '没有可恢复的已删除文件。')
        : refuse('NOT_FOUND', `no removed document named "${name}"`, `没有名为 ${name} 的已删除文件。`);
    }
    const entries = await seedEntries(seedsDir);
    const present = findEntry(entries, pick.name);
    if (present) return nameExists(present.name, true);
    const source = join(seedsDir, pick.path);
    try {
      const hash = sha256(await readFile(source));
      const duplicate = await findDuplicate(seedsDir, entries, hash, pick.size);
      if (duplicate !== null) return engineRefusal(`duplicate of ${duplicate}`);
      if (!(await placeWithoutOverwrite(source, join(seedsDir, pick.name)))) return nameExists(pick.name, true);
      await syncDir(seedsDir);
      await rmdir(join(source, '..')).catch(() => undefined); // only when empty
      return { ok: true, name: pick.name, sha256: hash, restoredFrom: pick.path };
    } catch (error) {
      return ioFailed(`restore "${pick.name}"`, error);
    }
  });
  return withAudit(result, options.audit, { time: now, actor: options.actor ?? 'unknown', action: 'restore', file: result.ok ? result.name : (name ?? ''), ...(result.ok ? { sha256: result.sha256 } : {}) });
}

/**
 * Deletes upload temp files (`.upload-<hex>.tmp`) left by a crash, and returns their names.
 * Files younger than `olderThanMs` are kept: they may be an upload in flight in another
 * process. Call it at start-up; `addDocument` also sweeps on its way.
 *
 * @example
 * await sweepStaleUploads('seeds'); // ['.upload-3f2a9c0d1e4b5a6f.tmp']
 */
export async function sweepStaleUploads(seedsDir: string, options: { olderThanMs?: number } = {}): Promise<string[]> {
  return serialized(seedsDir, () => sweepUnlocked(seedsDir, options.olderThanMs ?? STALE_UPLOAD_MS));
}

async function sweepUnlocked(seedsDir: string, olderThanMs: number): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(seedsDir);
  } catch (error) {
    throw new AppError('SEEDS_UNREADABLE', `library: cannot read seeds directory "${seedsDir}"`, { cause: error });
  }
  const swept: string[] = [];
  for (const name of names.filter((n) => UPLOAD_TEMP.test(n)).sort()) {
    const info = await stat(join(seedsDir, name)).catch(() => null);
    if (!info?.isFile() || Date.now() - info.mtimeMs < olderThanMs) continue;
    await rm(join(seedsDir, name), { force: true });
    swept.push(name);
  }
  return swept;
}

/** Writes a new file and flushes it to disk before it is given a name anyone reads. */
async function writeDurably(path: string, bytes: Buffer): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Filesystems that have no hard links (FAT, some network mounts) answer with one of these. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

/**
 * Gives `from` the name `to` unless `to` exists, atomically: `link` refuses an existing
 * name where `rename` would overwrite it. Returns false when the name was taken.
 */
async function placeWithoutOverwrite(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_LINKS.has(code)) throw error;
    // Without links the check and the rename are two steps; changes are serialized within the process.
    if (await stat(to).then(() => true, () => false)) return false;
    await rename(from, to);
    return true;
  }
  await unlink(from);
  return true;
}

/** Keeps a recoverable copy of a document that stays in place for now (a link, else a flushed copy). */
async function keepCopy(seedsDir: string, name: string, now: Date): Promise<string> {
  const folder = await removalFolder(seedsDir, name, now);
  const from = join(seedsDir, name);
  const to = join(seedsDir, folder, name);
  try {
    await link(from, to);
  } catch (error) {
    if (!NO_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await copyFile(from, to, constants.COPYFILE_EXCL);
    const handle = await open(to, 'r+');
    await handle.sync().finally(() => handle.close());
  }
  await syncDir(join(seedsDir, folder));
  return `${folder}/${name}`;
}

async function moveToRemoved(seedsDir: string, name: string, now: Date): Promise<string> {
  const folder = await removalFolder(seedsDir, name, now);
  await rename(join(seedsDir, name), join(seedsDir, folder, name));
  await syncDir(join(seedsDir, folder));
  await syncDir(seedsDir);
  return `${folder}/${name}`;
}

/** `.removed/<time>` (created), with `-1`, `-2` … when that folder already holds this name. */
async function removalFolder(seedsDir: string, name: string, now: Date): Promise<string> {
  const stamp = stampOf(now);
  for (let n = 0; ; n++) {
    const folder = `${REMOVED_DIR}/${n === 0 ? stamp : `${stamp}-${n}`}`;
    const taken = await stat(join(seedsDir, folder, name)).then(() => true, () => false);
    if (taken) continue;
    await mkdir(join(seedsDir, folder), { recursive: true });
    return folder;
  }
}

function nameExists(name: string, restoring = false): Refusal {
  return restoring
    ? refuse('NAME_EXISTS', `a document named "${name}" is in the seeds again (remove or rename it first)`, `资料库里又有了名为 ${name} 的文件，请先删除或改名。`)
    : refuse('NAME_EXISTS', `another document named "${name}" is in the seeds (send it with replace to replace it)`, `资料库里已有同名文件 ${name}（内容不同）；如要替换，请选择“替换”。`);
}

function notFound(name: string): Refusal {
  return refuse('NOT_FOUND', `no document named ${JSON.stringify(name)} in the seeds`, `资料库中没有名为 ${JSON.stringify(name)} 的文件。`);
}

function ioFailed(what: string, error: unknown): Refusal {
  const code = (error as NodeJS.ErrnoException).code;
  return refuse('IO_FAILED', `library: could not ${what}: ${describeError(error).message}`, `资料库操作失败${code ? `（${code}）` : ''}，文件没有改动。`);
}

/** Records the outcome when asked to; a failing audit write is reported on the result, never hides the change. */
function withAudit<T extends ({ ok: true } | Refusal) & Audited>(result: T, target: AuditTarget | undefined, entry: Omit<AuditInput, 'result' | 'guild'>): T {
  if (!target) return result;
  try {
    appendAudit(target.indexDir, {
      ...entry,
      guild: target.guild,
      result: result.ok ? 'ok' : result.code === 'IO_FAILED' ? 'failed' : 'refused',
      ...(result.ok ? {} : { code: result.code, reason: result.reason }),
    });
    return result;
  } catch (error) {
    return { ...result, auditError: describeError(error).message };
  }
}

/**
 * The document library: admins add, replace, remove and restore seed documents from chat.
 * Knows nothing about Discord; the bot hands in bytes, names and user ids and renders the
 * plain results (`ok`, or a stable `code` with an English and a Chinese reason).
 *
 * @example
 * import { inspectUpload, addDocument, readAudit, listDocuments } from './library/index.js';
 * const upload = await inspectUpload(bytes, '规划.docx', { maxBytes: 20 * 1024 * 1024, seedsDir });
 * if (!upload.ok) return reply(upload.reasonZh);
 * await addDocument(seedsDir, upload, { addedBy: userId, audit: { indexDir, guild: guildId } });
 * await listDocuments(seedsDir, await readAudit(indexDir)); // [{ name: '规划.docx', addedBy: userId, … }, …]
 */
export { inspectUpload, type AcceptedUpload, type Inspection, type InspectOptions } from './inspect.js';
export {
  addDocument,
  removeDocument,
  restoreDocument,
  listRemoved,
  sweepStaleUploads,
  STALE_UPLOAD_MS,
  type AddOptions,
  type AddResult,
  type AuditTarget,
  type ChangeOptions,
  type RemoveResult,
  type RemovedDocument,
  type RestoreResult,
} from './store.js';
export { listDocuments, type DocumentInfo } from './list.js';
export { appendAudit, readAudit, AUDIT_FILE, MAX_AUDIT_LINE, type AuditAction, type AuditEntry, type AuditInput, type AuditResult } from './audit.js';
export { engineRefusal, type LibraryCode, type Refusal } from './codes.js';
export { cleanFileName, sanitizeFileName, isPlainName, MAX_NAME_BYTES } from './names.js';
export { REMOVED_DIR, UPLOAD_TEMP } from './folder.js';
export { addUpload, catalog, removeUpload, restoreUpload, type Catalog, type LibraryChange, type LibraryContext, type LibraryProgress, type UploadSource } from './manage.js';
export { download } from './download.js';

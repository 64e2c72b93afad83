import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatOf } from '../corpus/formats/extract.js';
import { sha256, type SeedFormat } from '../corpus/load.js';
import type { AuditAction, AuditEntry } from './audit.js';
import { nameKey, seedEntries } from './folder.js';

/** One document of the seeds folder, and who added it from chat when the audit trail says so. */
export interface DocumentInfo {
  name: string;
  size: number;
  /** ISO modification time. */
  mtime: string;
  /** The format its extension promises, null for a file the engine skips as unsupported. */
  format: SeedFormat | null;
  /** Only computed for a file the audit log says arrived from chat (attribution needs it). */
  sha256?: string;
  addedBy?: string;
  addedAt?: string;
  /** How it arrived from chat: added, replacing an older version, or restored. */
  addedVia?: 'add' | 'replace' | 'restore';
}

const ARRIVALS = new Set<AuditAction>(['add', 'replace', 'restore']);

/**
 * The documents of the seeds folder by name. With the audit log (`readAudit`), a document
 * carries who added it and when, but only if the last successful change to that name in the
 * log brought in exactly these bytes: a file since replaced by hand on the server, or removed
 * from chat and put back by hand, was not added by that admin.
 *
 * @example
 * await listDocuments('seeds', await readAudit('index'));
 * // [{ name: '规划.docx', size: 18230, mtime: '2025-…', format: 'docx', sha256: '…', addedBy: '1234', addedAt: '2025-…', addedVia: 'add' }, …]
 */
export async function listDocuments(seedsDir: string, auditLog?: AuditEntry[]): Promise<DocumentInfo[]> {
  // The last successful change per name (as a case-insensitive filesystem sees names).
  const lastChange = new Map<string, AuditEntry>();
  for (const e of auditLog ?? []) if (e.result === 'ok' && e.action !== 'reindex') lastChange.set(nameKey(e.file), e);
  const documents: DocumentInfo[] = [];
  for (const entry of await seedEntries(seedsDir)) {
    const info: DocumentInfo = { name: entry.name, size: entry.size, mtime: entry.mtime.toISOString(), format: formatOf(entry.name) };
    const last = lastChange.get(nameKey(entry.name));
    // Only a file the trail says arrived from chat is read and hashed: is it still those bytes?
    if (last && ARRIVALS.has(last.action)) {
      const bytes = await readFile(join(seedsDir, entry.name)).catch(() => null);
      if (bytes) info.sha256 = sha256(bytes);
      if (last.sha256 === undefined || last.sha256 === info.sha256) Object.assign(info, { addedBy: last.actor, addedAt: last.time, addedVia: last.action });
    }
    documents.push(info);
  }
  return documents;
}


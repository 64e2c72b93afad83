import { appendFileSync, closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Who changed the documents, from where, and what came of it: `index/audit.jsonl`, one JSON
 * object per line, only ever appended. Each entry is one `write` of one line kept under 4 KB:
 * with O_APPEND a write that small lands whole and is not interleaved with another writer's
 * on local filesystems, so a crash can only tear the last line, which readers skip.
 */

export const AUDIT_FILE = 'audit.jsonl';
/** Lines stay below this many bytes (a page, and PIPE_BUF on Linux). */
export const MAX_AUDIT_LINE = 4000;

export type AuditAction = 'add' | 'remove' | 'restore' | 'replace' | 'reindex';
export type AuditResult = 'ok' | 'refused' | 'failed';

export interface AuditEntry {
  /** ISO time. */
  time: string;
  /** The user id or tag, as the transport gave it. */
  actor: string;
  /** The guild (server) id, or what the transport uses for DMs and the console. */
  guild: string;
  action: AuditAction;
  file: string;
  sha256?: string;
  result: AuditResult;
  /** The library's code for a refusal or failure (`DUPLICATE`, `IO_FAILED` …). */
  code?: string;
  reason?: string;
}

export type AuditInput = Omit<AuditEntry, 'time'> & { time?: string | Date };

const ACTIONS = new Set<string>(['add', 'remove', 'restore', 'replace', 'reindex']);
const RESULTS = new Set<string>(['ok', 'refused', 'failed']);

/**
 * Appends one entry to `<indexDir>/audit.jsonl` (created with its folder if missing) and
 * flushes it to disk before returning. Over-long fields are shortened so the line stays one
 * small write. Synchronous on purpose: one call is one write, and nothing interleaves.
 *
 * @example
 * appendAudit('index', { actor: '123456789', guild: '987', action: 'add', file: '规划.docx', sha256: '…', result: 'ok' });
 */
export function appendAudit(indexDir: string, input: AuditInput): AuditEntry {
  const { time, ...rest } = input;
  const entry: AuditEntry = { time: time instanceof Date ? time.toISOString() : (time ?? new Date().toISOString()), ...rest };
  const line = fitLine(entry);
  mkdirSync(indexDir, { recursive: true });
  const fd = openSync(join(indexDir, AUDIT_FILE), 'a+');
  try {
    // After a torn write the file ends mid-line: start on a fresh line so only the torn one is lost.
    const size = fstatSync(fd).size;
    const last = Buffer.alloc(1);
    const torn = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
    appendFileSync(fd, `${torn ? '\n' : ''}${line}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return JSON.parse(line) as AuditEntry;
}

/**
 * The last `limit` entries (all without a limit), oldest first. Lines that do not parse as an
 * entry (a torn last line after a crash, a hand edit) are skipped. Only the file's tail is
 * read when a limit is given.
 *
 * @example
 * await readAudit('index', { limit: 20 }); // [{ time: '2025-03-01T08:05:09.120Z', actor: '123', action: 'add', … }, …]
 */
export async function readAudit(indexDir: string, options: { limit?: number } = {}): Promise<AuditEntry[]> {
  const limit = options.limit ?? Infinity;
  if (limit <= 0) return [];
  let handle: FileHandle;
  try {
    handle = await open(join(indexDir, AUDIT_FILE), 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let text: string;
  let partialStart: boolean;
  try {
    const { size } = await handle.stat();
    // `limit` lines of at most MAX_AUDIT_LINE bytes, plus a torn one, fit in this tail.
    const want = Number.isFinite(limit) ? Math.min(size, (limit + 2) * (MAX_AUDIT_LINE + 1)) : size;
    const buffer = Buffer.alloc(want);
    await handle.read(buffer, 0, want, size - want);
    text = buffer.toString('utf8');
    partialStart = want < size;
  } finally {
    await handle.close();
  }
  const lines = text.split('\n');
  if (partialStart) lines.shift(); // begins mid-line
  const entries = lines.map(parseEntry).filter((e): e is AuditEntry => e !== null);
  return Number.isFinite(limit) ? entries.slice(-limit) : entries;
}

function parseEntry(line: string): AuditEntry | null {
  if (line.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Record<string, unknown>;
  const strings = ['time', 'actor', 'guild', 'file'].every((k) => typeof e[k] === 'string');
  return strings && ACTIONS.has(e.action as string) && RESULTS.has(e.result as string) ? (e as unknown as AuditEntry) : null;
}

/** The entry as one JSON line under the cap, shortening its longest free-text field until it fits. */
function fitLine(entry: AuditEntry): string {
  const fitted: AuditEntry = { ...entry };
  let line = JSON.stringify(fitted);
  // Bounded: each round halves a field; the fixed fields (time, action, hash) are short.
  for (let round = 0; round < 64 && Buffer.byteLength(line) > MAX_AUDIT_LINE; round++) {
    const field = (['reason', 'file', 'actor', 'guild'] as const).reduce((a, b) => ((fitted[a] ?? '').length >= (fitted[b] ?? '').length ? a : b));
    const value = fitted[field] ?? '';
    fitted[field] = `${[...value].slice(0, Math.floor([...value].length / 2)).join('')}…`;
    line = JSON.stringify(fitted);
  }
  return line;
}

import { accessSync, constants } from 'node:fs';
import { AppError } from '../errors.js';
import type { UsageFaultKind } from './types.js';

/**
 * Sorting database errors into the few kinds the store treats differently (see
 * `UsageFaultKind`). better-sqlite3 throws `SqliteError` with SQLite's extended code as a
 * string (`SQLITE_BUSY_SNAPSHOT`, `SQLITE_READONLY_DBMOVED` …); file-system calls throw
 * errors with errno codes (`EACCES`). Both are matched by prefix.
 */

/** A fault the store itself raises (a failed integrity check, a newer schema, an invalid argument). */
export class UsageFault extends AppError {
  constructor(
    readonly kind: UsageFaultKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(kind === 'bad-input' ? 'BAD_INPUT' : 'INTERNAL', message, options);
    this.name = 'UsageFault';
  }
}

const BY_PREFIX: [prefix: string, kind: UsageFaultKind][] = [
  ['SQLITE_BUSY', 'locked'],
  ['SQLITE_LOCKED', 'locked'],
  ['SQLITE_READONLY', 'readonly'],
  ['SQLITE_PERM', 'readonly'],
  ['SQLITE_AUTH', 'readonly'],
  ['EACCES', 'readonly'],
  ['EPERM', 'readonly'],
  ['EROFS', 'readonly'],
  ['SQLITE_CORRUPT', 'corrupt'],
  ['SQLITE_NOTADB', 'corrupt'],
  ['SQLITE_CANTOPEN', 'unavailable'],
  ['SQLITE_IOERR', 'unavailable'],
  ['SQLITE_FULL', 'unavailable'],
  ['SQLITE_NOTFOUND', 'unavailable'],
  ['ENOENT', 'unavailable'],
  ['ENOTDIR', 'unavailable'],
  ['EISDIR', 'unavailable'],
  ['ENOSPC', 'unavailable'],
];

/**
 * The kind of a thrown error. `dir` refines "cannot open": SQLite reports a directory it may
 * not create the file (or its -wal/-shm companions) in as SQLITE_CANTOPEN, which is a
 * read-only condition, not a missing one.
 *
 * @example
 * classifyFault(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' })); // 'readonly'
 */
export function classifyFault(error: unknown, dir?: string): UsageFaultKind {
  if (error instanceof UsageFault) return error.kind;
  const code = errorCode(error);
  const kind = BY_PREFIX.find(([prefix]) => code.startsWith(prefix))?.[1] ?? 'internal';
  if (kind === 'unavailable' && code.startsWith('SQLITE_CANTOPEN') && dir !== undefined && !writable(dir)) return 'readonly';
  return kind;
}

/** `{ code, message }` of anything thrown, for log context (no stack: faults are expected). */
export function faultDetails(error: unknown): { code: string; message: string } {
  return { code: errorCode(error) || 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

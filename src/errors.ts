/**
 * Typed errors of the core. Every error carries a stable `code` (for logs, the CLI's exit
 * codes and the JSON contract) and a message naming the module and the bad value.
 *
 * @example
 * throw new UserError('SOURCE_NOT_FOUND', 'search/source: no passage "x#9"', '没有找到段落 x#9。');
 */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'SOURCE_NOT_FOUND'
  | 'ZONE_NOT_FOUND'
  | 'REINDEX_BUSY'
  /** `reindex()` asked of a read-only replica: the builder process rebuilds. */
  | 'READ_ONLY'
  /** A replica asked a question before any index was saved for it to serve. */
  | 'INDEX_NOT_READY'
  | 'INDEX_CORRUPT'
  | 'SEEDS_UNREADABLE'
  | 'CONFIG_INVALID'
  | 'INTERNAL';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** An error whose `userMessage` is safe to show to a chat user as is. */
export class UserError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly userMessage: string,
  ) {
    super(code, message);
    this.name = 'UserError';
  }
}

/** Exit codes of the CLI, one per error code (0 = success). */
/** The CLI's exit code for an answer that found nothing (a figure, zone, question or passage). */
export const EXIT_NOT_FOUND = 3;

export const EXIT_CODES: Record<ErrorCode, number> = {
  BAD_INPUT: 2,
  SOURCE_NOT_FOUND: EXIT_NOT_FOUND,
  ZONE_NOT_FOUND: EXIT_NOT_FOUND,
  REINDEX_BUSY: 4,
  READ_ONLY: 7,
  INDEX_NOT_READY: 4,
  INDEX_CORRUPT: 5,
  SEEDS_UNREADABLE: 5,
  CONFIG_INVALID: 6,
  INTERNAL: 1,
};

/** Normalises anything thrown into `{ code, message }` for logs and JSON output. */
export function describeError(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}

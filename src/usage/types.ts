import type { Logger } from '../logger.js';

/**
 * Types of the usage store: what the bot records per answer, the feedback on it, and the
 * report other tools read as JSON. Nothing here knows about Discord: a "user" is an opaque id
 * that the store only ever keeps as a salted hash.
 *
 * @example
 * const event: AnswerEvent = { command: 'ask', query: '珠海高新区GDP', userId: '1234', resultCount: 3, latencyMs: 12, unanswered: false };
 */

/** Who acted: the raw id (hashed by the store before anything is written) or an already salted hash. */
export type UserRef = { readonly userId: string; readonly userHash?: undefined } | { readonly userHash: string; readonly userId?: undefined };

export interface UsageStoreOptions {
  /** Directory holding the database file; created when missing. */
  readonly dataDir: string;
  /** Secret salt of the user hash: sha256(salt + id). Required (non-empty) when enabled. */
  readonly salt: string;
  /** Answers (and their votes) older than this many days are deleted; default 180. */
  readonly retentionDays?: number;
  /** `false` makes every method a no-op and touches nothing on disk; default true. */
  readonly enabled?: boolean;
  /** Where faults are reported, once per kind; default: warnings and up on stderr. */
  readonly logger?: Logger;
  /** The clock that stamps answers and votes and decides retention; default `new Date()`. */
  readonly now?: () => Date;
  /** Database file name inside `dataDir`; default `usage.sqlite`. */
  readonly fileName?: string;
  /** How long a write waits for another connection's lock (SQLite busy_timeout); default 2000 ms. */
  readonly busyTimeoutMs?: number;
  /** After a fault, how long the store stays idle before trying the database again; default 10000 ms. */
  readonly retryMs?: number;
}

/** One answered command, as the caller saw it. */
export type AnswerEvent = {
  /** Command name without transport syntax, e.g. `ask`, `figure`. */
  readonly command: string;
  /** The query text as typed (folded only for grouping in reports). */
  readonly query: string;
  /** The command's other options; stored as JSON. */
  readonly options?: Readonly<Record<string, unknown>>;
  readonly guildId?: string | null;
  readonly resultCount: number;
  /** Citation of the best result, e.g. `〔title · date · ¶3〕` or a passage id. */
  readonly topCitation?: string | null;
  readonly latencyMs: number;
  /** Decided by the caller: no result, or the best one below the engine's weak threshold. */
  readonly unanswered: boolean;
  /** When it was answered; default the store's clock. */
  readonly at?: Date;
} & UserRef;

export type VoteValue = 'up' | 'down';

export type VoteInput = {
  /** The id `record()` returned for the answer. */
  readonly answerId: number;
  readonly vote: VoteValue;
  /** Kept with a down vote only; blank means none. */
  readonly comment?: string;
} & UserRef;

/** What a vote did: first vote of this user on this answer, a switch up↔down, or a repeat. */
export type VoteOutcome = 'new' | 'changed' | 'unchanged';

export type CommentInput = {
  readonly answerId: number;
  readonly comment: string;
} & UserRef;

export interface UsageReportOptions {
  /** Number of UTC days ending with today's; default 14. */
  readonly days?: number;
  /** The report's "today"; default the store's clock. */
  readonly now?: Date;
  /** Maximum entries of each list (and comments per downvoted query); default 10. */
  readonly limit?: number;
}

/** The JSON contract read by other tools: keep field names and nesting as they are. */
export interface UsageReport {
  /** Oldest first, one entry per UTC day of the window, zero days included. */
  days: { day: string; questions: number }[];
  /** Most asked first (ties: most recently asked first). */
  topQueries: { query: string; count: number }[];
  /** Most often unanswered first (ties: most recent first); `lastAsked` is an ISO time. */
  unanswered: { query: string; count: number; lastAsked: string }[];
  /** Most 👎 first; non-empty comments, newest first. */
  downvoted: { query: string; count: number; comments: string[] }[];
}

/** One day of the unanswered-share chart. */
export interface DailyActivity {
  day: string;
  questions: number;
  unanswered: number;
  /** unanswered / questions, 0 on a day without questions. */
  share: number;
}

/**
 * What can go wrong with the database, each logged once until a write succeeds again:
 * `locked` (another connection held the write lock past busy_timeout), `readonly` (file or
 * directory not writable), `corrupt` (moved aside and recreated), `missing` (file vanished
 * while open: recreated), `unavailable` (cannot open or I/O error), `schema` (written by a
 * newer version: left alone), `bad-input` (a caller passed an invalid value), `internal`.
 */
export type UsageFaultKind = 'locked' | 'readonly' | 'corrupt' | 'missing' | 'unavailable' | 'schema' | 'bad-input' | 'internal';

export interface UsageStore {
  /** Whether the store writes anything at all (`enabled` option). */
  readonly enabled: boolean;
  /** Path of the database file (also when disabled, where it would be). */
  readonly path: string;
  record(event: AnswerEvent): number | null;
  vote(input: VoteInput): VoteOutcome | null;
  addComment(input: CommentInput): boolean;
  usageReport(options?: UsageReportOptions): UsageReport;
  dailyActivity(options?: Omit<UsageReportOptions, 'limit'>): DailyActivity[];
  prune(now?: Date): number | null;
  close(): void;
}

import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { UsageFault, classifyFault, faultDetails } from './faults.js';
import { foldQuery, hashUser, isUserHash } from './fold.js';
import { buildDailyActivity, buildReport, emptyDailyActivity, emptyReport } from './report.js';
import { migrate } from './schema.js';
import type {
  AnswerEvent,
  CommentInput,
  DailyActivity,
  UsageFaultKind,
  UsageReport,
  UsageReportOptions,
  UsageStore,
  UsageStoreOptions,
  UserRef,
  VoteInput,
  VoteOutcome,
} from './types.js';

/**
 * The usage store: one better-sqlite3 connection to `<dataDir>/usage.sqlite`, opened at
 * start-up in WAL mode (readers never block the writer, and a process killed mid-write loses
 * at most the transaction it was in), each write its own short IMMEDIATE transaction.
 *
 * Usage memory must never cost an answer: every public method catches database faults, logs
 * each kind of fault once (until a write succeeds again), returns a neutral value (null, false,
 * an empty report) and leaves the database alone for `retryMs` before trying again. A corrupt
 * file is moved aside (`usage.sqlite.corrupt-<time>`) and a new one created.
 */

const DAY_MS = 86_400_000;
const DEFAULTS = { retentionDays: 180, fileName: 'usage.sqlite', busyTimeoutMs: 2000, retryMs: 10_000, days: 14, limit: 10 };
/** Lengths beyond which text is cut: Discord allows 6000-character messages, reports need far less. */
const MAX = { command: 100, query: 2000, citation: 500, comment: 2000, id: 200 };

/**
 * Opens (or creates) the usage database under `dataDir`. Never throws for the database's
 * state; throws `AppError('CONFIG_INVALID')` for options that can only be a mistake (an empty
 * salt would let anyone reverse the user hashes).
 *
 * @example
 * const usage = openUsageStore({ dataDir: 'data', salt: process.env.USAGE_SALT!, logger });
 * const id = usage.record({ command: 'ask', query: '珠海高新区GDP', userId: '1234', resultCount: 3, latencyMs: 12, unanswered: false });
 * usage.vote({ answerId: id!, userId: '1234', vote: 'down' }); // 'new'
 */
export function openUsageStore(options: UsageStoreOptions): UsageStore {
  return new SqliteUsageStore(options);
}

class SqliteUsageStore implements UsageStore {
  readonly enabled: boolean;
  readonly path: string;
  private readonly dir: string;
  private readonly salt: string;
  private readonly retentionDays: number;
  private readonly logger: Logger;
  private readonly clock: () => Date;
  private readonly busyTimeoutMs: number;
  private readonly retryMs: number;

  private db: Database.Database | null = null;
  /** Inode of the file `db` has open: a different one (or none) means it was moved or deleted. */
  private inode: number | null = null;
  private readonly statements = new Map<string, Database.Statement>();
  /** performance.now() before which the database is not tried again after a fault. */
  private idleUntil = 0;
  /** Fault kinds already logged since the last successful write. */
  private readonly logged = new Set<UsageFaultKind>();
  private closed = false;

  constructor(options: UsageStoreOptions) {
    const settings = resolveOptions(options);
    this.enabled = settings.enabled;
    this.dir = settings.dataDir;
    this.path = join(settings.dataDir, settings.fileName);
    this.salt = settings.salt;
    this.retentionDays = settings.retentionDays;
    this.logger = options.logger ?? createLogger('info');
    this.clock = options.now ?? (() => new Date());
    this.busyTimeoutMs = settings.busyTimeoutMs;
    this.retryMs = settings.retryMs;
    // Opened now rather than at the first answer: faults show in the start-up log, and the
    // retention prune runs at every start.
    if (this.enabled) this.connection();
  }

  /**
   * Records one answered command; returns its id for feedback buttons, or null when nothing
   * was stored (disabled, database fault, invalid event).
   *
   * @example
   * usage.record({ command: 'figure', query: 'GDP', options: { zone: '梅河口' }, guildId: '42', userId: '1234', resultCount: 0, latencyMs: 8, unanswered: true }); // 17
   */
  record(event: AnswerEvent): number | null {
    return this.write('record', null, (db) => {
      const row = this.answerRow(event);
      const insert = this.statement(
        db,
        `INSERT INTO answers (at, command, query, query_key, options, guild_id, user_hash, result_count, top_citation, latency_ms, unanswered)
         VALUES (@at, @command, @query, @queryKey, @options, @guildId, @userHash, @resultCount, @topCitation, @latencyMs, @unanswered)`,
      );
      return Number(db.transaction(() => insert.run(row).lastInsertRowid).immediate());
    });
  }

  /**
   * One vote per user per answer: a repeat is `unchanged`, the other button `changed`. A
   * comment is kept with a down vote (a switch to up drops it); null when nothing was stored
   * (unknown answer, disabled, fault).
   *
   * @example
   * usage.vote({ answerId: 17, userId: '1234', vote: 'up' });   // 'new'
   * usage.vote({ answerId: 17, userId: '1234', vote: 'down' }); // 'changed'
   */
  vote(input: VoteInput): VoteOutcome | null {
    return this.write('vote', null, (db) => {
      const answerId = validAnswerId(input.answerId);
      if (input.vote !== 'up' && input.vote !== 'down') throw badInput(`vote must be 'up' or 'down', not ${String(input.vote)}`);
      const userHash = this.userHashOf(input);
      const comment = input.vote === 'down' ? cleanComment(input.comment) : null;
      const at = this.clock().getTime();
      const answerExists = this.statement(db, 'SELECT 1 FROM answers WHERE id = ?');
      const existing = this.statement(db, 'SELECT vote FROM votes WHERE answer_id = ? AND user_hash = ?');
      const insert = this.statement(db, 'INSERT INTO votes (answer_id, user_hash, vote, comment, at) VALUES (?, ?, ?, ?, ?)');
      const change = this.statement(db, 'UPDATE votes SET vote = ?, comment = ?, at = ? WHERE answer_id = ? AND user_hash = ?');
      const setComment = this.statement(db, 'UPDATE votes SET comment = ? WHERE answer_id = ? AND user_hash = ?');
      return db
        .transaction((): VoteOutcome | null => {
          // An answer may be gone (pruned, or recorded in a database since moved aside).
          if (answerExists.get(answerId) === undefined) return null;
          const before = existing.get(answerId, userHash) as { vote: string } | undefined;
          if (before === undefined) {
            insert.run(answerId, userHash, input.vote, comment, at);
            return 'new';
          }
          if (before.vote === input.vote) {
            if (comment !== null) setComment.run(comment, answerId, userHash);
            return 'unchanged';
          }
          change.run(input.vote, comment, at, answerId, userHash);
          return 'changed';
        })
        .immediate();
    });
  }

  /**
   * Attaches (or replaces) the comment of this user's down vote on an answer, e.g. from the
   * modal a 👎 opens (a blank comment clears it). False when this user has no down vote on
   * the answer, or nothing was stored.
   *
   * @example
   * usage.addComment({ answerId: 17, userId: '1234', comment: '数字是2022年的' }); // true
   */
  addComment(input: CommentInput): boolean {
    return this.write('addComment', false, (db) => {
      const answerId = validAnswerId(input.answerId);
      const userHash = this.userHashOf(input);
      if (typeof input.comment !== 'string') throw badInput('comment must be a string');
      const comment = cleanComment(input.comment);
      const update = this.statement(db, `UPDATE votes SET comment = ? WHERE answer_id = ? AND user_hash = ? AND vote = 'down'`);
      return db.transaction(() => update.run(comment, answerId, userHash).changes > 0).immediate();
    });
  }

  /**
   * The usage report (a JSON contract: see `UsageReport`) over the last `days` UTC days.
   *
   * @example
   * usage.usageReport({ days: 14 }).unanswered[0]; // { query: '珠海高新区GDP', count: 2, lastAsked: '2025-03-10T08:00:00.000Z' }
   */
  usageReport(options: UsageReportOptions = {}): UsageReport {
    const now = options.now ?? this.clock();
    const days = options.days ?? DEFAULTS.days;
    const limit = options.limit ?? DEFAULTS.limit;
    if (!validCount(days, 3660) || !validCount(limit, 1000) || Number.isNaN(now.getTime())) {
      this.fault('usageReport', badInput(`report needs days 1…3660, limit 1…1000 and a valid now (got ${days}, ${limit})`));
      return { days: [], topQueries: [], unanswered: [], downvoted: [] };
    }
    return this.read('usageReport', () => emptyReport(days, now), (db) => buildReport(db, { days, now, limit }));
  }

  /**
   * Questions, unanswered questions and their share per UTC day, zero days included.
   *
   * @example
   * usage.dailyActivity({ days: 7 }).map((d) => d.share); // [0, 0.5, 0.25, …]
   */
  dailyActivity(options: Omit<UsageReportOptions, 'limit'> = {}): DailyActivity[] {
    const now = options.now ?? this.clock();
    const days = options.days ?? DEFAULTS.days;
    if (!validCount(days, 3660) || Number.isNaN(now.getTime())) {
      this.fault('dailyActivity', badInput(`activity needs days 1…3660 and a valid now (got ${days})`));
      return [];
    }
    return this.read('dailyActivity', () => emptyDailyActivity(days, now), (db) => buildDailyActivity(db, { days, now }));
  }

  /**
   * Deletes answers older than `retentionDays` before `now`, with their votes; returns how
   * many answers went (null when nothing could be done). Runs at open too; the bot calls it daily.
   *
   * @example
   * usage.prune(); // 3
   */
  prune(now: Date = this.clock()): number | null {
    return this.write('prune', null, (db) => this.pruneWith(db, now));
  }

  /**
   * Closes the database; later calls are no-ops with neutral results.
   *
   * @example
   * usage.close();
   */
  close(): void {
    this.closed = true;
    this.disconnect();
  }

  // ── connection lifecycle ──────────────────────────────────────────────────────────────

  /** The open connection, opening it if the back-off allows; null when there is none to use. */
  private connection(): Database.Database | null {
    if (!this.enabled || this.closed) return null;
    if (this.db !== null && !this.sameFile()) {
      // Deleted or replaced under us (by hand, or another process moving a corrupt file
      // aside): writes would go to a file nobody will ever open again.
      this.fault('open', new UsageFault('missing', `usage/store: ${this.path} was removed or replaced while open; reopening`));
      this.disconnect();
      this.idleUntil = 0;
    }
    if (this.db !== null) return performance.now() < this.idleUntil ? null : this.db;
    if (performance.now() < this.idleUntil) return null;
    try {
      this.db = this.openDatabase();
      this.inode = statSync(this.path).ino;
      return this.db;
    } catch (error) {
      this.disconnect();
      this.fault('open', error);
      return null;
    }
  }

  private openDatabase(): Database.Database {
    mkdirSync(this.dir, { recursive: true });
    try {
      return this.prepareDatabase();
    } catch (error) {
      if (classifyFault(error, this.dir) !== 'corrupt') throw error;
      const movedTo = this.moveAside();
      this.logOnce('corrupt', 'usage database corrupt: moved aside, starting a new one', { op: 'open', movedTo, error: faultDetails(error) });
      return this.prepareDatabase();
    }
  }

  /** Connects and configures; runs the integrity check, migrations and the retention prune. */
  private prepareDatabase(): Database.Database {
    const db = new Database(this.path, { timeout: this.busyTimeoutMs });
    try {
      // busy_timeout first: switching to WAL takes a lock another process may hold.
      db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a commit survives the process being killed (it is in the WAL
      // file); only a power cut can lose the last commits, and it costs no fsync per answer.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      // Pruned rows are overwritten rather than left in free pages: retention is a privacy promise.
      db.pragma('secure_delete = ON');
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new UsageFault('corrupt', `usage/store: quick_check of ${this.path} says ${String(check)}`);
      migrate(db);
      this.pruneWith(db, this.clock());
      return db;
    } catch (error) {
      this.statements.clear();
      db.close();
      throw error;
    }
  }

  /** Renames the database (and its WAL) to `<file>.corrupt-<time>`; drops the derived -shm. */
  private moveAside(): string {
    this.disconnect();
    const stamp = this.clock().toISOString().replace(/[:.]/g, '-');
    let target = `${this.path}.corrupt-${stamp}`;
    for (let n = 2; existsSync(target); n++) target = `${this.path}.corrupt-${stamp}-${n}`;
    renameSync(this.path, target);
    if (existsSync(`${this.path}-wal`)) renameSync(`${this.path}-wal`, `${target}-wal`);
    rmSync(`${this.path}-shm`, { force: true });
    return target;
  }

  private sameFile(): boolean {
    const stat = statSync(this.path, { throwIfNoEntry: false });
    return stat !== undefined && stat.ino === this.inode;
  }

  private disconnect(): void {
    this.statements.clear();
    this.inode = null;
    const db = this.db;
    this.db = null;
    try {
      db?.close();
    } catch {
      // Closing a connection to a broken file can fail too; it is gone either way.
    }
  }

  // ── operations and faults ─────────────────────────────────────────────────────────────

  private write<T>(op: string, neutral: T, body: (db: Database.Database) => T): T {
    const db = this.connection();
    if (db === null) return neutral;
    try {
      const result = body(db);
      this.recovered();
      return result;
    } catch (error) {
      this.fault(op, error);
      return neutral;
    }
  }

  private read<T>(op: string, neutral: () => T, body: (db: Database.Database) => T): T {
    const db = this.connection();
    if (db === null) return neutral();
    try {
      return body(db);
    } catch (error) {
      this.fault(op, error);
      return neutral();
    }
  }

  /** Logs a fault once per kind and decides when the database is tried again. */
  private fault(op: string, error: unknown): void {
    const kind = classifyFault(error, this.dir);
    if (kind === 'bad-input') {
      // The caller's mistake, not the database's: nothing to back off from.
      this.logOnce(kind, 'usage store: invalid argument, nothing stored', { op, error: faultDetails(error) });
      return;
    }
    if (kind === 'corrupt' && this.db !== null) {
      // Found by a query on an open connection: move it aside now, recreate at the next call.
      try {
        const movedTo = this.moveAside();
        this.logOnce(kind, 'usage database corrupt: moved aside, starting a new one', { op, movedTo, error: faultDetails(error) });
        this.idleUntil = 0;
        return;
      } catch (moveError) {
        this.logOnce(kind, 'usage database corrupt and could not be moved aside', { op, error: faultDetails(error), moveError: faultDetails(moveError) });
      }
    } else {
      this.logOnce(kind, `usage store unavailable (${kind}); answering goes on without it`, { op, error: faultDetails(error) });
    }
    this.idleUntil = performance.now() + this.retryMs;
    // A lock is another connection's, so this one stays; any other fault may be cured by
    // reopening (permissions fixed, file restored), which a connection opened read-only never sees.
    if (kind !== 'locked') this.disconnect();
  }

  private logOnce(kind: UsageFaultKind, message: string, context: Record<string, unknown>): void {
    if (this.logged.has(kind)) return;
    this.logged.add(kind);
    this.logger.warn(message, { kind, path: this.path, ...context });
  }

  /** After a successful write every fault kind may be logged again. */
  private recovered(): void {
    if (this.logged.size === 0) return;
    const kinds = [...this.logged].filter((kind) => kind !== 'bad-input');
    this.logged.clear();
    if (kinds.length > 0) this.logger.info('usage store works again', { path: this.path, after: kinds });
  }

  // ── rows ──────────────────────────────────────────────────────────────────────────────

  private pruneWith(db: Database.Database, now: Date): number {
    const cutoff = now.getTime() - this.retentionDays * DAY_MS;
    if (Number.isNaN(cutoff)) throw badInput('prune needs a valid date');
    // Look before deleting: a DELETE takes the write lock even when nothing matches, which
    // would fail on a read-only database that could still serve reports.
    if (this.statement(db, 'SELECT 1 FROM answers WHERE at < ? LIMIT 1').get(cutoff) === undefined) return 0;
    const votes = this.statement(db, 'DELETE FROM votes WHERE answer_id IN (SELECT id FROM answers WHERE at < ?)');
    const answers = this.statement(db, 'DELETE FROM answers WHERE at < ?');
    return db
      .transaction(() => {
        votes.run(cutoff);
        return answers.run(cutoff).changes;
      })
      .immediate();
  }

  private answerRow(event: AnswerEvent): Record<string, string | number | null> {
    const at = (event.at ?? this.clock()).getTime();
    if (typeof event.command !== 'string' || event.command.trim() === '') throw badInput('command must be a non-empty string');
    if (typeof event.query !== 'string') throw badInput('query must be a string');
    if (!Number.isInteger(event.resultCount) || event.resultCount < 0) throw badInput(`resultCount must be a count, not ${event.resultCount}`);
    if (!Number.isFinite(event.latencyMs) || event.latencyMs < 0) throw badInput(`latencyMs must be a duration, not ${event.latencyMs}`);
    if (typeof event.unanswered !== 'boolean') throw badInput('unanswered must be a boolean');
    if (Number.isNaN(at)) throw badInput('at must be a valid date');
    const query = event.query.slice(0, MAX.query);
    return {
      at,
      command: event.command.trim().slice(0, MAX.command),
      query,
      queryKey: foldQuery(query),
      options: optionsJson(event.options),
      guildId: optionalText(event.guildId, 'guildId', MAX.id),
      userHash: this.userHashOf(event),
      resultCount: event.resultCount,
      topCitation: optionalText(event.topCitation, 'topCitation', MAX.citation),
      latencyMs: Math.round(event.latencyMs),
      unanswered: event.unanswered ? 1 : 0,
    };
  }

  /** The salted hash of whoever acted; a "hash" that is not one (a raw id by mistake) is refused. */
  private userHashOf(ref: UserRef): string {
    if (typeof ref.userId === 'string' && ref.userId !== '') return hashUser(this.salt, ref.userId.slice(0, MAX.id));
    if (typeof ref.userHash === 'string' && isUserHash(ref.userHash)) return ref.userHash;
    throw badInput('a userId, or a userHash from hashUser(), is required');
  }

  /** Statements are prepared once per connection (preparing costs more than running them). */
  private statement(db: Database.Database, sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** Options with defaults applied; throws for values that can only be a configuration mistake. */
function resolveOptions(options: UsageStoreOptions) {
  const settings = {
    enabled: options.enabled ?? true,
    dataDir: options.dataDir,
    fileName: options.fileName ?? DEFAULTS.fileName,
    salt: options.salt,
    retentionDays: options.retentionDays ?? DEFAULTS.retentionDays,
    busyTimeoutMs: options.busyTimeoutMs ?? DEFAULTS.busyTimeoutMs,
    retryMs: options.retryMs ?? DEFAULTS.retryMs,
  };
  const fail = (message: string): never => {
    throw new AppError('CONFIG_INVALID', `usage/store: ${message}`);
  };
  if (typeof settings.dataDir !== 'string' || settings.dataDir === '') fail('dataDir must be a non-empty path');
  if (typeof settings.fileName !== 'string' || settings.fileName === '' || /[\\/]/.test(settings.fileName)) fail('fileName must be a plain file name');
  if (settings.enabled && (typeof settings.salt !== 'string' || settings.salt === '')) fail('salt must be a non-empty secret when usage memory is enabled');
  if (!(settings.retentionDays > 0) || !Number.isFinite(settings.retentionDays)) fail(`retentionDays must be a positive number, not ${settings.retentionDays}`);
  if (!Number.isInteger(settings.busyTimeoutMs) || settings.busyTimeoutMs < 0) fail(`busyTimeoutMs must be a non-negative integer, not ${settings.busyTimeoutMs}`);
  if (!(settings.retryMs >= 0)) fail(`retryMs must be non-negative, not ${settings.retryMs}`);
  return settings;
}

function badInput(message: string): UsageFault {
  return new UsageFault('bad-input', `usage/store: ${message}`);
}

function validCount(value: number, max: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= max;
}

function validAnswerId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 1) throw badInput(`answerId must be an id from record(), not ${id}`);
  return id;
}

function optionalText(value: string | null | undefined, name: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badInput(`${name} must be a string`);
  return value.slice(0, max);
}

function optionsJson(options: AnswerEvent['options']): string {
  if (options === undefined) return '{}';
  try {
    return JSON.stringify(options) ?? '{}';
  } catch (error) {
    throw new UsageFault('bad-input', 'usage/store: options are not JSON-serialisable', { cause: error });
  }
}

/** Trimmed and cut; blank becomes null so reports list only real comments. */
function cleanComment(comment: string | undefined): string | null {
  if (comment === undefined || comment === null) return null;
  if (typeof comment !== 'string') throw badInput('comment must be a string');
  const text = comment.trim().slice(0, MAX.comment);
  return text === '' ? null : text;
}

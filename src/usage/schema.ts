import type { Database } from 'better-sqlite3';
import { UsageFault } from './faults.js';

/**
 * The usage database's schema, as an ordered list of migrations. `PRAGMA user_version` holds
 * the number of migrations applied; a new version of the schema is a new entry at the end,
 * never an edit of an old one (databases in the field already ran it).
 *
 * Times are integer milliseconds since the epoch (UTC): they sort, compare and bucket into
 * days with integer arithmetic, and carry no time zone to get wrong.
 */

export interface Migration {
  /** 1-based, equal to its position in `MIGRATIONS`; the user_version after it ran. */
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'answers and votes',
    sql: `
      CREATE TABLE answers (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        at           INTEGER NOT NULL,
        command      TEXT    NOT NULL,
        query        TEXT    NOT NULL,
        query_key    TEXT    NOT NULL,
        options      TEXT    NOT NULL DEFAULT '{}',
        guild_id     TEXT,
        user_hash    TEXT    NOT NULL,
        result_count INTEGER NOT NULL,
        top_citation TEXT,
        latency_ms   INTEGER NOT NULL,
        unanswered   INTEGER NOT NULL CHECK (unanswered IN (0, 1))
      );
      CREATE INDEX answers_at ON answers (at);
      CREATE INDEX answers_query_key ON answers (query_key, at);
      CREATE TABLE votes (
        answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
        user_hash TEXT    NOT NULL,
        vote      TEXT    NOT NULL CHECK (vote IN ('up', 'down')),
        comment   TEXT,
        at        INTEGER NOT NULL,
        PRIMARY KEY (answer_id, user_hash)
      ) WITHOUT ROWID;
    `,
  },
];

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database to `SCHEMA_VERSION` inside one write transaction. The version is read
 * again after the write lock is taken, so two processes opening a new file at once run each
 * migration once. A database from a newer version is left untouched (a downgraded bot must
 * not damage it): that throws.
 *
 * @example
 * migrate(db); // { from: 0, to: 1 } on a new file, { from: 1, to: 1 } afterwards
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const target = migrations.length;
  const current = () => db.pragma('user_version', { simple: true }) as number;
  // Read without a write lock first: the common case (up to date) writes nothing, which also
  // lets a read-only database open for reports.
  const seen = current();
  if (seen > target) throw newerSchema(seen, target);
  if (seen === target) return { from: seen, to: seen };
  return db
    .transaction(() => {
      const from = current();
      if (from > target) throw newerSchema(from, target);
      for (const migration of migrations.slice(from)) {
        db.exec(migration.sql);
        // user_version cannot take a bound parameter; the value is an integer from code.
        db.pragma(`user_version = ${migration.version}`);
      }
      return { from, to: target };
    })
    .immediate();
}

function newerSchema(found: number, known: number): UsageFault {
  return new UsageFault('schema', `usage/schema: database version ${found} is newer than this code's ${known}; left untouched`);
}

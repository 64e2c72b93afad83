import type { Database } from 'better-sqlite3';
import type { DailyActivity, UsageReport } from './types.js';

/**
 * The report's queries. Everything is bucketed by UTC day over a window of whole days ending
 * with the day of `now`; queries are grouped by their folded key (`foldQuery`), which is also
 * what the report shows, so one query never appears under two spellings.
 */

const DAY_MS = 86_400_000;

export interface ReportWindow {
  /** Start of the oldest day (inclusive), ms. */
  readonly start: number;
  /** Start of the day after `now`'s (exclusive), ms. */
  readonly end: number;
  /** `YYYY-MM-DD` of every day in the window, oldest first. */
  readonly days: readonly string[];
}

/**
 * The `days` UTC days ending with `now`'s day.
 *
 * @example
 * reportWindow(2, new Date('2025-03-10T05:00:00Z')).days; // ['2025-03-09', '2025-03-10']
 */
export function reportWindow(days: number, now: Date): ReportWindow {
  const end = (Math.floor(now.getTime() / DAY_MS) + 1) * DAY_MS;
  const start = end - days * DAY_MS;
  const keys = Array.from({ length: days }, (_, i) => dayKey(start + i * DAY_MS));
  return { start, end, days: keys };
}

/**
 * The report of a store with no data (disabled, or its database unavailable): every day of
 * the window with zero questions, so charts keep their axis.
 *
 * @example
 * emptyReport(14, new Date()).days.length; // 14
 */
export function emptyReport(days: number, now: Date): UsageReport {
  return { days: reportWindow(days, now).days.map((day) => ({ day, questions: 0 })), topQueries: [], unanswered: [], downvoted: [] };
}

/**
 * Reads the report from the database. Ties are broken by recency, then by the key, so the
 * order is stable from one run to the next.
 *
 * @example
 * buildReport(db, { days: 14, now: new Date(), limit: 10 }).topQueries[0]; // { query: '珠海高新区GDP', count: 5 }
 */
export function buildReport(db: Database, options: { days: number; now: Date; limit: number }): UsageReport {
  const window = reportWindow(options.days, options.now);
  const span = { start: window.start, end: window.end, limit: options.limit };
  const perDay = dailyCounts(db, window);

  const top = db
    .prepare<typeof span, { query: string; count: number; last: number }>(
      `SELECT query_key AS query, COUNT(*) AS count, MAX(at) AS last FROM answers
       WHERE at >= @start AND at < @end AND query_key <> ''
       GROUP BY query_key ORDER BY count DESC, last DESC, query_key ASC LIMIT @limit`,
    )
    .all(span);

  const unanswered = db
    .prepare<typeof span, { query: string; count: number; last: number }>(
      `SELECT query_key AS query, COUNT(*) AS count, MAX(at) AS last FROM answers
       WHERE at >= @start AND at < @end AND query_key <> '' AND unanswered = 1
       GROUP BY query_key ORDER BY count DESC, last DESC, query_key ASC LIMIT @limit`,
    )
    .all(span);

  // Down votes count per vote (two users' 👎 on one answer count 2); the window is the
  // answers' time, as for every other list.
  const downvoted = db
    .prepare<typeof span, { query: string; count: number; last: number }>(
      `SELECT a.query_key AS query, COUNT(*) AS count, MAX(v.at) AS last FROM votes v JOIN answers a ON a.id = v.answer_id
       WHERE a.at >= @start AND a.at < @end AND a.query_key <> '' AND v.vote = 'down'
       GROUP BY a.query_key ORDER BY count DESC, last DESC, a.query_key ASC LIMIT @limit`,
    )
    .all(span);
  const comments = db.prepare<{ start: number; end: number; limit: number; query: string }, { comment: string }>(
    `SELECT v.comment AS comment FROM votes v JOIN answers a ON a.id = v.answer_id
     WHERE a.at >= @start AND a.at < @end AND a.query_key = @query AND v.vote = 'down' AND v.comment IS NOT NULL AND v.comment <> ''
     ORDER BY v.at DESC, a.id DESC LIMIT @limit`,
  );

  return {
    days: window.days.map((day) => ({ day, questions: perDay.get(day)?.questions ?? 0 })),
    topQueries: top.map((row) => ({ query: row.query, count: row.count })),
    unanswered: unanswered.map((row) => ({ query: row.query, count: row.count, lastAsked: new Date(row.last).toISOString() })),
    downvoted: downvoted.map((row) => ({
      query: row.query,
      count: row.count,
      comments: comments.all({ ...span, query: row.query }).map((c) => c.comment),
    })),
  };
}

/**
 * Questions and unanswered ones per UTC day, zero days included (for the unanswered-share chart).
 *
 * @example
 * buildDailyActivity(db, { days: 7, now: new Date() })[6]; // { day: '2025-03-10', questions: 4, unanswered: 1, share: 0.25 }
 */
export function buildDailyActivity(db: Database, options: { days: number; now: Date }): DailyActivity[] {
  const window = reportWindow(options.days, options.now);
  const perDay = dailyCounts(db, window);
  return window.days.map((day) => {
    const counts = perDay.get(day) ?? { questions: 0, unanswered: 0 };
    return { day, ...counts, share: counts.questions === 0 ? 0 : counts.unanswered / counts.questions };
  });
}

/** The same zero-filled activity with no database behind it. */
export function emptyDailyActivity(days: number, now: Date): DailyActivity[] {
  return reportWindow(days, now).days.map((day) => ({ day, questions: 0, unanswered: 0, share: 0 }));
}

function dailyCounts(db: Database, window: ReportWindow): Map<string, { questions: number; unanswered: number }> {
  // The divisor is a literal: better-sqlite3 binds JS numbers as REAL, which would turn the
  // integer division into a fractional one.
  const rows = db
    .prepare<{ start: number; end: number }, { day: number; questions: number; unanswered: number }>(
      `SELECT at / ${DAY_MS} AS day, COUNT(*) AS questions, SUM(unanswered) AS unanswered FROM answers
       WHERE at >= @start AND at < @end GROUP BY at / ${DAY_MS}`,
    )
    .all({ start: window.start, end: window.end });
  return new Map(rows.map((row) => [dayKey(row.day * DAY_MS), { questions: row.questions, unanswered: row.unanswered }]));
}

function dayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

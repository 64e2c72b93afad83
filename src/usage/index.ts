/**
 * Usage memory and feedback: which commands were answered, which went unanswered, what users
 * thought of the answers. Knows nothing about Discord; the bot passes plain events in.
 *
 * @example
 * import { openUsageStore } from './usage/index.js';
 * const usage = openUsageStore({ dataDir: 'data', salt: 'secret' });
 * usage.usageReport({ days: 14 }); // { days: [...14], topQueries, unanswered, downvoted }
 */
export { openUsageStore } from './store.js';
export { hashUser, foldQuery } from './fold.js';
export { emptyReport, reportWindow } from './report.js';
export { MIGRATIONS, SCHEMA_VERSION, migrate, type Migration } from './schema.js';
export { UsageFault, classifyFault } from './faults.js';
export type * from './types.js';
export { openConfiguredUsage } from './open.js';
export { sparkline } from './sparkline.js';
export { answerOutcome, type AnswerOutcome } from './outcome.js';

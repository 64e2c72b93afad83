/**
 * What each interaction costs from its user's token bucket, by name: slash commands by
 * command name, submitted forms by their action (a 追问 form is a question). Anything not
 * listed is free: /zone, /source, /stats, /help, paging and 原文 buttons, votes,
 * autocomplete. Those are single lookups over the index in memory; the listed ones run a
 * ranked search and rerank, render charts (/figure, /compare) or rebuild the index.
 */
export const COMMAND_COSTS: Readonly<Record<string, number>> = {
  ask: 1,
  figure: 1,
  // Two or more zones' figures and a bar chart.
  compare: 2,
  docs: 1,
  // Rebuilds the index; admin-only, but a double click should not run it twice in a row.
  reindex: 2,
  followup: 1,
};

/**
 * The tokens `name` costs.
 *
 * @example
 * costOf('ask'); // 1
 * costOf('help'); // 0
 */
export function costOf(name: string, costs: Readonly<Record<string, number>> = COMMAND_COSTS): number {
  return Object.hasOwn(costs, name) ? costs[name]! : 0;
}

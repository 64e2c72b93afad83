import { withFeedback } from './render/feedback.js';
import type { BotContext, ReplyView } from './types.js';

/** The option that holds a command's question or query, in the order commands name them. */
const QUERY_OPTIONS = ['question', 'query', 'name', 'metric', 'id'];

/**
 * Records an answered question in usage memory and, when the answer can be voted on, puts
 * 👍 / 👎 under it tied to that record. Views that are not answers to a question (help,
 * refusals, errors) carry no `usage` and are not recorded. Never throws: the store swallows
 * its own faults. The console records but offers no votes (it has no buttons to press).
 *
 * @example
 * const shown = recordAnswer(ctx, { userId, guildId }, 'ask', { question: '梅河口离长春有多远？' }, view, 12);
 */
export function recordAnswer(ctx: BotContext, who: { userId: string; guildId: string | null }, command: string, options: Record<string, unknown>, view: ReplyView, latencyMs: number, offerVotes = true): ReplyView {
  if (!ctx.usage?.enabled || !view.usage) return view;
  const key = QUERY_OPTIONS.find((name) => typeof options[name] === 'string');
  const rest = Object.fromEntries(Object.entries(options).filter(([name]) => name !== key));
  const id = ctx.usage.record({
    command,
    query: key ? String(options[key]) : '',
    options: rest,
    guildId: who.guildId,
    userId: who.userId,
    resultCount: view.results ?? 0,
    topCitation: view.usage.top,
    latencyMs,
    unanswered: view.usage.unanswered,
  });
  return id !== null && offerVotes && view.usage.votable ? withFeedback(view, id) : view;
}

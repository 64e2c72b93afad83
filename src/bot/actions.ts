import { renderAsk } from './render/ask.js';
import { COMMENT_FIELD, commentModal, renderComment, renderVote } from './render/feedback.js';
import { figureView } from './figure-view.js';
import { followUpModal, FOLLOW_UP_FIELD } from './render/followup.js';
import { renderSource } from './render/source.js';
import type { Delivery } from './reply.js';
import type { BotContext, ButtonAction, ModalView, ReplyView } from './types.js';

/** What pressing a button does: a view to show, or a form to open. */
export type ActionOutcome = { view: ReplyView; how: Delivery } | { modal: ModalView };

/**
 * What a button does: re-run the query it encodes (the index is in memory, so this is as
 * fast as reading a cache) and render the requested page, show a passage, open a form, or
 * count a vote of `userId`.
 *
 * @example
 * await performAction({ kind: 'ask', query: '梅河口', page: 1 }, ctx, userId); // { view: page 2 of /ask 梅河口, how: 'update' }
 * await performAction({ kind: 'followup', query: '梅河口离长春有多远？' }, ctx, userId); // { modal: 追问 form }
 */
export async function performAction(action: ButtonAction, ctx: BotContext, userId: string): Promise<ActionOutcome> {
  switch (action.kind) {
    case 'ask':
      return { view: renderAsk(ctx.search.ask(action.query), action), how: 'update' };
    case 'figure':
      return { view: await figureView(ctx, action), how: 'update' };
    case 'source':
      return action.open === 'new'
        ? { view: renderSource(ctx.search.source(action.passage), { ephemeral: true }), how: 'auto' }
        : { view: renderSource(ctx.search.source(action.passage), { ephemeral: false }), how: 'update' };
    case 'followup':
      return { modal: followUpModal(action.query) };
    case 'vote': {
      // A 👎 counts when pressed, even if the comment form is then dismissed.
      const outcome = ctx.usage?.vote({ answerId: action.answer, userId, vote: action.vote }) ?? null;
      if (action.vote === 'down' && outcome !== null) return { modal: commentModal(action.answer) };
      return { view: renderVote(outcome, action.vote), how: 'auto' };
    }
  }
}

/**
 * What a submitted form does. A follow-up is answered as a new public message, so the first
 * answer stays where it was and the conversation reads top to bottom; a 👎 comment is kept
 * with the vote.
 *
 * @example
 * performSubmit({ kind: 'followup', query: '梅河口离长春有多远？' }, { question: '珠海呢？' }, ctx, userId);
 */
export function performSubmit(action: ButtonAction, fields: Record<string, string>, ctx: BotContext, userId: string): ReplyView {
  if (action.kind === 'vote') {
    const comment = (fields[COMMENT_FIELD] ?? '').trim();
    return renderComment(comment !== '' && (ctx.usage?.addComment({ answerId: action.answer, userId, comment }) ?? false));
  }
  if (action.kind !== 'followup') throw new Error(`bot/actions: no form for ${action.kind}`);
  const answer = ctx.search.ask(fields[FOLLOW_UP_FIELD] ?? '', { after: action.query });
  return renderAsk(answer, { query: answer.query, page: 0 });
}

import { renderAsk } from './render/ask.js';
import { renderFigure } from './render/figure.js';
import { renderSource } from './render/source.js';
import type { Delivery } from './reply.js';
import type { BotContext, ButtonAction, ReplyView } from './types.js';

/**
 * What a button does: re-run the query it encodes (the index is in memory, so this is as
 * fast as reading a cache) and render the requested page, or show a passage.
 *
 * @example
 * performAction({ kind: 'ask', query: '梅河口', page: 1 }, ctx); // { view: page 2 of /ask 梅河口, how: 'update' }
 */
export function performAction(action: ButtonAction, ctx: BotContext): { view: ReplyView; how: Delivery } {
  switch (action.kind) {
    case 'ask':
      return { view: renderAsk(ctx.search.ask(action.query), action), how: 'update' };
    case 'figure':
      return { view: renderFigure(ctx.search.figure(action.query, { zone: action.zone, year: action.year }), action), how: 'update' };
    case 'source':
      return action.open === 'new'
        ? { view: renderSource(ctx.search.source(action.passage), { ephemeral: true }), how: 'auto' }
        : { view: renderSource(ctx.search.source(action.passage), { ephemeral: false }), how: 'update' };
  }
}

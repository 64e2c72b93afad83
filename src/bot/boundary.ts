import { randomBytes } from 'node:crypto';
import { UserError, describeError } from '../errors.js';
import { renderFailure, renderUserError } from './render/notices.js';
import type { Logger } from '../logger.js';
import type { BotContext, ReplyView } from './types.js';

/** What the interaction log line says about the request, before the outcome is known. */
export interface InteractionRecord {
  kind: 'command' | 'autocomplete' | 'button' | 'modal';
  command: string;
  options: Record<string, unknown>;
  userId: string;
  guildId?: string | null;
  /**
   * Discord's id of the interaction (`interaction.id`): bound to every line logged while it
   * runs, so one grep finds everything a request did. The console has none.
   */
  interactionId?: string;
}

/**
 * A short id users can quote and operators can grep for.
 *
 * @example
 * newErrorId(); // 'a3f09c1e'
 */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/**
 * The one error boundary of the bot and the console: runs `work`, writes exactly one log line
 * per interaction (command, options, user, latency, and what `work` reports such as the
 * result count, or the error id and the full error), and on a throw shows `onError` the
 * view to send: a `UserError`'s own message, or a generic one with the error id. It never
 * throws, so one failing interaction cannot stop the bot.
 *
 * `work` receives the interaction's logger: a child bound to `record.interactionId`, which
 * the handlers pass on (as `ctx.logger`) so their lines carry the id too.
 *
 * @example
 * await runBoundary(ctx, record, async (logger) => ({ results: 3 }), (view) => deliver(interaction, view, codec));
 */
export async function runBoundary(
  ctx: Pick<BotContext, 'logger'>,
  record: InteractionRecord,
  work: (logger: Logger) => Promise<Record<string, unknown>>,
  onError: (view: ReplyView) => Promise<void>,
): Promise<void> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  // The id comes from the child's bindings; spreading it again would write the key twice.
  const { interactionId, ...fields } = record;
  const logger = interactionId === undefined ? ctx.logger : ctx.logger.child({ interactionId });
  try {
    const outcome = await work(logger);
    logger.info('interaction', { ...fields, latencyMs: latencyMs(), ...outcome });
  } catch (error) {
    const errorId = newErrorId();
    const expected = error instanceof UserError;
    const view = expected ? renderUserError(error.userMessage) : renderFailure(errorId);
    let deliveryError: unknown;
    try {
      await onError(view);
    } catch (failure) {
      // The interaction may have expired or the token be invalid: nothing left to tell the user.
      deliveryError = describeError(failure);
    }
    const failed = { ...fields, latencyMs: latencyMs(), errorId, code: describeError(error).code, error: expected ? describeError(error) : error, ...(deliveryError ? { deliveryError } : {}) };
    if (expected) logger.warn('interaction', failed);
    else logger.error('interaction', failed);
  }
}

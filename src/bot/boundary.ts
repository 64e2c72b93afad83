import { randomBytes } from 'node:crypto';
import { UserError, describeError } from '../errors.js';
import { renderFailure, renderUserError } from './render/notices.js';
import type { BotContext, ReplyView } from './types.js';

/** What the interaction log line says about the request, before the outcome is known. */
export interface InteractionRecord {
  kind: 'command' | 'autocomplete' | 'button' | 'modal';
  command: string;
  options: Record<string, unknown>;
  userId: string;
  guildId?: string | null;
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
 * @example
 * await runBoundary(ctx, record, async () => ({ results: 3 }), (view) => deliver(interaction, view, codec));
 */
export async function runBoundary(
  ctx: Pick<BotContext, 'logger'>,
  record: InteractionRecord,
  work: () => Promise<Record<string, unknown>>,
  onError: (view: ReplyView) => Promise<void>,
): Promise<void> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    const outcome = await work();
    ctx.logger.info('interaction', { ...record, latencyMs: latencyMs(), ...outcome });
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
    const fields = { ...record, latencyMs: latencyMs(), errorId, code: describeError(error).code, error: expected ? describeError(error) : error, ...(deliveryError ? { deliveryError } : {}) };
    if (expected) ctx.logger.warn('interaction', fields);
    else ctx.logger.error('interaction', fields);
  }
}

import type { Config } from '../config.js';
import { createRateLimiter, type RateLimiter } from './bucket.js';
import { costOf } from './costs.js';
import { createWorkQueue, type WorkQueue } from './queue.js';

export { COMMAND_COSTS, costOf } from './costs.js';
export { createRateLimiter, type RateLimiter, type RateLimiterOptions, type TakeResult } from './bucket.js';
export { createWorkQueue, type Ticket, type WorkQueue, type WorkQueueOptions } from './queue.js';
export { renderBusy, renderSlowDown } from './notices.js';

/** The rate limiter and the work queue of one dispatcher (one process: replicas do not share them). */
export interface Limits {
  rate: RateLimiter;
  queue: WorkQueue;
  /** The tokens an interaction costs, by command or form name. */
  cost(name: string): number;
}

/**
 * The limits the configuration asks for: `RATE_LIMIT_PER_MINUTE` per user (0: none),
 * `MAX_IN_FLIGHT` commands at once, `MAX_QUEUE` waiting.
 *
 * @example
 * createDispatcher(ctx, codec, createLimits(config));
 */
export function createLimits(config: Pick<Config, 'rateLimitPerMinute' | 'maxInFlight' | 'maxQueue'>, options: { now?: () => number; costs?: Readonly<Record<string, number>> } = {}): Limits {
  return {
    rate: createRateLimiter({ perMinute: config.rateLimitPerMinute, now: options.now }),
    queue: createWorkQueue({ maxInFlight: config.maxInFlight, maxQueue: config.maxQueue }),
    cost: (name) => costOf(name, options.costs),
  };
}

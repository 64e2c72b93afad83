/**
 * The bound on work in progress: at most `maxInFlight` commands run at once, the next ones
 * wait in a first-come-first-served line of at most `maxQueue`, and beyond that a command is
 * refused at once. Refusing early keeps a burst from piling up into answers that arrive after
 * Discord has given up on them, and keeps memory bounded.
 */

export interface WorkQueueOptions {
  maxInFlight: number;
  maxQueue: number;
}

/** A place in the queue: running already, or waiting its turn. */
export interface Ticket {
  /** True when it had to wait in line (then the caller should tell Discord it is coming: defer). */
  readonly queued: boolean;
  /** Resolves when it may run. */
  readonly ready: Promise<void>;
  /** Frees the slot, or leaves the line if still waiting; call exactly once, in a `finally`. Idempotent. */
  release(): void;
}

export interface WorkQueue {
  /**
   * A ticket, or null when the line is full.
   *
   * @example
   * const ticket = queue.enter();
   * if (!ticket) return refuse();
   * try { await ticket.ready; await work(); } finally { ticket.release(); }
   */
  enter(): Ticket | null;
  /** Commands running now. */
  readonly running: number;
  /** Commands waiting for a slot. */
  readonly waiting: number;
}

interface Waiter {
  state: 'waiting' | 'running' | 'done';
  start: () => void;
}

/**
 * A FIFO queue with a fixed number of slots.
 *
 * @example
 * const queue = createWorkQueue({ maxInFlight: 8, maxQueue: 100 });
 */
export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  const maxInFlight = Math.max(1, options.maxInFlight);
  const maxQueue = Math.max(0, options.maxQueue);
  const line: Waiter[] = [];
  let running = 0;

  const next = () => {
    while (running < maxInFlight && line.length > 0) {
      const waiter = line.shift()!;
      waiter.state = 'running';
      running += 1;
      waiter.start();
    }
  };

  return {
    enter() {
      const immediate = running < maxInFlight && line.length === 0;
      if (!immediate && line.length >= maxQueue) return null;
      let start!: () => void;
      const ready = new Promise<void>((resolve) => (start = resolve));
      const waiter: Waiter = { state: 'waiting', start };
      if (immediate) {
        waiter.state = 'running';
        running += 1;
        start();
      } else {
        line.push(waiter);
      }
      return {
        queued: !immediate,
        ready,
        release() {
          if (waiter.state === 'running') {
            running -= 1;
            next();
          } else if (waiter.state === 'waiting') {
            line.splice(line.indexOf(waiter), 1);
          }
          waiter.state = 'done';
        },
      };
    },
    get running() {
      return running;
    },
    get waiting() {
      return line.length;
    },
  };
}

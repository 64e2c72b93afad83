import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LIMITS } from './render/limits.js';
import type { ButtonAction } from './types.js';

/**
 * Button custom ids. An action is written into the id itself (`1["f",1,"招商引资","梅河口",null]`)
 * so a button keeps working after a restart; when that does not fit Discord's 100 characters
 * (a long question) the id is a key into an in-memory cache instead, and a button whose key
 * is gone decodes to `null`, which the caller answers with “result expired”.
 *
 * The leading digit is the format version: ids from a future or past format decode to `null`
 * rather than to a wrong action.
 */
const VERSION = '1';

const page = z.number().int().min(0).max(10_000);
const text = z.string().max(500);
const wire = z.union([
  z.tuple([z.literal('a'), page, text]),
  z.tuple([z.literal('f'), page, text, text.nullable(), text.nullable()]),
  z.tuple([z.literal('g'), page, text, text.nullable(), text.nullable(), z.union([z.literal(0), z.literal(1)])]),
  z.tuple([z.literal('s'), text, z.enum(['n', 'h'])]),
  z.tuple([z.literal('u'), text]),
  z.tuple([z.literal('v'), z.number().int().positive(), z.enum(['u', 'd'])]),
  z.tuple([z.literal('k'), z.string().regex(/^[0-9a-z]{1,16}$/)]),
]);
type Wire = z.infer<typeof wire>;

function toWire(action: ButtonAction): Wire {
  switch (action.kind) {
    case 'ask':
      return ['a', action.page, action.query];
    case 'figure':
      return action.chart === undefined ? ['f', action.page, action.query, action.zone, action.year] : ['g', action.page, action.query, action.zone, action.year, action.chart ? 1 : 0];
    case 'source':
      return ['s', action.passage, action.open === 'new' ? 'n' : 'h'];
    case 'followup':
      return ['u', action.query];
    case 'vote':
      return ['v', action.answer, action.vote === 'up' ? 'u' : 'd'];
  }
}

function fromWire(w: Exclude<Wire, ['k', string]>): ButtonAction {
  switch (w[0]) {
    case 'a':
      return { kind: 'ask', page: w[1], query: w[2] };
    case 'f':
      return { kind: 'figure', page: w[1], query: w[2], zone: w[3], year: w[4] };
    case 'g':
      return { kind: 'figure', page: w[1], query: w[2], zone: w[3], year: w[4], chart: w[5] === 1 };
    case 's':
      return { kind: 'source', passage: w[1], open: w[2] === 'n' ? 'new' : 'here' };
    case 'u':
      return { kind: 'followup', query: w[1] };
    case 'v':
      return { kind: 'vote', answer: w[1], vote: w[2] === 'u' ? 'up' : 'down' };
  }
}

export interface ButtonCodec {
  encode(action: ButtonAction): string;
  /** The action behind a custom id, or `null` when it expired or was never ours. */
  decode(customId: string): ButtonAction | null;
}

/**
 * A codec with its own cache of at most `capacity` long actions (oldest dropped first).
 *
 * @example
 * const codec = createButtonCodec();
 * codec.decode(codec.encode({ kind: 'ask', query: '梅河口', page: 1 })); // { kind: 'ask', query: '梅河口', page: 1 }
 * codec.decode('garbage'); // null
 */
export function createButtonCodec(capacity = 5000): ButtonCodec {
  const cache = new Map<string, ButtonAction>();
  return {
    encode(action) {
      const inline = VERSION + JSON.stringify(toWire(action));
      if (inline.length <= LIMITS.customId) return inline;
      const key = randomBytes(6).toString('hex');
      cache.set(key, action);
      if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      return VERSION + JSON.stringify(['k', key]);
    },
    decode(customId) {
      if (!customId.startsWith(VERSION)) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(customId.slice(VERSION.length));
      } catch {
        return null;
      }
      const result = wire.safeParse(parsed);
      if (!result.success) return null;
      const w = result.data;
      return w[0] === 'k' ? (cache.get(w[1]) ?? null) : fromWire(w);
    },
  };
}

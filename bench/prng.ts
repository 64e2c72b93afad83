/**
 * A small seeded PRNG, so synthetic corpora and query lists are the same on every run and
 * two runs of the bench measure the same work.
 */

/** Random source returning floats in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: 32-bit state, good enough spread for perturbing numbers and shuffling.
 *
 * @example
 * const random = seeded(42);
 * random(); // 0.6011037519201636, on every run
 */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fisher–Yates shuffle into a new array.
 *
 * @example
 * shuffled([1, 2, 3, 4], seeded(1)); // [4, 2, 1, 3]
 */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * One item, picked uniformly.
 *
 * @example
 * pick(['a', 'b'], seeded(3)); // 'b'
 */
export function pick<T>(items: readonly T[], random: Random): T {
  if (items.length === 0) throw new Error('bench/prng: pick from an empty list');
  return items[Math.floor(random() * items.length)]!;
}

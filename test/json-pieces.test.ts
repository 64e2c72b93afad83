import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { jsonPieces } from '../src/search/json-pieces.js';

const joined = (value: unknown, size?: number, depth?: number) => [...jsonPieces(value, size, depth)].join('');

describe('jsonPieces', () => {
  it.each([
    ['nested object', { a: [1, 2, { b: 'x' }], c: { d: null } }],
    ['undefined and functions left out of objects, null in arrays', { a: undefined, b: [undefined, () => 1, 2], c: () => 1 }],
    ['toJSON at the top and inside', { when: new Date(0), inner: { toJSON: () => ({ z: 1 }) } }],
    ['strings that need escaping', { '引"号': '换\n行\u2028', list: ['\\', '\u0000'] }],
    ['empty containers', { a: [], b: {}, c: '' }],
    ['a bare array', [1, 'two', [3, [4]]]],
    ['a scalar', 141.5],
  ])('joins to JSON.stringify: %s', (_name, value) => {
    expect(joined(value)).toBe(JSON.stringify(value));
    expect(joined(value, 1, 5)).toBe(JSON.stringify(value));
  });

  it('joins to JSON.stringify for any JSON value, piece size and depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 4 }), (value, size, depth) => {
        expect(joined(value, size, depth)).toBe(JSON.stringify(value));
      }),
    );
  });

  it('serialises a MiniSearch index exactly as JSON.stringify does, in bounded pieces', () => {
    const index = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });
    index.addAll(Array.from({ length: 2000 }, (_, i) => ({ id: `p${i}`, text: `term${i % 97} other${i % 13} 园区${i}` })));
    const pieces = [...jsonPieces(index, 4096)];
    expect(pieces.join('')).toBe(JSON.stringify(index));
    expect(pieces.length).toBeGreaterThan(10);
    // A piece exceeds the size only by the last member added to it.
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(4096 * 2);
  });
});

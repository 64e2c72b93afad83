import { describe, expect, it } from 'vitest';
import { createButtonCodec } from '../src/bot/codec.js';
import type { ButtonAction } from '../src/bot/types.js';

describe('button custom ids', () => {
  const actions: ButtonAction[] = [
    { kind: 'ask', query: '梅河口离长春有多远？', page: 1 },
    { kind: 'figure', query: '招商引资', zone: '梅河口', year: null, page: 2 },
    { kind: 'figure', query: '地区生产总值', zone: null, year: '2020', page: 0 },
    { kind: 'source', passage: '000_2948f0920b1045a6.txt#3', open: 'new' },
    { kind: 'source', passage: '004_578be0ae33821603.txt#12', open: 'here' },
  ];

  it.each(actions)('carry short actions themselves, so they survive a restart: %j', (action) => {
    const id = createButtonCodec().encode(action);
    expect(id.length).toBeLessThanOrEqual(100);
    // A different codec instance stands for the bot after a restart.
    expect(createButtonCodec().decode(id)).toEqual(action);
  });

  it('key long actions into the cache, which a restart empties: they then expire cleanly', () => {
    const codec = createButtonCodec();
    const action: ButtonAction = { kind: 'ask', query: '梅河口高新区'.repeat(30), page: 3 };
    const id = codec.encode(action);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(codec.decode(id)).toEqual(action);
    expect(createButtonCodec().decode(id)).toBeNull();
  });

  it('forget the oldest long actions beyond capacity', () => {
    const codec = createButtonCodec(2);
    const long = (page: number): ButtonAction => ({ kind: 'ask', query: 'x'.repeat(200), page });
    const ids = [0, 1, 2].map((p) => codec.encode(long(p)));
    expect(codec.decode(ids[0]!)).toBeNull();
    expect(codec.decode(ids[2]!)).toEqual(long(2));
  });

  it.each(['', 'garbage', '0["a",1,"q"]', '1["a",-1,"q"]', '1["z",1]', '1{"kind":"ask"}', '1["k","../../etc"]', '1["a",1,"q"', '1' + 'x'.repeat(99)])(
    'decode foreign, old or broken ids to null, never throw: %j',
    (id) => {
      expect(createButtonCodec().decode(id)).toBeNull();
    },
  );
});

/**
 * JSON text of a large value in pieces of about `size` characters, for writing a big index
 * without ever holding it as one string. The value's own properties and array elements are
 * stringified one by one and batched, so every string made is small: V8 allocates small
 * strings in its young generation and frees them in the next scavenge, whereas one string of
 * tens of megabytes (and its UTF-8 copy for the write) sits in the large-object space until a
 * full collection.
 *
 * The pieces join to exactly `JSON.stringify(value)` for plain data: objects and arrays are
 * opened up to `depth` levels (after `toJSON`, which MiniSearch defines), `undefined` members
 * are left out of objects and become `null` in arrays, as `JSON.stringify` does.
 *
 * @example
 * [...jsonPieces({ a: [1, 2], b: 'x' })].join(''); // '{"a":[1,2],"b":"x"}'
 */
export function* jsonPieces(value: unknown, size = 64 * 1024, depth = 2): Generator<string> {
  let batch = '';
  for (const piece of open(value, depth)) {
    batch += piece;
    if (batch.length >= size) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

function* open(value: unknown, depth: number): Generator<string> {
  const plain = typeof (value as { toJSON?: unknown } | null)?.toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
  if (depth === 0 || plain === null || typeof plain !== 'object') {
    yield JSON.stringify(plain) ?? 'null';
    return;
  }
  if (Array.isArray(plain)) {
    yield '[';
    for (const [i, element] of plain.entries()) {
      if (i > 0) yield ',';
      yield* open(element === undefined || typeof element === 'function' ? null : element, depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, member] of Object.entries(plain)) {
    if (member === undefined || typeof member === 'function') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* open(member, depth - 1);
  }
  yield '}';
}

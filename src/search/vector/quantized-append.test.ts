// QuantizedBlocks.append's branch-free code, scale and int8 copy against the plain formulas (the sign
// of v·scale, Math.round of unit/step): the same bytes for ordinary, zero, tiny, huge, infinite, NaN,
// short and long vectors.
import { describe, expect, it } from 'vitest';
import { QuantizedBlocks } from './quantized-blocks.js';

function reference(vector: Float32Array, dimension: number) {
  let norm = 0;
  for (const value of vector) norm += value * value;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const codes = new Uint32Array(Math.ceil(dimension / 32));
  const unit = new Float32Array(dimension);
  let largest = 0;
  for (let component = 0; component < dimension; component++) {
    const value = vector[component] * scale;
    unit[component] = value;
    if (Math.abs(value) > largest) largest = Math.abs(value);
    if (value > 0) codes[component >>> 5] |= 1 << (component & 31);
  }
  const step = largest > 0 ? largest / 127 : 1;
  const scalars = Int8Array.from(unit, (value) => Math.round(value / step));
  return { codes, scalars, scale: new Float32Array([step]) };
}

const specials = [0, -0, Number.NaN, Infinity, -Infinity, 1e-45, -1e-45, 3e38, -3e38, 1e-30, 0.5, -0.5];

describe('QuantizedBlocks.append', () => {
  it('stores the same code, scale and int8 copy as the plain formulas', () => {
    let state = 9;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    for (const dimension of [384, 100, 33]) {
      const blocks = new QuantizedBlocks(dimension, true, 1024);
      const expected: ReturnType<typeof reference>[] = [];
      for (let count = 0; count < 600; count++) {
        const length = [dimension, dimension - 3, dimension + 5][count % 3];
        const vector = new Float32Array(length);
        for (let component = 0; component < length; component++)
          vector[component] =
            next() < 0.1 * (count % 4)
              ? specials[Math.floor(next() * specials.length)]
              : (next() - 0.5) * 10 ** (next() * 8 - 4);
        if (count % 11 === 0) vector.fill(0);
        blocks.append(count, vector);
        expected.push(reference(vector, dimension));
      }
      const [block] = blocks.export(false);
      const words = Math.ceil(dimension / 32);
      expected.forEach(({ codes, scalars, scale }, slot) => {
        expect(block.codes.subarray(slot * words, (slot + 1) * words)).toEqual(codes);
        expect(block.scalars.subarray(slot * dimension, (slot + 1) * dimension)).toEqual(scalars);
        expect(block.scales.subarray(slot, slot + 1)).toEqual(scale);
      });
    }
  });
});
